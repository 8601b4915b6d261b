//! Single sign-on: logins waiting for the provider's answer, the accounts
//! a provider's claim may name, and what a session remembers of its
//! provider.

use crate::{Store, StoreError};
use uuid::Uuid;

/// A login begun at a provider, waiting for the browser to come back.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SsoLoginRecord {
    pub state_hash: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// An account a provider's claim may name, with what decides whether it
/// may sign in that way.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SsoCandidateRecord {
    pub account_id: Uuid,
    pub disabled: bool,
    pub staff_role: Option<String>,
    /// The account holds a role in the provider's member (always true for
    /// the federation's provider).
    pub in_member: bool,
}

/// What a provider's claim is matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoMatch<'a> {
    /// A person's e-mail (lower case), or an account's username.
    Email(&'a str),
    /// A person's key in the HR system (their employee number).
    EmployeeNumber(&'a str),
    /// The keyed hash of a person's personnummer.
    PersonnummerHash(&'a str),
}

/// The accounts linked to the people a claim names, in the provider's
/// member (`$2`; NULL for the federation's provider). `{PEOPLE}` is the
/// condition on `p`.
const CANDIDATES: &str = "\
    SELECT a.id AS account_id, a.disabled, a.staff_role, \
           ($2 IS NULL OR EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND r.member_id = $2)) AS in_member \
    FROM people p JOIN accounts a ON a.person_member_id = p.member_id AND a.person_id = p.id \
    WHERE {PEOPLE} AND p.ended_at IS NULL AND ($2 IS NULL OR p.member_id = $2)";

/// Accounts whose username is the e-mail: a person's account made before
/// the person came from a source, or held across members.
const BY_USERNAME: &str = "\
    SELECT a.id AS account_id, a.disabled, a.staff_role, \
           ($2 IS NULL OR EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND r.member_id = $2)) AS in_member \
    FROM accounts a WHERE a.username = $1";

impl Store {
    pub async fn insert_sso_login(&self, r: &SsoLoginRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO sso_logins (state_hash, provider, nonce, pkce_verifier, next_path, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&r.state_hash).bind(&r.provider).bind(&r.nonce).bind(&r.pkce_verifier)
            .bind(&r.next_path).bind(r.created_at).bind(r.expires_at)
            .execute(p).await?;
        });
        Ok(())
    }

    /// Takes the waiting login with this state: it is deleted by the same
    /// statement that reads it, so a second callback with the same state
    /// (on any node) finds nothing.
    pub async fn take_sso_login(
        &self,
        state_hash: &str,
    ) -> Result<Option<SsoLoginRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SsoLoginRecord>(
            "DELETE FROM sso_logins WHERE state_hash = $1 \
             RETURNING state_hash, provider, nonce, pkce_verifier, next_path, created_at, expires_at",
        ).bind(state_hash).fetch_optional(p).await?))
    }

    /// Deletes logins that expired before `now`; the sweep calls this.
    pub async fn forget_sso_logins_before(&self, now: i64) -> Result<u64, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("DELETE FROM sso_logins WHERE expires_at <= $1")
                .bind(now).execute(p).await?;
            Ok(r.rows_affected())
        })
    }

    /// The accounts a provider's claim may name, in `member` (None: the
    /// federation's provider, every member).
    pub async fn sso_candidates(
        &self,
        member: Option<Uuid>,
        by: SsoMatch<'_>,
    ) -> Result<Vec<SsoCandidateRecord>, StoreError> {
        let (people, value, with_username) = match by {
            SsoMatch::Email(e) => ("p.email = $1", e, true),
            SsoMatch::EmployeeNumber(n) => ("p.source = 'hr' AND p.source_key = $1", n, false),
            SsoMatch::PersonnummerHash(h) => ("p.pnr_hash = $1", h, false),
        };
        let mut sql = CANDIDATES.replace("{PEOPLE}", people);
        if with_username {
            sql = format!("{sql} UNION {BY_USERNAME}");
        }
        on_pool!(self, p => Ok(sqlx::query_as::<_, SsoCandidateRecord>(sqlx::AssertSqlSafe(sql.clone()))
            .bind(value).bind(member).fetch_all(p).await?))
    }

    /// Notes on a session the provider it was opened through and the ID
    /// token it came with (for signing out there too).
    pub async fn set_session_provider(
        &self,
        token_hash: &str,
        provider: &str,
        id_token: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("UPDATE sessions SET sso_provider = $2, sso_id_token = $3 WHERE token_hash = $1")
                .bind(token_hash).bind(provider).bind(id_token).execute(p).await?;
        });
        Ok(())
    }

    /// The provider a session was opened through and its ID token, if any.
    pub async fn session_provider(
        &self,
        token_hash: &str,
    ) -> Result<Option<(String, Option<String>)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, (String, Option<String>)>(
            "SELECT sso_provider, sso_id_token FROM sessions WHERE token_hash = $1 AND sso_provider IS NOT NULL",
        ).bind(token_hash).fetch_optional(p).await?))
    }
}
