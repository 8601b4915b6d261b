//! Counts over tickets that a board shows, each one grouped query within
//! the caller's scope instead of one list per person.

use super::list::OPEN_STATUSES;
use crate::scope_sql::push_ticket_scope;
use crate::{Store, StoreError};
use samdrift_domain::scope::Scope;
use sqlx::QueryBuilder;
use uuid::Uuid;

impl Store {
    /// Open tickets assigned to each of `accounts` that the scope may read,
    /// as (account, count); accounts with none are left out.
    pub async fn open_per_assignee(
        &self,
        scope: &Scope,
        accounts: &[Uuid],
    ) -> Result<Vec<(Uuid, i64)>, StoreError> {
        if accounts.is_empty() {
            return Ok(Vec::new());
        }
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new("SELECT t.assignee_id, COUNT(*) FROM tickets t WHERE ");
            push_ticket_scope(&mut qb, scope);
            qb.push(" AND t.status IN (").push(OPEN_STATUSES.as_str()).push(") AND t.assignee_id IN (");
            let mut list = qb.separated(", ");
            for a in accounts {
                list.push_bind(*a);
            }
            qb.push(") GROUP BY t.assignee_id");
            Ok(qb.build_query_as::<(Uuid, i64)>().fetch_all(p).await?)
        })
    }
}
