//! A member's entitlement rules.

use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::scope::MemberFilter;
use sqlx::QueryBuilder;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RuleRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub name: String,
    pub source: Option<String>,
    pub title: Option<String>,
    pub administration: Option<String>,
    pub school: Option<String>,
    pub grant_task: String,
    pub removal_task: String,
    pub group_id: Uuid,
    pub created_at: i64,
    pub version: i64,
}

const COLUMNS: &str = "member_id, id, name, source, title, administration, school, grant_task, removal_task, group_id, created_at, version";

impl Store {
    pub async fn insert_rule(&self, r: &RuleRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO entitlement_rules (member_id, id, name, source, title, administration, school, grant_task, \
                 removal_task, group_id, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)",
            )
            .bind(r.member_id).bind(r.id).bind(&r.name).bind(&r.source).bind(&r.title).bind(&r.administration)
            .bind(&r.school).bind(&r.grant_task).bind(&r.removal_task).bind(r.group_id).bind(r.created_at)
            .execute(p).await?;
        });
        Ok(())
    }

    /// The rules of `filter`'s members (one member's if given), oldest first.
    pub async fn rules(
        &self,
        filter: &MemberFilter,
        member: Option<Uuid>,
    ) -> Result<Vec<RuleRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM entitlement_rules WHERE "));
            push_member_filter(&mut qb, "member_id", filter);
            if let Some(m) = member {
                qb.push(" AND member_id = ").push_bind(m);
            }
            qb.push(" ORDER BY created_at, id");
            Ok(qb.build_query_as::<RuleRecord>().fetch_all(p).await?)
        })
    }

    /// Deletes a rule in `filter`'s members; false if there is none.
    pub async fn delete_rule(&self, filter: &MemberFilter, id: Uuid) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new("DELETE FROM entitlement_rules WHERE id = ");
            qb.push_bind(id).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            Ok(qb.build().execute(p).await?.rows_affected() > 0)
        })
    }
}
