//! The ticket page shared by requesters, member roles and staff: the
//! conversation (internal notes marked and shown to staff only), history,
//! attachments, the service-level clocks with their segments, and the
//! actions the viewer may take. A stale form says so and keeps the text.
//! A catalog request shows its answers, approvals and fulfilment tasks
//! (staff mark a task done here); staff log their time on every ticket.
//! A ticket that came by mail from an unknown sender shows staff that
//! sender, to confirm or reject.
//!
//! The page is in `show`, its clocks in words in `clocks`; each form it
//! posts has its own file: `comment`, `update`, `attach`, `complete_task`,
//! `log_work` and `mail_contact`.

use super::catalog::portal::RequestSection;
use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::catalog::charging::WorkInput;
use samdrift_app::tickets::{TicketDetail, TicketPatch};
use samdrift_domain::ids::TicketId;
use samdrift_domain::priority::Priority;
use samdrift_domain::sla::{Clock, ClockKind, ClockState, SegmentReason};
use samdrift_domain::ticket::Status;
use serde::Deserialize;

/// The page for a ticket that does not exist or is outside the scope.
fn not_found(user: &UiUser) -> Response {
    error_page(
        user,
        StatusCode::NOT_FOUND,
        user.tr.t("ticket.not_found").into(),
    )
}

/// The ticket a form was posted to, when the form is the user's own (its
/// CSRF token matches); else the page saying why not.
fn posted_to(user: &UiUser, id: &str, csrf: &str) -> Result<uuid::Uuid, Box<Response>> {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return Err(Box::new(not_found(user)));
    };
    if !user.csrf_ok(csrf) {
        let forbidden = error_page(user, StatusCode::FORBIDDEN, "CSRF".into());
        return Err(Box::new(forbidden));
    }
    Ok(id)
}

/// A form the use case refused, as a page saying why (each field's
/// message when the input was refused).
fn refusal_page(user: &UiUser, e: &AppError) -> Response {
    error_page(
        user,
        StatusCode::UNPROCESSABLE_ENTITY,
        crate::messages::refusal(&user.tr, e),
    )
}

mod attach;
mod clocks;
mod comment;
mod complete_task;
mod link_item;
mod log_work;
mod mail_contact;
mod show;
mod update;

pub use attach::attach;
pub use comment::comment;
pub use complete_task::complete_task;
pub use link_item::link_item;
pub use log_work::log_work;
pub use mail_contact::{confirm_contact, reject_contact};
pub use show::show;
pub use update::update;

use clocks::*;
use log_work::WorkForm;
use mail_contact::ContactSection;
use show::*;
use update::UpdateForm;
