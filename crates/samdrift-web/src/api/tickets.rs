//! Tickets: list and search, report, read (with an ETag), change (with
//! If-Match), history.

use super::views::{EventView, Page, TicketCount, TicketListItem, TicketView};
use crate::auth::Principal;
use crate::extract::{Body, Id, Params, conditional, if_match};
use crate::problem::{ApiResult, Problem};
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::queries::records::{TicketCursor, TicketFilter, TicketSort};
use samdrift_app::tickets::{NewTicketInput, TicketPatch, TicketQuery};
use samdrift_domain::ids::TicketId;
use serde::{Deserialize, Deserializer};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// A ticket's type.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum TicketTypeName {
    Incident,
    Request,
}

/// A ticket's status.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum StatusName {
    New,
    Assigned,
    InProgress,
    WaitingForCustomer,
    WaitingForSupplier,
    Resolved,
    Closed,
    Cancelled,
}

/// A priority, P1 (critical) to P4 (low).
#[derive(ToSchema)]
#[allow(dead_code)]
pub enum PriorityName {
    P1,
    P2,
    P3,
    P4,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Member code.
    #[param(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
    /// Comma-separated statuses, or `open`.
    #[param(
        pattern = r"^(open|new|assigned|in_progress|waiting_for_customer|waiting_for_supplier|resolved|closed|cancelled)(,(open|new|assigned|in_progress|waiting_for_customer|waiting_for_supplier|resolved|closed|cancelled))*$"
    )]
    pub status: Option<String>,
    pub group_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    /// `true`: only tickets nobody is assigned.
    pub unassigned: Option<bool>,
    pub service_id: Option<Uuid>,
    /// Comma-separated priorities (P1,P2).
    #[param(pattern = r"^P[1-4](,P[1-4])*$")]
    pub priority: Option<String>,
    pub requester_id: Option<Uuid>,
    /// RFC 3339 instant (inclusive).
    #[param(format = DateTime)]
    pub created_from: Option<String>,
    /// RFC 3339 instant (exclusive).
    #[param(format = DateTime)]
    pub created_to: Option<String>,
    /// Full text over number, title, description and public comments.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Comma-separated resolution clock states: running, paused, met, breached.
    #[param(pattern = r"^(running|paused|met|breached)(,(running|paused|met|breached))*$")]
    pub sla_state: Option<String>,
    /// `true`: open tickets whose resolution clock has warned or breached.
    pub at_risk: Option<bool>,
    /// created, -created (default), updated, -updated, or due (least time left first).
    #[param(pattern = r"^(-?created|-?updated|due)$")]
    pub sort: Option<String>,
    /// `next_cursor` of the previous page.
    #[param(pattern = r"^-?[0-9]+_[0-9a-fA-F-]{36}$")]
    pub cursor: Option<String>,
    /// Tickets per page (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicketBody {
    /// Member code; end users may leave it out.
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
    /// incident or request.
    #[serde(rename = "type")]
    #[schema(value_type = TicketTypeName)]
    pub ticket_type: String,
    pub service_id: Option<Uuid>,
    pub administration_id: Option<Uuid>,
    pub requester_id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// 1 (high) to 3 (low).
    #[schema(minimum = 1, maximum = 3)]
    pub impact: i64,
    /// 1 (high) to 3 (low).
    #[schema(minimum = 1, maximum = 3)]
    pub urgency: i64,
    /// Staff only: P1-P4 set by hand.
    #[schema(value_type = Option<PriorityName>)]
    pub priority: Option<String>,
}

pub(crate) fn double<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchBody {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[schema(minimum = 1, maximum = 3)]
    pub impact: Option<i64>,
    #[schema(minimum = 1, maximum = 3)]
    pub urgency: Option<i64>,
    /// Set by hand (staff); needs `priority_reason`.
    #[schema(value_type = Option<PriorityName>)]
    pub priority: Option<String>,
    pub priority_reason: Option<String>,
    #[schema(value_type = Option<StatusName>)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "double")]
    pub group_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    pub assignee_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    pub service_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    pub administration_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    pub supplier_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    pub supplier_reference: Option<Option<String>>,
    /// Required when resolving: how it was solved (shown to the requester).
    pub resolution: Option<String>,
}

fn bad_query(field: &str, message: samdrift_domain::messages::Message) -> AppError {
    AppError::invalid(field, message)
}

fn instant(field: &str, value: Option<&str>) -> Result<Option<i64>, AppError> {
    value
        .map(|v| {
            v.parse::<jiff::Timestamp>()
                .map(|t| t.as_microsecond())
                .map_err(|_| bad_query(field, samdrift_domain::msg!("query.instant")))
        })
        .transpose()
}

fn split(v: Option<&str>) -> Vec<String> {
    v.map(|s| {
        s.split(',')
            .map(|x| x.trim().to_owned())
            .filter(|x| !x.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

pub fn parse_cursor(c: &str) -> Option<TicketCursor> {
    let (key, id) = c.split_once('_')?;
    Some(TicketCursor {
        key: key.parse().ok()?,
        id: id.parse().ok()?,
    })
}

pub fn query_to_filter(q: ListQuery, now: i64) -> Result<TicketQuery, AppError> {
    let sla_states = split(q.sla_state.as_deref());
    for s in &sla_states {
        if !matches!(s.as_str(), "running" | "paused" | "met" | "breached") {
            return Err(bad_query(
                "sla_state",
                samdrift_domain::msg!("query.clock_state", value = s),
            ));
        }
    }
    let mut statuses = split(q.status.as_deref());
    let open_only = statuses.iter().any(|s| s == "open");
    statuses.retain(|s| s != "open");
    for s in &statuses {
        s.parse::<samdrift_domain::ticket::Status>()
            .map_err(|e| bad_query("status", e))?;
    }
    let priorities = split(q.priority.as_deref());
    for p in &priorities {
        p.parse::<samdrift_domain::priority::Priority>()
            .map_err(|e| bad_query("priority", e))?;
    }
    let sort = match q.sort.as_deref().unwrap_or("-created") {
        "-created" => TicketSort::CreatedDesc,
        "created" => TicketSort::CreatedAsc,
        "-updated" => TicketSort::UpdatedDesc,
        "updated" => TicketSort::UpdatedAsc,
        "due" => TicketSort::DueAsc,
        _ => {
            return Err(bad_query("sort", samdrift_domain::msg!("query.sort")));
        }
    };
    let after = match q.cursor.as_deref() {
        Some(c) => Some(
            parse_cursor(c)
                .ok_or_else(|| bad_query("cursor", samdrift_domain::msg!("query.cursor")))?,
        ),
        None => None,
    };
    Ok(TicketQuery {
        member: q.member,
        filter: TicketFilter {
            member: None,
            statuses,
            open_only,
            group: q.group_id,
            assignee: q.assignee_id,
            unassigned: q.unassigned.unwrap_or(false),
            service: q.service_id,
            priorities,
            requester: q.requester_id,
            created_from: instant("created_from", q.created_from.as_deref())?,
            created_to: instant("created_to", q.created_to.as_deref())?,
            text: q.q,
            sla_states,
            at_risk_at: q.at_risk.unwrap_or(false).then_some(now),
            sort,
            after,
            limit: q.limit.unwrap_or(50),
        },
    })
}

#[utoipa::path(get, path = "/api/v1/tickets", operation_id = "tickets_list", tag = "tickets", params(ListQuery), responses((status = 200, body = Page<TicketListItem>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<ListQuery>,
) -> ApiResult<Json<Page<TicketListItem>>> {
    let list = s
        .app
        .list_tickets(&p.scope, query_to_filter(q, s.app.now_micros())?)
        .await?;
    Ok(Json(Page {
        items: list.tickets.into_iter().map(Into::into).collect(),
        next_cursor: list.next.map(|c| format!("{}_{}", c.key, c.id)),
    }))
}

#[utoipa::path(get, path = "/api/v1/tickets/count", operation_id = "tickets_count", tag = "tickets", params(ListQuery), responses((status = 200, body = TicketCount)))]
/// How many tickets the list with these filters holds (cursor, page size
/// and sort aside), exactly up to 10,000.
pub async fn count(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<ListQuery>,
) -> ApiResult<Json<TicketCount>> {
    let n = s
        .app
        .count_tickets(&p.scope, query_to_filter(q, s.app.now_micros())?)
        .await?;
    Ok(Json(TicketCount {
        value: n.value,
        more: n.more,
    }))
}

fn with_etag(status: StatusCode, view: TicketView) -> Response {
    let version = view.version;
    super::views::with_etag(status, view, version)
}

#[utoipa::path(post, path = "/api/v1/tickets", operation_id = "tickets_create", tag = "tickets", request_body = NewTicketBody, responses((status = 201, body = TicketView), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewTicketBody>,
) -> ApiResult<Response> {
    let input = NewTicketInput {
        member: b.member,
        ticket_type: b.ticket_type,
        service_id: b.service_id,
        administration_id: b.administration_id,
        requester_id: b.requester_id,
        title: b.title,
        description: b.description,
        impact: b.impact,
        urgency: b.urgency,
        priority: b.priority,
    };
    let t = s.app.create_ticket(&p.scope, input).await?;
    Ok(with_etag(StatusCode::CREATED, t.into()))
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}", operation_id = "tickets_show", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id")), responses((status = 200, body = TicketView), (status = 404, body = Problem)))]
pub async fn show(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<Response> {
    let t = s.app.ticket(&p.scope, TicketId(id)).await?;
    Ok(with_etag(StatusCode::OK, t.into()))
}

#[utoipa::path(patch, path = "/api/v1/tickets/{id}", operation_id = "tickets_update", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = PatchBody,
    responses((status = 200, body = TicketView), (status = 412, body = Problem), (status = 428, body = Problem), (status = 422, body = Problem)))]
pub async fn update(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(b): Body<PatchBody>,
) -> ApiResult<Response> {
    let precondition = if_match(&headers)?;
    let patch = TicketPatch {
        title: b.title,
        description: b.description,
        impact: b.impact,
        urgency: b.urgency,
        priority: b.priority,
        priority_reason: b.priority_reason,
        status: b.status,
        group_id: b.group_id,
        assignee_id: b.assignee_id,
        service_id: b.service_id,
        administration_id: b.administration_id,
        supplier_id: b.supplier_id,
        supplier_reference: b.supplier_reference,
        resolution: b.resolution,
    };
    let t = conditional(
        precondition,
        || async { Ok(s.app.ticket(&p.scope, TicketId(id)).await?.version) },
        |version| {
            s.app
                .update_ticket(&p.scope, TicketId(id), version, patch.clone())
        },
    )
    .await?;
    Ok(with_etag(StatusCode::OK, t.into()))
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/history", operation_id = "tickets_history", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id")), responses((status = 200, body = Vec<EventView>)))]
pub async fn history(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<Vec<EventView>>> {
    let detail = s.app.ticket_detail(&p.scope, TicketId(id)).await?;
    Ok(Json(detail.events.into_iter().map(Into::into).collect()))
}
