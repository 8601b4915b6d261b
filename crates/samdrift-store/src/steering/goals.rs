//! Goals (målbild) and their KPIs, and figures entered by hand.

use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct GoalRecord {
    pub id: Uuid,
    pub position: i64,
    pub title: String,
    pub description: String,
    pub created_at: i64,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct KpiRecord {
    pub id: Uuid,
    pub goal_id: Uuid,
    pub position: i64,
    pub name: String,
    pub measure: String,
    pub member_id: Option<Uuid>,
    pub direction: String,
    pub target_milli: i64,
    pub deadline: String,
    pub owner: String,
    pub source: String,
    pub created_at: i64,
    pub version: i64,
}

/// One revision of a hand-entered figure.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct KpiEntryRecord {
    pub kpi_id: Uuid,
    pub month: String,
    pub revision: i64,
    pub value_milli: i64,
    pub source: String,
    pub entered_by: String,
    pub entered_at: i64,
}

impl Store {
    pub async fn insert_goal(&self, g: &GoalRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO goals (id, position, title, description, created_at, version) VALUES ($1, $2, $3, $4, $5, 1)",
            )
            .bind(g.id).bind(g.position).bind(&g.title).bind(&g.description).bind(g.created_at)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn goals(&self) -> Result<Vec<GoalRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, GoalRecord>(
            "SELECT id, position, title, description, created_at, version FROM goals ORDER BY position, created_at",
        ).fetch_all(p).await?))
    }

    pub async fn insert_kpi(&self, k: &KpiRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO kpis (id, goal_id, position, name, measure, member_id, direction, target_milli, deadline, owner, source, created_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)",
            )
            .bind(k.id).bind(k.goal_id).bind(k.position).bind(&k.name).bind(&k.measure).bind(k.member_id)
            .bind(&k.direction).bind(k.target_milli).bind(&k.deadline).bind(&k.owner).bind(&k.source)
            .bind(k.created_at)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn kpis(&self) -> Result<Vec<KpiRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, KpiRecord>(
            "SELECT id, goal_id, position, name, measure, member_id, direction, target_milli, deadline, owner, source, created_at, version \
             FROM kpis ORDER BY position, created_at",
        ).fetch_all(p).await?))
    }

    /// Enters a hand figure as the next revision of its month.
    pub async fn insert_kpi_entry(&self, e: &KpiEntryRecord) -> Result<i64, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let (revision,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(revision), 0) + 1 FROM kpi_entries WHERE kpi_id = $1 AND month = $2",
            ).bind(e.kpi_id).bind(&e.month).fetch_one(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO kpi_entries (kpi_id, month, revision, value_milli, source, entered_by, entered_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(e.kpi_id).bind(&e.month).bind(revision).bind(e.value_milli).bind(&e.source)
            .bind(&e.entered_by).bind(e.entered_at)
            .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(revision)
        })
    }

    /// Every revision of every hand figure in `[from, to]` (months).
    pub async fn kpi_entries(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<KpiEntryRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, KpiEntryRecord>(
            "SELECT kpi_id, month, revision, value_milli, source, entered_by, entered_at FROM kpi_entries \
             WHERE month >= $1 AND month <= $2 ORDER BY kpi_id, month, revision",
        ).bind(from).bind(to).fetch_all(p).await?))
    }
}
