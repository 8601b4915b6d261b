//! Catalog items (what end users request through the portal): the list
//! with each item's price, approvals, form and tasks, and a form for a new
//! item. The request form and the tasks are typed one per line:
//!
//! - a form field: `key | label | kind | required | help | option1; option2`
//!   (kind `text`, `textarea`, `select`, `checkbox` or `date`; required
//!   `ja`/`nej` or `yes`/`no`; help and options may be left out);
//! - a task: `stage | group | title`.
//!
//! Every problem, found here or by the item's own validation, names the
//! line it is on.

use super::super::catalog::accounts::{problems, say, word};
use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::catalog::{kronor, refusal};
use super::{Access, Choice, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::catalog::items::ItemInput;
use samdrift_domain::catalog::request::{
    ApprovalKind, FieldKind, FormField, ItemSpec, TaskTemplate,
};
use samdrift_domain::error::FieldError;

/// The approvals an item may ask for, in the order they are decided.
const APPROVALS: [ApprovalKind; 3] = [
    ApprovalKind::Manager,
    ApprovalKind::SystemOwner,
    ApprovalKind::Orderer,
];

const KINDS: [(&str, FieldKind); 5] = [
    ("text", FieldKind::Text),
    ("textarea", FieldKind::Textarea),
    ("select", FieldKind::Select),
    ("checkbox", FieldKind::Checkbox),
    ("date", FieldKind::Date),
];

fn kind_name(kind: FieldKind) -> &'static str {
    KINDS
        .iter()
        .find(|(_, k)| *k == kind)
        .map(|(n, _)| *n)
        .unwrap_or("text")
}

/// The item form as sent; the approval checkboxes come once per ticked
/// approval, so the form is read as name-value pairs.
#[derive(Debug, Clone, Default)]
pub struct ItemForm {
    csrf: String,
    code: String,
    name: String,
    description: String,
    service: String,
    price: String,
    active: String,
    approvals: Vec<String>,
    fields: String,
    tasks: String,
}

impl ItemForm {
    fn read(pairs: Vec<(String, String)>) -> ItemForm {
        let mut form = ItemForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "csrf" => form.csrf = value,
                "code" => form.code = value,
                "name" => form.name = value,
                "description" => form.description = value,
                "service" => form.service = value,
                "price" => form.price = value,
                "active" => form.active = value,
                "approvals" => form.approvals.push(value),
                "fields" => form.fields = value,
                "tasks" => form.tasks = value,
                _ => {}
            }
        }
        form
    }

    fn fresh() -> ItemForm {
        ItemForm {
            price: "0".into(),
            active: "on".into(),
            ..ItemForm::default()
        }
    }

    /// Whether the approval `kind` is ticked.
    pub fn has(&self, kind: &str) -> bool {
        self.approvals.iter().any(|a| a == kind)
    }
}

/// What the lines of the form and task text say, and the line each field
/// and task came from (blank lines are skipped, so indexes and lines
/// differ).
#[derive(Debug, Default, PartialEq)]
pub struct Parsed {
    pub fields: Vec<FormField>,
    pub field_lines: Vec<usize>,
    pub tasks: Vec<TaskTemplate>,
    pub task_lines: Vec<usize>,
}

fn at_line(t: &Tr, line: usize, message: &str) -> String {
    format!("{} {line}: {message}", t.t("admin.items.line"))
}

fn yes_no(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "" | "nej" | "n" | "no" | "false" => Some(false),
        "ja" | "j" | "yes" | "y" | "true" => Some(true),
        _ => None,
    }
}

/// Reads the form fields, one per line; problems go to `fields`.
pub fn parse_fields(t: &Tr, text: &str, problems: &mut Problems, parsed: &mut Parsed) {
    let label = t.t("admin.items.field.fields").to_owned();
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let mut wrong = |message: String| {
            problems.push_labelled("fields", label.clone(), at_line(t, number, &message));
        };
        if parts.len() < 3 {
            wrong(t.t("admin.items.msg.field_parts").to_owned());
            continue;
        }
        if parts.len() > 6 {
            wrong(t.t("admin.items.msg.field_too_many").to_owned());
            continue;
        }
        let part = |i: usize| parts.get(i).copied().unwrap_or("");
        let typed = part(2).to_lowercase();
        let Some(kind) = KINDS.iter().find(|(n, _)| *n == typed).map(|(_, k)| *k) else {
            wrong(t.t("admin.items.msg.kind").replace("{kind}", part(2)));
            continue;
        };
        let Some(required) = yes_no(part(3)) else {
            wrong(t.t("admin.items.msg.required").replace("{value}", part(3)));
            continue;
        };
        parsed.fields.push(FormField {
            key: part(0).to_owned(),
            label: part(1).to_owned(),
            kind,
            required,
            help: part(4).to_owned(),
            options: part(5)
                .split(';')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect(),
        });
        parsed.field_lines.push(number);
    }
}

/// Reads the tasks, one per line; problems go to `tasks`.
pub fn parse_tasks(t: &Tr, text: &str, problems: &mut Problems, parsed: &mut Parsed) {
    let label = t.t("admin.items.field.tasks").to_owned();
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let mut wrong = |message: &str| {
            problems.push_labelled("tasks", label.clone(), at_line(t, number, message));
        };
        let [stage, group, title] = parts.as_slice() else {
            wrong(t.t("admin.items.msg.task_parts"));
            continue;
        };
        let Some(stage) = stage.parse::<u32>().ok().filter(|s| *s >= 1) else {
            wrong(t.t("admin.items.msg.stage"));
            continue;
        };
        parsed.tasks.push(TaskTemplate {
            title: (*title).to_owned(),
            group: (*group).to_owned(),
            stage,
        });
        parsed.task_lines.push(number);
    }
}

/// `spec.fields[2].key` as (`fields`, 2).
fn spec_index(path: &str) -> Option<(&str, usize)> {
    let rest = path.strip_prefix("spec.")?;
    let (list, rest) = rest.split_once('[')?;
    let (index, _) = rest.split_once(']')?;
    Some((list, index.parse().ok()?))
}

/// The item's refusal on the form: the spec's problems on the line they
/// came from, the rest on their fields.
fn place(t: &Tr, errors: Vec<FieldError>, parsed: &Parsed) -> Problems {
    let mut out = Problems::default();
    let mut rest = Vec::new();
    for e in errors {
        match spec_index(&e.field) {
            Some(("fields", i)) => out.push_labelled(
                "fields",
                t.t("admin.items.field.fields").to_owned(),
                match parsed.field_lines.get(i) {
                    Some(line) => at_line(t, *line, &say(t, &e.message)),
                    None => say(t, &e.message),
                },
            ),
            Some(("tasks", i)) => out.push_labelled(
                "tasks",
                t.t("admin.items.field.tasks").to_owned(),
                match parsed.task_lines.get(i) {
                    Some(line) => at_line(t, *line, &say(t, &e.message)),
                    None => say(t, &e.message),
                },
            ),
            Some(("approvals", _)) => out.push_labelled(
                "approvals",
                t.t("admin.items.field.approvals").to_owned(),
                say(t, &e.message),
            ),
            _ => rest.push(e),
        }
    }
    let fields = FIELDS;
    let mut others = problems(t, rest, &fields);
    out.0.append(&mut others.0);
    out.order(&FIELDS.map(|(_, f, _)| f));
    out
}

const FIELDS: [(&str, &str, &str); 9] = [
    ("code", "code", "admin.field.code"),
    ("name", "name", "admin.field.name"),
    ("description", "description", "admin.field.description"),
    ("service", "service", "admin.catalog.field.service"),
    ("price_ore", "price", "admin.items.field.price"),
    ("active", "active", "admin.catalog.field.active"),
    ("approvals", "approvals", "admin.items.field.approvals"),
    ("fields", "fields", "admin.items.field.fields"),
    ("tasks", "tasks", "admin.items.field.tasks"),
];

/// One catalog item as listed.
pub struct ItemView {
    pub code: String,
    pub name: String,
    pub description: String,
    pub service: String,
    pub price: String,
    pub active: bool,
    pub approvals: String,
    pub fields: Vec<String>,
    pub tasks: Vec<String>,
}

/// One approval checkbox.
pub struct ApprovalChoice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "admin_catalog_items.html")]
struct ItemsPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    items: Vec<ItemView>,
    services: Vec<Choice>,
    approvals: Vec<ApprovalChoice>,
    form: ItemForm,
    fields_example: &'static str,
    tasks_example: &'static str,
}

const FIELDS_EXAMPLE: &str = "software | Programvara | select | ja | | Adobe Acrobat Pro; GIMP\ncomputer | Datorns namn | text | ja | Står på etiketten under datorn\nmotivation | Varför behövs programmet? | textarea | nej";
const TASKS_EXAMPLE: &str =
    "1 | Servicedesk | Registrera licensen\n2 | Klient & arbetsplats | Installera programvaran";

fn item_view(t: &Tr, item: &samdrift_app::catalog::items::CatalogItem) -> ItemView {
    let r = &item.record;
    let approvals: Vec<String> = item
        .spec
        .required_approvals(r.price_ore)
        .iter()
        .map(|a| word(t, "accounts.approval", a.as_str()))
        .collect();
    ItemView {
        code: r.code.clone(),
        name: r.name.clone(),
        description: r.description.clone(),
        service: item
            .service_code
            .clone()
            .unwrap_or_else(|| t.t("admin.items.no_service").to_owned()),
        price: if r.price_ore == 0 {
            t.t("admin.items.free").to_owned()
        } else {
            t.money(r.price_ore)
        },
        active: r.active,
        approvals: if approvals.is_empty() {
            t.t("admin.items.no_approvals").to_owned()
        } else {
            approvals.join(", ")
        },
        fields: item
            .spec
            .fields
            .iter()
            .map(|f| {
                let required = if f.required {
                    format!(", {}", t.t("form.required"))
                } else {
                    String::new()
                };
                format!("{} ({}{required})", f.label, kind_name(f.kind))
            })
            .collect(),
        tasks: item
            .spec
            .tasks
            .iter()
            .map(|task| {
                t.t("admin.items.task")
                    .replace("{stage}", &task.stage.to_string())
                    .replace("{group}", &task.group)
                    .replace("{title}", &task.title)
            })
            .collect(),
    }
}

async fn render(
    state: &AppState,
    user: &UiUser,
    form: ItemForm,
    errors: Problems,
    saved: bool,
) -> Response {
    let t = &user.tr;
    let (items, catalog) = match (state.app.catalog_items().await, state.app.catalog().await) {
        (Ok(items), Ok(catalog)) => (items, catalog),
        (Err(e), _) | (_, Err(e)) => {
            return crate::ui::failure(user, e);
        }
    };
    let mut services = vec![Choice::new("", t.t("admin.items.no_service"))];
    services.extend(catalog.services.iter().map(|s| {
        Choice::new(
            s.service.code.clone(),
            format!("{} ({})", s.service.name, s.service.code),
        )
    }));
    let approvals = APPROVALS
        .iter()
        .map(|a| ApprovalChoice {
            value: a.as_str(),
            label: word(t, "accounts.approval", a.as_str()),
            checked: form.has(a.as_str()),
        })
        .collect();
    page(
        errors.status(),
        &ItemsPage {
            frame: frame(user, "/admin/catalog-items"),
            t: user.tr,
            sections: sections(user, "/admin/catalog-items"),
            items: items.iter().map(|i| item_view(t, i)).collect(),
            errors,
            saved,
            services,
            approvals,
            form,
            fields_example: FIELDS_EXAMPLE,
            tasks_example: TASKS_EXAMPLE,
        },
    )
}

/// GET /admin/catalog-items
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    render(
        &state,
        &user,
        ItemForm::fresh(),
        Problems::default(),
        q.shown(),
    )
    .await
}

/// POST /admin/catalog-items
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let form = ItemForm::read(pairs);
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let mut errors = Problems::default();
    let price = kronor(&form.price).map_err(|key| {
        errors.push_labelled(
            "price",
            t.t("admin.items.field.price").to_owned(),
            t.t(key).to_owned(),
        );
    });
    let mut approvals = Vec::new();
    for a in &form.approvals {
        match ApprovalKind::parse(a) {
            Some(kind) if !approvals.contains(&kind) => approvals.push(kind),
            Some(_) => {}
            None => errors.push_labelled(
                "approvals",
                t.t("admin.items.field.approvals").to_owned(),
                t.t("admin.items.msg.approval").to_owned(),
            ),
        }
    }
    approvals.sort_by_key(|a| APPROVALS.iter().position(|x| x == a));
    let mut parsed = Parsed::default();
    parse_fields(t, &form.fields, &mut errors, &mut parsed);
    parse_tasks(t, &form.tasks, &mut errors, &mut parsed);
    let (Ok(price), true) = (price, errors.is_empty()) else {
        errors.order(&FIELDS.map(|(_, f, _)| f));
        return render(&state, &user, form, errors, false).await;
    };
    let service = Some(form.service.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let input = ItemInput {
        code: form.code.trim().to_owned(),
        name: form.name.clone(),
        description: form.description.trim().to_owned(),
        service,
        price_ore: price,
        spec: ItemSpec {
            fields: parsed.fields.clone(),
            approvals,
            tasks: parsed.tasks.clone(),
        },
        active: !form.active.is_empty(),
    };
    match state.app.create_catalog_item(&user.scope, input).await {
        Ok(_) => Redirect::to("/admin/catalog-items?saved=1").into_response(),
        Err(AppError::Invalid(list)) => {
            let errors = place(t, list, &parsed);
            render(&state, &user, form, errors, false).await
        }
        Err(e) => match refusal(&user, e, &FIELDS, ("code", "admin.field.code")) {
            Ok(errors) => render(&state, &user, form, errors, false).await,
            Err(page) => *page,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;

    #[test]
    fn the_documented_examples_read_without_problems() {
        let t = Tr(Lang::Sv);
        let mut problems = Problems::default();
        let mut parsed = Parsed::default();
        parse_fields(&t, FIELDS_EXAMPLE, &mut problems, &mut parsed);
        parse_tasks(&t, TASKS_EXAMPLE, &mut problems, &mut parsed);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(parsed.fields.len(), 3);
        let software = &parsed.fields[0];
        assert_eq!(software.kind, FieldKind::Select);
        assert!(software.required);
        assert_eq!(software.options, ["Adobe Acrobat Pro", "GIMP"]);
        assert_eq!(parsed.fields[1].help, "Står på etiketten under datorn");
        assert!(!parsed.fields[2].required);
        assert_eq!(parsed.tasks[1].stage, 2);
        assert_eq!(parsed.tasks[1].group, "Klient & arbetsplats");
        let spec = ItemSpec {
            fields: parsed.fields,
            approvals: vec![],
            tasks: parsed.tasks,
        };
        let groups = ["Servicedesk".to_owned(), "Klient & arbetsplats".to_owned()];
        assert!(spec.validate(&groups).is_ok());
    }

    #[test]
    fn each_problem_names_its_line() {
        let t = Tr(Lang::Sv);
        let mut problems = Problems::default();
        let mut parsed = Parsed::default();
        let text = "name | Namn | text | ja\n\nstart | Start | kalender | ja\nplace | Plats | text | kanske\nbara två | delar";
        parse_fields(&t, text, &mut problems, &mut parsed);
        parse_tasks(
            &t,
            "1 | Servicedesk\nett | Servicedesk | Gör det",
            &mut problems,
            &mut parsed,
        );
        let messages: Vec<&str> = problems.0.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(messages[0].starts_with("Rad 3:") && messages[0].contains("kalender"));
        assert!(messages[1].starts_with("Rad 4:") && messages[1].contains("kanske"));
        assert!(messages[2].starts_with("Rad 5:"));
        assert!(messages[3].starts_with("Rad 1:"));
        assert!(messages[4].starts_with("Rad 2:"));
        assert_eq!(parsed.field_lines, [1]);

        // The item's own validation is placed on the line too.
        let mut parsed = Parsed::default();
        let mut none = Problems::default();
        parse_fields(
            &t,
            "ok | OK | text\n\nBad Key | Fel | text",
            &mut none,
            &mut parsed,
        );
        let spec = ItemSpec {
            fields: parsed.fields.clone(),
            ..ItemSpec::default()
        };
        let errors = spec
            .validate(&[])
            .unwrap_err()
            .into_iter()
            .map(|e| FieldError::new(format!("spec.{}", e.field), e.message))
            .collect();
        let placed = place(&t, errors, &parsed);
        assert_eq!(placed.0[0].field, "fields");
        assert!(placed.0[0].message.starts_with("Rad 3: Nyckeln ska vara"));
    }
}
