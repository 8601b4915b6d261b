//! Tickets and their history. A ticket is written together with the events
//! (and comments, attachments) that explain the change, in one transaction;
//! an update names the version it changes and fails as stale otherwise.

mod counts;
mod create;
mod group_commit;
mod history;
mod list;
mod list_arms;
mod search_doc;
mod write;

pub use group_commit::CreationQueue;
pub use history::{AttachmentMeta, AttachmentRecord, CommentRecord, EventRecord};
pub use list::{BoundedCount, SEARCH_MATCHES, TicketCursor, TicketFilter, TicketRow, TicketSort};
pub use write::{NewTicket, TicketChange, TicketWrite};

use samdrift_domain::ids::{
    AccountId, AdministrationId, GroupId, MemberId, PersonId, ServiceId, SupplierId, TicketId,
};
use samdrift_domain::priority::Priority;
use samdrift_domain::ticket::{Status, TicketType};
use uuid::Uuid;

/// A ticket as stored, with typed ids: the requester is a person of the
/// ticket's member, the assignee a staff account.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRecord {
    pub member_id: MemberId,
    pub id: TicketId,
    pub number: String,
    pub ticket_type: TicketType,
    pub administration_id: Option<AdministrationId>,
    pub requester_id: Option<PersonId>,
    pub service_id: Option<ServiceId>,
    pub title: String,
    pub description: String,
    pub impact: i64,
    pub urgency: i64,
    pub priority: Priority,
    pub priority_overridden: bool,
    pub status: Status,
    pub group_id: Option<GroupId>,
    pub assignee_id: Option<AccountId>,
    pub supplier_id: Option<SupplierId>,
    pub supplier_reference: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
    pub version: i64,
}

/// A ticket row as the database gives it ([`TICKET_COLUMNS`]); every query
/// that reads tickets reads this and hands out a [`TicketRecord`].
#[derive(sqlx::FromRow)]
pub(crate) struct TicketColumns {
    member_id: Uuid,
    id: Uuid,
    number: String,
    #[sqlx(try_from = "String")]
    ticket_type: TicketType,
    administration_id: Option<Uuid>,
    requester_id: Option<Uuid>,
    service_id: Option<Uuid>,
    title: String,
    description: String,
    impact: i64,
    urgency: i64,
    #[sqlx(try_from = "String")]
    priority: Priority,
    priority_overridden: bool,
    #[sqlx(try_from = "String")]
    status: Status,
    group_id: Option<Uuid>,
    assignee_id: Option<Uuid>,
    supplier_id: Option<Uuid>,
    supplier_reference: Option<String>,
    created_at: i64,
    updated_at: i64,
    resolved_at: Option<i64>,
    version: i64,
}

impl From<TicketColumns> for TicketRecord {
    fn from(t: TicketColumns) -> Self {
        TicketRecord {
            member_id: MemberId(t.member_id),
            id: TicketId(t.id),
            number: t.number,
            ticket_type: t.ticket_type,
            administration_id: t.administration_id.map(AdministrationId),
            requester_id: t.requester_id.map(PersonId),
            service_id: t.service_id.map(ServiceId),
            title: t.title,
            description: t.description,
            impact: t.impact,
            urgency: t.urgency,
            priority: t.priority,
            priority_overridden: t.priority_overridden,
            status: t.status,
            group_id: t.group_id.map(GroupId),
            assignee_id: t.assignee_id.map(AccountId),
            supplier_id: t.supplier_id.map(SupplierId),
            supplier_reference: t.supplier_reference,
            created_at: t.created_at,
            updated_at: t.updated_at,
            resolved_at: t.resolved_at,
            version: t.version,
        }
    }
}

pub(crate) const TICKET_COLUMNS: &str = "t.member_id, t.id, t.number, t.ticket_type, t.administration_id, \
    t.requester_id, t.service_id, t.title, t.description, t.impact, t.urgency, t.priority, \
    t.priority_overridden, t.status, t.group_id, t.assignee_id, t.supplier_id, t.supplier_reference, \
    t.created_at, t.updated_at, t.resolved_at, t.version";
