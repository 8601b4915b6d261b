//! People: staff, pupils, elected officials and consultants of a member.

use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::ids::{MemberId, PersonId};
use samdrift_domain::scope::MemberFilter;
use sqlx::QueryBuilder;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PersonRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub administration_id: Option<Uuid>,
    pub name: String,
    pub email: String,
    pub kind: String,
    pub version: i64,
}

const COLUMNS: &str = "member_id, id, administration_id, name, email, kind, version";

impl Store {
    pub async fn insert_person(&self, person: &PersonRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO people (member_id, id, administration_id, name, email, kind, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1)",
            )
            .bind(person.member_id).bind(person.id).bind(person.administration_id)
            .bind(&person.name).bind(&person.email).bind(&person.kind)
            .execute(p).await?;
        });
        Ok(())
    }

    /// People in `filter`'s members whose name or e-mail contains `query`
    /// (case-insensitive), at most `limit`, by name.
    pub async fn find_people(
        &self,
        filter: &MemberFilter,
        member: Option<MemberId>,
        query: Option<&str>,
        limit: i64,
    ) -> Result<Vec<PersonRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM people WHERE "));
            push_member_filter(&mut qb, "member_id", filter);
            if let Some(m) = member {
                qb.push(" AND member_id = ").push_bind(m.0);
            }
            if let Some(q) = query.filter(|q| !q.trim().is_empty()) {
                let pattern = format!("%{}%", q.trim().to_lowercase());
                qb.push(" AND (LOWER(name) LIKE ").push_bind(pattern.clone())
                    .push(" OR LOWER(email) LIKE ").push_bind(pattern).push(")");
            }
            qb.push(format!(" ORDER BY name, email LIMIT {limit}"));
            Ok(qb.build_query_as::<PersonRecord>().fetch_all(p).await?)
        })
    }

    pub async fn get_person(
        &self,
        filter: &MemberFilter,
        id: PersonId,
    ) -> Result<Option<PersonRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM people WHERE id = "));
            qb.push_bind(id.0).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            Ok(qb.build_query_as::<PersonRecord>().fetch_optional(p).await?)
        })
    }

    /// A member's person by e-mail (import and phone intake resolve
    /// requesters this way).
    pub async fn person_by_email(
        &self,
        member: MemberId,
        email: &str,
    ) -> Result<Option<PersonRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, PersonRecord>(
            "SELECT member_id, id, administration_id, name, email, kind, version FROM people \
             WHERE member_id = $1 AND LOWER(email) = LOWER($2)",
        ).bind(member.0).bind(email).fetch_optional(p).await?))
    }

    /// Every person of a member keyed by lower-case e-mail (bulk import).
    pub async fn people_of_member(
        &self,
        member: MemberId,
    ) -> Result<Vec<PersonRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, PersonRecord>(
            "SELECT member_id, id, administration_id, name, email, kind, version FROM people WHERE member_id = $1",
        ).bind(member.0).fetch_all(p).await?))
    }
}

impl Store {
    /// Inserts many people in one transaction (bulk loading).
    pub async fn insert_people(&self, people: &[PersonRecord]) -> Result<(), StoreError> {
        on_pool!(self, p => {
            use crate::connect::BeginWrite;
            let mut tx = p.begin_write().await?;
            for person in people {
                sqlx::query(
                    "INSERT INTO people (member_id, id, administration_id, name, email, kind, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, 1)",
                )
                .bind(person.member_id).bind(person.id).bind(person.administration_id)
                .bind(&person.name).bind(&person.email).bind(&person.kind)
                .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }
}
