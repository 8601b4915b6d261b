//! Tickets and their history. A ticket is written together with the events
//! (and comments, attachments) that explain the change, in one transaction;
//! an update names the version it changes and fails as stale otherwise.

mod counts;
mod create;
mod group_commit;
mod history;
mod list;
mod search_doc;
mod write;

pub use group_commit::CreationQueue;
pub use history::{AttachmentMeta, AttachmentRecord, CommentRecord, EventRecord};
pub use list::{SEARCH_MATCHES, TicketCursor, TicketFilter, TicketRow, TicketSort};
pub use write::{NewTicket, TicketChange, TicketWrite};

use samdrift_domain::priority::Priority;
use samdrift_domain::ticket::{Status, TicketType};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TicketRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub number: String,
    #[sqlx(try_from = "String")]
    pub ticket_type: TicketType,
    pub administration_id: Option<Uuid>,
    pub requester_id: Option<Uuid>,
    pub service_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub impact: i64,
    pub urgency: i64,
    #[sqlx(try_from = "String")]
    pub priority: Priority,
    pub priority_overridden: bool,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub group_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub supplier_id: Option<Uuid>,
    pub supplier_reference: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
    pub version: i64,
}

pub(crate) const TICKET_COLUMNS: &str = "t.member_id, t.id, t.number, t.ticket_type, t.administration_id, \
    t.requester_id, t.service_id, t.title, t.description, t.impact, t.urgency, t.priority, \
    t.priority_overridden, t.status, t.group_id, t.assignee_id, t.supplier_id, t.supplier_reference, \
    t.created_at, t.updated_at, t.resolved_at, t.version";
