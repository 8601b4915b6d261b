//! One person: what their source system says (personnummer masked) and
//! their history: joined, moved, updated, left, returned, with why.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::{Access, Problems, Section, denied, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::AppError;

pub struct HistoryRow {
    pub at: String,
    pub kind: &'static str,
    pub why: String,
    pub changes: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "admin_person.html")]
struct PersonPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    name: String,
    facts: Vec<(String, String)>,
    history: Vec<HistoryRow>,
}

fn history_kind(t: &Tr, kind: &str) -> &'static str {
    t.t(match kind {
        "joined" => "admin.person.joined",
        "moved" => "admin.person.moved",
        "left" => "admin.person.left",
        "returned" => "admin.person.returned",
        _ => "admin.person.updated",
    })
}

fn why(t: &Tr, h: &samdrift_app::identity::people::HistoryRow) -> String {
    match (h.reason.as_deref(), h.delivery_id) {
        (Some("end_date"), _) => t.t("admin.person.why_end_date").to_owned(),
        (Some("missing"), _) => t.t("admin.person.why_missing").to_owned(),
        (_, Some(d)) => format!(
            "{} {}",
            t.t("admin.person.why_delivery"),
            &d.to_string()[..8]
        ),
        _ => String::new(),
    }
}

/// What the member's directory says of the person: login, principal
/// name, whether the account is disabled there, and its groups.
fn directory_facts(
    t: &Tr,
    d: &samdrift_app::identity::directory::DirectoryAccountRecord,
) -> Vec<(String, String)> {
    let label = |key: &str| t.t(key).to_owned();
    let groups: Vec<String> = serde_json::from_str(&d.groups).unwrap_or_default();
    let state = if d.disabled {
        "admin.person.directory_disabled"
    } else {
        "admin.person.directory_active"
    };
    let mut facts = vec![(label("admin.person.directory_state"), label(state))];
    for (key, value) in [
        ("admin.person.directory_login", d.login.clone()),
        ("admin.person.directory_principal", d.principal.clone()),
    ] {
        if let Some(v) = value {
            facts.push((label(key), v));
        }
    }
    if !groups.is_empty() {
        facts.push((label("admin.person.directory_groups"), groups.join(", ")));
    }
    facts
}

async fn build(state: &AppState, user: &UiUser, id: uuid::Uuid) -> Result<PersonPage, AppError> {
    let t = &user.tr;
    let found = state.app.person_identity(&user.scope, id, false).await?;
    let rows = state.app.person_history(&user.scope, id).await?;
    let p = found.person;
    let label = |key: &str| t.t(key).to_owned();
    let mut facts = vec![
        (label("admin.field.email"), p.email.clone()),
        (
            label("admin.person.source"),
            p.source
                .clone()
                .map(|s| {
                    if s == "school" {
                        label("admin.deliveries.source_school")
                    } else {
                        label("admin.deliveries.source_hr")
                    }
                })
                .unwrap_or_else(|| label("admin.person.by_hand")),
        ),
    ];
    let optional = [
        ("admin.person.key", p.source_key.clone()),
        ("admin.person.personnummer", found.personnummer.clone()),
        (
            "admin.deliveries.field.administration",
            p.source_administration.clone(),
        ),
        ("admin.deliveries.field.workplace", p.workplace.clone()),
        ("admin.deliveries.field.title", p.title.clone()),
        ("admin.deliveries.field.manager", p.manager_key.clone()),
        ("admin.deliveries.field.school", p.school.clone()),
        ("admin.deliveries.field.class", p.class_name.clone()),
        ("admin.deliveries.field.starts_on", p.starts_on.clone()),
        ("admin.deliveries.field.ends_on", p.ends_on.clone()),
    ];
    facts.extend(
        optional
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (label(k), v))),
    );
    if p.ended_at.is_some() {
        facts.push((label("admin.person.state"), label("admin.person.left")));
    }
    if let Some(d) = &found.directory {
        facts.extend(directory_facts(t, d));
    }
    let history =
        rows.iter()
            .map(|h| HistoryRow {
                at: t.time(h.at),
                kind: history_kind(t, &h.kind),
                why: why(t, h),
                changes: serde_json::from_str::<
                    Vec<samdrift_domain::identity::comparison::FieldChange>,
                >(&h.changes)
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    let name = match t.t(&format!("admin.deliveries.field.{}", c.field)) {
                        "?" => c.field.clone(),
                        text => text.to_owned(),
                    };
                    (name, c.old.unwrap_or_default(), c.new.unwrap_or_default())
                })
                .collect(),
            })
            .collect();
    Ok(PersonPage {
        frame: frame(user, &format!("/admin/people/{id}")),
        t: user.tr,
        sections: sections(user, "/admin/people"),
        errors: Problems::default(),
        saved: false,
        name: p.name,
        facts,
        history,
    })
}

/// GET /admin/people/{id}
pub async fn show(State(state): State<AppState>, user: UiUser, Path(id): Path<String>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return error_page(
            &user,
            StatusCode::NOT_FOUND,
            user.tr.t("admin.not_found").into(),
        );
    };
    match build(&state, &user, id).await {
        Ok(p) => page(StatusCode::OK, &p),
        Err(e) => crate::ui::failure(&user, e),
    }
}
