//! The gate every browser login passes: an account that holds a member
//! role in a member with a published user agreement, and has not accepted
//! its current version, is asked to accept it before anything else.
//!
//! [`App::pending_user_agreements`] is the one place that decides. Every
//! login opens its session through `App::open_session`, which asks it (a
//! single sign-on added later gets the gate by opening its session the
//! same way), and every request on a session asks it again through
//! `App::authenticate_session` (remembered for at most two seconds, and
//! forgotten at once when an agreement is published or accepted). The
//! pages send such a session to the agreement page; the API answers a
//! session's requests with 403 until it accepts. Bearer tokens are not
//! gated: they are made by users who signed in, or by admins for
//! integrations.

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::Scope;
use samdrift_domain::user_agreement::{check_acceptance, members_to_accept};
use samdrift_store::user_agreements::PendingAgreementRow;

/// An acceptance of the caller's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub member_id: MemberId,
    pub version: i64,
    /// When it was recorded (the first time, if accepted twice).
    pub accepted_at: i64,
}

impl App {
    /// The user agreements `scope`'s account has still to accept, by
    /// member code: the current version of each member in which it holds
    /// a member role, unless accepted. Staff without member roles have
    /// none (and cost no query).
    pub async fn pending_user_agreements(
        &self,
        scope: &Scope,
    ) -> Result<Vec<PendingAgreementRow>, AppError> {
        if members_to_accept(scope).is_empty() {
            return Ok(Vec::new());
        }
        Ok(self.store.pending_user_agreements(scope.account).await?)
    }

    /// The members whose agreement `scope` has still to accept.
    pub(crate) async fn pending_members(&self, scope: &Scope) -> Result<Vec<MemberId>, AppError> {
        Ok(self
            .pending_user_agreements(scope)
            .await?
            .into_iter()
            .map(|p| MemberId(p.member_id))
            .collect())
    }

    /// Records that the caller accepts `version` of `member`'s agreement.
    /// Only a member in which the caller holds a member role, with a
    /// published agreement, is found; only its current version is
    /// accepted (409 naming the current one otherwise); accepting it again
    /// changes nothing.
    pub async fn accept_user_agreement(
        &self,
        scope: &Scope,
        member: MemberId,
        version: i64,
    ) -> Result<Acceptance, AppError> {
        if !members_to_accept(scope).contains(&member) {
            return Err(AppError::NotFound("user agreement"));
        }
        let current = self
            .store
            .current_user_agreement(member)
            .await?
            .ok_or(AppError::NotFound("user agreement"))?;
        check_acceptance(current.version, version).map_err(AppError::Conflict)?;
        let stored = self
            .store
            .accept_user_agreement(member, scope.account, version, self.now_micros())
            .await?;
        if stored {
            self.accounts_changed();
        }
        match self
            .store
            .accepted_at(member, scope.account, version)
            .await?
        {
            Some(accepted_at) => Ok(Acceptance {
                member_id: member,
                version,
                accepted_at,
            }),
            None => {
                // A newer version was published in between.
                let newest = self.store.current_user_agreement(member).await?;
                Err(AppError::Conflict(samdrift_domain::msg!(
                    "user_agreement.not_current",
                    version = version,
                    current = newest.map_or(version, |c| c.version)
                )))
            }
        }
    }
}
