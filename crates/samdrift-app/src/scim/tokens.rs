//! A member's SCIM tokens: an administrator creates one (its secret is
//! shown once), lists and revokes them; the SCIM endpoints take one as
//! their bearer token, and it reaches that member's people and groups
//! only. Only the SHA-256 of a secret is kept.

use super::ScimCaller;
use crate::auth::{random_secret, sha256_hex};
use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::scim::ScimTokenRecord;
use uuid::Uuid;

/// A token as listed: never its secret.
pub type ScimToken = ScimTokenRecord;

/// A token just made, with its secret (shown only now).
#[derive(Debug, Clone)]
pub struct IssuedScimToken {
    pub token: String,
    pub record: ScimTokenRecord,
}

/// A token's last use is written at most once a minute.
const TOUCH_MICROS: i64 = 60_000_000;

impl App {
    /// The member of `code` for an administrator; another caller is
    /// refused (403), a member the caller cannot see is not found.
    async fn member_for_scim_tokens(
        &self,
        scope: &Scope,
        code: &str,
    ) -> Result<MemberRecord, AppError> {
        let member = self.member_in_scope(scope, code).await?;
        if !scope.is_admin() {
            return Err(AppError::Forbidden(msg!("forbidden.scim_tokens")));
        }
        Ok(member)
    }

    pub async fn create_scim_token(
        &self,
        scope: &Scope,
        code: &str,
        name: &str,
    ) -> Result<IssuedScimToken, AppError> {
        let member = self.member_for_scim_tokens(scope, code).await?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::invalid(
                "name",
                msg!("field.length", min = 1, max = 100),
            ));
        }
        let token = format!("scim_{}", random_secret());
        let record = ScimTokenRecord {
            id: new_id(self.clock.as_ref()),
            member_id: member.id,
            name: name.to_owned(),
            created_at: self.now_micros(),
            created_by: (!scope.account.0.is_nil()).then_some(scope.account.0),
            last_used_at: None,
            revoked_at: None,
        };
        self.store
            .insert_scim_token(&record, &sha256_hex(token.as_bytes()))
            .await?;
        Ok(IssuedScimToken { token, record })
    }

    pub async fn scim_tokens(&self, scope: &Scope, code: &str) -> Result<Vec<ScimToken>, AppError> {
        let member = self.member_for_scim_tokens(scope, code).await?;
        Ok(self.store.scim_tokens(member.id).await?)
    }

    /// Revokes a member's token: it stops at once (SCIM tokens are not
    /// cached).
    pub async fn revoke_scim_token(
        &self,
        scope: &Scope,
        code: &str,
        id: Uuid,
    ) -> Result<(), AppError> {
        let member = self.member_for_scim_tokens(scope, code).await?;
        if self
            .store
            .revoke_scim_token(member.id, id, self.now_micros())
            .await?
        {
            Ok(())
        } else {
            Err(AppError::NotFound("token"))
        }
    }

    /// The caller a SCIM bearer token stands for.
    pub async fn authenticate_scim(&self, token: &str) -> Result<ScimCaller, AppError> {
        let now = self.now_micros();
        let found = self
            .store
            .scim_token_member(&sha256_hex(token.as_bytes()), now, now - TOUCH_MICROS)
            .await?;
        found
            .map(|(token, member)| ScimCaller { token, member })
            .ok_or(AppError::Unauthenticated)
    }
}
