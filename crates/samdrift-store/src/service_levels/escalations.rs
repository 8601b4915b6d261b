//! Escalation rules: what a warning or breach does to a ticket.

use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct EscalationRuleRecord {
    pub id: Uuid,
    pub position: i64,
    /// `warning` or `breach`.
    pub on_event: String,
    /// `response` or `resolution`.
    pub clock: String,
    /// Comma-separated priorities the rule applies to (`P1,P2`).
    pub priorities: String,
    /// `assign_group_lead`, `reassign_group` or `raise_priority`.
    pub action: String,
    pub group_id: Option<Uuid>,
}

impl Store {
    pub async fn insert_escalation_rule(&self, r: &EscalationRuleRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO escalation_rules (id, position, on_event, clock, priorities, action, group_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(r.id).bind(r.position).bind(&r.on_event).bind(&r.clock).bind(&r.priorities).bind(&r.action).bind(r.group_id)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn list_escalation_rules(&self) -> Result<Vec<EscalationRuleRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, EscalationRuleRecord>(
            "SELECT id, position, on_event, clock, priorities, action, group_id FROM escalation_rules ORDER BY position, id",
        ).fetch_all(p).await?))
    }

    pub async fn delete_escalation_rule(&self, id: Uuid) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("DELETE FROM escalation_rules WHERE id = $1").bind(id).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }
}
