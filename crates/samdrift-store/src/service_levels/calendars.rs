//! Calendars (service hours) are the federation's: every signed-in user may
//! read them; the spec is stored as JSON and validated by the domain.

use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CalendarRecord {
    pub id: Uuid,
    pub name: String,
    pub spec: String,
    pub version: i64,
}

impl Store {
    pub async fn insert_calendar(&self, c: &CalendarRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("INSERT INTO calendars (id, name, spec, version) VALUES ($1, $2, $3, 1)")
                .bind(c.id).bind(&c.name).bind(&c.spec).execute(p).await?;
        });
        Ok(())
    }

    pub async fn list_calendars(&self) -> Result<Vec<CalendarRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, CalendarRecord>(
            "SELECT id, name, spec, version FROM calendars ORDER BY name",
        ).fetch_all(p).await?))
    }

    pub async fn get_calendar(&self, id: Uuid) -> Result<Option<CalendarRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, CalendarRecord>(
            "SELECT id, name, spec, version FROM calendars WHERE id = $1",
        ).bind(id).fetch_optional(p).await?))
    }

    /// Replaces name and spec if `c.version` is current.
    pub async fn update_calendar(&self, c: &CalendarRecord) -> Result<CalendarRecord, StoreError> {
        let row = on_pool!(self, p => sqlx::query_as::<_, CalendarRecord>(
            "UPDATE calendars SET name = $1, spec = $2, version = version + 1 WHERE id = $3 AND version = $4 \
             RETURNING id, name, spec, version",
        ).bind(&c.name).bind(&c.spec).bind(c.id).bind(c.version).fetch_optional(p).await?);
        row.ok_or(StoreError::Stale)
    }

    /// Deletes a calendar no agreement uses; false if one does.
    pub async fn delete_calendar(&self, id: Uuid) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agreement_calendars WHERE calendar_id = $1")
                .bind(id).fetch_one(p).await?;
            if used > 0 {
                return Ok(false);
            }
            sqlx::query("DELETE FROM calendars WHERE id = $1").bind(id).execute(p).await?;
            Ok(true)
        })
    }
}
