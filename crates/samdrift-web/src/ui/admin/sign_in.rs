//! Sign-in and directories ("Inloggning och kataloger"): the single
//! sign-on providers the configuration names, and each member's directory
//! with its last read (how many users it held, how many matched a person,
//! why it failed), with a button to read it now. Managers and admins.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::{Access, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

pub struct ProviderRow {
    pub label: String,
    pub key: String,
    pub member: String,
    pub claim: &'static str,
}

pub struct DirectoryRow {
    pub member: String,
    pub read_at: String,
    pub counts: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin_sign_in.html")]
struct SignInPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    providers: Vec<ProviderRow>,
    directories: Vec<DirectoryRow>,
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// GET /admin/sign-in
pub async fn show(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let t = user.tr;
    let providers = state
        .app
        .sso_provider_configs()
        .into_iter()
        .map(|p| ProviderRow {
            label: p.label,
            key: p.key,
            member: p
                .member
                .unwrap_or_else(|| t.t("admin.sign_in.federation").to_owned()),
            claim: t.t(&format!("admin.sign_in.claim.{}", p.claim.as_str())),
        })
        .collect();
    let mut directories = Vec::new();
    for code in state.app.directory_members() {
        let reads = match state.app.directory_reads(&user.scope, &code).await {
            Ok(r) => r,
            Err(e) => return crate::ui::failure(&user, e),
        };
        let last = reads.first();
        directories.push(DirectoryRow {
            member: code,
            read_at: last
                .map(|r| t.time(r.at))
                .unwrap_or_else(|| t.t("admin.sign_in.never").to_owned()),
            counts: last
                .filter(|r| r.error.is_none())
                .map(|r| format!("{} / {} / {}", r.users_read, r.matched, r.unmatched_count))
                .unwrap_or_default(),
            error: last.and_then(|r| r.error.clone()),
        });
    }
    page(
        StatusCode::OK,
        &SignInPage {
            frame: frame(&user, "/admin/sign-in"),
            t,
            sections: sections(&user, "/admin/sign-in"),
            errors: Problems::default(),
            saved: q.saved.is_some(),
            providers,
            directories,
        },
    )
}

/// POST /admin/sign-in/directories/{code}/read
pub async fn read(
    State(state): State<AppState>,
    user: UiUser,
    Path(code): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    match state.app.read_directory(Some(&user.scope), &code).await {
        Ok(_) => Redirect::to("/admin/sign-in?saved=1").into_response(),
        Err(e) => crate::ui::failure(&user, e),
    }
}
