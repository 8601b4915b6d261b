//! Signing in and out, and who am I.

use crate::auth::{Principal, SESSION_COOKIE, UngatedPrincipal, cookie};
use crate::client::ClientAddress;
use crate::extract::Body;
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionView {
    pub username: String,
    /// Send this in `X-CSRF-Token` with every change made with the cookie.
    pub csrf_token: String,
    /// The members whose user agreement this session must accept before
    /// any other request (see `GET /api/v1/user-agreements/pending`).
    pub pending_user_agreements: Vec<uuid::Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct MeView {
    pub username: String,
    pub account_id: uuid::Uuid,
    pub person_id: Option<uuid::Uuid>,
    pub staff_role: Option<String>,
    pub member_roles: Vec<MemberRoleView>,
    pub language: String,
}

#[derive(Serialize, ToSchema)]
pub struct MemberRoleView {
    pub member_id: uuid::Uuid,
    pub role: String,
}

/// The Set-Cookie value for a session (Secure when served over TLS).
/// The session cookie; `Secure` is added for every cookie of a request
/// that came over TLS (`client::secure_cookies_over_tls`).
pub fn session_cookie(token: &str, max_age_seconds: i64) -> String {
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}")
}

#[utoipa::path(post, path = "/api/v1/session", operation_id = "session_create", tag = "session", security(()), request_body = LoginBody,
    responses((status = 201, body = SessionView), (status = 401, body = crate::problem::Problem), (status = 429, body = crate::problem::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Body(body): Body<LoginBody>,
) -> ApiResult<Response> {
    let session = state
        .app
        .login(&body.username, &body.password, client)
        .await?;
    let max_age = state.app.settings.session_hours * 3600;
    let mut response = (
        StatusCode::CREATED,
        Json(SessionView {
            username: session.scope.username,
            csrf_token: session.csrf_token,
            pending_user_agreements: session.pending_agreements.iter().map(|m| m.0).collect(),
        }),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie(&session.token, max_age)) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

#[utoipa::path(delete, path = "/api/v1/session", operation_id = "session_delete", tag = "session", security(()), responses((status = 204)))]
pub async fn delete(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.app.logout(&token).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie("", 0)) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

#[utoipa::path(get, path = "/api/v1/me", operation_id = "session_me", tag = "session", responses((status = 200, body = MeView)))]
pub async fn me(caller: UngatedPrincipal) -> Json<MeView> {
    let p = caller.principal;
    Json(MeView {
        username: p.scope.username.clone(),
        account_id: p.scope.account.0,
        person_id: p.scope.person.map(|x| x.0),
        staff_role: p.scope.staff.map(|r| r.as_str().to_owned()),
        member_roles: p
            .scope
            .member_roles
            .iter()
            .map(|(m, r)| MemberRoleView {
                member_id: m.0,
                role: r.as_str().to_owned(),
            })
            .collect(),
        language: p.language,
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    pub current_password: String,
    /// At least 12 characters, not common or easily guessed.
    #[schema(min_length = 12, max_length = 1024)]
    pub new_password: String,
}

/// Changes the caller's own password. Every other browser session of the
/// account ends; the one the change was sent with stays. Tokens stay
/// (revoke them under /tokens).
#[utoipa::path(put, path = "/api/v1/me/password", operation_id = "session_change_password", tag = "session", request_body = PasswordBody,
    responses((status = 204)))]
pub async fn change_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    p: Principal,
    Body(body): Body<PasswordBody>,
) -> ApiResult<StatusCode> {
    let session = cookie(&headers, SESSION_COOKIE);
    state
        .app
        .change_own_password(
            &p.scope,
            session.as_deref(),
            &body.current_password,
            &body.new_password,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
