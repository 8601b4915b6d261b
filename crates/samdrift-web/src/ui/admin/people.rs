//! People (personer) of every member: a search by name or e-mail with a
//! member filter (the first 200 matches), and a form for a new person.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::administrations::tree;
use super::problems::refused;
use super::{Access, Choice, Problems, Section, denied, denied_form, frame, optional_id, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::registers::PERSON_KINDS;
use samdrift_domain::ids::{AdministrationId, MemberId};
use serde::Deserialize;
use std::collections::HashMap;

/// The most people one search shows.
const SHOWN: i64 = 200;

#[derive(Debug, Default, Deserialize)]
pub struct PeopleQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    saved: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member_id: String,
    #[serde(default)]
    administration_id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    kind: String,
}

pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub kind: &'static str,
    pub member: String,
    pub administration: String,
}

#[derive(Template)]
#[template(path = "admin_people.html")]
struct PeoplePage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    q: String,
    member: String,
    filter_members: Vec<Choice>,
    members: Vec<Choice>,
    administrations: Vec<Choice>,
    kinds: Vec<Choice>,
    people: Vec<PersonRow>,
    limited: bool,
    form: PersonForm,
}

async fn render(
    state: &AppState,
    user: &UiUser,
    query: PeopleQuery,
    form: PersonForm,
    errors: Problems,
) -> Response {
    match build(state, user, query, form, errors).await {
        Ok(page_data) => page(page_data.errors.status(), &page_data),
        Err(e) => crate::ui::failure(user, e),
    }
}

async fn build(
    state: &AppState,
    user: &UiUser,
    query: PeopleQuery,
    form: PersonForm,
    errors: Problems,
) -> Result<PeoplePage, AppError> {
    let t = &user.tr;
    let filter = query.member.trim().parse::<uuid::Uuid>().ok().map(MemberId);
    let register = state
        .app
        .people_register(&user.scope, filter, query.q.as_str(), SHOWN + 1)
        .await?;
    let members = register.members;
    let all = register.administrations;
    let found = register.people;
    let code_of: HashMap<uuid::Uuid, &str> =
        members.iter().map(|m| (m.id, m.code.as_str())).collect();
    let name_of: HashMap<uuid::Uuid, &str> = all.iter().map(|a| (a.id, a.name.as_str())).collect();
    let limited = found.len() as i64 > SHOWN;
    let people = found
        .iter()
        .take(SHOWN as usize)
        .map(|p| PersonRow {
            id: p.id.to_string(),
            name: p.name.clone(),
            email: p.email.clone(),
            kind: t.t(&format!("admin.kind.{}", p.kind)),
            member: code_of.get(&p.member_id).unwrap_or(&"").to_string(),
            administration: p
                .administration_id
                .and_then(|a| name_of.get(&a))
                .unwrap_or(&"")
                .to_string(),
        })
        .collect();
    let member_choices = |first: &str| {
        let mut list = vec![Choice::new("", first)];
        list.extend(
            members
                .iter()
                .map(|m| Choice::new(m.id.to_string(), format!("{} – {}", m.code, m.name))),
        );
        list
    };
    let mut administrations = vec![Choice::new("", t.t("admin.people.no_administration"))];
    for m in &members {
        let own: Vec<_> = all
            .iter()
            .filter(|a| a.member_id == m.id)
            .cloned()
            .collect();
        administrations.extend(tree(&own).into_iter().map(|(depth, a)| {
            let indent = "– ".repeat(depth);
            Choice::new(a.id.to_string(), format!("{}: {indent}{}", m.code, a.name))
        }));
    }
    let kinds = PERSON_KINDS
        .iter()
        .map(|k| Choice::new(*k, t.t(&format!("admin.kind.{k}"))))
        .collect();
    Ok(PeoplePage {
        frame: frame(user, "/admin/people"),
        t: user.tr,
        sections: sections(user, "/admin/people"),
        errors,
        saved: query.saved.is_some(),
        filter_members: member_choices(t.t("admin.people.all_members")),
        members: member_choices(t.t("admin.choose")),
        administrations,
        kinds,
        people,
        limited,
        q: query.q,
        member: query.member,
        form,
    })
}

/// GET /admin/people?q=…&member=…
pub async fn list(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<PeopleQuery>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let form = PersonForm {
        kind: "employee".into(),
        ..PersonForm::default()
    };
    render(&state, &user, query, form, Problems::default()).await
}

/// POST /admin/people
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<PersonForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let mut errors = Problems::default();
    let member = optional_id(&form.member_id, "member_id", &mut errors, t);
    let administration = optional_id(&form.administration_id, "administration_id", &mut errors, t);
    let Some(member) = member.filter(|_| errors.is_empty()) else {
        if errors.is_empty() {
            errors.push(t, "member_id", t.t("admin.msg.choose_member").to_owned());
        }
        return render(&state, &user, PeopleQuery::default(), form, errors).await;
    };
    let created = state
        .app
        .create_person(
            &user.scope,
            MemberId(member),
            administration.map(AdministrationId),
            &form.name,
            &form.email,
            &form.kind,
        )
        .await;
    match created {
        Ok(_) => Redirect::to("/admin/people?saved=1").into_response(),
        Err(e) => {
            let fields = [
                ("name", "name"),
                ("email", "email"),
                ("kind", "kind"),
                ("administration_id", "administration_id"),
                ("member", "member_id"),
            ];
            match refused(&user, e, &fields, "email") {
                Ok(errors) => render(&state, &user, PeopleQuery::default(), form, errors).await,
                Err(page) => *page,
            }
        }
    }
}
