//! A ticket's comments, attachments and event history, read within scope:
//! callers pass a ticket they already read through the scope, and internal
//! entries are left out unless `internal` is true (staff).

use crate::{Store, StoreError};
use samdrift_domain::ids::{AttachmentId, MemberId, TicketId};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CommentRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub at: i64,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    pub public: bool,
    pub by_staff: bool,
    pub body: String,
}

/// One change to a ticket: who, when, what, old and new value.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct EventRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub at: i64,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    /// `staff`, `requester` or `system`.
    pub actor_kind: String,
    /// `created`, `status`, `priority`, `comment`, `group`, `assignee`, ...
    pub kind: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub public: bool,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AttachmentMeta {
    pub member_id: Uuid,
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub public: bool,
    pub uploaded_by: Option<Uuid>,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AttachmentRecord {
    #[sqlx(flatten)]
    pub meta: AttachmentMeta,
    pub data: Vec<u8>,
}

impl Store {
    pub async fn ticket_comments(
        &self,
        member: MemberId,
        ticket: TicketId,
        internal: bool,
    ) -> Result<Vec<CommentRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, CommentRecord>(
            "SELECT member_id, id, ticket_id, at, author_id, author_name, public, by_staff, body \
             FROM ticket_comments WHERE member_id = $1 AND ticket_id = $2 AND (public OR $3) ORDER BY at, id",
        ).bind(member.0).bind(ticket.0).bind(internal).fetch_all(p).await?))
    }

    pub async fn ticket_events(
        &self,
        member: MemberId,
        ticket: TicketId,
        internal: bool,
    ) -> Result<Vec<EventRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, EventRecord>(
            "SELECT member_id, id, ticket_id, at, actor_id, actor_name, actor_kind, kind, old_value, new_value, public \
             FROM ticket_events WHERE member_id = $1 AND ticket_id = $2 AND (public OR $3) ORDER BY at, id",
        ).bind(member.0).bind(ticket.0).bind(internal).fetch_all(p).await?))
    }

    pub async fn ticket_attachments(
        &self,
        member: MemberId,
        ticket: TicketId,
        internal: bool,
    ) -> Result<Vec<AttachmentMeta>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AttachmentMeta>(
            "SELECT member_id, id, ticket_id, filename, content_type, size, sha256, public, uploaded_by, at \
             FROM ticket_attachments WHERE member_id = $1 AND ticket_id = $2 AND (public OR $3) ORDER BY at, id",
        ).bind(member.0).bind(ticket.0).bind(internal).fetch_all(p).await?))
    }

    pub async fn ticket_attachment(
        &self,
        member: MemberId,
        ticket: TicketId,
        id: AttachmentId,
        internal: bool,
    ) -> Result<Option<AttachmentRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AttachmentRecord>(
            "SELECT member_id, id, ticket_id, filename, content_type, size, sha256, public, uploaded_by, at, data \
             FROM ticket_attachments WHERE member_id = $1 AND ticket_id = $2 AND id = $3 AND (public OR $4)",
        ).bind(member.0).bind(ticket.0).bind(id.0).bind(internal).fetch_optional(p).await?))
    }
}
