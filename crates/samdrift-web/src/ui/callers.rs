//! For the service desk: find a caller across members by name or e-mail
//! (a phone call), then report on their behalf; and the group lead's view
//! of each technician's load and the tickets close to breach. Both pages
//! render what their use case returns; the use cases decide who may see them.

use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::queries::{Caller, GroupBoard};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct CallerQuery {
    q: Option<String>,
}

#[derive(Template)]
#[template(path = "callers.html")]
struct CallersPage {
    frame: Frame,
    t: Tr,
    q: String,
    callers: Vec<Caller>,
    searched: bool,
}

pub async fn search(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<CallerQuery>,
) -> Response {
    let text = q.q.unwrap_or_default();
    let callers = match state.app.find_callers(&user.scope, &text).await {
        Ok(callers) => callers,
        Err(e) => return failure(&user, e),
    };
    let searched = !text.trim().is_empty();
    page(
        StatusCode::OK,
        &CallersPage {
            frame: Frame::of(&user, "/agent/callers"),
            t: user.tr,
            q: text,
            callers,
            searched,
        },
    )
}

#[derive(Template)]
#[template(path = "lead.html")]
struct LeadPage {
    frame: Frame,
    t: Tr,
    groups: Vec<GroupBoard>,
}

/// The group lead's view: open tickets per technician and the tickets
/// whose resolution clock has warned, per group the lead belongs to
/// (managers and admins see every group).
pub async fn lead(State(state): State<AppState>, user: UiUser) -> Response {
    match state.app.lead_board(&user.scope).await {
        Ok(groups) => page(
            StatusCode::OK,
            &LeadPage {
                frame: Frame::of(&user, "/agent/lead"),
                t: user.tr,
                groups,
            },
        ),
        Err(e) => failure(&user, e),
    }
}
