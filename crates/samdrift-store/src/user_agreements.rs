//! User agreements (användaravtal): each member's versions and who accepted
//! which version when. Every function takes the member the use case has
//! resolved through the caller's scope (or the account the caller is) and
//! filters on it in SQL. A version is inserted only on top of the version
//! its publisher read, and an acceptance only of the current version, each
//! in one statement, so two writers at the same moment cannot both win.

use crate::{Store, StoreError};
use samdrift_domain::ids::{AccountId, MemberId};
use uuid::Uuid;

/// One published version.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct UserAgreementRecord {
    pub member_id: Uuid,
    pub version: i64,
    pub text_sv: String,
    pub text_en: String,
    pub published_at: i64,
    pub published_by: Uuid,
    /// The publisher's username (read with the version; ignored on insert).
    pub published_by_username: String,
}

/// A member's current version: its number and when it was published.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CurrentVersionRow {
    pub member_id: Uuid,
    pub version: i64,
    pub published_at: i64,
}

/// A current version an account has not accepted, with its member.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PendingAgreementRow {
    pub member_id: Uuid,
    pub member_code: String,
    pub member_name: String,
    pub version: i64,
    pub text_sv: String,
    pub text_en: String,
    pub published_at: i64,
    /// Whether the account accepted an earlier version.
    pub accepted_before: bool,
}

/// One acceptance: which account accepted which version of which member's
/// agreement, and when.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AcceptanceRecord {
    pub member_id: Uuid,
    pub member_code: String,
    pub account_id: Uuid,
    pub username: String,
    pub version: i64,
    pub accepted_at: i64,
}

/// An account holding a role in the member, with the newest version of the
/// member's agreement it accepted (if any).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MemberAccountRow {
    pub account_id: Uuid,
    pub username: String,
    pub disabled: bool,
    /// The account's person, when the person belongs to this member.
    pub person_name: Option<String>,
    pub accepted_version: Option<i64>,
    pub accepted_at: Option<i64>,
}

/// One member role of an account in the member.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MemberRoleRow {
    pub account_id: Uuid,
    pub role: String,
}

const VERSION_COLUMNS: &str = "u.member_id, u.version, u.text_sv, u.text_en, u.published_at, \
     u.published_by, a.username AS published_by_username";

const ACCEPTANCE_COLUMNS: &str =
    "x.member_id, m.code AS member_code, x.account_id, a.username, x.version, x.accepted_at";

impl Store {
    /// Publishes `r` as the version after `r.version - 1`, only if that is
    /// still the member's newest (0: none). Whether it was published.
    pub async fn publish_user_agreement(
        &self,
        r: &UserAgreementRecord,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "INSERT INTO user_agreements (member_id, version, text_sv, text_en, published_at, published_by) \
                 SELECT $1, $2, $3, $4, $5, $6 \
                 WHERE (SELECT COALESCE(MAX(version), 0) FROM user_agreements WHERE member_id = $1) = $2 - 1 \
                 ON CONFLICT (member_id, version) DO NOTHING",
            )
            .bind(r.member_id).bind(r.version).bind(&r.text_sv).bind(&r.text_en)
            .bind(r.published_at).bind(r.published_by)
            .execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The member's versions, newest first.
    pub async fn user_agreement_versions(
        &self,
        member: MemberId,
    ) -> Result<Vec<UserAgreementRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, UserAgreementRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {VERSION_COLUMNS} FROM user_agreements u JOIN accounts a ON a.id = u.published_by \
             WHERE u.member_id = $1 ORDER BY u.version DESC"
        ))).bind(member.0).fetch_all(p).await?))
    }

    /// The member's current (newest) version, if it has one.
    pub async fn current_user_agreement(
        &self,
        member: MemberId,
    ) -> Result<Option<UserAgreementRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, UserAgreementRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {VERSION_COLUMNS} FROM user_agreements u JOIN accounts a ON a.id = u.published_by \
             WHERE u.member_id = $1 ORDER BY u.version DESC LIMIT 1"
        ))).bind(member.0).fetch_optional(p).await?))
    }

    /// Every member's current version (members without one are left out).
    pub async fn current_user_agreement_versions(
        &self,
    ) -> Result<Vec<CurrentVersionRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, CurrentVersionRow>(
            "SELECT u.member_id, u.version, u.published_at FROM user_agreements u \
             WHERE u.version = (SELECT MAX(v.version) FROM user_agreements v WHERE v.member_id = u.member_id)",
        ).fetch_all(p).await?))
    }

    /// The current versions `account` has not accepted, of the members in
    /// which it holds a member role, by member code.
    pub async fn pending_user_agreements(
        &self,
        account: AccountId,
    ) -> Result<Vec<PendingAgreementRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, PendingAgreementRow>(
            "SELECT u.member_id, m.code AS member_code, m.name AS member_name, u.version, u.text_sv, u.text_en, u.published_at, \
                    EXISTS (SELECT 1 FROM user_agreement_acceptances y \
                            WHERE y.member_id = u.member_id AND y.account_id = $1) AS accepted_before \
             FROM user_agreements u JOIN members m ON m.id = u.member_id \
             WHERE u.member_id IN (SELECT r.member_id FROM account_roles r WHERE r.account_id = $1) \
               AND u.version = (SELECT MAX(v.version) FROM user_agreements v WHERE v.member_id = u.member_id) \
               AND NOT EXISTS (SELECT 1 FROM user_agreement_acceptances x \
                   WHERE x.member_id = u.member_id AND x.account_id = $1 AND x.version = u.version) \
             ORDER BY m.code",
        ).bind(account.0).fetch_all(p).await?))
    }

    /// Records that `account` accepted `version` of `member`'s agreement at
    /// `at`, only while it is the member's current version. Whether a new
    /// acceptance was stored (false: already accepted, or not current).
    pub async fn accept_user_agreement(
        &self,
        member: MemberId,
        account: AccountId,
        version: i64,
        at: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "INSERT INTO user_agreement_acceptances (member_id, account_id, version, accepted_at) \
                 SELECT $1, $2, $3, $4 \
                 WHERE (SELECT MAX(version) FROM user_agreements WHERE member_id = $1) = $3 \
                 ON CONFLICT (member_id, account_id, version) DO NOTHING",
            )
            .bind(member.0).bind(account.0).bind(version).bind(at)
            .execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// When `account` accepted `version` of `member`'s agreement, if it did.
    pub async fn accepted_at(
        &self,
        member: MemberId,
        account: AccountId,
        version: i64,
    ) -> Result<Option<i64>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, i64>(
            "SELECT accepted_at FROM user_agreement_acceptances \
             WHERE member_id = $1 AND account_id = $2 AND version = $3",
        ).bind(member.0).bind(account.0).bind(version).fetch_optional(p).await?))
    }

    /// Every acceptance of `account`, newest first.
    pub async fn acceptances_of_account(
        &self,
        account: AccountId,
    ) -> Result<Vec<AcceptanceRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AcceptanceRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {ACCEPTANCE_COLUMNS} FROM user_agreement_acceptances x \
             JOIN members m ON m.id = x.member_id JOIN accounts a ON a.id = x.account_id \
             WHERE x.account_id = $1 ORDER BY x.accepted_at DESC, m.code"
        ))).bind(account.0).fetch_all(p).await?))
    }

    /// Every acceptance of `member`'s agreement, in the order made.
    pub async fn acceptances_of_member(
        &self,
        member: MemberId,
    ) -> Result<Vec<AcceptanceRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AcceptanceRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {ACCEPTANCE_COLUMNS} FROM user_agreement_acceptances x \
             JOIN members m ON m.id = x.member_id JOIN accounts a ON a.id = x.account_id \
             WHERE x.member_id = $1 ORDER BY x.accepted_at, a.username, x.version"
        ))).bind(member.0).fetch_all(p).await?))
    }

    /// The accounts holding a role in `member`, by username, each with the
    /// newest version of the member's agreement it accepted.
    pub async fn member_accounts_with_acceptance(
        &self,
        member: MemberId,
    ) -> Result<Vec<MemberAccountRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, MemberAccountRow>(
            "SELECT a.id AS account_id, a.username, a.disabled, pe.name AS person_name, \
                    x.version AS accepted_version, x.accepted_at \
             FROM accounts a \
             LEFT JOIN people pe ON pe.member_id = $1 AND pe.member_id = a.person_member_id AND pe.id = a.person_id \
             LEFT JOIN user_agreement_acceptances x ON x.member_id = $1 AND x.account_id = a.id \
                 AND x.version = (SELECT MAX(y.version) FROM user_agreement_acceptances y \
                                  WHERE y.member_id = $1 AND y.account_id = a.id) \
             WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.member_id = $1 AND r.account_id = a.id) \
             ORDER BY a.username",
        ).bind(member.0).fetch_all(p).await?))
    }

    /// The member roles held in `member`, by account.
    pub async fn member_role_rows(
        &self,
        member: MemberId,
    ) -> Result<Vec<MemberRoleRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, MemberRoleRow>(
            "SELECT account_id, role FROM account_roles WHERE member_id = $1 ORDER BY account_id, role",
        ).bind(member.0).fetch_all(p).await?))
    }
}
