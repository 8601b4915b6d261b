//! One account (konto), for admins: a form to change its language, its
//! staff role, its own mail address and its roles in members (a box per
//! member and role, so one account can hold roles in several members),
//! sent with the version the page showed; and what the account holds:
//! its roles per member, its recent logins, its API tokens and the user
//! agreements it accepted.
//! A form sent after someone else changed the account comes back (409)
//! with the account as it is now.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::accounts::ROLES;
use super::problems::Problems;
use super::{Access, Choice, Saved, Section, denied, denied_form, frame, say, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::accounts::{AccountDetail, AccountEdit};
use samdrift_app::credentials::AccountKey;
use samdrift_app::queries::records::MemberRecord;

/// The form as sent: the role boxes come once per ticked box
/// (`MEMBERCODE:role`), so the form is read as name-value pairs.
#[derive(Debug, Clone, Default)]
pub struct EditForm {
    csrf: String,
    version: String,
    language: String,
    staff_role: String,
    email: String,
    roles: Vec<String>,
}

impl EditForm {
    fn read(pairs: Vec<(String, String)>) -> EditForm {
        let mut form = EditForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "csrf" => form.csrf = value,
                "version" => form.version = value,
                "language" => form.language = value,
                "staff_role" => form.staff_role = value,
                "email" => form.email = value,
                "roles" => form.roles.push(value),
                _ => {}
            }
        }
        form
    }

    /// The form filled in with the account as stored.
    fn of(detail: &AccountDetail) -> EditForm {
        EditForm {
            csrf: String::new(),
            version: detail.account.version.to_string(),
            language: detail.account.language.clone(),
            staff_role: detail.account.staff_role.clone().unwrap_or_default(),
            email: detail.account.email.clone().unwrap_or_default(),
            roles: detail
                .member_roles
                .iter()
                .map(|r| format!("{}:{}", r.member.code, r.role.as_str()))
                .collect(),
        }
    }

    fn edit(&self) -> AccountEdit {
        let staff = self.staff_role.trim();
        let email = self.email.trim();
        AccountEdit {
            email: Some((!email.is_empty()).then(|| email.to_owned())),
            language: Some(self.language.clone()),
            staff_role: Some((!staff.is_empty()).then(|| staff.to_owned())),
            member_roles: Some(
                self.roles
                    .iter()
                    .map(|r| match r.split_once(':') {
                        Some((code, role)) => (code.to_owned(), role.to_owned()),
                        None => (r.clone(), String::new()),
                    })
                    .collect(),
            ),
        }
    }
}

/// One box: a member role in one member.
pub struct RoleBox {
    pub id: String,
    pub value: String,
    pub label: &'static str,
    pub checked: bool,
}

/// A member's boxes, with a legend.
pub struct MemberBoxes {
    pub legend: String,
    pub boxes: Vec<RoleBox>,
}

/// A row of a plain table: cells as text.
pub struct Row(pub Vec<String>);

#[derive(Template)]
#[template(path = "admin_account.html")]
struct AccountPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    id: String,
    username: String,
    disabled: bool,
    form: EditForm,
    languages: Vec<Choice>,
    staff_roles: Vec<Choice>,
    members: Vec<MemberBoxes>,
    roles: Vec<Row>,
    logins: Vec<Row>,
    tokens: Vec<Row>,
    acceptances: Vec<Row>,
}

fn boxes(t: &Tr, members: &[MemberRecord], form: &EditForm) -> Vec<MemberBoxes> {
    members
        .iter()
        .map(|m| MemberBoxes {
            legend: format!("{} ({})", m.name, m.code),
            boxes: ROLES[5..]
                .iter()
                .map(|role| {
                    let value = format!("{}:{role}", m.code);
                    RoleBox {
                        id: format!("role-{}-{role}", m.code),
                        checked: form.roles.contains(&value),
                        label: t.t(&format!("admin.role.{role}")),
                        value,
                    }
                })
                .collect(),
        })
        .collect()
}

/// What the account holds, as table rows: roles per member, logins,
/// tokens, acceptances.
fn holdings(t: &Tr, d: &AccountDetail) -> [Vec<Row>; 4] {
    let never = t.t("account.never");
    let mut roles: Vec<Row> = Vec::new();
    for r in &d.member_roles {
        let word = t.t(&format!("admin.role.{}", r.role.as_str()));
        let member = format!("{} ({})", r.member.name, r.member.code);
        match roles.last_mut() {
            Some(Row(cells)) if cells[0] == member => cells[1] = format!("{}, {word}", cells[1]),
            _ => roles.push(Row(vec![member, word.to_owned()])),
        }
    }
    let logins = d
        .logins
        .iter()
        .map(|l| {
            Row(vec![
                t.time(l.at),
                t.t(&format!("identity.method.{}", l.method)).to_owned(),
            ])
        })
        .collect();
    let tokens = d
        .tokens
        .iter()
        .map(|x| {
            let when = |m: Option<i64>| m.map_or_else(|| never.to_owned(), |m| t.time(m));
            Row(vec![
                x.name.clone(),
                t.time(x.created_at),
                when(x.last_used_at),
                when(x.expires_at),
            ])
        })
        .collect();
    let yes_no = |b: bool| t.t(if b { "ticket.yes" } else { "ticket.no" }).to_owned();
    let acceptances = d
        .acceptances
        .iter()
        .map(|a| {
            let r = &a.record;
            Row(vec![
                r.member_code.clone(),
                r.version.to_string(),
                t.time(r.accepted_at),
                yes_no(a.current),
            ])
        })
        .collect();
    [roles, logins, tokens, acceptances]
}

/// How the page answers: the form's problems, the status, and whether a
/// change was just saved.
struct Shown {
    errors: Problems,
    status: StatusCode,
    saved: bool,
}

/// The page: `form` is what was sent (None: the account as stored).
async fn render(
    state: &AppState,
    user: &UiUser,
    id: uuid::Uuid,
    form: Option<EditForm>,
    shown: Shown,
) -> Response {
    let t = &user.tr;
    let detail = match state
        .app
        .account_detail(&user.scope, AccountKey::Id(id))
        .await
    {
        Ok(detail) => detail,
        Err(e) => return crate::ui::failure(user, e),
    };
    let members = match state.app.members(&user.scope).await {
        Ok(members) => members,
        Err(e) => return crate::ui::failure(user, e),
    };
    let form = form.unwrap_or_else(|| EditForm::of(&detail));
    let mut staff_roles = vec![Choice::new("", t.t("identity.account.no_staff_role"))];
    staff_roles.extend(
        ROLES[..5]
            .iter()
            .map(|r| Choice::new(*r, t.t(&format!("admin.role.{r}")))),
    );
    let [roles, logins, tokens, acceptances] = holdings(t, &detail);
    let p = AccountPage {
        frame: frame(user, &format!("/admin/accounts/{id}")),
        t: *t,
        sections: sections(user, "/admin/accounts"),
        saved: shown.saved,
        errors: shown.errors,
        id: id.to_string(),
        username: detail.account.username.clone(),
        disabled: detail.account.disabled,
        languages: vec![Choice::new("sv", "svenska"), Choice::new("en", "English")],
        staff_roles,
        members: boxes(t, &members, &form),
        form,
        roles,
        logins,
        tokens,
        acceptances,
    };
    page(shown.status, &p)
}

fn not_found(user: &UiUser) -> Response {
    error_page(
        user,
        StatusCode::NOT_FOUND,
        user.tr.t("admin.not_found").into(),
    )
}

/// GET /admin/accounts/{id}
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Admin) {
        return refusal;
    }
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    let shown = Shown {
        errors: Problems::default(),
        status: StatusCode::OK,
        saved: q.shown(),
    };
    render(&state, &user, id, None, shown).await
}

/// POST /admin/accounts/{id}: changes the account if it is still at the
/// version the form was made from.
pub async fn update(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let form = EditForm::read(pairs);
    if let Some(refusal) = denied_form(&user, Access::Admin, &form.csrf) {
        return refusal;
    }
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    let t = &user.tr;
    let version = Some(form.version.trim().parse::<i64>().unwrap_or(-1));
    let edited = state
        .app
        .edit_account(&user.scope, AccountKey::Id(id), form.edit(), version)
        .await;
    let mut errors = Problems::default();
    let (kept, status) = match edited {
        Ok(_) => return Redirect::to(&format!("/admin/accounts/{id}?saved=1")).into_response(),
        Err(AppError::Stale) => {
            let message = t.t("identity.account.stale").to_owned();
            errors.push_labelled("version", t.t("identity.account.edit").into(), message);
            (None, StatusCode::CONFLICT)
        }
        Err(AppError::Conflict(m)) => {
            let label = t.t("identity.account.staff_role").to_owned();
            errors.push_labelled("staff_role", label, say(t, &m));
            (Some(form), StatusCode::CONFLICT)
        }
        Err(AppError::Invalid(fields)) => {
            for f in fields {
                let (field, key) = match f.field.as_str() {
                    "language" => ("language", "identity.account.language"),
                    "staff_role" => ("staff_role", "identity.account.staff_role"),
                    "email" => ("email", "identity.account.email"),
                    _ => ("roles", "identity.account.member_roles"),
                };
                errors.push_labelled(field, t.t(key).into(), say(t, &f.message));
            }
            (Some(form), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => return crate::ui::failure(&user, e),
    };
    let shown = Shown {
        errors,
        status,
        saved: false,
    };
    render(&state, &user, id, kept, shown).await
}
