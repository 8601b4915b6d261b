//! Accounts, their roles, API tokens, browser sessions, recent logins and
//! the login throttle.
//! Tokens and session ids are stored as SHA-256 hashes only.

use crate::{Store, StoreError};
use samdrift_domain::ids::{AccountId, MemberId};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AccountRecord {
    pub id: Uuid,
    pub username: String,
    pub password_hash: String,
    pub person_member_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
    pub staff_role: Option<String>,
    pub language: String,
    pub disabled: bool,
    pub created_at: i64,
    pub version: i64,
    /// A staff account's own address (lower case); mail to an account
    /// without one goes to its person's address, if any.
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AccountRoleRecord {
    pub account_id: Uuid,
    pub member_id: Uuid,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SessionRecord {
    pub token_hash: String,
    pub account_id: Uuid,
    pub csrf_token: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// An API token as its owner and admins see it (never its secret).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TokenRecord {
    pub id: Uuid,
    pub account_id: Uuid,
    /// The owner's username (read with the token; ignored on insert).
    pub username: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub expires_at: Option<i64>,
}

/// The account behind a live token, and when the token expires.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TokenOwner {
    #[sqlx(flatten)]
    pub account: AccountRecord,
    pub expires_at: Option<i64>,
}

/// One login of an account: when and how (`password`).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LoginRecord {
    pub at: i64,
    pub method: String,
}

/// An account's language and roles as an administrator sets them.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountChange {
    pub language: String,
    pub staff_role: Option<String>,
    pub roles: Vec<(MemberId, String)>,
    /// The account's own address (None: none).
    pub email: Option<String>,
}

/// How many logins of an account are kept.
pub const LOGINS_KEPT: i64 = 20;

/// How a login throttle key may be used (see `reserve_login_attempt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRule {
    /// Windows that began at or before this instant are over.
    pub window_begins: i64,
    /// Attempts a window allows at most.
    pub cap: i64,
    /// Attempts allowed without waiting.
    pub free: i64,
    /// The wait after the first attempt past `free`, in microseconds; it
    /// doubles with each further attempt.
    pub base_wait: i64,
}

const COLUMNS: &str = "id, username, password_hash, person_member_id, person_id, staff_role, language, disabled, created_at, version, email";

impl Store {
    pub async fn insert_account(
        &self,
        a: &AccountRecord,
        roles: &[(MemberId, String)],
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            use crate::connect::BeginWrite;
            let mut tx = p.begin_write().await?;
            sqlx::query(
                "INSERT INTO accounts (id, username, password_hash, person_member_id, person_id, staff_role, language, disabled, created_at, version, email) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10)",
            )
            .bind(a.id).bind(&a.username).bind(&a.password_hash).bind(a.person_member_id).bind(a.person_id)
            .bind(&a.staff_role).bind(&a.language).bind(a.disabled).bind(a.created_at).bind(&a.email)
            .execute(&mut *tx).await?;
            for (member, role) in roles {
                sqlx::query("INSERT INTO account_roles (account_id, member_id, role) VALUES ($1, $2, $3)")
                    .bind(a.id).bind(member.0).bind(role)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn account_by_username(
        &self,
        username: &str,
    ) -> Result<Option<AccountRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AccountRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM accounts WHERE username = $1")),
        ).bind(username).fetch_optional(p).await?))
    }

    pub async fn get_account(&self, id: AccountId) -> Result<Option<AccountRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AccountRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM accounts WHERE id = $1")),
        ).bind(id.0).fetch_optional(p).await?))
    }

    /// The usernames of `ids` (those that exist), by id.
    pub async fn usernames_of(&self, ids: &[Uuid]) -> Result<Vec<(Uuid, String)>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT id, username FROM accounts WHERE id IN ({})",
                marks.join(", ")
            );
            let rows: Vec<(Uuid, String)> = on_pool!(self, p => {
                let mut q = sqlx::query_as::<_, (Uuid, String)>(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    q = q.bind(id);
                }
                q.fetch_all(p).await?
            });
            out.extend(rows);
        }
        Ok(out)
    }

    pub async fn list_accounts(&self) -> Result<Vec<AccountRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AccountRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM accounts ORDER BY username")),
        ).fetch_all(p).await?))
    }

    pub async fn account_roles(
        &self,
        account: AccountId,
    ) -> Result<Vec<AccountRoleRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AccountRoleRecord>(
            "SELECT account_id, member_id, role FROM account_roles WHERE account_id = $1",
        ).bind(account.0).fetch_all(p).await?))
    }

    pub async fn set_password_hash(
        &self,
        account: AccountId,
        hash: &str,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("UPDATE accounts SET password_hash = $1, version = version + 1 WHERE id = $2")
                .bind(hash).bind(account.0).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    pub async fn set_language(&self, account: AccountId, language: &str) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("UPDATE accounts SET language = $1, version = version + 1 WHERE id = $2")
                .bind(language).bind(account.0).execute(p).await?;
        });
        Ok(())
    }

    /// Sets the language, staff role and member roles of `account` if it
    /// is still at `version`, in one transaction. Whether it was (false:
    /// changed since, or no such account).
    pub async fn update_account(
        &self,
        account: AccountId,
        version: i64,
        change: &AccountChange,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            use crate::connect::BeginWrite;
            let mut tx = p.begin_write().await?;
            let r = sqlx::query(
                "UPDATE accounts SET language = $1, staff_role = $2, email = $5, version = version + 1 \
                 WHERE id = $3 AND version = $4",
            )
            .bind(&change.language).bind(&change.staff_role).bind(account.0).bind(version).bind(&change.email)
            .execute(&mut *tx).await?;
            if r.rows_affected() != 1 {
                // Dropped without a commit: nothing is changed.
                return Ok(false);
            }
            sqlx::query("DELETE FROM account_roles WHERE account_id = $1")
                .bind(account.0).execute(&mut *tx).await?;
            for (member, role) in &change.roles {
                sqlx::query("INSERT INTO account_roles (account_id, member_id, role) VALUES ($1, $2, $3)")
                    .bind(account.0).bind(member.0).bind(role)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Notes a login of `account` at `at` by `method`; only the newest
    /// [`LOGINS_KEPT`] of the account are kept.
    pub async fn record_login(
        &self,
        id: Uuid,
        account: AccountId,
        at: i64,
        method: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            use crate::connect::BeginWrite;
            let mut tx = p.begin_write().await?;
            sqlx::query("INSERT INTO account_logins (id, account_id, at, method) VALUES ($1, $2, $3, $4)")
                .bind(id).bind(account.0).bind(at).bind(method)
                .execute(&mut *tx).await?;
            sqlx::query(
                "DELETE FROM account_logins WHERE account_id = $1 AND id NOT IN \
                 (SELECT id FROM account_logins WHERE account_id = $1 ORDER BY at DESC, id DESC LIMIT $2)",
            )
            .bind(account.0).bind(LOGINS_KEPT)
            .execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The account's kept logins, newest first.
    pub async fn recent_logins(&self, account: AccountId) -> Result<Vec<LoginRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, LoginRecord>(
            "SELECT at, method FROM account_logins WHERE account_id = $1 ORDER BY at DESC, id DESC",
        ).bind(account.0).fetch_all(p).await?))
    }

    pub async fn insert_token(&self, t: &TokenRecord, token_hash: &str) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO api_tokens (id, account_id, token_hash, created_at, name, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(t.id).bind(t.account_id).bind(token_hash).bind(t.created_at).bind(&t.name).bind(t.expires_at)
            .execute(p).await?;
        });
        Ok(())
    }

    /// The account behind a token that has not expired at `now`, with the
    /// token's expiry; the token's last use is set to `now` when it was
    /// older than `touch_before`.
    pub async fn account_by_token(
        &self,
        token_hash: &str,
        now: i64,
        touch_before: i64,
    ) -> Result<Option<TokenOwner>, StoreError> {
        on_pool!(self, p => {
            let owner = sqlx::query_as::<_, TokenOwner>(
                "SELECT a.id, a.username, a.password_hash, a.person_member_id, a.person_id, a.staff_role, a.language, \
                 a.disabled, a.created_at, a.version, a.email, t.expires_at FROM api_tokens t JOIN accounts a ON a.id = t.account_id \
                 WHERE t.token_hash = $1 AND (t.expires_at IS NULL OR t.expires_at > $2)",
            ).bind(token_hash).bind(now).fetch_optional(p).await?;
            if owner.is_some() {
                sqlx::query(
                    "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 \
                     AND (last_used_at IS NULL OR last_used_at < $3)",
                ).bind(token_hash).bind(now).bind(touch_before).execute(p).await?;
            }
            Ok(owner)
        })
    }

    /// The tokens of `account`, or of every account (None), newest first.
    pub async fn list_tokens(
        &self,
        account: Option<AccountId>,
    ) -> Result<Vec<TokenRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, TokenRecord>(
            "SELECT t.id, t.account_id, a.username, t.name, t.created_at, t.last_used_at, t.expires_at \
             FROM api_tokens t JOIN accounts a ON a.id = t.account_id \
             WHERE $1 IS NULL OR t.account_id = $1 ORDER BY t.created_at DESC, t.id",
        ).bind(account.map(|a| a.0)).fetch_all(p).await?))
    }

    /// Deletes token `id` if it belongs to `account` (any account: None).
    /// Whether a token went.
    pub async fn delete_token(
        &self,
        id: Uuid,
        account: Option<AccountId>,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND ($2 IS NULL OR account_id = $2)")
                .bind(id).bind(account.map(|a| a.0)).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// Disables or enables an account; a disabled account's sessions end.
    pub async fn set_disabled(
        &self,
        account: AccountId,
        disabled: bool,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            use crate::connect::BeginWrite;
            let mut tx = p.begin_write().await?;
            let r = sqlx::query("UPDATE accounts SET disabled = $1, version = version + 1 WHERE id = $2")
                .bind(disabled).bind(account.0).execute(&mut *tx).await?;
            if disabled {
                sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                    .bind(account.0).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// Ends every session of `account` but the one hashed `keep`.
    pub async fn end_sessions_except(
        &self,
        account: AccountId,
        keep: Option<&str>,
    ) -> Result<u64, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND ($2 IS NULL OR token_hash <> $2)")
                .bind(account.0).bind(keep).execute(p).await?;
            Ok(r.rows_affected())
        })
    }

    pub async fn insert_session(&self, s: &SessionRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&s.token_hash).bind(s.account_id).bind(&s.csrf_token).bind(s.created_at).bind(s.expires_at)
            .execute(p).await?;
        });
        Ok(())
    }

    /// A session that has not expired at `now`.
    pub async fn live_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<SessionRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SessionRecord>(
            "SELECT token_hash, account_id, csrf_token, created_at, expires_at FROM sessions \
             WHERE token_hash = $1 AND expires_at > $2",
        ).bind(token_hash).bind(now).fetch_optional(p).await?))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(p).await?;
        });
        Ok(())
    }

    /// Reserves a login attempt for `key` in one statement: a new window
    /// when the key's last one began at or before `rule.window_begins`,
    /// else one more attempt while fewer than `rule.cap` were taken and,
    /// past `rule.free` attempts, the growing wait since the last one has
    /// passed. The number of the attempt, or None when refused. Concurrent
    /// callers (on any node) each get a different number, so no more than
    /// `rule.cap` pass.
    pub async fn reserve_login_attempt(
        &self,
        key: &str,
        now: i64,
        rule: &ThrottleRule,
    ) -> Result<Option<i64>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO login_throttle (throttle_key, window_start, attempts, last_at) VALUES ($1, $2, 1, $2) \
             ON CONFLICT (throttle_key) DO UPDATE SET \
               window_start = CASE WHEN login_throttle.window_start <= $3 THEN $2 ELSE login_throttle.window_start END, \
               attempts = CASE WHEN login_throttle.window_start <= $3 THEN 1 ELSE login_throttle.attempts + 1 END, \
               last_at = $2 \
             WHERE login_throttle.window_start <= $3 \
                OR (login_throttle.attempts < $4 \
                    AND $2 >= login_throttle.last_at + CASE WHEN login_throttle.attempts < $5 THEN 0 \
                        ELSE CAST($6 AS BIGINT) << CAST(login_throttle.attempts - $5 AS INTEGER) END) \
             RETURNING attempts",
        ).bind(key).bind(now).bind(rule.window_begins).bind(rule.cap).bind(rule.free).bind(rule.base_wait)
        .fetch_optional(p).await?))
    }

    /// Gives back one attempt of `key` (it succeeded, so it is no failure).
    pub async fn release_login_attempt(&self, key: &str) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("UPDATE login_throttle SET attempts = attempts - 1 WHERE throttle_key = $1 AND attempts > 0")
                .bind(key).execute(p).await?;
        });
        Ok(())
    }

    /// Forgets the attempts of `key` (a login succeeded).
    pub async fn clear_login_attempts(&self, key: &str) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1").bind(key).execute(p).await?;
        });
        Ok(())
    }

    /// Deletes the throttle rows whose window began at or before
    /// `window_begins` (a new attempt would start afresh anyway).
    pub async fn forget_login_attempts_before(
        &self,
        window_begins: i64,
    ) -> Result<u64, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("DELETE FROM login_throttle WHERE window_start <= $1")
                .bind(window_begins).execute(p).await?;
            Ok(r.rows_affected())
        })
    }

    /// The server secret `name`: the one stored, or `candidate` if none was
    /// (the first node to ask stores it; every node then reads the same).
    pub async fn server_secret(&self, name: &str, candidate: &str) -> Result<String, StoreError> {
        on_pool!(self, p => {
            sqlx::query("INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
                .bind(name).bind(candidate).execute(p).await?;
            Ok(sqlx::query_scalar::<_, String>("SELECT value FROM server_secrets WHERE name = $1")
                .bind(name).fetch_one(p).await?)
        })
    }
}
