//! API tokens: each user lists, creates and revokes their own; admins
//! list (`?all=true`) and revoke anyone's. A token's secret is shown once,
//! when it is created.

use super::views::rfc3339;
use crate::auth::Principal;
use crate::extract::{Body, Id, Params};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_app::credentials::NewToken;
use samdrift_app::queries::records::TokenRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct TokenView {
    pub id: Uuid,
    /// The owner's username.
    pub username: String,
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    /// To the minute; null when never used.
    pub last_used_at: Option<String>,
    /// Null: valid until revoked.
    pub expires_at: Option<String>,
}

impl From<TokenRecord> for TokenView {
    fn from(t: TokenRecord) -> Self {
        TokenView {
            id: t.id,
            username: t.username,
            name: t.name,
            created_at: rfc3339(t.created_at),
            last_used_at: t.last_used_at.map(rfc3339),
            expires_at: t.expires_at.map(rfc3339),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IssuedTokenView {
    /// The secret: send it as `Authorization: Bearer …`. Shown only now.
    pub token: String,
    #[serde(flatten)]
    pub details: TokenView,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenBody {
    /// What the token is for (1-100 characters).
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    /// Days until it stops working (1-3650); without it, until revoked.
    #[schema(minimum = 1, maximum = 3650)]
    pub expires_in_days: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TokenQuery {
    /// Every account's tokens (administrators only).
    #[serde(default)]
    pub all: bool,
}

#[utoipa::path(get, path = "/api/v1/tokens", operation_id = "tokens_list", tag = "tokens", params(TokenQuery),
    responses((status = 200, body = Vec<TokenView>), (status = 403, body = crate::problem::Problem)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<TokenQuery>,
) -> ApiResult<Json<Vec<TokenView>>> {
    let tokens = s.app.tokens(&p.scope, q.all).await?;
    Ok(Json(tokens.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/tokens", operation_id = "tokens_create", tag = "tokens", request_body = NewTokenBody,
    responses((status = 201, body = IssuedTokenView)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewTokenBody>,
) -> ApiResult<(StatusCode, Json<IssuedTokenView>)> {
    let new = NewToken {
        name: b.name,
        expires_in_days: b.expires_in_days,
    };
    let issued = s.app.create_own_token(&p.scope, new).await?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedTokenView {
            token: issued.token,
            details: issued.record.into(),
        }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", operation_id = "tokens_delete", tag = "tokens",
    params(("id" = Uuid, Path, description = "The token's id")),
    responses((status = 204), (status = 404, body = crate::problem::Problem)))]
pub async fn delete(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<StatusCode> {
    s.app.revoke_token(&p.scope, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
