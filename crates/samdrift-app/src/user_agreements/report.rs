//! Who accepted which version of a member's user agreement, and when, and
//! who has not accepted the current one: for managers and admins about
//! every member, and for a member's own orderers and strategists about
//! their member. A member outside the caller's scope is not found; a
//! member the caller reads but may not report on is forbidden.

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::Scope;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::user_agreements::{AcceptanceRecord, MemberAccountRow, UserAgreementRecord};
use uuid::Uuid;

/// One account holding a role in the member, and what it accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountAcceptance {
    pub account_id: Uuid,
    pub username: String,
    /// The account's person, when the person belongs to the member.
    pub person_name: Option<String>,
    pub disabled: bool,
    /// Its roles in the member.
    pub roles: Vec<MemberRole>,
    /// The newest version it accepted, and when.
    pub accepted_version: Option<i64>,
    pub accepted_at: Option<i64>,
    /// Whether that is the current version.
    pub accepted_current: bool,
}

/// A member's acceptance report.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptanceReport {
    pub member: MemberRecord,
    /// The current version (None: the member has published none).
    pub current: Option<UserAgreementRecord>,
    /// Every account with a role in the member, by username.
    pub accounts: Vec<AccountAcceptance>,
    /// Every acceptance of every version, in the order made.
    pub history: Vec<AcceptanceRecord>,
}

impl AcceptanceReport {
    /// How many accounts accepted the current version.
    pub fn accepted(&self) -> usize {
        self.accounts.iter().filter(|a| a.accepted_current).count()
    }

    /// How many accounts have not (all of them while none is published).
    pub fn not_accepted(&self) -> usize {
        self.accounts.len() - self.accepted()
    }
}

/// The report's accounts from the store's rows and the member's roles.
fn accounts(
    rows: Vec<MemberAccountRow>,
    roles: &[(Uuid, MemberRole)],
    current: Option<i64>,
) -> Vec<AccountAcceptance> {
    rows.into_iter()
        .map(|r| AccountAcceptance {
            roles: roles
                .iter()
                .filter(|(a, _)| *a == r.account_id)
                .map(|(_, role)| *role)
                .collect(),
            accepted_current: current.is_some() && r.accepted_version == current,
            account_id: r.account_id,
            username: r.username,
            person_name: r.person_name,
            disabled: r.disabled,
            accepted_version: r.accepted_version,
            accepted_at: r.accepted_at,
        })
        .collect()
}

impl App {
    /// The acceptance report of `member`.
    pub async fn agreement_acceptances(
        &self,
        scope: &Scope,
        member: MemberId,
    ) -> Result<AcceptanceReport, AppError> {
        let member = self
            .store
            .get_member(scope, member)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        let id = MemberId(member.id);
        if !scope.may_read_agreement_acceptances(id) {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.user_agreement_acceptances"
            )));
        }
        let current = self.store.current_user_agreement(id).await?;
        let roles: Vec<(Uuid, MemberRole)> = self
            .store
            .member_role_rows(id)
            .await?
            .into_iter()
            .filter_map(|r| r.role.parse().ok().map(|role| (r.account_id, role)))
            .collect();
        let rows = self.store.member_accounts_with_acceptance(id).await?;
        let history = self.store.acceptances_of_member(id).await?;
        Ok(AcceptanceReport {
            accounts: accounts(rows, &roles, current.as_ref().map(|c| c.version)),
            member,
            current,
            history,
        })
    }
}
