//! Rating a resolved ticket in one step: on the ticket's page the
//! requester posts `/tickets/{id}/rating`; from the link `/rate/{token}`
//! anyone holding the token (no login) sees the same form (GET records
//! nothing, since mail scanners open links) and posts it. A rating given
//! twice is refused with a page saying so.

use super::i18n::Tr;
use super::session::{UiUser, visitor_lang};
use super::{error_page, page};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_domain::ids::TicketId;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RatingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    rating: String,
    #[serde(default)]
    comment: String,
}

impl RatingForm {
    /// The grade chosen; 0 (refused by the use case) when none or not a
    /// number.
    fn grade(&self) -> i64 {
        self.rating.trim().parse().unwrap_or(0)
    }
}

/// POST /tickets/{id}/rating: the requester's rating on the ticket page.
pub async fn rate_ticket(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<RatingForm>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return error_page(
            &user,
            StatusCode::NOT_FOUND,
            user.tr.t("ticket.not_found").into(),
        );
    };
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    match state
        .app
        .rate_ticket(&user.scope, TicketId(id), form.grade(), &form.comment)
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}?rated=1#rating")).into_response(),
        Err(AppError::Invalid(_)) => {
            Redirect::to(&format!("/tickets/{id}?rating_refused=1#rating")).into_response()
        }
        Err(AppError::Conflict(m)) => error_page(
            &user,
            StatusCode::CONFLICT,
            crate::messages::render(&user.tr, &m),
        ),
        Err(e) => super::failure(&user, e),
    }
}

/// The page of the link, outside the signed-in frame.
#[derive(Template)]
#[template(path = "rate.html")]
struct RatePage {
    t: Tr,
    token: String,
    ticket: String,
    title: String,
    member: String,
    /// The rating given (now or before), when rated.
    given: Option<(i64, String)>,
    /// Just rated by this request.
    thanks: bool,
    /// A message instead of the form (unknown link, not rateable).
    message: Option<String>,
    /// The form's refusal, shown in the error summary.
    error: Option<String>,
    comment: String,
}

impl RatePage {
    fn empty(t: Tr, token: &str) -> RatePage {
        RatePage {
            t,
            token: token.to_owned(),
            ticket: String::new(),
            title: String::new(),
            member: String::new(),
            given: None,
            thanks: false,
            message: None,
            error: None,
            comment: String::new(),
        }
    }
}

/// The form (or what was rated) for `token`.
async fn rate_page(state: &AppState, t: Tr, token: &str) -> (StatusCode, RatePage) {
    let mut p = RatePage::empty(t, token);
    match state.app.rating_invitation(token).await {
        Ok(inv) => {
            p.ticket = inv.ticket_number;
            p.title = inv.title;
            p.member = inv.member_name;
            p.given = inv.rated.map(|r| (r.rating, r.comment));
            (StatusCode::OK, p)
        }
        Err(AppError::NotFound(_)) => {
            p.message = Some(t.t("satisfaction.rate.not_found").into());
            (StatusCode::NOT_FOUND, p)
        }
        Err(e) => {
            p.message = Some(super::unavailable(
                &t,
                &e,
                "a rating link could not be read",
            ));
            (StatusCode::SERVICE_UNAVAILABLE, p)
        }
    }
}

/// GET /rate/{token}: the form; records nothing.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let (status, p) = rate_page(&state, Tr(visitor_lang(&headers)), &token).await;
    page(status, &p)
}

/// POST /rate/{token}: records the rating (the token is the permission).
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<RatingForm>,
) -> Response {
    let t = Tr(visitor_lang(&headers));
    let outcome = state
        .app
        .rate_by_token(&token, form.grade(), &form.comment)
        .await;
    let (status, mut p) = rate_page(&state, t, &token).await;
    match outcome {
        Ok(_) => {
            p.thanks = true;
            page(StatusCode::OK, &p)
        }
        Err(AppError::Invalid(fields)) => {
            p.error = Some(
                fields
                    .iter()
                    .map(|f| crate::messages::render(&t, &f.message))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .filter(|_| form.grade() != 0)
            .or_else(|| Some(t.t("satisfaction.rate.choose").into()));
            p.comment = form.comment;
            page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(AppError::Conflict(m)) => {
            p.message = Some(crate::messages::render(&t, &m));
            page(StatusCode::CONFLICT, &p)
        }
        Err(_) => page(status, &p),
    }
}
