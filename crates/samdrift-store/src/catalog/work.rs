//! Hours logged on tickets. Chargeable hours are work outside the
//! subscriptions, charged at the year's hourly rate to the ticket's
//! administration.

use crate::{Store, StoreError};
use samdrift_domain::ids::{MemberId, TicketId};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct WorkRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub worked_on: String,
    pub minutes: i64,
    pub chargeable: bool,
    pub note: String,
    pub logged_by_name: String,
    pub logged_at: i64,
}

/// Chargeable work with its ticket's number and administration.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ChargedWorkRow {
    pub number: String,
    pub administration_name: Option<String>,
    pub worked_on: String,
    pub minutes: i64,
    pub note: String,
}

impl Store {
    pub async fn insert_work(&self, w: &WorkRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO ticket_work (member_id, id, ticket_id, worked_on, minutes, chargeable, note, logged_by_name, logged_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(w.member_id).bind(w.id).bind(w.ticket_id).bind(&w.worked_on).bind(w.minutes)
            .bind(w.chargeable).bind(&w.note).bind(&w.logged_by_name).bind(w.logged_at)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn ticket_work(
        &self,
        member: MemberId,
        ticket: TicketId,
    ) -> Result<Vec<WorkRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, WorkRecord>(
            "SELECT member_id, id, ticket_id, worked_on, minutes, chargeable, note, logged_by_name, logged_at \
             FROM ticket_work WHERE member_id = $1 AND ticket_id = $2 ORDER BY worked_on, logged_at",
        ).bind(member.0).bind(ticket.0).fetch_all(p).await?))
    }

    /// The member's chargeable work done on days in [from, to] (ISO dates).
    pub async fn chargeable_work_between(
        &self,
        member: Uuid,
        from: &str,
        to: &str,
    ) -> Result<Vec<ChargedWorkRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ChargedWorkRow>(
            "SELECT t.number, a.name AS administration_name, w.worked_on, w.minutes, w.note \
             FROM ticket_work w JOIN tickets t ON t.member_id = w.member_id AND t.id = w.ticket_id \
             LEFT JOIN administrations a ON a.member_id = t.member_id AND a.id = t.administration_id \
             WHERE w.member_id = $1 AND w.chargeable AND w.worked_on >= $2 AND w.worked_on <= $3 \
             ORDER BY t.number, w.worked_on, w.logged_at",
        ).bind(member).bind(from).bind(to).fetch_all(p).await?))
    }
}
