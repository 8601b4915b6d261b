//! What is about to end: agreements and API tokens, and the claim that
//! each is told of once.

use crate::{Store, StoreError};
use uuid::Uuid;

/// An agreement ending on `valid_to` (a date, `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EndingAgreement {
    pub member_id: Uuid,
    pub id: Uuid,
    pub name: String,
    pub valid_to: String,
}

/// An API token expiring at `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExpiringToken {
    pub id: Uuid,
    pub account_id: Uuid,
    pub name: String,
    pub expires_at: i64,
}

impl Store {
    /// Agreements whose last day is in [`from`, `to`] (dates).
    pub async fn agreements_ending(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<EndingAgreement>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, EndingAgreement>(
            "SELECT member_id, id, name, valid_to FROM agreements WHERE valid_to >= $1 AND valid_to <= $2",
        ).bind(from).bind(to).fetch_all(p).await?))
    }

    /// Tokens of enabled accounts expiring in (`now`, `until`].
    pub async fn tokens_expiring(
        &self,
        now: i64,
        until: i64,
    ) -> Result<Vec<ExpiringToken>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ExpiringToken>(
            "SELECT t.id, t.account_id, t.name, t.expires_at FROM api_tokens t JOIN accounts a ON a.id = t.account_id \
             WHERE t.expires_at > $1 AND t.expires_at <= $2 AND NOT a.disabled",
        ).bind(now).bind(until).fetch_all(p).await?))
    }

    /// Claims telling of `subject`; true for exactly one caller.
    pub async fn claim_expiry_notice(&self, subject: &str, at: i64) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("INSERT INTO expiry_notices (subject, at) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING")
                .bind(subject).bind(at).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }
}
