//! Steering the federation: goals with KPIs measured from monthly figures
//! (`figures`, `goals`), the forums of the collaboration model with their
//! seats, meetings, proposals and weighted votes (`forums`, `proposals`),
//! the reports people meet over (`reports`) and the förbundschef's
//! overview (`overview`).
//!
//! Who reads what: goals, forums, proposals and the decision log are the
//! federation's, read by staff, by every member's orderers and strategists
//! and by whoever holds a seat; a member's figures and reports are read by
//! staff and that member's orderers and strategists; a service-level
//! meeting and its decisions by staff and that member's people. Managers
//! and admins set goals and forums up; only a seat's holder votes in it.

pub mod figures;
pub mod forums;
pub mod goals;
pub mod overview;
pub mod proposals;
pub mod reports;

pub use samdrift_store::steering::forums::{ForumRecord, MeetingRecord, SeatRecord};
pub use samdrift_store::steering::goals::{GoalRecord, KpiRecord};
pub use samdrift_store::steering::proposals::{
    DecisionRecord, ProposalEventRecord, ProposalRecord, VoteRecord,
};
pub use samdrift_store::steering::reports::ArchivedReportRow;

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::{MemberFilter, Scope};

/// Whether the caller reads the federation's steering at all.
pub(crate) fn reads_steering(scope: &Scope) -> bool {
    scope.is_staff()
        || scope
            .member_roles
            .iter()
            .any(|(_, r)| matches!(r, MemberRole::Orderer | MemberRole::Strategist))
}

/// The members whose figures and reports the caller reads.
pub(crate) fn figure_members(scope: &Scope) -> MemberFilter {
    scope.register_members()
}

pub(crate) fn require_steering_admin(scope: &Scope) -> Result<(), AppError> {
    if scope.may_manage_registers() {
        Ok(())
    } else {
        Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.steering_manage"
        )))
    }
}

impl App {
    /// Whether the caller reads steering: by role, or by holding a seat.
    pub(crate) async fn require_steering_reader(&self, scope: &Scope) -> Result<(), AppError> {
        if reads_steering(scope) || self.holds_a_seat(scope).await? {
            Ok(())
        } else {
            Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.steering"
            )))
        }
    }

    async fn holds_a_seat(&self, scope: &Scope) -> Result<bool, AppError> {
        Ok(self
            .store
            .seats(None)
            .await?
            .iter()
            .any(|s| s.account_id == Some(scope.account.0)))
    }

    /// A member whose figures the caller reads, by code; unknown and out
    /// of reach look the same.
    pub(crate) async fn figure_member(
        &self,
        scope: &Scope,
        code: &str,
    ) -> Result<samdrift_store::registers::members::MemberRecord, AppError> {
        match self.store.member_by_code(code).await? {
            Some(m) if figure_members(scope).allows(MemberId(m.id)) => Ok(m),
            _ => Err(AppError::NotFound("member")),
        }
    }
}

impl App {
    /// Every member's code and name, for naming the members a proposal
    /// affects (the federation's members are known to all its readers).
    pub async fn member_names(&self, scope: &Scope) -> Result<Vec<(String, String)>, AppError> {
        self.require_steering_reader(scope).await?;
        Ok(self
            .store
            .list_members(&crate::demo::system_scope())
            .await?
            .into_iter()
            .map(|m| (m.code, m.name))
            .collect())
    }
}
