//! The administration start page: every register this user may maintain,
//! with how many rows it holds.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::{Access, Problems, Section, denied, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::AppError;

/// One register on the start page.
pub struct Register {
    pub href: &'static str,
    pub label: &'static str,
    pub about: &'static str,
    pub count: String,
}

#[derive(Template)]
#[template(path = "admin_index.html")]
struct IndexPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    registers: Vec<Register>,
}

async fn counts(state: &AppState, user: &UiUser) -> Result<Vec<(&'static str, String)>, AppError> {
    let c = state.app.register_counts(&user.scope).await?;
    let people = if c.people_bounded {
        format!("{}+", c.people)
    } else {
        c.people.to_string()
    };
    let mut counts = vec![("members", c.members.to_string()), ("people", people)];
    if let Some(accounts) = c.accounts {
        counts.push(("accounts", accounts.to_string()));
    }
    counts.extend([
        ("groups", c.groups.to_string()),
        ("suppliers", c.suppliers.to_string()),
        ("services", c.services.to_string()),
        ("calendars", c.calendars.to_string()),
        ("agreements", c.agreements.to_string()),
    ]);
    Ok(counts)
}

fn register(t: &Tr, name: &str, count: String) -> Register {
    let (href, label, about) = match name {
        "members" => (
            "/admin/members",
            "admin.members.title",
            "admin.members.about",
        ),
        "people" => ("/admin/people", "admin.people.title", "admin.people.about"),
        "accounts" => (
            "/admin/accounts",
            "admin.accounts.title",
            "admin.accounts.about",
        ),
        "groups" => ("/admin/groups", "admin.groups.title", "admin.groups.about"),
        "suppliers" => (
            "/admin/suppliers",
            "admin.suppliers.title",
            "admin.suppliers.about",
        ),
        "services" => (
            "/admin/services",
            "admin.services.title",
            "admin.services.about",
        ),
        "calendars" => (
            "/admin/calendars",
            "admin.calendars.title",
            "admin.calendars.about",
        ),
        _ => (
            "/admin/agreements",
            "admin.agreements.title",
            "admin.agreements.about",
        ),
    };
    Register {
        href,
        label: t.t(label),
        about: t.t(about),
        count,
    }
}

/// GET /admin
pub async fn show(State(state): State<AppState>, user: UiUser) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let counts = match counts(&state, &user).await {
        Ok(counts) => counts,
        Err(e) => {
            return crate::ui::failure(&user, e);
        }
    };
    let registers = counts
        .into_iter()
        .map(|(name, count)| register(&user.tr, name, count))
        .collect();
    page(
        StatusCode::OK,
        &IndexPage {
            frame: frame(&user, "/admin"),
            t: user.tr,
            sections: sections(&user, "/admin"),
            errors: Problems::default(),
            saved: false,
            registers,
        },
    )
}
