//! Competence groups (kompetensgrupper): the list with each group's
//! members, a form for a new group, and per group a form that adds a staff
//! account to it by username.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::problems::{label, refused};
use super::{Access, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_domain::ids::GroupId;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GroupForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AddMemberForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
}

pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub members: Vec<String>,
    /// The form field of this group's "add member" input.
    pub field: String,
    /// What was typed there, when that form came back.
    pub typed: String,
}

#[derive(Template)]
#[template(path = "admin_groups.html")]
struct GroupsPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    groups: Vec<GroupRow>,
    form: GroupForm,
}

fn field_of(group: uuid::Uuid) -> String {
    format!("username-{group}")
}

/// `typed` is the group whose "add member" form came back, and its text.
async fn build(
    state: &AppState,
    user: &UiUser,
    form: GroupForm,
    typed: Option<(uuid::Uuid, String)>,
    errors: Problems,
    saved: bool,
) -> Result<GroupsPage, AppError> {
    let mut groups = Vec::new();
    for g in state.app.groups_with_members(&user.scope).await? {
        groups.push(GroupRow {
            id: g.id.to_string(),
            field: field_of(g.id),
            typed: match &typed {
                Some((id, text)) if *id == g.id => text.clone(),
                _ => String::new(),
            },
            name: g.name,
            description: g.description,
            members: g.members,
        });
    }
    Ok(GroupsPage {
        frame: frame(user, "/admin/groups"),
        t: user.tr,
        sections: sections(user, "/admin/groups"),
        errors,
        saved,
        groups,
        form,
    })
}

async fn render(
    state: &AppState,
    user: &UiUser,
    form: GroupForm,
    typed: Option<(uuid::Uuid, String)>,
    errors: Problems,
) -> Response {
    match build(state, user, form, typed, errors, false).await {
        Ok(p) => page(p.errors.status(), &p),
        Err(e) => crate::ui::failure(user, e),
    }
}

/// GET /admin/groups
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    match build(
        &state,
        &user,
        GroupForm::default(),
        None,
        Problems::default(),
        q.shown(),
    )
    .await
    {
        Ok(p) => page(StatusCode::OK, &p),
        Err(e) => crate::ui::failure(&user, e),
    }
}

/// POST /admin/groups
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<GroupForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    match state
        .app
        .create_group(&user.scope, &form.name, &form.description)
        .await
    {
        Ok(_) => Redirect::to("/admin/groups?saved=1").into_response(),
        Err(e) => match refused(
            &user,
            e,
            &[("name", "name"), ("description", "description")],
            "name",
        ) {
            Ok(errors) => render(&state, &user, form, None, errors).await,
            Err(page) => *page,
        },
    }
}

/// POST /admin/groups/{id}/members
pub async fn add_member(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<AddMemberForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let Ok(group) = id.parse::<uuid::Uuid>() else {
        return error_page(&user, StatusCode::NOT_FOUND, t.t("admin.not_found").into());
    };
    let added = state
        .app
        .add_group_member(&user.scope, GroupId(group), form.username.trim())
        .await;
    match added {
        Ok(()) => Redirect::to("/admin/groups?saved=1").into_response(),
        Err(e) => {
            let field = field_of(group);
            match refused(&user, e, &[("username", &field)], &field) {
                Ok(mut errors) => {
                    let name = match state.app.groups(&user.scope).await {
                        Ok(groups) => groups
                            .into_iter()
                            .find(|g| g.id == group)
                            .map(|g| g.name)
                            .unwrap_or_default(),
                        Err(e) => return crate::ui::failure(&user, e),
                    };
                    for p in &mut errors.0 {
                        p.label = format!("{} ({name})", label(t, "username"));
                    }
                    let typed = Some((group, form.username));
                    render(&state, &user, GroupForm::default(), typed, errors).await
                }
                Err(page) => *page,
            }
        }
    }
}
