//! Members (medlemskommuner). Member-side principals read only their own.

use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::Scope;
use sqlx::QueryBuilder;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MemberRecord {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub organisation_number: String,
    pub ownership_share_bp: i64,
    pub created_at: i64,
    pub version: i64,
}

const COLUMNS: &str =
    "id, code, name, organisation_number, ownership_share_bp, created_at, version";

impl Store {
    pub async fn insert_member(&self, m: &MemberRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO members (id, code, name, organisation_number, ownership_share_bp, created_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1)",
            )
            .bind(m.id).bind(&m.code).bind(&m.name).bind(&m.organisation_number)
            .bind(m.ownership_share_bp).bind(m.created_at)
            .execute(p).await?;
        });
        Ok(())
    }

    /// Members the scope may read, by code.
    pub async fn list_members(&self, scope: &Scope) -> Result<Vec<MemberRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM members WHERE "));
            push_member_filter(&mut qb, "id", &scope.members());
            qb.push(" ORDER BY code");
            Ok(qb.build_query_as::<MemberRecord>().fetch_all(p).await?)
        })
    }

    pub async fn get_member(
        &self,
        scope: &Scope,
        id: MemberId,
    ) -> Result<Option<MemberRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM members WHERE id = "));
            qb.push_bind(id.0).push(" AND ");
            push_member_filter(&mut qb, "id", &scope.members());
            Ok(qb.build_query_as::<MemberRecord>().fetch_optional(p).await?)
        })
    }

    /// Any member by code, for resolving codes in input (the caller checks
    /// the scope before revealing anything about it).
    pub async fn member_by_code(&self, code: &str) -> Result<Option<MemberRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, MemberRecord>(
            "SELECT id, code, name, organisation_number, ownership_share_bp, created_at, version FROM members WHERE code = $1",
        ).bind(code).fetch_optional(p).await?))
    }

    /// Every member, by code, for naming owners in what a use case has
    /// already scoped (the caller filters what it shows).
    pub async fn all_members(&self) -> Result<Vec<MemberRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, MemberRecord>(
            "SELECT id, code, name, organisation_number, ownership_share_bp, created_at, version FROM members ORDER BY code",
        ).fetch_all(p).await?))
    }
}
