//! Outages and planned maintenance; the status messages users see.

use crate::auth::Principal;
use crate::extract::{Body, Id, conditional, if_match};
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
    #[schema(min_items = 1)]
    pub members: Vec<String>,
    #[schema(format = DateTime)]
    pub starts_at: String,
    /// Absent while ongoing.
    #[schema(format = DateTime)]
    pub ends_at: Option<String>,
    #[serde(default)]
    pub planned: bool,
    /// When it was announced (default now).
    #[schema(format = DateTime)]
    pub announced_at: Option<String>,
    /// The status message users see (driftmeddelande).
    #[schema(min_length = 1, pattern = r"\S")]
    pub message: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndBody {
    /// Default now.
    #[schema(format = DateTime)]
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

#[utoipa::path(post, path = "/api/v1/outages", operation_id = "outages_create", tag = "service levels", request_body = OutageBody, responses((status = 201, body = OutageView), (status = 422, body = crate::problem::Problem)))]
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

#[utoipa::path(post, path = "/api/v1/outages/{id}/end", operation_id = "outages_end", tag = "service levels", params(("id" = Uuid, Path, description = "The outage's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = EndBody, responses((status = 204), (status = 412, body = crate::problem::Problem)))]
pub async fn end(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(b): Body<EndBody>,
) -> ApiResult<StatusCode> {
    let at = b
        .ends_at
        .as_deref()
        .map(|e| instant("ends_at", e))
        .transpose()?;
    conditional(
        if_match(&headers)?,
        || async { Ok(s.app.outage(&p.scope, id).await?.0.version) },
        |version| s.app.end_outage(&p.scope, id, version, at),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/status-messages", operation_id = "outages_status_messages", tag = "service levels", responses((status = 200, body = Vec<OutageView>)))]
pub async fn status_messages(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<OutageView>>> {
    let list = s.app.status_messages(&p.scope).await?;
    Ok(Json(list.into_iter().map(|(o, m)| view(o, m)).collect()))
}
