//! Signing in and out, and switching language. Wrong credentials say so
//! without telling which part was wrong.

use super::i18n::{Lang, Tr};
use super::session::{LANG_COOKIE, UiUser, visitor_lang};
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
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    username: String,
    error: Option<String>,
    next: String,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Only local paths are followed after login.
fn safe_next(next: &str) -> Option<&str> {
    (next.starts_with('/') && !next.starts_with("//") && !next.contains("://")).then_some(next)
}

pub async fn show(headers: HeaderMap, Query(q): Query<NextQuery>) -> Response {
    let t = Tr(visitor_lang(&headers));
    page(
        StatusCode::OK,
        &LoginPage {
            t,
            username: String::new(),
            error: None,
            next: q.next.unwrap_or_default(),
        },
    )
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddress(client): ClientAddress,
    Form(form): Form<LoginForm>,
) -> Response {
    let t = Tr(visitor_lang(&headers));
    let signed_in = state
        .app
        .login(form.username.trim(), &form.password, client)
        .await;
    match signed_in {
        Ok(session) => {
            let target = safe_next(&form.next)
                .unwrap_or(landing(&session.scope))
                .to_owned();
            let mut r = Redirect::to(&target).into_response();
            let max_age = state.app.settings.session_hours * 3600;
            if let Ok(v) = HeaderValue::from_str(&session_cookie(
                &session.token,
                max_age,
                state.secure_cookies,
            )) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        Err(e) => {
            let (status, error) = refusal(&t, &e);
            // What cannot be a username is not sent back.
            let username = if matches!(e, AppError::Invalid(_)) {
                String::new()
            } else {
                form.username
            };
            page(
                status,
                &LoginPage {
                    t,
                    username,
                    error: Some(error),
                    next: form.next,
                },
            )
        }
    }
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
    user: UiUser,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !user.csrf_ok(&form.csrf) {
        return (StatusCode::FORBIDDEN, "CSRF").into_response();
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let _ = state.app.logout(&token).await;
    }
    let mut r = Redirect::to("/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie("", 0, state.secure_cookies)) {
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
