//! Single sign-on pages: `/login/sso/{key}` sends the browser to the
//! provider, `/login/sso/callback` is where it comes back. The state of a
//! login begun here is kept in a cookie only this path receives
//! (`HttpOnly`, `SameSite=Lax` so the provider's redirect brings it); the
//! callback hands it to `App::sso_finish` with the state in the URL, so a
//! login cannot be finished in another browser. A refusal is a page in
//! the visitor's language that says what happened and what to do, never
//! an account made on the spot.

use super::i18n::Tr;
use super::login::{safe_next, signed_in};
use super::page;
use super::session::visitor_lang;
use crate::auth::cookie;
use crate::router::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::sso::{ProviderError, SsoError};
use serde::Deserialize;

/// The cookie that holds the state of a login begun at a provider.
const STATE_COOKIE: &str = "samdrift_sso_state";

#[derive(Template)]
#[template(path = "sso_refused.html")]
struct Refused {
    t: Tr,
    message: &'static str,
}

#[derive(Template)]
#[template(path = "sso_leaving.html")]
struct Leaving {
    t: Tr,
    url: String,
}

#[derive(Deserialize)]
pub struct BeginQuery {
    next: Option<String>,
}

/// The provider's answer, as its redirect carries it.
#[derive(Deserialize)]
pub struct Callback {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

fn state_cookie(value: &str, max_age: i64) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{STATE_COOKIE}={value}; Path=/login/sso; HttpOnly; SameSite=Lax; Max-Age={max_age}"
    ))
    .ok()
}

/// Begins a login at provider `key`.
pub async fn begin(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(key): Path<String>,
    Query(q): Query<BeginQuery>,
) -> Response {
    let t = Tr(visitor_lang(&headers));
    let next = q.next.as_deref().and_then(safe_next).unwrap_or_default();
    match state.app.sso_begin(&key, next).await {
        Ok(start) => {
            let mut r = Redirect::to(&start.url).into_response();
            if let Some(v) = state_cookie(&start.state, 600) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        Err(e) => refused(t, &e),
    }
}

/// The provider sends the browser back here.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Callback>,
) -> Response {
    let t = Tr(visitor_lang(&headers));
    let browser_state = cookie(&headers, STATE_COOKIE);
    let outcome = match (&q.state, &q.code, &q.error) {
        (_, _, Some(error)) => Err(SsoError::Cancelled(error.clone())),
        (Some(s), Some(code), None) => {
            state
                .app
                .sso_finish(s, code, browser_state.as_deref())
                .await
        }
        _ => Err(SsoError::UnknownState),
    };
    let mut r = match outcome {
        Ok(done) => signed_in(&state, &done.session, &done.next),
        Err(e) => refused(t, &e),
    };
    // The state is spent either way.
    if let Some(v) = state_cookie("", 0) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// The page for a refused login: status and sentence per reason.
fn refused(t: Tr, e: &SsoError) -> Response {
    let (status, key) = match e {
        SsoError::UnknownProvider => (StatusCode::NOT_FOUND, "sso.unknown_provider"),
        SsoError::UnknownState => (StatusCode::BAD_REQUEST, "sso.expired"),
        SsoError::OtherBrowser => (StatusCode::BAD_REQUEST, "sso.other_browser"),
        SsoError::Cancelled(_) => (StatusCode::UNAUTHORIZED, "sso.cancelled"),
        SsoError::Provider(ProviderError::Unreachable(_)) => {
            (StatusCode::BAD_GATEWAY, "sso.unreachable")
        }
        SsoError::Provider(_) => (StatusCode::UNAUTHORIZED, "sso.refused"),
        SsoError::MissingClaim => (StatusCode::FORBIDDEN, "sso.missing_claim"),
        SsoError::UnknownUser => (StatusCode::FORBIDDEN, "sso.unknown_user"),
        SsoError::Disabled => (StatusCode::FORBIDDEN, "sso.disabled"),
        SsoError::Ambiguous => (StatusCode::CONFLICT, "sso.ambiguous"),
        SsoError::App(inner) => {
            let incident = uuid::Uuid::new_v4();
            tracing::error!(%incident, error = %inner, "single sign-on failed");
            (StatusCode::SERVICE_UNAVAILABLE, "sso.failed")
        }
    };
    if let SsoError::Provider(p) = e {
        tracing::warn!(error = %p, "an identity provider's answer was refused");
    }
    page(
        status,
        &Refused {
            t,
            message: t.t(key),
        },
    )
}

/// After signing out of samdrift: on to the provider to end its session
/// too. A page rather than a redirect, because the sign-out was a form and
/// the pages' policy lets forms lead only to this site.
pub(crate) fn leaving(t: Tr, url: String) -> Response {
    page(StatusCode::OK, &Leaving { t, url })
}
