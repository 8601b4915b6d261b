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
