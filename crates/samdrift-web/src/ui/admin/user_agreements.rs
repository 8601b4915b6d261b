//! The members' user agreements (användaravtal), for managers and admins:
//! every member with its current version, and one member's agreement with
//! its text in both languages, its versions and a form for a new version
//! (admins only). The form says which version its author read, so a
//! version published meanwhile is not overwritten unseen: the form comes
//! back with the newer text above it and what was typed kept.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::problems::Problems;
use super::{Access, Saved, Section, denied, denied_form, frame, say, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::queries::records::UserAgreementRecord;
use samdrift_app::user_agreements::NewUserAgreement;
use samdrift_domain::ids::MemberId;
use serde::Deserialize;

/// One member in the list.
pub struct MemberRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub version: String,
    pub published: String,
}

#[derive(Template)]
#[template(path = "admin_user_agreements.html")]
struct ListPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    members: Vec<MemberRow>,
}

/// GET /admin/user-agreements
pub async fn list(State(state): State<AppState>, user: UiUser) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let overview = match state.app.user_agreement_overview(&user.scope).await {
        Ok(overview) => overview,
        Err(e) => return crate::ui::failure(&user, e),
    };
    let t = user.tr;
    let members = overview
        .into_iter()
        .map(|m| MemberRow {
            id: m.member.id.to_string(),
            version: m.current.as_ref().map_or_else(
                || t.t("identity.admin.none_published").into(),
                |c| c.version.to_string(),
            ),
            published: m
                .current
                .map(|c| t.time(c.published_at))
                .unwrap_or_default(),
            code: m.member.code,
            name: m.member.name,
        })
        .collect();
    let p = ListPage {
        frame: frame(&user, "/admin/user-agreements"),
        t,
        sections: sections(&user, "/admin/user-agreements"),
        errors: Problems::default(),
        saved: false,
        members,
    };
    page(StatusCode::OK, &p)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text_sv: String,
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    read_version: String,
}

/// One version in the list of versions.
pub struct VersionRow {
    pub version: i64,
    pub published: String,
    pub by: String,
}

#[derive(Template)]
#[template(path = "admin_user_agreement.html")]
struct MemberPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    member_id: String,
    member_code: String,
    member_name: String,
    /// The current version in words, and its texts in paragraphs.
    current: Option<(String, Vec<String>, Vec<String>)>,
    versions: Vec<VersionRow>,
    may_publish: bool,
    form: PublishForm,
}

fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The current version's line: "Version 2, publicerad 2027-03-01 09:00 av admin".
fn described(t: &Tr, v: &UserAgreementRecord) -> String {
    format!(
        "{} {}, {} {} ({}: {})",
        t.t("identity.agreement.version"),
        v.version,
        t.t("identity.agreement.published"),
        t.time(v.published_at),
        t.t("identity.admin.published_by"),
        v.published_by_username
    )
}

/// The member page; `form` is what was typed (None: a fresh form with the
/// current texts and version).
async fn render(
    state: &AppState,
    user: &UiUser,
    id: &str,
    form: Option<PublishForm>,
    errors: Problems,
    saved: bool,
) -> Response {
    let t = &user.tr;
    let not_found = || error_page(user, StatusCode::NOT_FOUND, t.t("admin.not_found").into());
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found();
    };
    let (member, versions) = match state
        .app
        .user_agreement_versions(&user.scope, MemberId(id))
        .await
    {
        Ok(found) => found,
        Err(AppError::NotFound(_)) => return not_found(),
        Err(e) => return crate::ui::failure(user, e),
    };
    let newest = versions.first();
    let read = newest.map_or(0, |v| v.version).to_string();
    let form = match form {
        // A refused form keeps its text, and is now based on the newest version.
        Some(typed) => PublishForm {
            read_version: read,
            ..typed
        },
        None => PublishForm {
            text_sv: newest.map(|v| v.text_sv.clone()).unwrap_or_default(),
            text_en: newest.map(|v| v.text_en.clone()).unwrap_or_default(),
            read_version: read,
            csrf: String::new(),
        },
    };
    let p = MemberPage {
        frame: frame(user, &format!("/admin/user-agreements/{id}")),
        t: *t,
        sections: sections(user, "/admin/user-agreements"),
        current: newest.map(|v| {
            (
                described(t, v),
                paragraphs(&v.text_sv),
                paragraphs(&v.text_en),
            )
        }),
        versions: versions
            .iter()
            .map(|v| VersionRow {
                version: v.version,
                published: t.time(v.published_at),
                by: v.published_by_username.clone(),
            })
            .collect(),
        may_publish: user.scope.is_admin(),
        member_id: member.id.to_string(),
        member_code: member.code,
        member_name: member.name,
        form,
        saved,
        errors,
    };
    let status = match p.errors.get("read_version") {
        Some(_) => StatusCode::CONFLICT,
        None => p.errors.status(),
    };
    page(status, &p)
}

/// GET /admin/user-agreements/{id}
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    render(&state, &user, &id, None, Problems::default(), q.shown()).await
}

/// POST /admin/user-agreements/{id}: publishes a new version.
pub async fn publish(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<PublishForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Admin, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let Ok(member) = id.parse::<uuid::Uuid>() else {
        return error_page(&user, StatusCode::NOT_FOUND, t.t("admin.not_found").into());
    };
    let new = NewUserAgreement {
        text_sv: form.text_sv.clone(),
        text_en: form.text_en.clone(),
        read_version: form.read_version.trim().parse().unwrap_or(-1),
    };
    let mut errors = Problems::default();
    match state
        .app
        .publish_user_agreement(&user.scope, MemberId(member), new)
        .await
    {
        Ok(_) => {
            return Redirect::to(&format!("/admin/user-agreements/{id}?saved=1")).into_response();
        }
        Err(AppError::Invalid(fields)) => {
            for f in fields {
                let label = t.t(&format!("identity.field.{}", f.field)).to_owned();
                errors.push_labelled(&f.field, label, say(t, &f.message));
            }
        }
        Err(AppError::Conflict(m)) => {
            let label = t.t("identity.admin.current").to_owned();
            errors.push_labelled("read_version", label, say(t, &m));
        }
        Err(AppError::NotFound(_)) => {
            return error_page(&user, StatusCode::NOT_FOUND, t.t("admin.not_found").into());
        }
        Err(e) => return crate::ui::failure(&user, e),
    }
    render(&state, &user, &id, Some(form), errors, false).await
}
