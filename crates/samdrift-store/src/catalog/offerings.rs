//! Offerings (orderable variants of a service) with their yearly prices,
//! the hourly rate per year, and the catalog fields of services (family,
//! owner, dependencies).

use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OfferingRecord {
    pub id: Uuid,
    pub service_id: Uuid,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub description: String,
    /// JSON list of the standard contents.
    pub contents: String,
    pub service_levels: String,
    pub active: bool,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PriceRecord {
    pub offering_id: Uuid,
    pub year: i64,
    pub price_ore: i64,
}

const COLUMNS: &str =
    "id, service_id, code, name, unit, description, contents, service_levels, active, version";

impl Store {
    pub async fn insert_offering(&self, o: &OfferingRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO offerings (id, service_id, code, name, unit, description, contents, service_levels, active, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)",
            )
            .bind(o.id).bind(o.service_id).bind(&o.code).bind(&o.name).bind(&o.unit)
            .bind(&o.description).bind(&o.contents).bind(&o.service_levels).bind(o.active)
            .execute(p).await?;
        });
        Ok(())
    }

    /// Replaces an offering's fields if `version` is current.
    pub async fn update_offering(&self, o: &OfferingRecord) -> Result<i64, StoreError> {
        on_pool!(self, p => {
            let v: Option<i64> = sqlx::query_scalar(
                "UPDATE offerings SET name = $1, unit = $2, description = $3, contents = $4, service_levels = $5, \
                 active = $6, version = version + 1 WHERE id = $7 AND version = $8 RETURNING version",
            )
            .bind(&o.name).bind(&o.unit).bind(&o.description).bind(&o.contents).bind(&o.service_levels)
            .bind(o.active).bind(o.id).bind(o.version)
            .fetch_optional(p).await?;
            v.ok_or(StoreError::Stale)
        })
    }

    pub async fn list_offerings(&self) -> Result<Vec<OfferingRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, OfferingRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM offerings ORDER BY code")),
        ).fetch_all(p).await?))
    }

    pub async fn offering_by_code(&self, code: &str) -> Result<Option<OfferingRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, OfferingRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM offerings WHERE code = $1")),
        ).bind(code).fetch_optional(p).await?))
    }

    pub async fn get_offering(&self, id: Uuid) -> Result<Option<OfferingRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, OfferingRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM offerings WHERE id = $1")),
        ).bind(id).fetch_optional(p).await?))
    }

    /// Sets (or replaces) an offering's price for a year.
    pub async fn set_price(
        &self,
        offering: Uuid,
        year: i64,
        price_ore: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO offering_prices (offering_id, year, price_ore) VALUES ($1, $2, $3) \
                 ON CONFLICT (offering_id, year) DO UPDATE SET price_ore = excluded.price_ore",
            )
            .bind(offering).bind(year).bind(price_ore).execute(p).await?;
        });
        Ok(())
    }

    pub async fn list_prices(&self) -> Result<Vec<PriceRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, PriceRecord>(
            "SELECT offering_id, year, price_ore FROM offering_prices ORDER BY offering_id, year",
        ).fetch_all(p).await?))
    }

    pub async fn set_hourly_rate(&self, year: i64, rate_ore: i64) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO hourly_rates (year, rate_ore) VALUES ($1, $2) \
                 ON CONFLICT (year) DO UPDATE SET rate_ore = excluded.rate_ore",
            )
            .bind(year).bind(rate_ore).execute(p).await?;
        });
        Ok(())
    }

    pub async fn list_hourly_rates(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, (i64, i64)>(
            "SELECT year, rate_ore FROM hourly_rates ORDER BY year",
        ).fetch_all(p).await?))
    }

    /// Sets a service's family, owner, description and dependencies.
    pub async fn set_service_catalog(
        &self,
        service: Uuid,
        family: &str,
        owner: &str,
        description: &str,
        depends_on: &[Uuid],
        version: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let r = sqlx::query(
                "UPDATE services SET family = $1, owner = $2, description = $3, version = version + 1 \
                 WHERE id = $4 AND version = $5",
            )
            .bind(family).bind(owner).bind(description).bind(service).bind(version)
            .execute(&mut *tx).await?;
            if r.rows_affected() == 0 {
                return Err(StoreError::Stale);
            }
            sqlx::query("DELETE FROM service_dependencies WHERE service_id = $1")
                .bind(service).execute(&mut *tx).await?;
            for d in depends_on {
                sqlx::query("INSERT INTO service_dependencies (service_id, depends_on_id) VALUES ($1, $2)")
                    .bind(service).bind(*d).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Every dependency as (service, depends on).
    pub async fn list_service_dependencies(&self) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, (Uuid, Uuid)>(
            "SELECT service_id, depends_on_id FROM service_dependencies",
        ).fetch_all(p).await?))
    }
}
