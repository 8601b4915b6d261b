//! Members and their administrations.

use super::views::{AdministrationView, MemberView};
use crate::auth::Principal;
use crate::extract::{Body, Id};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_domain::ids::{AdministrationId, MemberId};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    #[schema(pattern = r"^[0-9]{6}-[0-9]{4}$")]
    pub organisation_number: String,
    /// Hundredths of a percent (3333 = 33.33%).
    #[schema(minimum = 0, maximum = 10000)]
    pub ownership_share_bp: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAdministration {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    pub parent_id: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/members", operation_id = "members_list", tag = "members", responses((status = 200, body = Vec<MemberView>)))]
pub async fn list(State(s): State<AppState>, p: Principal) -> ApiResult<Json<Vec<MemberView>>> {
    let members = s.app.members(&p.scope).await?;
    Ok(Json(members.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/members/{id}", operation_id = "members_show", tag = "members", params(("id" = Uuid, Path, description = "The member's id")), responses((status = 200, body = MemberView), (status = 404, body = crate::problem::Problem)))]
pub async fn show(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<MemberView>> {
    Ok(Json(s.app.member(&p.scope, MemberId(id)).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/members", operation_id = "members_create", tag = "members", request_body = NewMember, responses((status = 201, body = MemberView), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewMember>,
) -> ApiResult<(StatusCode, Json<MemberView>)> {
    let m = s
        .app
        .create_member(
            &p.scope,
            &b.code,
            &b.name,
            &b.organisation_number,
            b.ownership_share_bp,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(m.into())))
}

#[utoipa::path(get, path = "/api/v1/members/{id}/administrations", operation_id = "members_administrations", tag = "members", params(("id" = Uuid, Path, description = "The member's id")), responses((status = 200, body = Vec<AdministrationView>)))]
pub async fn administrations(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<Vec<AdministrationView>>> {
    let list = s.app.administrations(&p.scope, MemberId(id)).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/members/{id}/administrations", operation_id = "members_create_administration", tag = "members", params(("id" = Uuid, Path, description = "The member's id")), request_body = NewAdministration, responses((status = 201, body = AdministrationView)))]
pub async fn create_administration(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<NewAdministration>,
) -> ApiResult<(StatusCode, Json<AdministrationView>)> {
    s.app.member(&p.scope, MemberId(id)).await?;
    let a = s
        .app
        .create_administration(
            &p.scope,
            MemberId(id),
            b.parent_id.map(AdministrationId),
            &b.name,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(a.into())))
}
