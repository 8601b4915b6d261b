//! Creating tickets: one transaction for a batch of new tickets with their
//! history, clocks and search documents, written with multi-row inserts and
//! one counter step per member and year, so the statements of a batch do
//! not grow with its size. The same path serves a single ticket, a group of
//! concurrent creations committed together (see `group_commit`), an import
//! and the scaled demo load.

use super::write::INSERT_ATTACHMENT;
use super::{NewTicket, TicketRecord, search_doc};
use crate::connect::BeginWrite;
use crate::service_levels::clocks::ClockRecord;
use crate::{Store, StoreError};
use samdrift_domain::member::ticket_number;
use sqlx::QueryBuilder;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Rows per multi-row insert: under SQLite's limit of 32,766 parameters
/// for the widest table (tickets, 21 columns).
const CHUNK: usize = 1_000;

impl Store {
    /// Creates tickets with their history and clocks, all or none, and
    /// returns them with their numbers (counted from their members' yearly
    /// counters in the given order).
    pub async fn create_tickets(
        &self,
        tickets: Vec<NewTicket>,
    ) -> Result<Vec<TicketRecord>, StoreError> {
        self.insert_new_tickets(tickets, None).await
    }

    /// Creates tickets loaded with a history that is already over (the
    /// scaled demo): as [`Store::create_tickets`], but crossings of a
    /// warning or a breach before `loaded_at` count as fired, so the load
    /// does not notify about the past.
    pub async fn bulk_create_tickets(
        &self,
        tickets: Vec<NewTicket>,
        loaded_at: i64,
    ) -> Result<Vec<TicketRecord>, StoreError> {
        self.insert_new_tickets(tickets, Some(loaded_at)).await
    }

    async fn insert_new_tickets(
        &self,
        mut tickets: Vec<NewTicket>,
        fired_before: Option<i64>,
    ) -> Result<Vec<TicketRecord>, StoreError> {
        let backend = self.backend();
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            // Numbers: one counter step per member and year.
            let mut groups: BTreeMap<(Uuid, i16), (String, Vec<usize>)> = BTreeMap::new();
            for (i, t) in tickets.iter().enumerate() {
                groups
                    .entry((t.ticket.member_id.uuid(), t.year))
                    .or_insert_with(|| (t.member_code.clone(), Vec::new()))
                    .1
                    .push(i);
            }
            let mut lasts: BTreeMap<(Uuid, i64), i64> = BTreeMap::new();
            let keys: Vec<_> = groups.iter().collect();
            for chunk in keys.chunks(CHUNK) {
                // One statement for every member and year of the batch, in
                // key order (so concurrent batches lock counters in the same
                // order); the rows come back in no particular order.
                let mut qb = QueryBuilder::new("INSERT INTO ticket_counters (member_id, year, last) ");
                qb.push_values(chunk, |mut b, ((member, year), (_, indexes))| {
                    b.push_bind(*member).push_bind(i64::from(*year)).push_bind(indexes.len() as i64);
                });
                qb.push(" ON CONFLICT (member_id, year) DO UPDATE SET last = ticket_counters.last + excluded.last \
                          RETURNING member_id, year, last");
                let rows: Vec<(Uuid, i64, i64)> = qb.build_query_as().fetch_all(&mut *tx).await?;
                lasts.extend(rows.into_iter().map(|(m, y, last)| ((m, y), last)));
            }
            for ((member, year), (code, indexes)) in &groups {
                let n = indexes.len() as i64;
                let last = *lasts.get(&(*member, i64::from(*year))).ok_or(StoreError::Database(sqlx::Error::RowNotFound))?;
                for (k, i) in indexes.iter().enumerate() {
                    let number = ticket_number(code, *year, last - n + 1 + k as i64);
                    tickets[*i].ticket.number = number.clone();
                    for c in tickets[*i].clocks.iter_mut() {
                        c.number = number.clone();
                    }
                }
            }
            for chunk in tickets.chunks(CHUNK) {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO tickets (member_id, id, number, ticket_type, administration_id, requester_id, \
                     service_id, title, description, impact, urgency, priority, priority_overridden, status, group_id, \
                     assignee_id, supplier_id, supplier_reference, created_at, updated_at, resolved_at, version, \
                     queue_due_at) ",
                );
                qb.push_values(chunk, |mut b, n| {
                    let t = &n.ticket;
                    b.push_bind(t.member_id.uuid()).push_bind(t.id.uuid()).push_bind(t.number.clone())
                        .push_bind(t.ticket_type.as_str()).push_bind(t.administration_id.map(|a| a.uuid()))
                        .push_bind(t.requester_id.map(|r| r.uuid())).push_bind(t.service_id.map(|s| s.uuid()))
                        .push_bind(t.title.clone()).push_bind(t.description.clone())
                        .push_bind(t.impact).push_bind(t.urgency).push_bind(t.priority.as_str())
                        .push_bind(t.priority_overridden).push_bind(t.status.as_str())
                        .push_bind(t.group_id.map(|g| g.uuid())).push_bind(t.assignee_id.map(|a| a.uuid()))
                        .push_bind(t.supplier_id.map(|s| s.uuid())).push_bind(t.supplier_reference.clone())
                        .push_bind(t.created_at).push_bind(t.updated_at).push_bind(t.resolved_at).push_bind(1i64)
                        .push_bind(due_key(n));
                });
                qb.build().execute(&mut *tx).await?;
            }
            let comments: Vec<_> = tickets.iter().flat_map(|t| t.comments.iter()).collect();
            for chunk in comments.chunks(CHUNK) {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO ticket_comments (member_id, id, ticket_id, at, author_id, author_name, public, by_staff, body) ",
                );
                qb.push_values(chunk, |mut b, c| {
                    b.push_bind(c.member_id.uuid()).push_bind(c.id.uuid()).push_bind(c.ticket_id.uuid())
                        .push_bind(c.at).push_bind(c.author_id.map(|a| a.uuid())).push_bind(c.author_name.clone()).push_bind(c.public)
                        .push_bind(c.by_staff).push_bind(c.body.clone());
                });
                qb.build().execute(&mut *tx).await?;
            }
            let events: Vec<_> = tickets.iter().flat_map(|t| t.events.iter()).collect();
            for chunk in events.chunks(CHUNK) {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO ticket_events (member_id, id, ticket_id, at, actor_id, actor_name, actor_kind, kind, \
                     old_value, new_value, public) ",
                );
                qb.push_values(chunk, |mut b, e| {
                    b.push_bind(e.member_id.uuid()).push_bind(e.id.uuid()).push_bind(e.ticket_id.uuid())
                        .push_bind(e.at).push_bind(e.actor_id.map(|a| a.uuid())).push_bind(e.actor_name.clone()).push_bind(e.actor_kind.clone())
                        .push_bind(e.kind.clone()).push_bind(e.old_value.clone()).push_bind(e.new_value.clone())
                        .push_bind(e.public);
                });
                qb.build().execute(&mut *tx).await?;
            }
            let ids: Vec<Uuid> = tickets.iter().map(|t| t.ticket.id.uuid()).collect();
            for chunk in ids.chunks(CHUNK) {
                for (before, after) in search_doc::refresh_statements(backend) {
                    let mut qb = QueryBuilder::new(*before);
                    qb.push("(");
                    let mut list = qb.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    qb.push(")").push(*after);
                    qb.build().execute(&mut *tx).await?;
                }
            }
            // Attachments and catalog requests are rare at creation: one
            // statement each.
            for new in &tickets {
                let t = &new.ticket;
                for a in &new.attachments {
                    let m = &a.meta;
                    sqlx::query(INSERT_ATTACHMENT)
                        .bind(m.member_id.uuid()).bind(m.id.uuid()).bind(m.ticket_id.uuid()).bind(&m.filename)
                        .bind(&m.content_type).bind(m.size).bind(&m.sha256).bind(m.public)
                        .bind(m.uploaded_by.map(|a| a.uuid())).bind(m.at).bind(&a.data)
                        .execute(&mut *tx).await?;
                }
                if let Some(r) = &new.request {
                    use crate::catalog::requests::{INSERT_APPROVAL, INSERT_REQUEST, INSERT_TASK};
                    sqlx::query(INSERT_REQUEST)
                        .bind(t.member_id.uuid()).bind(t.id.uuid()).bind(r.catalog_item_id).bind(&r.answers)
                        .bind(r.price_ore).bind(&r.state).bind(r.fulfilled_at)
                        .execute(&mut *tx).await?;
                    for (i, (kind, approver)) in r.approvals.iter().enumerate() {
                        sqlx::query(INSERT_APPROVAL)
                            .bind(t.member_id.uuid()).bind(t.id.uuid()).bind(i as i64).bind(kind).bind(*approver)
                            .execute(&mut *tx).await?;
                    }
                    for (i, (id, stage, title, group, state)) in r.tasks.iter().enumerate() {
                        sqlx::query(INSERT_TASK)
                            .bind(t.member_id.uuid()).bind(*id).bind(t.id.uuid()).bind(i as i64).bind(*stage)
                            .bind(title).bind(*group).bind(state)
                            .execute(&mut *tx).await?;
                    }
                }
            }
            let all: Vec<&ClockRecord> = tickets.iter().flat_map(|t| t.clocks.iter()).collect();
            for chunk in all.chunks(CHUNK) {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO ticket_clocks (member_id, ticket_id, kind, number, priority, service_code, agreement_id, \
                     entry, calendar_id, target_seconds, elapsed_seconds, state, started_at, stopped_at, due_at, \
                     warning_at, breached_at, computed_at, warned_fired_at, breach_fired_at) ",
                );
                qb.push_values(chunk, |mut b, c| {
                    let past = |at: Option<i64>| {
                        fired_before.and_then(|loaded| at.filter(|a| *a <= loaded).map(|_| loaded))
                    };
                    b.push_bind(c.member_id).push_bind(c.ticket_id).push_bind(c.kind.clone())
                        .push_bind(c.number.clone()).push_bind(c.priority.clone()).push_bind(c.service_code.clone())
                        .push_bind(c.agreement_id).push_bind(c.entry.clone()).push_bind(c.calendar_id)
                        .push_bind(c.target_seconds).push_bind(c.elapsed_seconds).push_bind(c.state.clone())
                        .push_bind(c.started_at).push_bind(c.stopped_at).push_bind(c.due_at)
                        .push_bind(c.warning_at).push_bind(c.breached_at).push_bind(c.computed_at)
                        .push_bind(past(c.warning_at)).push_bind(past(c.due_at));
                });
                qb.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(tickets
            .into_iter()
            .map(|t| TicketRecord {
                version: 1,
                ..t.ticket
            })
            .collect())
    }
}

/// A new ticket's key in the due order (migration 0010), written with it
/// so that the triggers that keep it have nothing to change: its
/// resolution clock's due time while it is open, the largest integer
/// otherwise.
fn due_key(n: &NewTicket) -> i64 {
    let due = n
        .clocks
        .iter()
        .find(|c| c.kind == "resolution")
        .and_then(|c| c.due_at);
    match due {
        Some(due) if n.ticket.status.is_open() => due,
        _ => i64::MAX,
    }
}
