//! In-app notifications (e-mail comes later).

use crate::{Store, StoreError};
use samdrift_domain::ids::{AccountId, GroupId};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct NotificationRecord {
    pub id: Uuid,
    pub account_id: Uuid,
    pub member_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    pub kind: String,
    pub message: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

impl Store {
    pub async fn insert_notification(&self, n: &NotificationRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO notifications (id, account_id, member_id, ticket_id, kind, message, created_at, read_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
            )
            .bind(n.id).bind(n.account_id).bind(n.member_id).bind(n.ticket_id).bind(&n.kind).bind(&n.message).bind(n.created_at)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn notifications_for(
        &self,
        account: Uuid,
        limit: i64,
    ) -> Result<Vec<NotificationRecord>, StoreError> {
        // The limit is written into the text: SQLite prepares a statement
        // again whenever a bound LIMIT is bound anew.
        let sql = format!(
            "SELECT id, account_id, member_id, ticket_id, kind, message, created_at, read_at FROM notifications \
             WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT {limit}"
        );
        on_pool!(self, p => Ok(sqlx::query_as::<_, NotificationRecord>(sqlx::AssertSqlSafe(sql))
            .bind(account).fetch_all(p).await?))
    }

    /// Staff accounts with a role (e.g. `group_lead`), optionally only members of a group.
    pub async fn staff_with_role(
        &self,
        role: &str,
        group: Option<GroupId>,
    ) -> Result<Vec<AccountId>, StoreError> {
        let accounts = on_pool!(self, p => match group {
            Some(g) => sqlx::query_scalar::<_, Uuid>(
                "SELECT a.id FROM accounts a JOIN group_members gm ON gm.account_id = a.id \
                 WHERE a.staff_role = $1 AND gm.group_id = $2 AND NOT a.disabled",
            ).bind(role).bind(g.0).fetch_all(p).await?,
            None => sqlx::query_scalar::<_, Uuid>(
                "SELECT id FROM accounts WHERE staff_role = $1 AND NOT disabled",
            ).bind(role).fetch_all(p).await?,
        });
        Ok(accounts.into_iter().map(AccountId).collect())
    }
}

/// The most unread notifications the bell counts ("99+" beyond).
pub const UNREAD_COUNTED: i64 = 100;

impl Store {
    /// Inserts several notifications in one transaction.
    pub async fn insert_notifications(
        &self,
        list: &[NotificationRecord],
    ) -> Result<(), StoreError> {
        if list.is_empty() {
            return Ok(());
        }
        on_pool!(self, p => {
            let mut tx = crate::connect::BeginWrite::begin_write(p).await?;
            for n in list {
                sqlx::query(
                    "INSERT INTO notifications (id, account_id, member_id, ticket_id, kind, message, created_at, read_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
                )
                .bind(n.id).bind(n.account_id).bind(n.member_id).bind(n.ticket_id).bind(&n.kind).bind(&n.message).bind(n.created_at)
                .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// How many of the account's notifications are unread, counting at
    /// most `UNREAD_COUNTED`.
    pub async fn unread_notifications(&self, account: Uuid) -> Result<i64, StoreError> {
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM notifications WHERE account_id = $1 AND read_at IS NULL LIMIT {UNREAD_COUNTED}) AS u"
        );
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
            .bind(account).fetch_one(p).await?))
    }

    /// Marks one of the account's notifications read; false when the
    /// account has no such notification.
    pub async fn mark_notification_read(
        &self,
        account: Uuid,
        id: Uuid,
        at: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query(
                "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE account_id = $1 AND id = $2",
            )
            .bind(account).bind(id).bind(at).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// Marks all of the account's notifications read; how many were unread.
    pub async fn mark_all_notifications_read(
        &self,
        account: Uuid,
        at: i64,
    ) -> Result<u64, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL")
                .bind(account).bind(at).execute(p).await?;
            Ok(r.rows_affected())
        })
    }

    /// The enabled accounts of a person (a ticket's requester).
    pub async fn person_accounts(
        &self,
        member: Uuid,
        person: Uuid,
    ) -> Result<Vec<Uuid>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Uuid>(
            "SELECT id FROM accounts WHERE person_member_id = $1 AND person_id = $2 AND NOT disabled",
        ).bind(member).bind(person).fetch_all(p).await?))
    }

    /// The enabled accounts holding any role in a member.
    pub async fn member_accounts(&self, member: Uuid) -> Result<Vec<Uuid>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Uuid>(
            "SELECT DISTINCT a.id FROM account_roles r JOIN accounts a ON a.id = r.account_id \
             WHERE r.member_id = $1 AND NOT a.disabled",
        ).bind(member).fetch_all(p).await?))
    }

    /// The enabled accounts holding `role` in a member.
    pub async fn member_role_accounts(
        &self,
        member: Uuid,
        role: &str,
    ) -> Result<Vec<Uuid>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Uuid>(
            "SELECT a.id FROM account_roles r JOIN accounts a ON a.id = r.account_id \
             WHERE r.member_id = $1 AND r.role = $2 AND NOT a.disabled",
        ).bind(member).bind(role).fetch_all(p).await?))
    }

    /// The enabled accounts in a competence group.
    pub async fn group_accounts(&self, group: Uuid) -> Result<Vec<Uuid>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Uuid>(
            "SELECT a.id FROM group_members gm JOIN accounts a ON a.id = gm.account_id \
             WHERE gm.group_id = $1 AND NOT a.disabled",
        ).bind(group).fetch_all(p).await?))
    }
}
