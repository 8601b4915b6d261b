//! The signed-in browser user of a page, and the checks every form gets:
//! a session cookie (else a redirect to the login page) and the session's
//! CSRF token in the form's `csrf` field.

use super::i18n::{Lang, Tr};
use crate::auth::{SESSION_COOKIE, cookie};
use crate::router::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_domain::scope::Scope;

pub const LANG_COOKIE: &str = "samdrift_lang";

/// A signed-in user of the web UI.
pub struct UiUser {
    pub scope: Scope,
    pub tr: Tr,
    pub csrf: String,
}

impl UiUser {
    /// Whether a submitted form carries this session's CSRF token.
    pub fn csrf_ok(&self, sent: &str) -> bool {
        !self.csrf.is_empty() && sent == self.csrf
    }
}

/// The language of an anonymous visitor: the language cookie, else the
/// browser's Accept-Language, else Swedish.
pub fn visitor_lang(headers: &HeaderMap) -> Lang {
    if let Some(code) = cookie(headers, LANG_COOKIE) {
        return Lang::parse(&code);
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or(Lang::Sv)
}

impl FromRequestParts<AppState> for UiUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let to_login = || {
            let next = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let next: String = next
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || "/?=&-_.".contains(*c))
                .collect();
            Redirect::to(&format!(
                "/login?next={}",
                next.replace('&', "%26")
                    .replace('?', "%3F")
                    .replace('=', "%3D")
            ))
            .into_response()
        };
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login());
        };
        match state.app.authenticate_session(&token).await {
            Ok(auth) => Ok(UiUser {
                scope: auth.scope,
                tr: Tr(Lang::parse(&auth.language)),
                csrf: auth.csrf_token.unwrap_or_default(),
            }),
            Err(_) => Err(to_login()),
        }
    }
}
