//! Writing tickets: creation (with a number from the member's yearly
//! counter) and changes, each with its history rows, in one transaction.

use super::{AttachmentRecord, CommentRecord, EventRecord, TicketRecord, search_doc};
use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use samdrift_domain::member::ticket_number;

/// A ticket to create; its `number` is assigned on insert.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub member_code: String,
    /// The year (Europe/Stockholm) the number is counted in.
    pub year: i16,
    pub ticket: TicketRecord,
    pub comments: Vec<CommentRecord>,
    pub attachments: Vec<AttachmentRecord>,
    pub events: Vec<EventRecord>,
    /// The catalog request a request ticket carries, created with it.
    pub request: Option<crate::catalog::requests::NewRequest>,
    /// The ticket's clocks, computed before it is stored (their number is
    /// filled in here); stored in the same transaction.
    pub clocks: Vec<crate::service_levels::clocks::ClockRecord>,
}

/// How a write changes the ticket row itself.
#[derive(Debug, Clone)]
pub enum TicketChange {
    /// Replace the mutable fields, if the row is still at `expected_version`.
    Full {
        ticket: TicketRecord,
        expected_version: i64,
    },
    /// Only mark the ticket updated (a comment or attachment was added).
    Touch { ticket: TicketRecord },
}

#[derive(Debug, Clone)]
pub struct TicketWrite {
    pub change: TicketChange,
    pub comments: Vec<CommentRecord>,
    pub attachments: Vec<AttachmentRecord>,
    pub events: Vec<EventRecord>,
}

const INSERT_TICKET: &str = "INSERT INTO tickets (member_id, id, number, ticket_type, administration_id, requester_id, \
    service_id, title, description, impact, urgency, priority, priority_overridden, status, group_id, assignee_id, \
    supplier_id, supplier_reference, created_at, updated_at, resolved_at, version) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 1)";

const NEXT_NUMBER: &str = "INSERT INTO ticket_counters (member_id, year, last) VALUES ($1, $2, 1) \
    ON CONFLICT (member_id, year) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last";

const UPDATE_TICKET: &str = "UPDATE tickets SET ticket_type = $1, administration_id = $2, requester_id = $3, \
    service_id = $4, title = $5, description = $6, impact = $7, urgency = $8, priority = $9, \
    priority_overridden = $10, status = $11, group_id = $12, assignee_id = $13, supplier_id = $14, \
    supplier_reference = $15, updated_at = $16, resolved_at = $17, version = version + 1 \
    WHERE member_id = $18 AND id = $19 AND version = $20 RETURNING version";

const TOUCH_TICKET: &str = "UPDATE tickets SET updated_at = $1, version = version + 1 \
    WHERE member_id = $2 AND id = $3 RETURNING version";

const INSERT_COMMENT: &str = "INSERT INTO ticket_comments (member_id, id, ticket_id, at, author_id, author_name, \
    public, by_staff, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

const INSERT_ATTACHMENT: &str = "INSERT INTO ticket_attachments (member_id, id, ticket_id, filename, content_type, \
    size, sha256, public, uploaded_by, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

const INSERT_EVENT: &str = "INSERT INTO ticket_events (member_id, id, ticket_id, at, actor_id, actor_name, \
    actor_kind, kind, old_value, new_value, public) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

/// Inserts comments, attachments and events in the open transaction `$tx`.
macro_rules! insert_history {
    ($tx:expr, $comments:expr, $attachments:expr, $events:expr) => {{
        for c in $comments {
            sqlx::query(INSERT_COMMENT)
                .bind(c.member_id)
                .bind(c.id)
                .bind(c.ticket_id)
                .bind(c.at)
                .bind(c.author_id)
                .bind(&c.author_name)
                .bind(c.public)
                .bind(c.by_staff)
                .bind(&c.body)
                .execute(&mut *$tx)
                .await?;
        }
        for a in $attachments {
            let m = &a.meta;
            sqlx::query(INSERT_ATTACHMENT)
                .bind(m.member_id)
                .bind(m.id)
                .bind(m.ticket_id)
                .bind(&m.filename)
                .bind(&m.content_type)
                .bind(m.size)
                .bind(&m.sha256)
                .bind(m.public)
                .bind(m.uploaded_by)
                .bind(m.at)
                .bind(&a.data)
                .execute(&mut *$tx)
                .await?;
        }
        for e in $events {
            sqlx::query(INSERT_EVENT)
                .bind(e.member_id)
                .bind(e.id)
                .bind(e.ticket_id)
                .bind(e.at)
                .bind(e.actor_id)
                .bind(&e.actor_name)
                .bind(&e.actor_kind)
                .bind(&e.kind)
                .bind(&e.old_value)
                .bind(&e.new_value)
                .bind(e.public)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

impl Store {
    /// Creates tickets with their history, all or none, and returns them
    /// with their numbers.
    pub async fn create_tickets(
        &self,
        tickets: Vec<NewTicket>,
    ) -> Result<Vec<TicketRecord>, StoreError> {
        let refresh = search_doc::refresh_statements(self.backend());
        let mut created = Vec::with_capacity(tickets.len());
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            for new in tickets {
                let mut t = new.ticket;
                let seq: i64 = sqlx::query_scalar(NEXT_NUMBER)
                    .bind(t.member_id).bind(i64::from(new.year))
                    .fetch_one(&mut *tx).await?;
                t.number = ticket_number(&new.member_code, new.year, seq);
                sqlx::query(INSERT_TICKET)
                    .bind(t.member_id).bind(t.id).bind(&t.number).bind(&t.ticket_type).bind(t.administration_id)
                    .bind(t.requester_id).bind(t.service_id).bind(&t.title).bind(&t.description).bind(t.impact)
                    .bind(t.urgency).bind(&t.priority).bind(t.priority_overridden).bind(&t.status).bind(t.group_id)
                    .bind(t.assignee_id).bind(t.supplier_id).bind(&t.supplier_reference).bind(t.created_at)
                    .bind(t.updated_at).bind(t.resolved_at)
                    .execute(&mut *tx).await?;
                insert_history!(tx, &new.comments, &new.attachments, &new.events);
                if let Some(r) = &new.request {
                    use crate::catalog::requests::{INSERT_APPROVAL, INSERT_REQUEST, INSERT_TASK};
                    sqlx::query(INSERT_REQUEST)
                        .bind(t.member_id).bind(t.id).bind(r.catalog_item_id).bind(&r.answers)
                        .bind(r.price_ore).bind(&r.state).bind(r.fulfilled_at)
                        .execute(&mut *tx).await?;
                    for (i, (kind, approver)) in r.approvals.iter().enumerate() {
                        sqlx::query(INSERT_APPROVAL)
                            .bind(t.member_id).bind(t.id).bind(i as i64).bind(kind).bind(*approver)
                            .execute(&mut *tx).await?;
                    }
                    for (i, (id, stage, title, group, state)) in r.tasks.iter().enumerate() {
                        sqlx::query(INSERT_TASK)
                            .bind(t.member_id).bind(*id).bind(t.id).bind(i as i64).bind(*stage)
                            .bind(title).bind(*group).bind(state)
                            .execute(&mut *tx).await?;
                    }
                }
                for sql in refresh {
                    sqlx::query(*sql).bind(t.id).bind(t.member_id).execute(&mut *tx).await?;
                }
                for c in &new.clocks {
                    sqlx::query(crate::service_levels::clocks::UPSERT)
                        .bind(c.member_id).bind(c.ticket_id).bind(&c.kind).bind(&c.priority).bind(&c.service_code)
                        .bind(c.agreement_id).bind(&c.entry).bind(c.calendar_id).bind(c.target_seconds)
                        .bind(c.elapsed_seconds).bind(&c.state).bind(c.started_at).bind(c.stopped_at).bind(c.due_at)
                        .bind(c.warning_at).bind(c.breached_at).bind(c.computed_at).bind(&t.number)
                        .execute(&mut *tx).await?;
                }
                t.version = 1;
                created.push(t);
            }
            tx.commit().await?;
        });
        Ok(created)
    }

    /// Applies a change with its history. A `Full` change on a stale version
    /// writes nothing and returns [`StoreError::Stale`].
    pub async fn write_ticket(&self, w: TicketWrite) -> Result<TicketRecord, StoreError> {
        let refresh = search_doc::refresh_statements(self.backend());
        let searchable = !w.comments.is_empty() || matches!(w.change, TicketChange::Full { .. });
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let (mut ticket, version): (TicketRecord, Option<i64>) = match w.change {
                TicketChange::Full { ticket: t, expected_version } => {
                    let v = sqlx::query_scalar(UPDATE_TICKET)
                        .bind(&t.ticket_type).bind(t.administration_id).bind(t.requester_id).bind(t.service_id)
                        .bind(&t.title).bind(&t.description).bind(t.impact).bind(t.urgency).bind(&t.priority)
                        .bind(t.priority_overridden).bind(&t.status).bind(t.group_id).bind(t.assignee_id)
                        .bind(t.supplier_id).bind(&t.supplier_reference).bind(t.updated_at).bind(t.resolved_at)
                        .bind(t.member_id).bind(t.id).bind(expected_version)
                        .fetch_optional(&mut *tx).await?;
                    (t, v)
                }
                TicketChange::Touch { ticket: t } => {
                    let v = sqlx::query_scalar(TOUCH_TICKET)
                        .bind(t.updated_at).bind(t.member_id).bind(t.id)
                        .fetch_optional(&mut *tx).await?;
                    (t, v)
                }
            };
            let Some(version) = version else {
                return Err(StoreError::Stale);
            };
            ticket.version = version;
            insert_history!(tx, &w.comments, &w.attachments, &w.events);
            if searchable {
                for sql in refresh {
                    sqlx::query(*sql).bind(ticket.id).bind(ticket.member_id).execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            Ok(ticket)
        })
    }

    /// Appends an event to a ticket's history without changing the ticket
    /// (system events such as SLA warnings, which must not make an agent's
    /// open form stale).
    pub async fn append_event(&self, e: &EventRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(INSERT_EVENT)
                .bind(e.member_id).bind(e.id).bind(e.ticket_id).bind(e.at).bind(e.actor_id)
                .bind(&e.actor_name).bind(&e.actor_kind).bind(&e.kind).bind(&e.old_value)
                .bind(&e.new_value).bind(e.public)
                .execute(p).await?;
        });
        Ok(())
    }
}
