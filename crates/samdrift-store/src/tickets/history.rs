//! A ticket's comments, attachments and event history, read within scope:
//! callers pass a ticket they already read through the scope, and internal
//! entries are left out unless `internal` is true (staff).

use crate::{Store, StoreError};
use samdrift_domain::ids::{AccountId, AttachmentId, CommentId, EventId, MemberId, TicketId};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct CommentRecord {
    pub member_id: MemberId,
    pub id: CommentId,
    pub ticket_id: TicketId,
    pub at: i64,
    /// The account that wrote it; none for an imported comment.
    pub author_id: Option<AccountId>,
    pub author_name: String,
    pub public: bool,
    pub by_staff: bool,
    pub body: String,
}

/// One change to a ticket: who, when, what, old and new value.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub member_id: MemberId,
    pub id: EventId,
    pub ticket_id: TicketId,
    pub at: i64,
    /// The account that made the change; none for the system.
    pub actor_id: Option<AccountId>,
    pub actor_name: String,
    /// `staff`, `requester` or `system`.
    pub actor_kind: String,
    /// `created`, `status`, `priority`, `comment`, `group`, `assignee`, ...
    pub kind: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub public: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentMeta {
    pub member_id: MemberId,
    pub id: AttachmentId,
    pub ticket_id: TicketId,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub public: bool,
    pub uploaded_by: Option<AccountId>,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentRecord {
    pub meta: AttachmentMeta,
    pub data: Vec<u8>,
}

// The rows as the database gives them, turned into the records above.

#[derive(sqlx::FromRow)]
struct CommentColumns {
    member_id: Uuid,
    id: Uuid,
    ticket_id: Uuid,
    at: i64,
    author_id: Option<Uuid>,
    author_name: String,
    public: bool,
    by_staff: bool,
    body: String,
}

impl From<CommentColumns> for CommentRecord {
    fn from(c: CommentColumns) -> Self {
        CommentRecord {
            member_id: MemberId(c.member_id),
            id: CommentId(c.id),
            ticket_id: TicketId(c.ticket_id),
            at: c.at,
            author_id: c.author_id.map(AccountId),
            author_name: c.author_name,
            public: c.public,
            by_staff: c.by_staff,
            body: c.body,
        }
    }
}

#[derive(sqlx::FromRow)]
struct EventColumns {
    member_id: Uuid,
    id: Uuid,
    ticket_id: Uuid,
    at: i64,
    actor_id: Option<Uuid>,
    actor_name: String,
    actor_kind: String,
    kind: String,
    old_value: Option<String>,
    new_value: Option<String>,
    public: bool,
}

impl From<EventColumns> for EventRecord {
    fn from(e: EventColumns) -> Self {
        EventRecord {
            member_id: MemberId(e.member_id),
            id: EventId(e.id),
            ticket_id: TicketId(e.ticket_id),
            at: e.at,
            actor_id: e.actor_id.map(AccountId),
            actor_name: e.actor_name,
            actor_kind: e.actor_kind,
            kind: e.kind,
            old_value: e.old_value,
            new_value: e.new_value,
            public: e.public,
        }
    }
}

#[derive(sqlx::FromRow)]
struct AttachmentColumns {
    member_id: Uuid,
    id: Uuid,
    ticket_id: Uuid,
    filename: String,
    content_type: String,
    size: i64,
    sha256: String,
    public: bool,
    uploaded_by: Option<Uuid>,
    at: i64,
}

impl From<AttachmentColumns> for AttachmentMeta {
    fn from(a: AttachmentColumns) -> Self {
        AttachmentMeta {
            member_id: MemberId(a.member_id),
            id: AttachmentId(a.id),
            ticket_id: TicketId(a.ticket_id),
            filename: a.filename,
            content_type: a.content_type,
            size: a.size,
            sha256: a.sha256,
            public: a.public,
            uploaded_by: a.uploaded_by.map(AccountId),
            at: a.at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct AttachmentDataColumns {
    #[sqlx(flatten)]
    meta: AttachmentColumns,
    data: Vec<u8>,
}

impl From<AttachmentDataColumns> for AttachmentRecord {
    fn from(a: AttachmentDataColumns) -> Self {
        AttachmentRecord {
            meta: a.meta.into(),
            data: a.data,
        }
    }
}

impl Store {
    pub async fn ticket_comments(
        &self,
        member: MemberId,
        ticket: TicketId,
        internal: bool,
    ) -> Result<Vec<CommentRecord>, StoreError> {
        let rows = on_pool!(self, p => sqlx::query_as::<_, CommentColumns>(
            "SELECT member_id, id, ticket_id, at, author_id, author_name, public, by_staff, body \
             FROM ticket_comments WHERE member_id = $1 AND ticket_id = $2 AND (public OR $3) ORDER BY at, id",
        ).bind(member.0).bind(ticket.0).bind(internal).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn ticket_events(
        &self,
        member: MemberId,
        ticket: TicketId,
        internal: bool,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let rows = on_pool!(self, p => sqlx::query_as::<_, EventColumns>(
            "SELECT member_id, id, ticket_id, at, actor_id, actor_name, actor_kind, kind, old_value, new_value, public \
             FROM ticket_events WHERE member_id = $1 AND ticket_id = $2 AND (public OR $3) ORDER BY at, id",
        ).bind(member.0).bind(ticket.0).bind(internal).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn ticket_attachments(
        &self,
        member: MemberId,
        ticket: TicketId,
        internal: bool,
    ) -> Result<Vec<AttachmentMeta>, StoreError> {
        let rows = on_pool!(self, p => sqlx::query_as::<_, AttachmentColumns>(
            "SELECT member_id, id, ticket_id, filename, content_type, size, sha256, public, uploaded_by, at \
             FROM ticket_attachments WHERE member_id = $1 AND ticket_id = $2 AND (public OR $3) ORDER BY at, id",
        ).bind(member.0).bind(ticket.0).bind(internal).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn ticket_attachment(
        &self,
        member: MemberId,
        ticket: TicketId,
        id: AttachmentId,
        internal: bool,
    ) -> Result<Option<AttachmentRecord>, StoreError> {
        let row = on_pool!(self, p => sqlx::query_as::<_, AttachmentDataColumns>(
            "SELECT member_id, id, ticket_id, filename, content_type, size, sha256, public, uploaded_by, at, data \
             FROM ticket_attachments WHERE member_id = $1 AND ticket_id = $2 AND id = $3 AND (public OR $4)",
        ).bind(member.0).bind(ticket.0).bind(id.0).bind(internal).fetch_optional(p).await?);
        Ok(row.map(Into::into))
    }
}
