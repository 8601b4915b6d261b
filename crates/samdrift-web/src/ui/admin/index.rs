//! The administration start page: every register this user may maintain,
//! with how many rows it holds.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::{Access, Problems, Section, denied, frame, sections, unavailable};
use crate::router::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::StoreError;
use samdrift_domain::scope::MemberFilter;

/// People are counted up to this many; more are shown as "1000+".
const PEOPLE_COUNTED: usize = 1000;

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

async fn counts(
    state: &AppState,
    user: &UiUser,
) -> Result<Vec<(&'static str, String)>, StoreError> {
    let store = &state.app.store;
    let scope = &user.scope;
    let people = store
        .find_people(&MemberFilter::All, None, None, PEOPLE_COUNTED as i64 + 1)
        .await?
        .len();
    let people = if people > PEOPLE_COUNTED {
        format!("{PEOPLE_COUNTED}+")
    } else {
        people.to_string()
    };
    let mut counts = vec![
        (
            "members",
            store.list_members(scope).await?.len().to_string(),
        ),
        ("people", people),
    ];
    if scope.is_admin() {
        counts.push(("accounts", store.list_accounts().await?.len().to_string()));
    }
    counts.extend([
        ("groups", store.list_groups().await?.len().to_string()),
        ("suppliers", store.list_suppliers().await?.len().to_string()),
        ("services", store.list_services().await?.len().to_string()),
        ("calendars", store.list_calendars().await?.len().to_string()),
        (
            "agreements",
            store
                .list_agreements(&scope.register_members(), None)
                .await?
                .len()
                .to_string(),
        ),
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
            tracing::error!(error = %e, "administration counts failed");
            return unavailable(&user);
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
