//! Accounts (konton), for admins only: the list with each account's staff
//! role and language and a button to disable or enable it, and a form for
//! a new account with one of the eight roles (a member role in a chosen
//! member). A refused form comes back
//! without the password, which is never sent back to the browser.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::problems::refused;
use super::{
    Access, Choice, Problems, Saved, Section, denied, denied_form, frame, optional_id, say,
    sections,
};
use crate::extract::Id;
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::credentials::AccountKey;
use samdrift_app::registers::NewAccount;
use samdrift_domain::ids::PersonId;
use samdrift_domain::role::Role;
use serde::Deserialize;
use std::collections::HashMap;

/// The roles an account is given, staff roles first.
pub const ROLES: [&str; 8] = [
    "agent",
    "technician",
    "group_lead",
    "manager",
    "admin",
    "end_user",
    "orderer",
    "strategist",
];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    person_id: String,
}

pub struct AccountRow {
    pub id: String,
    pub username: String,
    pub role: String,
    pub language: &'static str,
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "admin_accounts.html")]
struct AccountsPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    accounts: Vec<AccountRow>,
    roles: Vec<Choice>,
    members: Vec<Choice>,
    form: AccountForm,
}

async fn build(
    state: &AppState,
    user: &UiUser,
    form: AccountForm,
    errors: Problems,
    saved: bool,
) -> Result<AccountsPage, AppError> {
    let t = &user.tr;
    let members = state.app.members(&user.scope).await?;
    let code_of: HashMap<uuid::Uuid, &str> =
        members.iter().map(|m| (m.id, m.code.as_str())).collect();
    let accounts = state
        .app
        .list_accounts(&user.scope)
        .await?
        .into_iter()
        .map(|a| AccountRow {
            id: a.id.to_string(),
            role: match (&a.staff_role, a.person_member_id) {
                (Some(role), _) => t.t(&format!("admin.role.{role}")).to_owned(),
                (None, Some(member)) => format!(
                    "{} ({})",
                    t.t("admin.accounts.member_account"),
                    code_of.get(&member).unwrap_or(&"")
                ),
                (None, None) => t.t("admin.accounts.member_account").to_owned(),
            },
            language: if a.language.starts_with("en") {
                "English"
            } else {
                "svenska"
            },
            disabled: a.disabled,
            username: a.username,
        })
        .collect();
    let roles = ROLES
        .iter()
        .map(|r| Choice::new(*r, t.t(&format!("admin.role.{r}"))))
        .collect();
    let mut member_choices = vec![Choice::new("", t.t("admin.accounts.no_member"))];
    member_choices.extend(
        members
            .iter()
            .map(|m| Choice::new(m.code.clone(), format!("{} – {}", m.code, m.name))),
    );
    Ok(AccountsPage {
        frame: frame(user, "/admin/accounts"),
        t: user.tr,
        sections: sections(user, "/admin/accounts"),
        errors,
        saved,
        accounts,
        roles,
        members: member_choices,
        form: AccountForm {
            password: String::new(),
            ..form
        },
    })
}

async fn render(
    state: &AppState,
    user: &UiUser,
    form: AccountForm,
    errors: Problems,
    saved: bool,
) -> Response {
    match build(state, user, form, errors, saved).await {
        Ok(p) => page(p.errors.status(), &p),
        Err(e) => crate::ui::failure(user, e),
    }
}

/// GET /admin/accounts
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Admin) {
        return refusal;
    }
    let form = AccountForm {
        role: "end_user".into(),
        ..AccountForm::default()
    };
    render(&state, &user, form, Problems::default(), q.shown()).await
}

/// POST /admin/accounts
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<AccountForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Admin, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let mut errors = Problems::default();
    let person = optional_id(&form.person_id, "person_id", &mut errors, t);
    let role = form.role.parse::<Role>();
    if role.is_err() {
        errors.push(t, "role", t.t("admin.msg.choose_role").to_owned());
    }
    let role = match role {
        Ok(role) if errors.is_empty() => role,
        _ => return render(&state, &user, form, errors, false).await,
    };
    let member = Some(form.member.trim().to_owned()).filter(|m| !m.is_empty());
    let new = NewAccount {
        username: form.username.trim().to_owned(),
        password: form.password.clone(),
        role,
        member: member.filter(|_| matches!(role, Role::Member(_))),
        person: person.map(PersonId),
    };
    match state.app.create_account(Some(&user.scope), new).await {
        Ok(_) => Redirect::to("/admin/accounts?saved=1").into_response(),
        Err(e) => {
            let fields = [
                ("username", "username"),
                ("password", "password"),
                ("role", "role"),
                ("member", "member"),
                ("person_id", "person_id"),
            ];
            match refused(&user, e, &fields, "username") {
                Ok(errors) => render(&state, &user, form, errors, false).await,
                Err(page) => *page,
            }
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// POST /admin/accounts/{id}/disable: the login stops at once (its
/// sessions end, its tokens stop working).
pub async fn disable(
    State(state): State<AppState>,
    user: UiUser,
    Id(id): Id,
    Form(form): Form<CsrfForm>,
) -> Response {
    set_disabled(&state, &user, id, &form.csrf, true).await
}

/// POST /admin/accounts/{id}/enable
pub async fn enable(
    State(state): State<AppState>,
    user: UiUser,
    Id(id): Id,
    Form(form): Form<CsrfForm>,
) -> Response {
    set_disabled(&state, &user, id, &form.csrf, false).await
}

async fn set_disabled(
    state: &AppState,
    user: &UiUser,
    id: uuid::Uuid,
    csrf: &str,
    disabled: bool,
) -> Response {
    if let Some(refusal) = denied_form(user, Access::Admin, csrf) {
        return refusal;
    }
    let key = AccountKey::Id(id);
    match state
        .app
        .set_account_disabled(&user.scope, key, disabled)
        .await
    {
        Ok(_) => Redirect::to("/admin/accounts?saved=1").into_response(),
        Err(AppError::Conflict(m)) => {
            let mut errors = Problems::default();
            let t = &user.tr;
            errors.push_labelled("username", t.t("admin.field.username").into(), say(t, &m));
            render(state, user, AccountForm::default(), errors, false).await
        }
        Err(e) => crate::ui::failure(user, e),
    }
}
