//! Members (medlemskommuner): the list, each with a link to its
//! administrations, and a form for a new member whose ownership share is
//! typed as a percentage.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::problems::refused;
use super::{Access, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::queries::records::MemberRecord;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    organisation_number: String,
    #[serde(default)]
    ownership_share: String,
}

/// A member as listed, its share in the user's number format.
pub struct MemberRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub organisation_number: String,
    pub share: String,
}

pub fn row(t: &Tr, m: &MemberRecord) -> MemberRow {
    MemberRow {
        id: m.id.to_string(),
        code: m.code.clone(),
        name: m.name.clone(),
        organisation_number: m.organisation_number.clone(),
        share: t.percent(u32::try_from(m.ownership_share_bp).unwrap_or(0)),
    }
}

#[derive(Template)]
#[template(path = "admin_members.html")]
struct MembersPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    members: Vec<MemberRow>,
    form: MemberForm,
}

async fn render_list(
    state: &AppState,
    user: &UiUser,
    form: MemberForm,
    errors: Problems,
    saved: bool,
) -> Response {
    let members = match state.app.members(&user.scope).await {
        Ok(list) => list.iter().map(|m| row(&user.tr, m)).collect(),
        Err(e) => {
            return crate::ui::failure(user, e);
        }
    };
    page(
        errors.status(),
        &MembersPage {
            frame: frame(user, "/admin/members"),
            t: user.tr,
            sections: sections(user, "/admin/members"),
            errors,
            saved,
            members,
            form,
        },
    )
}

/// GET /admin/members
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    render_list(
        &state,
        &user,
        MemberForm::default(),
        Problems::default(),
        q.shown(),
    )
    .await
}

/// A share typed as a percentage (`12,5`, `12.50 %`) in basis points.
pub fn percent_to_bp(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('%').trim().replace(',', ".");
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (!frac.is_empty() && !digits(frac)) || frac.len() > 2 || whole.len() > 3 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

/// POST /admin/members
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<MemberForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let Some(bp) = percent_to_bp(&form.ownership_share) else {
        let mut errors = Problems::default();
        errors.push(t, "ownership_share", t.t("admin.msg.percent").to_owned());
        return render_list(&state, &user, form, errors, false).await;
    };
    let created = state
        .app
        .create_member(
            &user.scope,
            form.code.trim(),
            &form.name,
            form.organisation_number.trim(),
            bp,
        )
        .await;
    match created {
        Ok(_) => Redirect::to("/admin/members?saved=1").into_response(),
        Err(e) => {
            let fields = [
                ("code", "code"),
                ("name", "name"),
                ("organisation_number", "organisation_number"),
                ("ownership_share_bp", "ownership_share"),
            ];
            match refused(&user, e, &fields, "code") {
                Ok(errors) => render_list(&state, &user, form, errors, false).await,
                Err(page) => *page,
            }
        }
    }
}
