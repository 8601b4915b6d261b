//! Signing in and out, and switching language. Wrong credentials say so
//! without telling which part was wrong.
//!
//! The login form has no session yet, so its CSRF token is a double
//! submit: the page sets a random token in a cookie only this site's pages
//! send (`SameSite=Strict`, `HttpOnly`, path `/login`) and in the form; a
//! login is tried only when the two agree, so another site cannot sign a
//! browser in to an account of its choosing. `next` is followed only when
//! it is a path on this site (`safe_next`). A login whose account has a
//! user agreement to accept goes to the agreement page first, which then
//! leads on to `next`.

use super::i18n::{Lang, Tr};
use super::session::{LANG_COOKIE, UngatedUser, next_param, visitor_lang};
use super::{landing, page};
use crate::api::session::session_cookie;
use crate::auth::{SESSION_COOKIE, cookie};
use crate::client::ClientAddress;
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::auth::NewSession;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    csrf: String,
    username: String,
    error: Option<String>,
    next: String,
    /// The single sign-on providers: (key, label).
    providers: Vec<(String, String)>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// The cookie that carries the login form's CSRF token.
const LOGIN_CSRF_COOKIE: &str = "samdrift_login_csrf";

/// Only a path on this site is followed after login: one leading `/`
/// (never `//` or `/\`, which browsers read as another host), no
/// backslash, no control character, written or percent-encoded.
pub(crate) fn safe_next(next: &str) -> Option<&str> {
    let rest = next.strip_prefix('/')?;
    let lower = next.to_ascii_lowercase();
    let encoded_control = lower
        .match_indices('%')
        .any(|(i, _)| matches!(lower.get(i + 1..i + 3), Some(h) if h.starts_with(['0', '1']) || h == "7f"));
    let fine = !rest.starts_with(['/', '\\'])
        && !lower.starts_with("/%2f")
        && !lower.starts_with("/%5c")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && !encoded_control;
    fine.then_some(next)
}

/// The login form's token: the browser's cookie if it holds one, else new.
fn login_token(headers: &HeaderMap) -> String {
    cookie(headers, LOGIN_CSRF_COOKIE)
        .filter(|c| c.len() == 64 && c.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or_else(samdrift_app::auth::random_secret)
}

/// The login page, with the cookie that holds its CSRF token.
fn login_page(status: StatusCode, page_data: LoginPage) -> Response {
    let set = format!(
        "{LOGIN_CSRF_COOKIE}={}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=7200",
        page_data.csrf
    );
    let mut r = page(status, &page_data);
    if let Ok(v) = HeaderValue::from_str(&set) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    let t = Tr(visitor_lang(&headers));
    let data = LoginPage {
        t,
        csrf: login_token(&headers),
        username: String::new(),
        error: None,
        next: q.next.unwrap_or_default(),
        providers: state.app.sso_providers(),
    };
    login_page(StatusCode::OK, data)
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddress(client): ClientAddress,
    Form(form): Form<LoginForm>,
) -> Response {
    let t = Tr(visitor_lang(&headers));
    let token = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if token.is_empty() || token != form.csrf {
        let data = LoginPage {
            t,
            csrf: login_token(&headers),
            username: String::new(),
            error: Some(t.t("login.csrf").into()),
            next: form.next,
            providers: state.app.sso_providers(),
        };
        return login_page(StatusCode::FORBIDDEN, data);
    }
    let outcome = state
        .app
        .login(form.username.trim(), &form.password, client)
        .await;
    match outcome {
        Ok(session) => signed_in(&state, &session, &form.next),
        Err(e) => {
            let (status, error) = refusal(&t, &e);
            // What cannot be a username is not sent back.
            let username = if matches!(e, AppError::Invalid(_)) {
                String::new()
            } else {
                form.username
            };
            let data = LoginPage {
                t,
                csrf: token,
                username,
                error: Some(error),
                next: form.next,
                providers: state.app.sso_providers(),
            };
            login_page(status, data)
        }
    }
}

/// The answer to any login that opened `session`: its cookie, and on to
/// `next` (when it is a path on this site; else the role's landing page),
/// by way of the user agreement when one waits.
pub(crate) fn signed_in(state: &AppState, session: &NewSession, next: &str) -> Response {
    let mut target = safe_next(next)
        .unwrap_or(landing(&session.scope))
        .to_owned();
    if !session.pending_agreements.is_empty() {
        // The user agreement first; then where the user was going.
        target = format!("/agreement?next={}", next_param(&target));
    }
    let mut r = Redirect::to(&target).into_response();
    let max_age = state.app.settings.session_hours * 3600;
    if let Ok(v) = HeaderValue::from_str(&session_cookie(&session.token, max_age)) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// The status and the sentence for a refused login.
fn refusal(t: &Tr, e: &AppError) -> (StatusCode, String) {
    match e {
        AppError::TooManyAttempts => (StatusCode::TOO_MANY_REQUESTS, t.t("login.locked").into()),
        AppError::Invalid(fields) => {
            let text = fields
                .iter()
                .map(|f| {
                    let label = t.t(&format!("login.{}", f.field));
                    format!("{label}: {}", crate::messages::render(t, &f.message))
                })
                .collect::<Vec<_>>()
                .join(" ");
            (StatusCode::UNPROCESSABLE_ENTITY, text)
        }
        _ => (StatusCode::UNAUTHORIZED, t.t("login.failed").into()),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    UngatedUser { user, .. }: UngatedUser,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !user.csrf_ok(&form.csrf) {
        return (StatusCode::FORBIDDEN, "CSRF").into_response();
    }
    let mut provider_logout = None;
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        provider_logout = state.app.sso_logout_url(&token).await;
        let _ = state.app.logout(&token).await;
    }
    let mut r = match provider_logout {
        // On to the provider, to end its session too.
        Some(url) => super::sso::leaving(user.tr, url),
        None => Redirect::to("/login").into_response(),
    };
    if let Ok(v) = HeaderValue::from_str(&session_cookie("", 0)) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

/// Remembers the language for the account (and in a cookie, for the login page).
pub async fn language(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Response {
    let lang = Lang::parse(&form.lang);
    if let Some(token) = cookie(&headers, SESSION_COOKIE)
        && let Ok(auth) = state.app.authenticate_session(&token).await
    {
        if auth.csrf_token.as_deref() != Some(form.csrf.as_str()) {
            return (StatusCode::FORBIDDEN, "CSRF").into_response();
        }
        let _ = state.app.set_language(&auth.scope, lang.code()).await;
    }
    let back = safe_next(&form.back).unwrap_or("/").to_owned();
    let mut r = Redirect::to(&back).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        lang.code()
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}
