//! User agreements (användaravtal): each member's agreement in versions,
//! Swedish and English; administrators publish a new version, everyone
//! with a role in the member reads it, and the accounts holding a member
//! role accept its current version before they use the service through a
//! browser session (`gate.rs`). Who accepted what and when is a report for
//! managers, admins and the member's own orderers and strategists
//! (`report.rs`). The rules of versions and acceptance are the domain's
//! (`samdrift_domain::user_agreement`).

mod gate;
mod report;

pub use gate::Acceptance;
pub use report::{AcceptanceReport, AccountAcceptance};

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::Scope;
use samdrift_domain::user_agreement::{check_texts, next_version};
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::user_agreements::{CurrentVersionRow, UserAgreementRecord};

/// A new version to publish.
#[derive(Debug, Clone)]
pub struct NewUserAgreement {
    pub text_sv: String,
    pub text_en: String,
    /// The version its publisher read (0: the member had none); refused
    /// when another was published since.
    pub read_version: i64,
}

/// A member with its current version, if it has one.
#[derive(Debug, Clone)]
pub struct MemberAgreement {
    pub member: MemberRecord,
    pub current: Option<CurrentVersionRow>,
}

impl App {
    /// A member the caller reads, or not found (unknown and out of scope
    /// look the same).
    async fn agreement_member(
        &self,
        scope: &Scope,
        member: MemberId,
    ) -> Result<MemberRecord, AppError> {
        self.store
            .get_member(scope, member)
            .await?
            .ok_or(AppError::NotFound("member"))
    }

    /// Publishes a new version of `member`'s agreement (administrators
    /// only). Every account holding a member role there is asked to accept
    /// it at its next page, on every node within two seconds.
    pub async fn publish_user_agreement(
        &self,
        scope: &Scope,
        member: MemberId,
        new: NewUserAgreement,
    ) -> Result<UserAgreementRecord, AppError> {
        if !scope.is_admin() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.user_agreement_publish"
            )));
        }
        let member = self.agreement_member(scope, member).await?;
        check_texts(&new.text_sv, &new.text_en).map_err(AppError::Invalid)?;
        let id = MemberId(member.id);
        let current = self.store.current_user_agreement(id).await?;
        let version = next_version(current.map(|c| c.version), new.read_version)
            .map_err(AppError::Conflict)?;
        let record = UserAgreementRecord {
            member_id: member.id,
            version,
            text_sv: new.text_sv,
            text_en: new.text_en,
            published_at: self.now_micros(),
            published_by: scope.account.0,
            published_by_username: scope.username.clone(),
        };
        if !self.store.publish_user_agreement(&record).await? {
            let now = self.store.current_user_agreement(id).await?;
            let refusal = next_version(now.map(|c| c.version), new.read_version)
                .err()
                .unwrap_or_else(|| {
                    samdrift_domain::msg!("user_agreement.published_meanwhile", current = version)
                });
            return Err(AppError::Conflict(refusal));
        }
        self.accounts_changed();
        Ok(record)
    }

    /// The versions of `member`'s agreement, newest first, for anyone who
    /// reads the member.
    pub async fn user_agreement_versions(
        &self,
        scope: &Scope,
        member: MemberId,
    ) -> Result<(MemberRecord, Vec<UserAgreementRecord>), AppError> {
        let member = self.agreement_member(scope, member).await?;
        let versions = self
            .store
            .user_agreement_versions(MemberId(member.id))
            .await?;
        Ok((member, versions))
    }

    /// The current version of `member`'s agreement; not found when the
    /// member has none (or is not the caller's).
    pub async fn current_user_agreement(
        &self,
        scope: &Scope,
        member: MemberId,
    ) -> Result<(MemberRecord, UserAgreementRecord), AppError> {
        let member = self.agreement_member(scope, member).await?;
        let current = self
            .store
            .current_user_agreement(MemberId(member.id))
            .await?
            .ok_or(AppError::NotFound("user agreement"))?;
        Ok((member, current))
    }

    /// Every member with its current version, for the administration
    /// pages (managers and admins).
    pub async fn user_agreement_overview(
        &self,
        scope: &Scope,
    ) -> Result<Vec<MemberAgreement>, AppError> {
        if !scope.may_manage_registers() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.user_agreements"
            )));
        }
        let current = self.store.current_user_agreement_versions().await?;
        let members = self.store.list_members(scope).await?;
        Ok(members
            .into_iter()
            .map(|member| MemberAgreement {
                current: current.iter().find(|c| c.member_id == member.id).cloned(),
                member,
            })
            .collect())
    }
}
