//! The common standard (approved products per category with validity) and
//! the consolidation plan (a target and a date per deviating item).

use super::push_item_scope;
use crate::{Store, StoreError};
use samdrift_domain::scope::MemberFilter;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StandardEntryRecord {
    pub id: Uuid,
    pub category: String,
    pub product_key: String,
    pub product_name: String,
    pub product_version: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub decision_id: Option<Uuid>,
    pub note: String,
    pub created_at: i64,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TargetRecord {
    pub item_id: Uuid,
    pub member_id: Option<Uuid>,
    pub standard_entry_id: Uuid,
    pub due: String,
    pub done_on: Option<String>,
    pub note: String,
    pub created_at: i64,
    pub version: i64,
}

/// A plan line with its item's name and product, as pages list them.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PlanLine {
    pub item_id: Uuid,
    pub member_id: Option<Uuid>,
    pub item_name: String,
    pub category: Option<String>,
    pub product_name: String,
    pub product_version: String,
    pub standard_entry_id: Uuid,
    pub due: String,
    pub done_on: Option<String>,
    pub note: String,
    pub version: i64,
}

const ENTRY: &str = "id, category, product_key, product_name, product_version, valid_from, valid_until, \
    decision_id, note, created_at, version";

impl Store {
    pub async fn insert_standard_entry(&self, e: &StandardEntryRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO standard_entries (id, category, product_key, product_name, product_version, \
                 valid_from, valid_until, decision_id, note, created_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)",
            )
            .bind(e.id).bind(&e.category).bind(&e.product_key).bind(&e.product_name)
            .bind(&e.product_version).bind(&e.valid_from).bind(&e.valid_until).bind(e.decision_id)
            .bind(&e.note).bind(e.created_at)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn standard_entries(&self) -> Result<Vec<StandardEntryRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, StandardEntryRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {ENTRY} FROM standard_entries ORDER BY category, valid_from, product_name"
        ))).fetch_all(p).await?))
    }

    /// Ends an entry's validity on the version read.
    pub async fn end_standard_entry(
        &self,
        id: Uuid,
        version: i64,
        until: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "UPDATE standard_entries SET valid_until = $3, version = version + 1 WHERE id = $1 AND version = $2",
            ).bind(id).bind(version).bind(until).execute(p).await?;
            if done.rows_affected() != 1 {
                return Err(StoreError::Stale);
            }
        });
        Ok(())
    }

    /// Sets an item's target (replacing an earlier one on the version read,
    /// `None` when there was none).
    pub async fn set_consolidation_target(
        &self,
        t: &TargetRecord,
        read: Option<i64>,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let done = match read {
                None => sqlx::query(
                    "INSERT INTO consolidation_targets (item_id, member_id, standard_entry_id, due, done_on, note, \
                     created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT DO NOTHING",
                )
                .bind(t.item_id).bind(t.member_id).bind(t.standard_entry_id).bind(&t.due).bind(&t.done_on)
                .bind(&t.note).bind(t.created_at)
                .execute(p).await?,
                Some(v) => sqlx::query(
                    "UPDATE consolidation_targets SET standard_entry_id = $2, due = $3, done_on = $4, note = $5, \
                     version = version + 1 WHERE item_id = $1 AND version = $6",
                )
                .bind(t.item_id).bind(t.standard_entry_id).bind(&t.due).bind(&t.done_on).bind(&t.note).bind(v)
                .execute(p).await?,
            };
            if done.rows_affected() != 1 {
                return Err(StoreError::Stale);
            }
        });
        Ok(())
    }

    pub async fn consolidation_target(
        &self,
        item: Uuid,
    ) -> Result<Option<TargetRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, TargetRecord>(
            "SELECT item_id, member_id, standard_entry_id, due, done_on, note, created_at, version \
             FROM consolidation_targets WHERE item_id = $1",
        ).bind(item).fetch_optional(p).await?))
    }

    /// The plan lines of the items the filter reads, by due date.
    pub async fn consolidation_plan(
        &self,
        filter: &MemberFilter,
    ) -> Result<Vec<PlanLine>, StoreError> {
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(
                "SELECT c.item_id, i.member_id, i.name AS item_name, i.category, i.product_name, i.product_version, \
                 c.standard_entry_id, c.due, c.done_on, c.note, c.version \
                 FROM consolidation_targets c JOIN inventory_items i ON i.id = c.item_id WHERE ",
            );
            push_item_scope(&mut qb, filter);
            qb.push(" ORDER BY c.due, i.name, c.item_id");
            Ok(qb.build_query_as::<PlanLine>().fetch_all(p).await?)
        })
    }
}
