//! Changing tickets: each change with its history rows and the clocks it
//! leads to, in one transaction, so a status is never stored without the
//! clocks computed from it (nor clocks without their status). (Creation is
//! in `create`.)

use super::{AttachmentRecord, CommentRecord, EventRecord, TicketRecord, search_doc};
use crate::connect::BeginWrite;
use crate::service_levels::clocks::{ClockRecord, upsert_clocks};
use crate::{Store, StoreError};
use sqlx::QueryBuilder;

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
    pub clocks: Vec<ClockRecord>,
}

/// How a write changes the ticket row itself.
#[derive(Debug, Clone)]
pub enum TicketChange {
    /// Replace the mutable fields, if the row is still at `expected_version`.
    Full {
        ticket: TicketRecord,
        expected_version: i64,
    },
    /// Only mark the ticket updated (a comment or attachment was added);
    /// with a version, only if the row is still at it.
    Touch {
        ticket: TicketRecord,
        expected_version: Option<i64>,
    },
}

#[derive(Debug, Clone)]
pub struct TicketWrite {
    pub change: TicketChange,
    pub comments: Vec<CommentRecord>,
    pub attachments: Vec<AttachmentRecord>,
    pub events: Vec<EventRecord>,
    /// The ticket's clocks recomputed with this change's events, stored in
    /// the same transaction (none: the stored clocks stay as they are).
    /// They were computed from the history at the version the change
    /// names, which the write checks, so they are never stored over a
    /// newer history.
    pub clocks: Vec<ClockRecord>,
    /// Whether the title or description changed. The search document is
    /// rebuilt only then or when a public comment is added: a status
    /// change leaves the searchable text as it was.
    pub text_changed: bool,
}

const UPDATE_TICKET: &str = "UPDATE tickets SET ticket_type = $1, administration_id = $2, requester_id = $3, \
    service_id = $4, title = $5, description = $6, impact = $7, urgency = $8, priority = $9, \
    priority_overridden = $10, status = $11, group_id = $12, assignee_id = $13, supplier_id = $14, \
    supplier_reference = $15, updated_at = $16, resolved_at = $17, version = version + 1 \
    WHERE member_id = $18 AND id = $19 AND version = $20 RETURNING version";

const TOUCH_TICKET: &str = "UPDATE tickets SET updated_at = $1, version = version + 1 \
    WHERE member_id = $2 AND id = $3 AND ($4 IS NULL OR version = $4) RETURNING version";

const INSERT_COMMENT: &str = "INSERT INTO ticket_comments (member_id, id, ticket_id, at, author_id, author_name, \
    public, by_staff, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

pub(super) const INSERT_ATTACHMENT: &str = "INSERT INTO ticket_attachments (member_id, id, ticket_id, filename, content_type, \
    size, sha256, public, uploaded_by, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

const EVENT_COLUMNS: &str = "INSERT INTO ticket_events (member_id, id, ticket_id, at, actor_id, actor_name, \
    actor_kind, kind, old_value, new_value, public) ";

const INSERT_EVENT: &str = "INSERT INTO ticket_events (member_id, id, ticket_id, at, actor_id, actor_name, \
    actor_kind, kind, old_value, new_value, public) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

/// Inserts comments, attachments and events in the open transaction `$tx`.
macro_rules! insert_history {
    ($tx:expr, $comments:expr, $attachments:expr, $events:expr) => {{
        for c in $comments {
            sqlx::query(INSERT_COMMENT)
                .bind(c.member_id.uuid())
                .bind(c.id.uuid())
                .bind(c.ticket_id.uuid())
                .bind(c.at)
                .bind(c.author_id.map(|a| a.uuid()))
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
                .bind(m.member_id.uuid())
                .bind(m.id.uuid())
                .bind(m.ticket_id.uuid())
                .bind(&m.filename)
                .bind(&m.content_type)
                .bind(m.size)
                .bind(&m.sha256)
                .bind(m.public)
                .bind(m.uploaded_by.map(|a| a.uuid()))
                .bind(m.at)
                .bind(&a.data)
                .execute(&mut *$tx)
                .await?;
        }
        // The events of a change, in one statement (a few rows at most).
        let events: &[EventRecord] = $events;
        if !events.is_empty() {
            let mut qb = QueryBuilder::new(EVENT_COLUMNS);
            qb.push_values(events, |mut b, e| {
                b.push_bind(e.member_id.uuid())
                    .push_bind(e.id.uuid())
                    .push_bind(e.ticket_id.uuid())
                    .push_bind(e.at)
                    .push_bind(e.actor_id.map(|a| a.uuid()))
                    .push_bind(&e.actor_name)
                    .push_bind(&e.actor_kind)
                    .push_bind(&e.kind)
                    .push_bind(&e.old_value)
                    .push_bind(&e.new_value)
                    .push_bind(e.public);
            });
            qb.build().execute(&mut *$tx).await?;
        }
    }};
}

impl Store {
    /// Applies a change with its history and clocks. A change on a stale
    /// version writes nothing and returns [`StoreError::Stale`].
    pub async fn write_ticket(&self, w: TicketWrite) -> Result<TicketRecord, StoreError> {
        let refresh = search_doc::refresh_statements(self.backend());
        let searchable = w.text_changed || w.comments.iter().any(|c| c.public);
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let (mut ticket, version): (TicketRecord, Option<i64>) = match w.change {
                TicketChange::Full { ticket: t, expected_version } => {
                    let v = sqlx::query_scalar(UPDATE_TICKET)
                        .bind(t.ticket_type.as_str()).bind(t.administration_id.map(|a| a.uuid()))
                        .bind(t.requester_id.map(|r| r.uuid())).bind(t.service_id.map(|s| s.uuid()))
                        .bind(&t.title).bind(&t.description).bind(t.impact).bind(t.urgency).bind(t.priority.as_str())
                        .bind(t.priority_overridden).bind(t.status.as_str()).bind(t.group_id.map(|g| g.uuid()))
                        .bind(t.assignee_id.map(|a| a.uuid())).bind(t.supplier_id.map(|s| s.uuid()))
                        .bind(&t.supplier_reference).bind(t.updated_at).bind(t.resolved_at)
                        .bind(t.member_id.uuid()).bind(t.id.uuid()).bind(expected_version)
                        .fetch_optional(&mut *tx).await?;
                    (t, v)
                }
                TicketChange::Touch { ticket: t, expected_version } => {
                    let v = sqlx::query_scalar(TOUCH_TICKET)
                        .bind(t.updated_at).bind(t.member_id.uuid()).bind(t.id.uuid()).bind(expected_version)
                        .fetch_optional(&mut *tx).await?;
                    (t, v)
                }
            };
            let Some(version) = version else {
                return Err(StoreError::Stale);
            };
            ticket.version = version;
            insert_history!(tx, &w.comments, &w.attachments, &w.events);
            upsert_clocks!(tx, &w.clocks);
            if searchable {
                for (before, after) in refresh {
                    QueryBuilder::new(*before).push("(").push_bind(ticket.id.uuid()).push(")").push(*after)
                        .build().execute(&mut *tx).await?;
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
                .bind(e.member_id.uuid()).bind(e.id.uuid()).bind(e.ticket_id.uuid()).bind(e.at)
                .bind(e.actor_id.map(|a| a.uuid()))
                .bind(&e.actor_name).bind(&e.actor_kind).bind(&e.kind).bind(&e.old_value)
                .bind(&e.new_value).bind(e.public)
                .execute(p).await?;
        });
        Ok(())
    }
}
