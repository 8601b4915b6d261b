//! Services (tjänster) in the catalogue: the list with each service's
//! level and owning group, and a form for a new service.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::problems::refused;
use super::{
    Access, Choice, Problems, Saved, Section, denied, denied_form, frame, optional_id, sections,
};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::registers::SERVICE_LEVELS;
use samdrift_domain::ids::GroupId;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ServiceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    owning_group_id: String,
}

pub struct ServiceRow {
    pub code: String,
    pub name: String,
    pub level: &'static str,
    pub group: String,
}

#[derive(Template)]
#[template(path = "admin_services.html")]
struct ServicesPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    services: Vec<ServiceRow>,
    levels: Vec<Choice>,
    groups: Vec<Choice>,
    form: ServiceForm,
}

async fn build(
    state: &AppState,
    user: &UiUser,
    form: ServiceForm,
    errors: Problems,
    saved: bool,
) -> Result<ServicesPage, AppError> {
    let t = &user.tr;
    let groups = state.app.groups(&user.scope).await?;
    let services = state
        .app
        .services(&user.scope)
        .await?
        .into_iter()
        .map(|s| ServiceRow {
            level: t.t(&format!("admin.level.{}", s.level)),
            group: s
                .owning_group_id
                .and_then(|g| groups.iter().find(|x| x.id == g))
                .map(|g| g.name.clone())
                .unwrap_or_default(),
            code: s.code,
            name: s.name,
        })
        .collect();
    let levels = SERVICE_LEVELS
        .iter()
        .map(|l| Choice::new(*l, t.t(&format!("admin.level.{l}"))))
        .collect();
    let mut group_choices = vec![Choice::new("", t.t("admin.services.no_group"))];
    group_choices.extend(
        groups
            .iter()
            .map(|g| Choice::new(g.id.to_string(), g.name.clone())),
    );
    Ok(ServicesPage {
        frame: frame(user, "/admin/services"),
        t: user.tr,
        sections: sections(user, "/admin/services"),
        errors,
        saved,
        services,
        levels,
        groups: group_choices,
        form,
    })
}

async fn render(
    state: &AppState,
    user: &UiUser,
    form: ServiceForm,
    errors: Problems,
    saved: bool,
) -> Response {
    match build(state, user, form, errors, saved).await {
        Ok(p) => page(p.errors.status(), &p),
        Err(e) => crate::ui::failure(user, e),
    }
}

/// GET /admin/services
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let form = ServiceForm {
        level: "it".into(),
        ..ServiceForm::default()
    };
    render(&state, &user, form, Problems::default(), q.shown()).await
}

/// POST /admin/services
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<ServiceForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let mut errors = Problems::default();
    let group = optional_id(
        &form.owning_group_id,
        "owning_group_id",
        &mut errors,
        &user.tr,
    );
    if !errors.is_empty() {
        return render(&state, &user, form, errors, false).await;
    }
    let created = state
        .app
        .create_service(
            &user.scope,
            form.code.trim(),
            &form.name,
            &form.level,
            &form.description,
            group.map(GroupId),
        )
        .await;
    match created {
        Ok(_) => Redirect::to("/admin/services?saved=1").into_response(),
        Err(e) => {
            let fields = [
                ("code", "code"),
                ("name", "name"),
                ("level", "level"),
                ("description", "description"),
                ("owning_group_id", "owning_group_id"),
            ];
            match refused(&user, e, &fields, "code") {
                Ok(errors) => render(&state, &user, form, errors, false).await,
                Err(page) => *page,
            }
        }
    }
}
