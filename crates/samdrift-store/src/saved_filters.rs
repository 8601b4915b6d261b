//! Queue filters an agent saved under a name; each account sees its own.

use crate::{Store, StoreError};
use samdrift_domain::ids::AccountId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SavedFilterRecord {
    pub id: Uuid,
    pub account_id: Uuid,
    pub name: String,
    /// The queue page's query string (`queue=all&q=skrivare&sort=due`).
    pub query: String,
    pub created_at: i64,
}

impl Store {
    pub async fn insert_saved_filter(&self, f: &SavedFilterRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("INSERT INTO saved_filters (id, account_id, name, query, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(f.id).bind(f.account_id).bind(&f.name).bind(&f.query).bind(f.created_at)
                .execute(p).await?;
        });
        Ok(())
    }

    pub async fn saved_filters(
        &self,
        account: AccountId,
    ) -> Result<Vec<SavedFilterRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SavedFilterRecord>(
            "SELECT id, account_id, name, query, created_at FROM saved_filters WHERE account_id = $1 ORDER BY name",
        ).bind(account.0).fetch_all(p).await?))
    }

    /// Deletes one of the account's filters; false if it has none by that id.
    pub async fn delete_saved_filter(
        &self,
        account: AccountId,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("DELETE FROM saved_filters WHERE id = $1 AND account_id = $2")
                .bind(id).bind(account.0).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }
}
