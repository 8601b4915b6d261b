//! External suppliers (leverantörer) the desk forwards tickets to.

use crate::{Store, StoreError};
use samdrift_domain::ids::SupplierId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SupplierRecord {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub contact_name: String,
    pub version: i64,
}

impl Store {
    pub async fn insert_supplier(&self, s: &SupplierRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO suppliers (id, name, email, phone, contact_name, version) VALUES ($1, $2, $3, $4, $5, 1)",
            )
            .bind(s.id).bind(&s.name).bind(&s.email).bind(&s.phone).bind(&s.contact_name)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn list_suppliers(&self) -> Result<Vec<SupplierRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SupplierRecord>(
            "SELECT id, name, email, phone, contact_name, version FROM suppliers ORDER BY name",
        ).fetch_all(p).await?))
    }

    pub async fn get_supplier(&self, id: SupplierId) -> Result<Option<SupplierRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SupplierRecord>(
            "SELECT id, name, email, phone, contact_name, version FROM suppliers WHERE id = $1",
        ).bind(id.0).fetch_optional(p).await?))
    }
}
