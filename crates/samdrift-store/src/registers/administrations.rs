//! Administrations (förvaltningar): a tree per member.

use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::ids::{AdministrationId, MemberId};
use samdrift_domain::scope::MemberFilter;
use sqlx::QueryBuilder;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AdministrationRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub version: i64,
}

impl Store {
    pub async fn insert_administration(&self, a: &AdministrationRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO administrations (member_id, id, parent_id, name, version) VALUES ($1, $2, $3, $4, 1)",
            )
            .bind(a.member_id).bind(a.id).bind(a.parent_id).bind(&a.name)
            .execute(p).await?;
        });
        Ok(())
    }

    /// Administrations of the members in `filter`, optionally one member only.
    pub async fn list_administrations(
        &self,
        filter: &MemberFilter,
        member: Option<MemberId>,
    ) -> Result<Vec<AdministrationRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new("SELECT member_id, id, parent_id, name, version FROM administrations WHERE ");
            push_member_filter(&mut qb, "member_id", filter);
            if let Some(m) = member {
                qb.push(" AND member_id = ").push_bind(m.0);
            }
            qb.push(" ORDER BY name");
            Ok(qb.build_query_as::<AdministrationRecord>().fetch_all(p).await?)
        })
    }

    pub async fn get_administration(
        &self,
        filter: &MemberFilter,
        id: AdministrationId,
    ) -> Result<Option<AdministrationRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new("SELECT member_id, id, parent_id, name, version FROM administrations WHERE id = ");
            qb.push_bind(id.0).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            Ok(qb.build_query_as::<AdministrationRecord>().fetch_optional(p).await?)
        })
    }
}
