//! Administration pages: members, administrations, people and accounts
//! (each account's roles, logins, tokens and accepted user agreements),
//! groups, suppliers, services, calendars and agreements, the members'
//! user agreements, the service catalog with its prices and catalog
//! items, the large orders waiting for the federation manager, and mail:
//! the outbox, incoming mail, failing addresses and members' texts (what
//! an admin would otherwise do through the API). Managers and admins
//! only; accounts and publishing user agreements admins only.
//!
//! The rule every page keeps: the role is checked before anything is read,
//! every form's CSRF token before anything is written, and a form the
//! use case refuses comes back with what was typed, status 422 and each
//! problem next to its field and in a summary that links to it.

mod account;
mod accounts;
mod administrations;
mod agreement_view;
mod agreements;
mod calendar_form;
mod calendars;
mod catalog;
mod deliveries;
mod groups;
pub mod i18n;
mod index;
mod items;
mod mail;
mod mail_texts;
mod members;
mod orders;
mod people;
mod person;
mod problems;
mod rules;
mod services;
mod sign_in;
mod suppliers;
mod user_agreements;

use super::session::UiUser;
use super::{Frame, error_page};
use crate::router::AppState;
use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

pub use problems::{Problems, say};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(index::show))
        .route("/admin/members", get(members::list).post(members::create))
        .route("/admin/members/{id}", get(administrations::show))
        .route(
            "/admin/members/{id}/administrations",
            post(administrations::create),
        )
        .route("/admin/people", get(people::list).post(people::create))
        .route("/admin/people/{id}", get(person::show))
        .route(
            "/admin/deliveries",
            get(deliveries::list).post(deliveries::upload).layer(
                axum::extract::DefaultBodyLimit::max(deliveries::DELIVERY_MAX_BYTES),
            ),
        )
        .route("/admin/deliveries/{id}", get(deliveries::show))
        .route("/admin/sign-in", get(sign_in::show))
        .route(
            "/admin/sign-in/directories/{code}/read",
            post(sign_in::read),
        )
        .route(
            "/admin/entitlement-rules",
            get(rules::list).post(rules::create),
        )
        .route("/admin/entitlement-rules/{id}/delete", post(rules::delete))
        .route("/admin/deliveries/{id}/apply", post(deliveries::apply))
        .route("/admin/deliveries/{id}/discard", post(deliveries::discard))
        .route(
            "/admin/accounts",
            get(accounts::list).post(accounts::create),
        )
        .route(
            "/admin/accounts/{id}",
            get(account::show).post(account::update),
        )
        .route("/admin/accounts/{id}/disable", post(accounts::disable))
        .route("/admin/accounts/{id}/enable", post(accounts::enable))
        .route("/admin/groups", get(groups::list).post(groups::create))
        .route("/admin/groups/{id}/members", post(groups::add_member))
        .route(
            "/admin/suppliers",
            get(suppliers::list).post(suppliers::create),
        )
        .route(
            "/admin/services",
            get(services::list).post(services::create),
        )
        .route(
            "/admin/calendars",
            get(calendars::list).post(calendars::create),
        )
        .route(
            "/admin/agreements",
            get(agreements::list).post(agreements::create),
        )
        .route("/admin/user-agreements", get(user_agreements::list))
        .route(
            "/admin/user-agreements/{id}",
            get(user_agreements::show).post(user_agreements::publish),
        )
        .route("/admin/catalog", get(catalog::list))
        .route(
            "/admin/catalog/services/{code}",
            post(catalog::update_service),
        )
        .route("/admin/catalog/offerings", post(catalog::create_offering))
        .route("/admin/catalog/prices", post(catalog::set_price))
        .route(
            "/admin/catalog/hourly-rates",
            post(catalog::set_hourly_rate),
        )
        .route("/admin/catalog-items", get(items::list).post(items::create))
        .route("/admin/orders", get(orders::list))
        .route("/admin/orders/{id}/confirm", post(orders::confirm))
        .route("/admin/orders/{id}/reject", post(orders::reject))
        .route("/admin/mail", get(mail::show))
        .route("/admin/mail/failing-addresses/clear", post(mail::clear))
        .route(
            "/admin/mail/texts",
            get(mail_texts::show).post(mail_texts::submit),
        )
        .route("/admin/mail/texts/reset", post(mail_texts::reset))
}

/// Who may open a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Managers and admins: the registers, calendars and agreements.
    Registrar,
    /// Admins only: accounts.
    Admin,
}

/// The 403 page for a user without `access`; `None` lets the user in.
pub fn denied(user: &UiUser, access: Access) -> Option<Response> {
    let allowed = match access {
        Access::Registrar => user.scope.may_manage_registers(),
        Access::Admin => user.scope.is_admin(),
    };
    (!allowed).then(|| {
        error_page(
            user,
            StatusCode::FORBIDDEN,
            user.tr.t("admin.forbidden").into(),
        )
    })
}

/// The 403 page for a submitted form: the role first, then the CSRF token.
pub fn denied_form(user: &UiUser, access: Access, csrf: &str) -> Option<Response> {
    denied(user, access).or_else(|| {
        (!user.csrf_ok(csrf))
            .then(|| error_page(user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into()))
    })
}

/// The page frame with "Administration" current; the language switch
/// comes back to `back`.
pub fn frame(user: &UiUser, back: &str) -> Frame {
    let mut frame = Frame::of(user, "/admin");
    frame.back = back.to_owned();
    frame
}

/// One link of the registers' own navigation.
pub struct Section {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// The registers this user may open, `current` marked.
pub fn sections(user: &UiUser, current: &str) -> Vec<Section> {
    let all = [
        ("/admin", "admin.index.title"),
        ("/admin/members", "admin.members.title"),
        ("/admin/people", "admin.people.title"),
        ("/admin/deliveries", "admin.deliveries.title"),
        ("/admin/entitlement-rules", "admin.rules.title"),
        ("/admin/sign-in", "admin.sign_in.title"),
        ("/admin/accounts", "admin.accounts.title"),
        ("/admin/groups", "admin.groups.title"),
        ("/admin/suppliers", "admin.suppliers.title"),
        ("/admin/services", "admin.services.title"),
        ("/admin/calendars", "admin.calendars.title"),
        ("/admin/agreements", "admin.agreements.title"),
        ("/admin/user-agreements", "identity.nav"),
        ("/admin/catalog", "admin.catalog.title"),
        ("/admin/catalog-items", "admin.items.title"),
        ("/admin/orders", "admin.orders.title"),
        ("/admin/mail", "admin.mail.title"),
        ("/admin/mail/texts", "admin.mail_texts.title"),
    ];
    all.into_iter()
        .filter(|(href, _)| *href != "/admin/accounts" || user.scope.is_admin())
        .map(|(href, key)| Section {
            href,
            label: user.tr.t(key),
            current: href == current,
        })
        .collect()
}

/// `?saved=1` after a form was stored (post, redirect, get).
#[derive(Debug, Default, Deserialize)]
pub struct Saved {
    #[serde(default)]
    pub saved: Option<String>,
}

impl Saved {
    pub fn shown(&self) -> bool {
        self.saved.is_some()
    }
}

/// Parses an optional id from a form: empty is none, anything else must be
/// a UUID (the problem names `field`).
pub fn optional_id(
    value: &str,
    field: &str,
    problems: &mut Problems,
    t: &super::i18n::Tr,
) -> Option<uuid::Uuid> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match value.parse::<uuid::Uuid>() {
        Ok(id) => Some(id),
        Err(_) => {
            problems.push(t, field, t.t("admin.msg.not_an_id").to_owned());
            None
        }
    }
}

/// One option of a select.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }

    /// Whether this option is the one chosen.
    pub fn is(&self, chosen: &str) -> bool {
        self.value == chosen
    }
}
