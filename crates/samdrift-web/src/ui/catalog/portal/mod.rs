//! The portal's catalog, request forms and approvals; fulfilment tasks.
//! One file a page or action:
//!
//! - `catalog`: what the user's member offers (`/portal/catalog`).
//! - `request_form`: an item's request form (`/portal/catalog/{code}`), and
//!   `submit`: the form posted.
//! - `approvals`: the approvals waiting for the user (`/portal/approvals`);
//!   `decision`: one request to approve or reject.
//! - `tasks`: the staff's open fulfilment tasks (`/agent/tasks`).
//!
//! `words` and `request_section` put a request in words for these pages
//! and for the ticket page; the member the pages are for is chosen here.
//!
//! The ticket page's order section and its task and time forms are in
//! `ui::tickets`; their routes are registered here with the other catalog
//! pages.

use crate::router::AppState;
use crate::ui::i18n::Tr;
use crate::ui::session::UiUser;
use crate::ui::{Frame, error_page, page, tickets};
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use samdrift_app::AppError;
use samdrift_app::catalog::items::CatalogItem;
use samdrift_app::catalog::requests::{RequestInput, RequestView};
use samdrift_app::queries::records::WaitingApprovalRow;
use samdrift_domain::catalog::request::{ApprovalKind, FieldKind};
use samdrift_domain::ids::TicketId;
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal/catalog", get(catalog))
        .route("/portal/catalog/{code}", get(request_form).post(submit))
        .route("/portal/approvals", get(approvals))
        .route("/portal/approvals/{id}", get(approval).post(decide))
        .route("/agent/tasks", get(tasks))
        .route("/tickets/{id}/tasks/{task}", post(tickets::complete_task))
        .route("/tickets/{id}/work", post(tickets::log_work))
}

/// The members the user belongs to, as (code, name), in code order.
async fn my_members(state: &AppState, user: &UiUser) -> Result<Vec<(String, String)>, AppError> {
    let mine = |id: uuid::Uuid| user.scope.member_roles.iter().any(|(m, _)| m.0 == id);
    Ok(state
        .app
        .members(&user.scope)
        .await?
        .into_iter()
        .filter(|m| mine(m.id))
        .map(|m| (m.code, m.name))
        .collect())
}

/// The member the page is for: the one asked for if it is the user's, else
/// the user's first; `None` for a user of no member.
fn chosen_member(members: &[(String, String)], asked: Option<&str>) -> Option<String> {
    let asked = asked.map(str::trim).unwrap_or("");
    members
        .iter()
        .find(|(code, _)| code == asked)
        .or_else(|| members.first())
        .map(|(code, _)| code.clone())
}

fn not_member(user: &UiUser) -> Response {
    error_page(
        user,
        StatusCode::FORBIDDEN,
        user.tr.t("catalog.items.members_only").into(),
    )
}

fn failed(user: &UiUser, e: &AppError) -> Response {
    match e {
        AppError::NotFound(_) => error_page(
            user,
            StatusCode::NOT_FOUND,
            user.tr.t("ticket.not_found").into(),
        ),
        AppError::Forbidden(message) => error_page(
            user,
            StatusCode::FORBIDDEN,
            crate::messages::render(&user.tr, message),
        ),
        AppError::Store(_) => crate::ui::failure(user, e),
        other => error_page(
            user,
            StatusCode::SERVICE_UNAVAILABLE,
            crate::messages::refusal(&user.tr, other),
        ),
    }
}

/// An item as the catalog lists it and its request form heads it.
pub struct ItemCard {
    pub code: String,
    pub name: String,
    pub description: String,
    pub cost: String,
    pub approvers: String,
    pub href: String,
}

#[derive(Deserialize, Default)]
pub struct MemberQuery {
    pub(super) member: Option<String>,
}

/// The form's address; the member goes along when the user has several.
fn form_href(code: &str, member: &str, several: bool) -> String {
    if several {
        format!("/portal/catalog/{code}?member={member}")
    } else {
        format!("/portal/catalog/{code}")
    }
}

impl ItemCard {
    fn of(t: &Tr, item: &CatalogItem, member: &str, several: bool) -> ItemCard {
        ItemCard {
            code: item.record.code.clone(),
            name: item.record.name.clone(),
            description: item.record.description.clone(),
            cost: cost_line(t, item.record.price_ore),
            approvers: approvers_line(t, &item.spec.required_approvals(item.record.price_ore)),
            href: form_href(&item.record.code, member, several),
        }
    }
}

mod approvals;
mod catalog;
mod decision;
mod request_form;
mod request_section;
mod submit;
mod tasks;
mod words;

pub use request_section::RequestSection;

use approvals::*;
use catalog::*;
use decision::*;
use request_form::*;
use submit::*;
use tasks::*;
use words::*;
