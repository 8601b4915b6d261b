//! The signed-in user's notifications ("Aviseringar"): the newest 100,
//! unread first marked, each linking to its ticket, marked read one by
//! one or all at once. The bell in every page's header counts the unread.

use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, failure, page};
use crate::extract::Id;
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

pub struct Row {
    pub id: String,
    pub at: String,
    pub text: String,
    pub link: Option<String>,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    frame: Frame,
    t: Tr,
    rows: Vec<Row>,
    unread: usize,
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn list(State(state): State<AppState>, user: UiUser) -> Response {
    let found = match state.app.notifications(&user.scope, 100).await {
        Ok(n) => n,
        Err(e) => return failure(&user, e),
    };
    let t = user.tr;
    let rows: Vec<Row> = found
        .into_iter()
        .map(|n| Row {
            id: n.id.to_string(),
            at: t.time(n.created_at),
            text: crate::messages::render(&t, &n.message),
            link: samdrift_domain::notify::Kind::parse(&n.kind)
                .and_then(|k| k.page())
                .map(str::to_owned)
                .or_else(|| n.ticket_id.map(|id| format!("/tickets/{id}"))),
            unread: n.read_at.is_none(),
        })
        .collect();
    let unread = rows.iter().filter(|r| r.unread).count();
    let data = NotificationsPage {
        frame: Frame::of(&user, "/notifications"),
        t,
        rows,
        unread,
    };
    page(StatusCode::OK, &data)
}

pub async fn read_one(
    State(state): State<AppState>,
    user: UiUser,
    Id(id): Id,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !user.csrf_ok(&form.csrf) {
        return (StatusCode::FORBIDDEN, "CSRF").into_response();
    }
    match state.app.mark_notification_read(&user.scope, id).await {
        Ok(()) => Redirect::to("/notifications").into_response(),
        Err(e) => failure(&user, e),
    }
}

pub async fn read_all(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !user.csrf_ok(&form.csrf) {
        return (StatusCode::FORBIDDEN, "CSRF").into_response();
    }
    match state.app.mark_all_notifications_read(&user.scope).await {
        Ok(_) => Redirect::to("/notifications").into_response(),
        Err(e) => failure(&user, e),
    }
}
