//! Tickets linked to configuration items: a ticket names the items it is
//! about; an item's page lists the tickets about it that the reader sees.

use super::items::{ITEM, ItemRecord};
use crate::scope_sql::push_ticket_scope;
use crate::{Store, StoreError};
use samdrift_domain::scope::Scope;
use uuid::Uuid;

/// A ticket about an item, as the item's page lists it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LinkedTicket {
    pub member_id: Uuid,
    pub id: Uuid,
    pub number: String,
    pub title: String,
    pub status: String,
    pub created_at: i64,
}

impl Store {
    /// Links a ticket of `member` to an item; linking twice is one link.
    pub async fn link_ticket_item(
        &self,
        member: Uuid,
        ticket: Uuid,
        item: Uuid,
        at: i64,
        by: Option<Uuid>,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO ticket_items (member_id, ticket_id, item_id, linked_at, linked_by) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(member).bind(ticket).bind(item).bind(at).bind(by)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn unlink_ticket_item(
        &self,
        member: Uuid,
        ticket: Uuid,
        item: Uuid,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query("DELETE FROM ticket_items WHERE member_id = $1 AND ticket_id = $2 AND item_id = $3")
                .bind(member).bind(ticket).bind(item).execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The items a ticket is linked to (the ticket already read in scope).
    pub async fn items_of_ticket(
        &self,
        member: Uuid,
        ticket: Uuid,
    ) -> Result<Vec<ItemRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ItemRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {ITEM} FROM ticket_items l JOIN inventory_items i ON i.id = l.item_id \
             WHERE l.member_id = $1 AND l.ticket_id = $2 ORDER BY i.name, i.id"
        ))).bind(member).bind(ticket).fetch_all(p).await?))
    }

    /// The tickets about an item that the scope reads, latest first.
    pub async fn tickets_of_item(
        &self,
        scope: &Scope,
        item: Uuid,
        limit: i64,
    ) -> Result<Vec<LinkedTicket>, StoreError> {
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(
                "SELECT t.member_id, t.id, t.number, t.title, t.status, t.created_at FROM ticket_items l \
                 JOIN tickets t ON t.member_id = l.member_id AND t.id = l.ticket_id WHERE l.item_id = ",
            );
            qb.push_bind(item).push(" AND ");
            push_ticket_scope(&mut qb, scope);
            qb.push(" ORDER BY t.created_at DESC LIMIT ").push_bind(limit);
            Ok(qb.build_query_as::<LinkedTicket>().fetch_all(p).await?)
        })
    }
}
