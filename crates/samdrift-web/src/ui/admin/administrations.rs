//! Administrations (förvaltningar) of one member: the tree, each with its
//! parent, and a form for a new one under an optional parent.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::members::{MemberRow, row};
use super::problems::refused;
use super::{Access, Choice, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::queries::records::AdministrationRecord;
use samdrift_domain::ids::{AdministrationId, MemberId};
use serde::Deserialize;

/// Administrations depth first, each after its parent, with its depth.
pub fn tree(records: &[AdministrationRecord]) -> Vec<(usize, &AdministrationRecord)> {
    let known = |id: Option<uuid::Uuid>| id.is_some_and(|id| records.iter().any(|r| r.id == id));
    let mut out: Vec<(usize, &AdministrationRecord)> = Vec::new();
    let mut stack: Vec<(usize, &AdministrationRecord)> = records
        .iter()
        .rev()
        .filter(|r| !known(r.parent_id))
        .map(|r| (0, r))
        .collect();
    while let Some((depth, record)) = stack.pop() {
        if out.iter().any(|(_, r)| r.id == record.id) {
            continue;
        }
        out.push((depth, record));
        stack.extend(
            records
                .iter()
                .rev()
                .filter(|r| r.parent_id == Some(record.id))
                .map(|r| (depth + 1, r)),
        );
    }
    // Parents that point at each other reach no top: list them, unindented.
    for r in records {
        if !out.iter().any(|(_, seen)| seen.id == r.id) {
            out.push((0, r));
        }
    }
    out
}

/// An administration in the tree: its name, its parent's, its depth.
pub struct AdministrationRow {
    pub name: String,
    pub parent: String,
    /// Dashes, one per level below the top (shown, not read out).
    pub indent: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AdministrationForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent_id: String,
}

#[derive(Template)]
#[template(path = "admin_member.html")]
struct MemberPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    member: MemberRow,
    rows: Vec<AdministrationRow>,
    parents: Vec<Choice>,
    form: AdministrationForm,
}

async fn render_member(
    state: &AppState,
    user: &UiUser,
    id: &str,
    form: AdministrationForm,
    errors: Problems,
    saved: bool,
) -> Response {
    let t = &user.tr;
    let not_found = || error_page(user, StatusCode::NOT_FOUND, t.t("admin.not_found").into());
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found();
    };
    let member = match state.app.member(&user.scope, MemberId(id)).await {
        Ok(member) => member,
        Err(AppError::NotFound(_)) => return not_found(),
        Err(e) => return crate::ui::failure(user, e),
    };
    let records = match state.app.administrations(&user.scope, MemberId(id)).await {
        Ok(records) => records,
        Err(AppError::NotFound(_)) => return not_found(),
        Err(e) => return crate::ui::failure(user, e),
    };
    let name_of = |id: Option<uuid::Uuid>| {
        records
            .iter()
            .find(|r| Some(r.id) == id)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    };
    let ordered = tree(&records);
    let rows = ordered
        .iter()
        .map(|(depth, r)| AdministrationRow {
            name: r.name.clone(),
            parent: name_of(r.parent_id),
            indent: "– ".repeat(*depth),
        })
        .collect();
    let mut parents = vec![Choice::new("", t.t("admin.administrations.no_parent"))];
    parents.extend(ordered.iter().map(|(depth, r)| {
        Choice::new(
            r.id.to_string(),
            format!("{}{}", "– ".repeat(*depth), r.name),
        )
    }));
    let back = format!("/admin/members/{id}");
    page(
        errors.status(),
        &MemberPage {
            frame: frame(user, &back),
            t: user.tr,
            sections: sections(user, "/admin/members"),
            errors,
            saved,
            member: row(t, &member),
            rows,
            parents,
            form,
        },
    )
}

/// GET /admin/members/{id}
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let form = AdministrationForm::default();
    render_member(&state, &user, &id, form, Problems::default(), q.shown()).await
}

/// POST /admin/members/{id}/administrations
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<AdministrationForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let Ok(member) = id.parse::<uuid::Uuid>() else {
        let message = user.tr.t("admin.not_found").into();
        return error_page(&user, StatusCode::NOT_FOUND, message);
    };
    let mut errors = Problems::default();
    let parent = super::optional_id(&form.parent_id, "parent_id", &mut errors, &user.tr);
    if !errors.is_empty() {
        return render_member(&state, &user, &id, form, errors, false).await;
    }
    let created = state
        .app
        .create_administration(
            &user.scope,
            MemberId(member),
            parent.map(AdministrationId),
            &form.name,
        )
        .await;
    match created {
        Ok(_) => Redirect::to(&format!("/admin/members/{member}?saved=1")).into_response(),
        Err(e) => match refused(
            &user,
            e,
            &[("name", "name"), ("parent_id", "parent_id")],
            "name",
        ) {
            Ok(errors) => render_member(&state, &user, &id, form, errors, false).await,
            Err(page) => *page,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adm(id: u128, parent: Option<u128>, name: &str) -> AdministrationRecord {
        AdministrationRecord {
            member_id: uuid::Uuid::nil(),
            id: uuid::Uuid::from_u128(id),
            parent_id: parent.map(uuid::Uuid::from_u128),
            name: name.into(),
            version: 1,
        }
    }

    #[test]
    fn children_follow_their_parent_one_level_deeper() {
        let records = [
            adm(1, None, "Barn och utbildning"),
            adm(2, Some(3), "Grundskola"),
            adm(3, Some(1), "Skola"),
            adm(4, None, "Socialtjänst"),
            adm(5, Some(6), "Loop a"),
            adm(6, Some(5), "Loop b"),
        ];
        let order: Vec<(usize, &str)> = tree(&records)
            .into_iter()
            .map(|(depth, r)| (depth, r.name.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                (0, "Barn och utbildning"),
                (1, "Skola"),
                (2, "Grundskola"),
                (0, "Socialtjänst"),
                (0, "Loop a"),
                (0, "Loop b"),
            ]
        );
    }
}
