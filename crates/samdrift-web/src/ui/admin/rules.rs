//! A member's entitlement rules: the list, a form for a new rule with a
//! preview of whom it would reach today, and removal. Managers and admins.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::problems::refused;
use super::{Access, Choice, Problems, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::identity::entitlements::{RuleInput, RulePreview};
use samdrift_domain::identity::entitlements::RuleMatch;
use samdrift_domain::ids::MemberId;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct RulesQuery {
    #[serde(default)]
    member: String,
    #[serde(default)]
    saved: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    administration: String,
    #[serde(default)]
    school: String,
    #[serde(default)]
    grant_task: String,
    #[serde(default)]
    removal_task: String,
    #[serde(default)]
    group_id: String,
    /// `preview` shows whom the rule would reach instead of saving it.
    #[serde(default)]
    action: String,
}

pub struct RuleRow {
    pub id: String,
    pub name: String,
    pub when: String,
    pub grant: String,
    pub removal: String,
    pub group: String,
}

#[derive(Template)]
#[template(path = "admin_rules.html")]
struct RulesPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    member: String,
    members: Vec<Choice>,
    sources: Vec<Choice>,
    groups: Vec<Choice>,
    rules: Vec<RuleRow>,
    form: RuleForm,
    preview: Option<RulePreview>,
}

fn some(v: &str) -> Option<String> {
    Some(v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn conditions(f: &RuleForm) -> RuleMatch {
    RuleMatch {
        source: some(&f.source),
        title: some(&f.title),
        administration: some(&f.administration),
        school: some(&f.school),
    }
}

/// The rules as the table shows them, conditions and group in words.
fn rule_rows(
    t: &Tr,
    rules: Vec<samdrift_app::identity::entitlements::RuleRecordView>,
    groups: &[samdrift_app::queries::records::GroupRecord],
) -> Vec<RuleRow> {
    let group_name = |id: uuid::Uuid| {
        groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.name.clone())
            .unwrap_or_default()
    };
    rules
        .into_iter()
        .map(|r| {
            let when = [
                (t.t("admin.deliveries.source"), r.source.clone()),
                (t.t("admin.deliveries.field.title"), r.title.clone()),
                (
                    t.t("admin.deliveries.field.administration"),
                    r.administration.clone(),
                ),
                (t.t("admin.deliveries.field.school"), r.school.clone()),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
            .collect::<Vec<_>>()
            .join("; ");
            RuleRow {
                id: r.id.to_string(),
                name: r.name,
                when,
                grant: r.grant_task,
                removal: r.removal_task,
                group: group_name(r.group_id),
            }
        })
        .collect()
}

async fn render(
    state: &AppState,
    user: &UiUser,
    member: String,
    form: RuleForm,
    errors: Problems,
    preview: Option<RulePreview>,
    saved: bool,
) -> Response {
    let t = &user.tr;
    let built = async {
        let members = state.app.members(&user.scope).await?;
        let groups = state.app.groups(&user.scope).await?;
        let chosen = member
            .parse::<uuid::Uuid>()
            .ok()
            .filter(|m| members.iter().any(|x| x.id == *m));
        let rules = match chosen {
            Some(m) => {
                state
                    .app
                    .entitlement_rules(&user.scope, MemberId(m))
                    .await?
            }
            None => Vec::new(),
        };
        Ok::<_, AppError>((members, groups, rules))
    }
    .await;
    let (members, groups, rules) = match built {
        Ok(x) => x,
        Err(e) => return crate::ui::failure(user, e),
    };
    let rows = rule_rows(t, rules, &groups);
    let mut member_choices = vec![Choice::new("", t.t("admin.choose"))];
    member_choices.extend(
        members
            .iter()
            .map(|m| Choice::new(m.id.to_string(), format!("{} – {}", m.code, m.name))),
    );
    let mut group_choices = vec![Choice::new("", t.t("admin.choose"))];
    group_choices.extend(
        groups
            .iter()
            .map(|g| Choice::new(g.id.to_string(), g.name.clone())),
    );
    let sources = vec![
        Choice::new("", t.t("admin.rules.any_source")),
        Choice::new("hr", t.t("admin.deliveries.source_hr")),
        Choice::new("school", t.t("admin.deliveries.source_school")),
    ];
    page(
        errors.status(),
        &RulesPage {
            frame: frame(user, "/admin/entitlement-rules"),
            t: user.tr,
            sections: sections(user, "/admin/entitlement-rules"),
            errors,
            saved,
            member,
            members: member_choices,
            sources,
            groups: group_choices,
            rules: rows,
            form,
            preview,
        },
    )
}

/// GET /admin/entitlement-rules?member=ID
pub async fn list(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<RulesQuery>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let form = RuleForm {
        member: q.member.clone(),
        ..RuleForm::default()
    };
    render(
        &state,
        &user,
        q.member,
        form,
        Problems::default(),
        None,
        q.saved.is_some(),
    )
    .await
}

/// POST /admin/entitlement-rules: save, or with `action=preview` show
/// whom the rule would reach.
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<RuleForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let Some(member) = form.member.parse::<uuid::Uuid>().ok() else {
        let mut errors = Problems::default();
        errors.push(t, "member", t.t("admin.msg.choose_member").to_owned());
        return render(&state, &user, String::new(), form, errors, None, false).await;
    };
    if form.action == "preview" {
        return match state
            .app
            .preview_entitlement_rule(&user.scope, MemberId(member), &conditions(&form))
            .await
        {
            Ok(p) => {
                render(
                    &state,
                    &user,
                    form.member.clone(),
                    form,
                    Problems::default(),
                    Some(p),
                    false,
                )
                .await
            }
            Err(e) => crate::ui::failure(&user, e),
        };
    }
    let group_id = form.group_id.parse::<uuid::Uuid>().unwrap_or_default();
    let input = RuleInput {
        name: form.name.clone(),
        when: conditions(&form),
        grant_task: form.grant_task.clone(),
        removal_task: form.removal_task.clone(),
        group_id,
    };
    match state
        .app
        .create_entitlement_rule(&user.scope, MemberId(member), input)
        .await
    {
        Ok(_) => Redirect::to(&format!("/admin/entitlement-rules?member={member}&saved=1"))
            .into_response(),
        Err(e) => {
            let fields = [
                ("name", "name"),
                ("source", "source"),
                ("title", "title"),
                ("grant_task", "grant_task"),
                ("removal_task", "removal_task"),
                ("body", "group_id"),
            ];
            match refused(&user, e, &fields, "name") {
                Ok(errors) => {
                    render(
                        &state,
                        &user,
                        form.member.clone(),
                        form,
                        errors,
                        None,
                        false,
                    )
                    .await
                }
                Err(page) => *page,
            }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
}

/// POST /admin/entitlement-rules/{id}/delete
pub async fn delete(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return error_page(
            &user,
            StatusCode::NOT_FOUND,
            user.tr.t("admin.not_found").into(),
        );
    };
    match state.app.delete_entitlement_rule(&user.scope, id).await {
        Ok(()) => Redirect::to(&format!(
            "/admin/entitlement-rules?member={}&saved=1",
            form.member
        ))
        .into_response(),
        Err(e) => crate::ui::failure(&user, e),
    }
}
