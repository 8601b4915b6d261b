//! Catalog items end users request through the portal, and the members'
//! system owners who approve access to a business system.

use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CatalogItemRecord {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub description: String,
    pub service_id: Option<Uuid>,
    /// One-off price charged when a request is fulfilled (0 = free).
    pub price_ore: i64,
    /// JSON of the form, approvals and task templates.
    pub spec: String,
    pub active: bool,
    pub version: i64,
}

const COLUMNS: &str = "id, code, name, description, service_id, price_ore, spec, active, version";

impl Store {
    pub async fn insert_catalog_item(&self, i: &CatalogItemRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO catalog_items (id, code, name, description, service_id, price_ore, spec, active, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)",
            )
            .bind(i.id).bind(&i.code).bind(&i.name).bind(&i.description).bind(i.service_id)
            .bind(i.price_ore).bind(&i.spec).bind(i.active)
            .execute(p).await?;
        });
        Ok(())
    }

    /// Replaces an item's fields if `version` is current; returns the new version.
    pub async fn update_catalog_item(&self, i: &CatalogItemRecord) -> Result<i64, StoreError> {
        on_pool!(self, p => {
            let v: Option<i64> = sqlx::query_scalar(
                "UPDATE catalog_items SET name = $1, description = $2, service_id = $3, price_ore = $4, spec = $5, \
                 active = $6, version = version + 1 WHERE id = $7 AND version = $8 RETURNING version",
            )
            .bind(&i.name).bind(&i.description).bind(i.service_id).bind(i.price_ore).bind(&i.spec)
            .bind(i.active).bind(i.id).bind(i.version)
            .fetch_optional(p).await?;
            v.ok_or(StoreError::Stale)
        })
    }

    pub async fn list_catalog_items(&self) -> Result<Vec<CatalogItemRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, CatalogItemRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM catalog_items ORDER BY name")),
        ).fetch_all(p).await?))
    }

    pub async fn catalog_item_by_code(
        &self,
        code: &str,
    ) -> Result<Option<CatalogItemRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, CatalogItemRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM catalog_items WHERE code = $1")),
        ).bind(code).fetch_optional(p).await?))
    }

    pub async fn get_catalog_item(
        &self,
        id: Uuid,
    ) -> Result<Option<CatalogItemRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, CatalogItemRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM catalog_items WHERE id = $1")),
        ).bind(id).fetch_optional(p).await?))
    }

    /// Records `person` as the member's owner of the system `service`.
    pub async fn set_system_owner(
        &self,
        member: Uuid,
        service: Uuid,
        person: Uuid,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO system_owners (member_id, service_id, person_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (member_id, service_id) DO UPDATE SET person_id = excluded.person_id",
            )
            .bind(member).bind(service).bind(person).execute(p).await?;
        });
        Ok(())
    }

    pub async fn system_owner(
        &self,
        member: Uuid,
        service: Uuid,
    ) -> Result<Option<Uuid>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar(
            "SELECT person_id FROM system_owners WHERE member_id = $1 AND service_id = $2",
        ).bind(member).bind(service).fetch_optional(p).await?))
    }
}

impl Store {
    /// The person's manager (chef), if one is recorded.
    pub async fn person_manager(
        &self,
        member: Uuid,
        person: Uuid,
    ) -> Result<Option<Uuid>, StoreError> {
        on_pool!(self, p => {
            let v: Option<Option<Uuid>> = sqlx::query_scalar(
                "SELECT manager_id FROM people WHERE member_id = $1 AND id = $2",
            ).bind(member).bind(person).fetch_optional(p).await?;
            Ok(v.flatten())
        })
    }

    /// Records (or clears) a person's manager, a person of the same member.
    pub async fn set_person_manager(
        &self,
        member: Uuid,
        person: Uuid,
        manager: Option<Uuid>,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("UPDATE people SET manager_id = $1, version = version + 1 WHERE member_id = $2 AND id = $3")
                .bind(manager).bind(member).bind(person).execute(p).await?;
        });
        Ok(())
    }

    /// A person's name in a member.
    pub async fn person_name(
        &self,
        member: Uuid,
        person: Uuid,
    ) -> Result<Option<String>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar(
            "SELECT name FROM people WHERE member_id = $1 AND id = $2",
        ).bind(member).bind(person).fetch_optional(p).await?))
    }
}
