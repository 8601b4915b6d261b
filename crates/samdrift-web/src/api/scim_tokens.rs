//! A member's SCIM tokens (docs/SCIM.md): administrators list, create and
//! revoke them. A token's secret is shown once, when it is created; the
//! identity provider sends it to `/scim/v2`, where it reaches this member's
//! people and groups only.

use super::views::rfc3339;
use crate::auth::Principal;
use crate::extract::{Body, PathParams, member_in_path};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_app::scim::tokens::ScimToken;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct ScimTokenView {
    pub id: Uuid,
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    /// To the minute; null when never used.
    pub last_used_at: Option<String>,
    /// Null while the token works.
    pub revoked_at: Option<String>,
}

impl From<ScimToken> for ScimTokenView {
    fn from(t: ScimToken) -> Self {
        ScimTokenView {
            id: t.id,
            name: t.name,
            created_at: rfc3339(t.created_at),
            last_used_at: t.last_used_at.map(rfc3339),
            revoked_at: t.revoked_at.map(rfc3339),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IssuedScimTokenView {
    /// The secret: the identity provider sends it as
    /// `Authorization: Bearer …` to `/scim/v2`. Shown only now.
    pub token: String,
    #[serde(flatten)]
    pub details: ScimTokenView,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewScimTokenBody {
    /// What the token is for, e.g. `Entra ID` (1-100 characters).
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
}

#[utoipa::path(get, path = "/api/v1/members/{member}/scim-tokens", operation_id = "scim_tokens_list", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")),
    responses((status = 200, body = Vec<ScimTokenView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    PathParams(member): PathParams<String>,
) -> ApiResult<Json<Vec<ScimTokenView>>> {
    let tokens = s
        .app
        .scim_tokens(&p.scope, &member)
        .await
        .map_err(member_in_path)?;
    Ok(Json(tokens.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/members/{member}/scim-tokens", operation_id = "scim_tokens_create", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")),
    request_body = NewScimTokenBody,
    responses((status = 201, body = IssuedScimTokenView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    PathParams(member): PathParams<String>,
    Body(b): Body<NewScimTokenBody>,
) -> ApiResult<(StatusCode, Json<IssuedScimTokenView>)> {
    let issued = s
        .app
        .create_scim_token(&p.scope, &member, &b.name)
        .await
        .map_err(member_in_path)?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedScimTokenView {
            token: issued.token,
            details: issued.record.into(),
        }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/members/{member}/scim-tokens/{id}", operation_id = "scim_tokens_delete", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"),
        ("id" = Uuid, Path, description = "The token's id")),
    responses((status = 204), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn delete(
    State(s): State<AppState>,
    p: Principal,
    PathParams((member, id)): PathParams<(String, Uuid)>,
) -> ApiResult<StatusCode> {
    s.app
        .revoke_scim_token(&p.scope, &member, id)
        .await
        .map_err(member_in_path)?;
    Ok(StatusCode::NO_CONTENT)
}
