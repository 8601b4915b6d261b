//! Who is calling: a bearer token (integrations) or the session cookie
//! (browser). Cookie-authenticated changes need the session's CSRF token in
//! `X-CSRF-Token`; bearer tokens are not sent by browsers and need none.

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

impl FromRequestParts<AppState> for Principal {
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
        Ok(Principal {
            scope: authenticated.scope,
            language: authenticated.language,
        })
    }
}
