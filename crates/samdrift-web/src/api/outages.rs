//! Outages and planned maintenance; the status messages users see.

use crate::auth::Principal;
use crate::extract::{Body, Id};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use samdrift_app::service_levels::calendars::instant;
use samdrift_app::service_levels::outages::NewOutage;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutageBody {
    pub service_id: Uuid,
    /// Codes of the affected members.
    pub members: Vec<String>,
    pub starts_at: String,
    /// Absent while ongoing.
    pub ends_at: Option<String>,
    #[serde(default)]
    pub planned: bool,
    /// When it was announced (default now).
    pub announced_at: Option<String>,
    /// The status message users see (driftmeddelande).
    pub message: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndBody {
    /// Default now.
    pub ends_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct OutageView {
    pub id: Uuid,
    pub service_id: Uuid,
    pub member_ids: Vec<Uuid>,
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub planned: bool,
    pub announced_at: String,
    pub message: String,
    pub version: i64,
}

pub fn view(o: samdrift_app::queries::records::OutageRecord, members: Vec<Uuid>) -> OutageView {
    use super::views::rfc3339;
    OutageView {
        id: o.id,
        service_id: o.service_id,
        member_ids: members,
        starts_at: rfc3339(o.starts_at),
        ends_at: o.ends_at.map(rfc3339),
        planned: o.planned,
        announced_at: rfc3339(o.announced_at),
        message: o.message,
        version: o.version,
    }
}

#[utoipa::path(post, path = "/api/v1/outages", tag = "service levels", request_body = OutageBody, responses((status = 201, body = OutageView), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<OutageBody>,
) -> ApiResult<(StatusCode, Json<OutageView>)> {
    let new = NewOutage {
        service_id: b.service_id,
        members: b.members,
        starts_at: instant("starts_at", &b.starts_at)?,
        ends_at: b
            .ends_at
            .as_deref()
            .map(|e| instant("ends_at", e))
            .transpose()?,
        planned: b.planned,
        announced_at: b
            .announced_at
            .as_deref()
            .map(|a| instant("announced_at", a))
            .transpose()?,
        message: b.message,
    };
    let (o, members) = s.app.create_outage(&p.scope, new).await?;
    Ok((StatusCode::CREATED, Json(view(o, members))))
}

#[utoipa::path(post, path = "/api/v1/outages/{id}/end", tag = "service levels", request_body = EndBody, responses((status = 204), (status = 412, body = crate::problem::Problem)))]
pub async fn end(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(b): Body<EndBody>,
) -> ApiResult<StatusCode> {
    let version = super::tickets::if_match(&headers)?;
    let at = b
        .ends_at
        .as_deref()
        .map(|e| instant("ends_at", e))
        .transpose()?;
    s.app.end_outage(&p.scope, id, version, at).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/status-messages", tag = "service levels", responses((status = 200, body = Vec<OutageView>)))]
pub async fn status_messages(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<OutageView>>> {
    let list = s.app.status_messages(&p.scope).await?;
    Ok(Json(list.into_iter().map(|(o, m)| view(o, m)).collect()))
}
