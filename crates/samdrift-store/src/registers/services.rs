//! Services tickets are reported against, and the routing rules that pick a
//! competence group for a new ticket.

use crate::{Store, StoreError};
use samdrift_domain::ids::ServiceId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ServiceRecord {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub level: String,
    pub description: String,
    pub owning_group_id: Option<Uuid>,
    /// The catalog family the service is grouped in (Arbetsplats, Kommunikation).
    pub family: String,
    /// The service owner (tjänsteägare), by name.
    pub owner: String,
    pub version: i64,
}

/// A routing rule: the first rule (by position) whose set fields all match
/// a new ticket gives its group.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RoutingRuleRecord {
    pub id: Uuid,
    pub position: i64,
    pub service_id: Option<Uuid>,
    pub member_id: Option<Uuid>,
    pub ticket_type: Option<String>,
    pub group_id: Uuid,
}

const COLUMNS: &str = "id, code, name, level, description, owning_group_id, family, owner, version";

impl Store {
    pub async fn insert_service(&self, s: &ServiceRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO services (id, code, name, level, description, owning_group_id, family, owner, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)",
            )
            .bind(s.id).bind(&s.code).bind(&s.name).bind(&s.level).bind(&s.description).bind(s.owning_group_id)
            .bind(&s.family).bind(&s.owner)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn list_services(&self) -> Result<Vec<ServiceRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ServiceRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM services ORDER BY name")),
        ).fetch_all(p).await?))
    }

    pub async fn get_service(&self, id: ServiceId) -> Result<Option<ServiceRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ServiceRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM services WHERE id = $1")),
        ).bind(id.0).fetch_optional(p).await?))
    }

    pub async fn service_by_code(&self, code: &str) -> Result<Option<ServiceRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ServiceRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM services WHERE code = $1")),
        ).bind(code).fetch_optional(p).await?))
    }

    pub async fn insert_routing_rule(&self, r: &RoutingRuleRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO routing_rules (id, position, service_id, member_id, ticket_type, group_id) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(r.id).bind(r.position).bind(r.service_id).bind(r.member_id).bind(&r.ticket_type).bind(r.group_id)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn list_routing_rules(&self) -> Result<Vec<RoutingRuleRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, RoutingRuleRecord>(
            "SELECT id, position, service_id, member_id, ticket_type, group_id FROM routing_rules ORDER BY position",
        ).fetch_all(p).await?))
    }
}
