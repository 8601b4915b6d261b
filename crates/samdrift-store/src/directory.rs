//! Members' directories: each person's directory account and groups as the
//! last read found them (replaced whole by each read), and the reads.

use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use uuid::Uuid;

/// A person's account in the member's directory.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DirectoryAccountRecord {
    pub person_id: Uuid,
    pub dn: String,
    pub login: Option<String>,
    pub principal: Option<String>,
    pub disabled: bool,
    /// JSON array of group names.
    pub groups: String,
    pub read_at: i64,
}

/// One read of a member's directory.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DirectoryReadRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub at: i64,
    pub users_read: i64,
    pub groups_read: i64,
    pub matched: i64,
    /// JSON array of logins or DNs, at most 100.
    pub unmatched: String,
    pub unmatched_count: i64,
    pub error: Option<String>,
}

/// A person of the register as a directory is matched to them.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DirectoryRegisterRow {
    pub id: Uuid,
    pub email: String,
    pub employee_number: Option<String>,
}

const READ_COLUMNS: &str =
    "member_id, id, at, users_read, groups_read, matched, unmatched, unmatched_count, error";

impl Store {
    /// The member's people who have not left, for matching.
    pub async fn directory_register(
        &self,
        member: Uuid,
    ) -> Result<Vec<DirectoryRegisterRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, DirectoryRegisterRow>(
            "SELECT id, email, CASE WHEN source = 'hr' THEN source_key END AS employee_number \
             FROM people WHERE member_id = $1 AND ended_at IS NULL",
        ).bind(member).fetch_all(p).await?))
    }

    /// Replaces the member's directory accounts with `accounts` and notes
    /// the read, in one transaction.
    pub async fn replace_directory_accounts(
        &self,
        read: &DirectoryReadRecord,
        accounts: &[DirectoryAccountRecord],
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("DELETE FROM directory_accounts WHERE member_id = $1")
                .bind(read.member_id).execute(&mut *tx).await?;
            for a in accounts {
                sqlx::query(
                    "INSERT INTO directory_accounts (member_id, person_id, dn, login, principal, disabled, groups, read_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(read.member_id).bind(a.person_id).bind(&a.dn).bind(&a.login).bind(&a.principal)
                .bind(a.disabled).bind(&a.groups).bind(a.read_at)
                .execute(&mut *tx).await?;
            }
            insert_read!(tx, read);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Notes a read that failed (nothing else changes).
    pub async fn note_directory_read(&self, read: &DirectoryReadRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            insert_read!(tx, read);
            tx.commit().await?;
        });
        Ok(())
    }

    /// A person's directory account, if the last read found one.
    pub async fn directory_account(
        &self,
        member: Uuid,
        person: Uuid,
    ) -> Result<Option<DirectoryAccountRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, DirectoryAccountRecord>(
            "SELECT person_id, dn, login, principal, disabled, groups, read_at FROM directory_accounts \
             WHERE member_id = $1 AND person_id = $2",
        ).bind(member).bind(person).fetch_optional(p).await?))
    }

    /// The member's latest directory reads, newest first.
    pub async fn directory_reads(
        &self,
        member: Uuid,
        limit: i64,
    ) -> Result<Vec<DirectoryReadRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, DirectoryReadRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {READ_COLUMNS} FROM directory_reads WHERE member_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        ))).bind(member).bind(limit).fetch_all(p).await?))
    }
}

/// Inserts a directory read within transaction `tx`.
macro_rules! insert_read {
    ($tx:expr, $r:expr) => {{
        let r = $r;
        sqlx::query(
            "INSERT INTO directory_reads (member_id, id, at, users_read, groups_read, matched, unmatched, unmatched_count, error) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(r.member_id).bind(r.id).bind(r.at).bind(r.users_read).bind(r.groups_read)
        .bind(r.matched).bind(&r.unmatched).bind(r.unmatched_count).bind(&r.error)
        .execute(&mut *$tx).await?;
    }};
}
use insert_read;
