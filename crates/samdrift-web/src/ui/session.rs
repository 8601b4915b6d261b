//! The signed-in browser user of a page, and the checks every form gets:
//! a session cookie (else a redirect to the login page), the user
//! agreement gate (a session with an agreement to accept is sent to the
//! agreement page, whatever page it asked for), and the session's CSRF
//! token in the form's `csrf` field.
//!
//! Every page takes a [`UiUser`], so every page is behind the gate; only
//! the agreement page and signing out take an [`UngatedUser`]. The style
//! sheet, the login page and the language switch take neither.

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
    /// The user's unread notifications (at most 100), for the bell.
    pub unread: i64,
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

/// A signed-in user before the user agreement gate, with the members whose
/// agreement it has still to accept: for the agreement page and signing
/// out only.
pub struct UngatedUser {
    pub user: UiUser,
    pub pending: Vec<samdrift_domain::ids::MemberId>,
}

/// A path and query as the value of a `next` parameter: only the
/// characters a path on this site needs, with `&`, `?` and `=` encoded.
pub fn next_param(path_and_query: &str) -> String {
    let next: String = path_and_query
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "/?=&-_.".contains(*c))
        .collect();
    next.replace('&', "%26")
        .replace('?', "%3F")
        .replace('=', "%3D")
}

/// Where a request was going, as a `next` parameter.
fn requested(parts: &Parts) -> String {
    next_param(
        parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/"),
    )
}

impl FromRequestParts<AppState> for UngatedUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let to_login =
            || Redirect::to(&format!("/login?next={}", requested(parts))).into_response();
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login());
        };
        match state.app.authenticate_session(&token).await {
            Ok(auth) => {
                // The bell is a courtesy: a page opens without its count.
                let unread = state
                    .app
                    .unread_notifications(&auth.scope)
                    .await
                    .unwrap_or(0);
                Ok(UngatedUser {
                    user: UiUser {
                        scope: auth.scope,
                        tr: Tr(Lang::parse(&auth.language)),
                        csrf: auth.csrf_token.unwrap_or_default(),
                        unread,
                    },
                    pending: auth.pending_agreements,
                })
            }
            Err(_) => Err(to_login()),
        }
    }
}

impl FromRequestParts<AppState> for UiUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = UngatedUser::from_request_parts(parts, state).await?;
        if signed_in.pending.is_empty() {
            Ok(signed_in.user)
        } else {
            // A form sent before accepting is not sent again afterwards:
            // the user goes on from their start page.
            let next = match parts.method {
                axum::http::Method::GET | axum::http::Method::HEAD => requested(parts),
                _ => String::new(),
            };
            let to = format!("/agreement?next={next}");
            Err(Redirect::to(&to).into_response())
        }
    }
}
