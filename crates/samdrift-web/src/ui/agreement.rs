//! The user agreement page (`/agreement`): where a session with a user
//! agreement to accept is sent before anything else (`session.rs`). It
//! shows the first agreement still to accept, in the user's language,
//! with a form that accepts exactly that version; after the last one the
//! user goes on to where they were going (`next`, a path on this site) or
//! their start page. One page per member, if several ask. The header
//! keeps the language switch and signing out, nothing else: declining is
//! signing out.

use super::i18n::{Lang, Tr};
use super::login::safe_next;
use super::session::{UiUser, UngatedUser, next_param};
use super::{Frame, error_page, failure, landing, page};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::queries::records::PendingAgreementRow;
use samdrift_domain::ids::MemberId;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Deserialize, Default)]
pub struct AcceptForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member_id: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    next: String,
}

#[derive(Template)]
#[template(path = "agreement.html")]
struct AgreementPage {
    frame: Frame,
    t: Tr,
    member_name: String,
    member_id: String,
    version: i64,
    published: String,
    /// The text in paragraphs (an empty line between them).
    paragraphs: Vec<String>,
    /// How many more agreements wait after this one, in words (empty
    /// when none).
    more: String,
    /// The user accepted an earlier version.
    new_version: bool,
    /// The version the form was sent for is no longer current.
    changed: bool,
    next: String,
}

/// The text's paragraphs: blocks between empty lines, each kept with its
/// own line breaks (shown as written).
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Where the user goes once nothing is left to accept.
fn onward(user: &UiUser, next: &str) -> Response {
    let to = safe_next(next)
        .filter(|n| !n.starts_with("/agreement"))
        .unwrap_or(landing(&user.scope));
    Redirect::to(to).into_response()
}

/// The page for the first of `pending`.
fn show_first(
    user: &UiUser,
    pending: Vec<PendingAgreementRow>,
    next: String,
    changed: bool,
) -> Response {
    let steps = pending.len();
    let Some(first) = pending.into_iter().next() else {
        return onward(user, &next);
    };
    let text = match user.tr.0 {
        Lang::Sv => &first.text_sv,
        Lang::En => &first.text_en,
    };
    let p = AgreementPage {
        frame: Frame::bare(user, &format!("/agreement?next={}", next_param(&next))),
        t: user.tr,
        member_name: first.member_name.clone(),
        member_id: first.member_id.to_string(),
        version: first.version,
        published: user.tr.time(first.published_at),
        paragraphs: paragraphs(text),
        more: match steps {
            0 | 1 => String::new(),
            n => user
                .tr
                .t("identity.agreement.more")
                .replace("{n}", &(n - 1).to_string()),
        },
        new_version: first.accepted_before,
        changed,
        next,
    };
    let status = if changed {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    page(status, &p)
}

/// GET /agreement
pub async fn show(
    State(state): State<AppState>,
    UngatedUser { user, .. }: UngatedUser,
    Query(q): Query<NextQuery>,
) -> Response {
    match state.app.pending_user_agreements(&user.scope).await {
        Ok(pending) => show_first(&user, pending, q.next, false),
        Err(e) => failure(&user, e),
    }
}

/// POST /agreement: accepts the version the page showed.
pub async fn accept(
    State(state): State<AppState>,
    UngatedUser { user, .. }: UngatedUser,
    Form(form): Form<AcceptForm>,
) -> Response {
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let not_found = || {
        error_page(
            &user,
            StatusCode::NOT_FOUND,
            user.tr.t("error.not_found").into(),
        )
    };
    let Ok(member) = form.member_id.trim().parse::<uuid::Uuid>() else {
        return not_found();
    };
    // A version that is no number is no version of the agreement.
    let version = form.version.trim().parse::<i64>().unwrap_or(0);
    let accepted = state
        .app
        .accept_user_agreement(&user.scope, MemberId(member), version)
        .await;
    let changed = match accepted {
        Ok(_) => false,
        Err(AppError::Conflict(_)) => true,
        Err(e) => return failure(&user, e),
    };
    match state.app.pending_user_agreements(&user.scope).await {
        Ok(pending) if !pending.is_empty() => {
            if changed {
                return show_first(&user, pending, form.next, true);
            }
            let to = format!("/agreement?next={}", next_param(&form.next));
            Redirect::to(&to).into_response()
        }
        Ok(_) => onward(&user, &form.next),
        Err(e) => failure(&user, e),
    }
}
