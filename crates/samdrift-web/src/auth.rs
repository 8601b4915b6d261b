//! Who is calling: a bearer token (integrations) or the session cookie
//! (browser). Cookie-authenticated changes need the session's CSRF token in
//! `X-CSRF-Token`; bearer tokens are not sent by browsers and need none.
//!
//! A session whose account has a user agreement to accept
//! (`samdrift_app::user_agreements`) is answered 403 by every endpoint
//! that takes a [`Principal`], until it accepts; the few that take an
//! [`UngatedPrincipal`] (who am I, which agreements are pending, accepting
//! one) answer it. Bearer tokens are not gated.

use crate::problem::ApiError;
use crate::router::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use samdrift_app::AppError;
use samdrift_domain::scope::Scope;

pub const SESSION_COOKIE: &str = "samdrift_session";

/// The authenticated caller.
pub struct Principal {
    pub scope: Scope,
    pub language: String,
}

/// The value of a cookie in the request.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The caller before the user agreement gate: for the endpoints a session
/// must reach while it has agreements to accept.
pub struct UngatedPrincipal {
    pub principal: Principal,
    /// The members whose user agreement the session has still to accept
    /// (none for bearer tokens).
    pub pending_agreements: Vec<samdrift_domain::ids::MemberId>,
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = UngatedPrincipal::from_request_parts(parts, state).await?;
        if !caller.pending_agreements.is_empty() {
            return Err(ApiError::from(AppError::Forbidden(samdrift_domain::msg!(
                "user_agreement.required"
            ))));
        }
        Ok(caller.principal)
    }
}

impl FromRequestParts<AppState> for UngatedPrincipal {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let authenticated = if let Some(token) = bearer {
            state.app.authenticate_token(token).await?
        } else if let Some(session) = cookie(&parts.headers, SESSION_COOKIE) {
            let auth = state.app.authenticate_session(&session).await?;
            let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok());
            if !safe && sent.is_none_or(|s| Some(s) != auth.csrf_token.as_deref()) {
                return Err(ApiError::from(AppError::Forbidden(samdrift_domain::msg!(
                    "forbidden.csrf"
                ))));
            }
            auth
        } else {
            return Err(ApiError(AppError::Unauthenticated));
        };
        Ok(UngatedPrincipal {
            principal: Principal {
                scope: authenticated.scope,
                language: authenticated.language,
            },
            pending_agreements: authenticated.pending_agreements,
        })
    }
}
