//! Tickets: list and search, report, read (with an ETag), change (with
//! If-Match), history.

use super::views::{EventView, Page, TicketListItem, TicketView};
use crate::auth::Principal;
use crate::extract::{Body, Id, Params};
use crate::problem::{ApiResult, Problem};
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::queries::records::{TicketCursor, TicketFilter, TicketSort};
use samdrift_app::tickets::{NewTicketInput, TicketPatch, TicketQuery};
use samdrift_domain::ids::TicketId;
use serde::{Deserialize, Deserializer};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// Member code.
    pub member: Option<String>,
    /// Comma-separated statuses, or `open`.
    pub status: Option<String>,
    pub group_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    /// `true`: only tickets nobody is assigned.
    pub unassigned: Option<bool>,
    pub service_id: Option<Uuid>,
    /// Comma-separated priorities (P1,P2).
    pub priority: Option<String>,
    pub requester_id: Option<Uuid>,
    /// RFC 3339 instant (inclusive).
    pub created_from: Option<String>,
    /// RFC 3339 instant (exclusive).
    pub created_to: Option<String>,
    /// Full text over number, title, description and public comments.
    pub q: Option<String>,
    /// Comma-separated resolution clock states: running, paused, met, breached.
    pub sla_state: Option<String>,
    /// `true`: open tickets whose resolution clock has warned or breached.
    pub at_risk: Option<bool>,
    /// created, -created (default), updated, -updated, or due (least time left first).
    pub sort: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicketBody {
    /// Member code; end users may leave it out.
    pub member: Option<String>,
    /// incident or request.
    #[serde(rename = "type")]
    pub ticket_type: String,
    pub service_id: Option<Uuid>,
    pub administration_id: Option<Uuid>,
    pub requester_id: Option<Uuid>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// 1 (high) to 3 (low).
    pub impact: i64,
    /// 1 (high) to 3 (low).
    pub urgency: i64,
    /// Staff only: P1-P4 set by hand.
    pub priority: Option<String>,
}

fn double<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchBody {
    pub title: Option<String>,
    pub description: Option<String>,
    pub impact: Option<i64>,
    pub urgency: Option<i64>,
    pub priority: Option<String>,
    pub priority_reason: Option<String>,
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

#[utoipa::path(get, path = "/api/v1/tickets", tag = "tickets", params(ListQuery), responses((status = 200, body = Page<TicketListItem>)))]
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

fn with_etag(status: StatusCode, view: TicketView) -> Response {
    let version = view.version;
    super::views::with_etag(status, view, version)
}

#[utoipa::path(post, path = "/api/v1/tickets", tag = "tickets", request_body = NewTicketBody, responses((status = 201, body = TicketView), (status = 422, body = Problem)))]
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

#[utoipa::path(get, path = "/api/v1/tickets/{id}", tag = "tickets", responses((status = 200, body = TicketView), (status = 404, body = Problem)))]
pub async fn show(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<Response> {
    let t = s.app.ticket(&p.scope, TicketId(id)).await?;
    Ok(with_etag(StatusCode::OK, t.into()))
}

/// The version in `If-Match`, which this change requires (428 without).
pub fn required_version(headers: &HeaderMap) -> Result<i64, AppError> {
    if_match(headers)?.ok_or(AppError::VersionRequired)
}

/// The version in `If-Match` (`"3"`, `W/"3"` or `3`).
pub fn if_match(headers: &HeaderMap) -> Result<Option<i64>, AppError> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let raw = v.to_str().unwrap_or("").trim();
    let raw = raw.strip_prefix("W/").unwrap_or(raw).trim_matches('"');
    raw.parse::<i64>()
        .map(Some)
        .map_err(|_| AppError::invalid("If-Match", samdrift_domain::msg!("http.if_match")))
}

#[utoipa::path(patch, path = "/api/v1/tickets/{id}", tag = "tickets", request_body = PatchBody,
    responses((status = 200, body = TicketView), (status = 412, body = Problem), (status = 428, body = Problem), (status = 422, body = Problem)))]
pub async fn update(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(b): Body<PatchBody>,
) -> ApiResult<Response> {
    let version = if_match(&headers)?;
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
    let t = s
        .app
        .update_ticket(&p.scope, TicketId(id), version, patch)
        .await?;
    Ok(with_etag(StatusCode::OK, t.into()))
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/history", tag = "tickets", responses((status = 200, body = Vec<EventView>)))]
pub async fn history(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<Vec<EventView>>> {
    let detail = s.app.ticket_detail(&p.scope, TicketId(id)).await?;
    Ok(Json(detail.events.into_iter().map(Into::into).collect()))
}
