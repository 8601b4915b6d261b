//! The API's JSON shapes, built from store records. Instants are RFC 3339
//! in UTC; ids are UUIDs; nothing secret (password hashes) is ever here.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samdrift_app::queries::records::AccountRecord;
use samdrift_app::queries::records::AdministrationRecord;
use samdrift_app::queries::records::GroupRecord;
use samdrift_app::queries::records::MemberRecord;
use samdrift_app::queries::records::PersonRecord;
use samdrift_app::queries::records::ServiceRecord;
use samdrift_app::queries::records::SupplierRecord;
use samdrift_app::queries::records::{
    AttachmentMeta, CommentRecord, EventRecord, TicketRecord, TicketRow,
};
use samdrift_domain::ids::{AccountId, AdministrationId, GroupId, PersonId, ServiceId, SupplierId};
use samdrift_domain::time::from_micros;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub fn rfc3339(micros: i64) -> String {
    from_micros(micros).to_string()
}

/// A JSON answer carrying the record's version as its ETag, to be sent
/// back in If-Match with a change.
pub fn with_etag<T: Serialize>(status: StatusCode, body: T, version: i64) -> Response {
    let mut r = (status, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        r.headers_mut().insert(header::ETAG, v);
    }
    r
}

#[derive(Serialize, ToSchema)]
pub struct MemberView {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub organisation_number: String,
    /// Ownership share in hundredths of a percent (10000 = 100%).
    pub ownership_share_bp: i64,
    pub version: i64,
}

impl From<MemberRecord> for MemberView {
    fn from(m: MemberRecord) -> Self {
        MemberView {
            id: m.id,
            code: m.code,
            name: m.name,
            organisation_number: m.organisation_number,
            ownership_share_bp: m.ownership_share_bp,
            version: m.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AdministrationView {
    pub id: Uuid,
    pub member_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
}

impl From<AdministrationRecord> for AdministrationView {
    fn from(a: AdministrationRecord) -> Self {
        AdministrationView {
            id: a.id,
            member_id: a.member_id,
            parent_id: a.parent_id,
            name: a.name,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PersonView {
    pub id: Uuid,
    pub member_id: Uuid,
    pub administration_id: Option<Uuid>,
    pub name: String,
    pub email: String,
    pub kind: String,
}

impl From<PersonRecord> for PersonView {
    fn from(p: PersonRecord) -> Self {
        PersonView {
            id: p.id,
            member_id: p.member_id,
            administration_id: p.administration_id,
            name: p.name,
            email: p.email,
            kind: p.kind,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AccountView {
    pub id: Uuid,
    pub username: String,
    pub staff_role: Option<String>,
    pub person_id: Option<Uuid>,
    pub language: String,
    pub disabled: bool,
}

impl From<AccountRecord> for AccountView {
    fn from(a: AccountRecord) -> Self {
        AccountView {
            id: a.id,
            username: a.username,
            staff_role: a.staff_role,
            person_id: a.person_id,
            language: a.language,
            disabled: a.disabled,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GroupView {
    pub id: Uuid,
    pub name: String,
    pub description: String,
}

impl From<GroupRecord> for GroupView {
    fn from(g: GroupRecord) -> Self {
        GroupView {
            id: g.id,
            name: g.name,
            description: g.description,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SupplierView {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub contact_name: String,
}

impl From<SupplierRecord> for SupplierView {
    fn from(s: SupplierRecord) -> Self {
        SupplierView {
            id: s.id,
            name: s.name,
            email: s.email,
            phone: s.phone,
            contact_name: s.contact_name,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ServiceView {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    /// `business`, `it` or `infrastructure`.
    pub level: String,
    pub description: String,
    pub owning_group_id: Option<Uuid>,
    /// The catalog family (Arbetsplats, Kommunikation, ...).
    pub family: String,
    /// The service owner (tjänsteägare).
    pub owner: String,
    pub version: i64,
}

impl From<ServiceRecord> for ServiceView {
    fn from(s: ServiceRecord) -> Self {
        ServiceView {
            id: s.id,
            code: s.code,
            name: s.name,
            level: s.level,
            description: s.description,
            owning_group_id: s.owning_group_id,
            family: s.family,
            owner: s.owner,
            version: s.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TicketView {
    pub id: Uuid,
    /// Human number, e.g. `YST-2027-000042`.
    pub number: String,
    pub member_id: Uuid,
    #[serde(rename = "type")]
    pub ticket_type: String,
    pub administration_id: Option<Uuid>,
    pub requester_id: Option<Uuid>,
    pub service_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub impact: i64,
    pub urgency: i64,
    pub priority: String,
    pub priority_overridden: bool,
    pub status: String,
    pub group_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub supplier_id: Option<Uuid>,
    pub supplier_reference: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub resolved_at: Option<String>,
    /// The version to send back in If-Match (also the ETag).
    pub version: i64,
}

impl From<TicketRecord> for TicketView {
    fn from(t: TicketRecord) -> Self {
        TicketView {
            id: t.id.uuid(),
            number: t.number,
            member_id: t.member_id.uuid(),
            ticket_type: t.ticket_type.as_str().to_owned(),
            administration_id: t.administration_id.map(AdministrationId::uuid),
            requester_id: t.requester_id.map(PersonId::uuid),
            service_id: t.service_id.map(ServiceId::uuid),
            title: t.title,
            description: t.description,
            impact: t.impact,
            urgency: t.urgency,
            priority: t.priority.as_str().to_owned(),
            priority_overridden: t.priority_overridden,
            status: t.status.as_str().to_owned(),
            group_id: t.group_id.map(GroupId::uuid),
            assignee_id: t.assignee_id.map(AccountId::uuid),
            supplier_id: t.supplier_id.map(SupplierId::uuid),
            supplier_reference: t.supplier_reference,
            created_at: rfc3339(t.created_at),
            updated_at: rfc3339(t.updated_at),
            resolved_at: t.resolved_at.map(rfc3339),
            version: t.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CommentView {
    pub id: Uuid,
    pub at: String,
    pub author: String,
    pub public: bool,
    pub by_staff: bool,
    pub body: String,
}

impl From<CommentRecord> for CommentView {
    fn from(c: CommentRecord) -> Self {
        CommentView {
            id: c.id.uuid(),
            at: rfc3339(c.at),
            author: c.author_name,
            public: c.public,
            by_staff: c.by_staff,
            body: c.body,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EventView {
    pub id: Uuid,
    pub at: String,
    pub actor: String,
    /// `staff`, `requester` or `system`.
    pub actor_kind: String,
    /// What changed: `created`, `status`, `priority`, `comment`, `assignee`, ...
    pub kind: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub public: bool,
}

impl From<EventRecord> for EventView {
    fn from(e: EventRecord) -> Self {
        EventView {
            id: e.id.uuid(),
            at: rfc3339(e.at),
            actor: e.actor_name,
            actor_kind: e.actor_kind,
            kind: e.kind,
            old_value: e.old_value,
            new_value: e.new_value,
            public: e.public,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AttachmentView {
    pub id: Uuid,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub public: bool,
    pub at: String,
}

impl From<AttachmentMeta> for AttachmentView {
    fn from(a: AttachmentMeta) -> Self {
        AttachmentView {
            id: a.id.uuid(),
            filename: a.filename,
            content_type: a.content_type,
            size: a.size,
            sha256: a.sha256,
            public: a.public,
            at: rfc3339(a.at),
        }
    }
}

/// How many tickets match a list: exact when `more` is false; otherwise
/// there are more than `value` (the bound, 10,000), left uncounted.
#[derive(Serialize, ToSchema)]
pub struct TicketCount {
    pub value: i64,
    pub more: bool,
}

/// A page of a list and the cursor for the next one.
#[derive(Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// The resolution clock of a listed ticket.
#[derive(Serialize, ToSchema)]
pub struct ClockSummary {
    /// running, paused, met or breached.
    pub state: String,
    /// When the target is reached if nothing changes (running clocks).
    pub due_at: Option<String>,
}

/// A ticket in a list: the ticket and its resolution clock, if an agreement covers it.
#[derive(Serialize, ToSchema)]
pub struct TicketListItem {
    #[serde(flatten)]
    pub ticket: TicketView,
    pub sla: Option<ClockSummary>,
}

impl From<TicketRow> for TicketListItem {
    fn from(r: TicketRow) -> Self {
        TicketListItem {
            ticket: r.ticket.into(),
            sla: r.resolution_state.map(|state| ClockSummary {
                state,
                due_at: r.resolution_due_at.map(rfc3339),
            }),
        }
    }
}
