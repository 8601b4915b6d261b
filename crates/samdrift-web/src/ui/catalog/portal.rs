//! The portal's catalog, request forms and approvals; fulfilment tasks.
//!
//! - `/portal/catalog`: what the user's member offers, with the cost and
//!   who must approve; with several members, `?member=CODE` chooses.
//! - `/portal/catalog/{code}`: the item's request form, built from its
//!   fields; a refused form names each field and keeps what was typed.
//! - `/portal/approvals`: the approvals waiting for the user, and one
//!   request to approve or reject (a rejection needs a reason, which the
//!   requester reads). An end-user manager decides here although they do
//!   not open the ticket itself.
//! - `/agent/tasks`: the staff's open fulfilment tasks, their groups' or all.
//!
//! The ticket page's order section and its task and time forms are in
//! `ui::tickets`; their routes are registered here with the other catalog
//! pages.

use crate::router::AppState;
use crate::ui::i18n::Tr;
use crate::ui::session::UiUser;
use crate::ui::{Frame, error_page, page, tickets};
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use samdrift_app::AppError;
use samdrift_app::catalog::items::CatalogItem;
use samdrift_app::catalog::requests::{RequestInput, RequestView};
use samdrift_app::queries::records::WaitingApprovalRow;
use samdrift_domain::catalog::request::{ApprovalKind, FieldKind};
use samdrift_domain::ids::TicketId;
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal/catalog", get(catalog))
        .route("/portal/catalog/{code}", get(request_form).post(submit))
        .route("/portal/approvals", get(approvals))
        .route("/portal/approvals/{id}", get(approval).post(decide))
        .route("/agent/tasks", get(tasks))
        .route("/tickets/{id}/tasks/{task}", post(tickets::complete_task))
        .route("/tickets/{id}/work", post(tickets::log_work))
}

// ---------------------------------------------------------------------------
// Words shared by the catalog pages and the ticket page.

/// A sum in whole kronor when it is one (`1 500 kr`, `SEK 1,500`), else
/// with öre.
pub fn kronor(t: &Tr, ore: i64) -> String {
    let text = t.money(ore);
    if ore % 100 != 0 {
        return text;
    }
    if let Some(whole) = text.strip_suffix(",00 kr") {
        format!("{whole} kr")
    } else if let Some(whole) = text.strip_suffix(".00") {
        whole.to_owned()
    } else {
        text
    }
}

/// What an item costs the member, in one line.
pub fn cost_line(t: &Tr, ore: i64) -> String {
    if ore > 0 {
        format!(
            "{}: {}, {}",
            t.t("catalog.items.cost"),
            kronor(t, ore),
            t.t("catalog.items.charged")
        )
    } else {
        t.t("catalog.items.free").to_owned()
    }
}

/// An approval kind in words (`närmaste chef`).
pub fn kind_word(t: &Tr, kind: &str) -> &'static str {
    match ApprovalKind::parse(kind) {
        Some(ApprovalKind::Manager) => t.t("catalog.kind.manager"),
        Some(ApprovalKind::SystemOwner) => t.t("catalog.kind.system_owner"),
        Some(ApprovalKind::Orderer) => t.t("catalog.kind.orderer"),
        None => t.t("catalog.kind.other"),
    }
}

/// Who must approve, in one line.
fn approvers_line(t: &Tr, kinds: &[ApprovalKind]) -> String {
    if kinds.is_empty() {
        return t.t("catalog.items.no_approval").to_owned();
    }
    let words: Vec<&str> = kinds.iter().map(|k| kind_word(t, k.as_str())).collect();
    format!("{}: {}", t.t("catalog.items.approved_by"), words.join(", "))
}

/// A request's state in words; a rejection with its reason.
pub fn request_state_text(t: &Tr, state: &str, reason: Option<&str>) -> String {
    let word = match state {
        "awaiting_approval" => t.t("catalog.state.awaiting_approval"),
        "in_fulfilment" => t.t("catalog.state.in_fulfilment"),
        "fulfilled" => t.t("catalog.state.fulfilled"),
        "rejected" => t.t("catalog.state.rejected"),
        "cancelled" => t.t("catalog.state.cancelled"),
        _ => t.t("catalog.kind.other"),
    };
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if state == "rejected" => format!("{word}: {r}"),
        _ => word.to_owned(),
    }
}

/// One approval of a request as its pages show it.
pub struct ApprovalRow {
    pub step: i64,
    pub kind: &'static str,
    pub decider: String,
    pub state: &'static str,
    /// `state-…` class suffix: waiting, approved, rejected, pending.
    pub class: &'static str,
    pub decided: String,
    pub reason: String,
}

/// One fulfilment task as the ticket page shows it.
pub struct TaskRow {
    pub id: uuid::Uuid,
    pub stage: i64,
    pub title: String,
    pub group: String,
    pub state: &'static str,
    pub open: bool,
    pub done: String,
    pub note: String,
}

/// A catalog request with everything in words, for the ticket page and
/// the approval page.
pub struct RequestSection {
    pub item: String,
    pub state: String,
    pub cost: String,
    /// (label, answer)
    pub answers: Vec<(String, String)>,
    pub approvals: Vec<ApprovalRow>,
    pub tasks: Vec<TaskRow>,
}

impl RequestSection {
    pub fn of(t: &Tr, view: &RequestView) -> RequestSection {
        let r = &view.request;
        let answers = view
            .answers
            .iter()
            .map(|(_, label, answer)| {
                let shown = match answer.as_str() {
                    "true" => t.t("ticket.yes").to_owned(),
                    "false" => t.t("ticket.no").to_owned(),
                    other => other.to_owned(),
                };
                (label.clone(), shown)
            })
            .collect();
        let approvals = view
            .approvals
            .iter()
            .map(|a| {
                let rec = &a.record;
                let (state, class) = match rec.state.as_str() {
                    "approved" => (t.t("catalog.approval_state.approved"), "approved"),
                    "rejected" => (t.t("catalog.approval_state.rejected"), "rejected"),
                    _ if a.waiting => (t.t("catalog.approval_state.waiting"), "waiting"),
                    _ => (t.t("catalog.approval_state.pending"), "pending"),
                };
                let decided = match (&rec.decided_by_name, rec.decided_at) {
                    (Some(who), Some(at)) => format!("{who}, {}", t.time(at)),
                    (Some(who), None) => who.clone(),
                    (None, Some(at)) => t.time(at),
                    (None, None) => String::new(),
                };
                ApprovalRow {
                    step: rec.position + 1,
                    kind: kind_word(t, &rec.kind),
                    decider: a
                        .approver_name
                        .clone()
                        .unwrap_or_else(|| t.t("catalog.approval.any_orderer").to_owned()),
                    state,
                    class,
                    decided,
                    reason: rec.reason.clone().unwrap_or_default(),
                }
            })
            .collect();
        let mut tasks: Vec<TaskRow> = view
            .tasks
            .iter()
            .map(|task| {
                let rec = &task.record;
                let state = match rec.state.as_str() {
                    "open" => t.t("catalog.task_state.open"),
                    "done" => t.t("catalog.task_state.done"),
                    "cancelled" => t.t("catalog.task_state.cancelled"),
                    _ => t.t("catalog.task_state.waiting"),
                };
                let done = match (&rec.done_by_name, rec.done_at) {
                    (Some(who), Some(at)) => format!("{who}, {}", t.time(at)),
                    (Some(who), None) => who.clone(),
                    (None, Some(at)) => t.time(at),
                    (None, None) => String::new(),
                };
                TaskRow {
                    id: rec.id,
                    stage: rec.stage,
                    title: rec.title.clone(),
                    group: task.group_name.clone(),
                    state,
                    open: rec.state == "open",
                    done,
                    note: rec.note.clone().unwrap_or_default(),
                }
            })
            .collect();
        tasks.sort_by_key(|task| task.stage);
        RequestSection {
            item: view.item.name.clone(),
            state: request_state_text(t, &r.state, r.reason.as_deref()),
            cost: if r.price_ore > 0 {
                format!(
                    "{}, {}",
                    kronor(t, r.price_ore),
                    t.t("catalog.items.charged")
                )
            } else {
                t.t("catalog.items.free").to_owned()
            },
            answers,
            approvals,
            tasks,
        }
    }
}

// ---------------------------------------------------------------------------
// The catalog.

/// The members the user belongs to, as (code, name), in code order.
async fn my_members(state: &AppState, user: &UiUser) -> Result<Vec<(String, String)>, AppError> {
    let mine = |id: uuid::Uuid| user.scope.member_roles.iter().any(|(m, _)| m.0 == id);
    Ok(state
        .app
        .members(&user.scope)
        .await?
        .into_iter()
        .filter(|m| mine(m.id))
        .map(|m| (m.code, m.name))
        .collect())
}

/// The member the page is for: the one asked for if it is the user's, else
/// the user's first; `None` for a user of no member.
fn chosen_member(members: &[(String, String)], asked: Option<&str>) -> Option<String> {
    let asked = asked.map(str::trim).unwrap_or("");
    members
        .iter()
        .find(|(code, _)| code == asked)
        .or_else(|| members.first())
        .map(|(code, _)| code.clone())
}

fn not_member(user: &UiUser) -> Response {
    error_page(
        user,
        StatusCode::FORBIDDEN,
        user.tr.t("catalog.items.members_only").into(),
    )
}

fn failed(user: &UiUser, e: &AppError) -> Response {
    match e {
        AppError::NotFound(_) => error_page(
            user,
            StatusCode::NOT_FOUND,
            user.tr.t("ticket.not_found").into(),
        ),
        AppError::Forbidden(message) => error_page(user, StatusCode::FORBIDDEN, message.clone()),
        AppError::Store(_) => crate::ui::failure(user, e),
        other => error_page(user, StatusCode::SERVICE_UNAVAILABLE, other.to_string()),
    }
}

pub struct ItemCard {
    pub code: String,
    pub name: String,
    pub description: String,
    pub cost: String,
    pub approvers: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "catalog_items.html")]
struct CatalogPage {
    frame: Frame,
    t: Tr,
    members: Vec<(String, String)>,
    member: String,
    items: Vec<ItemCard>,
}

#[derive(Deserialize, Default)]
pub struct MemberQuery {
    member: Option<String>,
}

/// The form's address; the member goes along when the user has several.
fn form_href(code: &str, member: &str, several: bool) -> String {
    if several {
        format!("/portal/catalog/{code}?member={member}")
    } else {
        format!("/portal/catalog/{code}")
    }
}

async fn catalog(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<MemberQuery>,
) -> Response {
    let members = match my_members(&state, &user).await {
        Ok(members) => members,
        Err(e) => return failed(&user, &e),
    };
    let Some(member) = chosen_member(&members, q.member.as_deref()) else {
        return not_member(&user);
    };
    let items = match state.app.requestable_items(&user.scope, &member).await {
        Ok(items) => items,
        Err(e) => return failed(&user, &e),
    };
    let t = user.tr;
    let several = members.len() > 1;
    let items = items
        .iter()
        .map(|i| ItemCard {
            code: i.record.code.clone(),
            name: i.record.name.clone(),
            description: i.record.description.clone(),
            cost: cost_line(&t, i.record.price_ore),
            approvers: approvers_line(&t, &i.spec.required_approvals(i.record.price_ore)),
            href: form_href(&i.record.code, &member, several),
        })
        .collect();
    page(
        StatusCode::OK,
        &CatalogPage {
            frame: Frame::of(&user, "/portal/catalog"),
            t,
            members,
            member,
            items,
        },
    )
}

// ---------------------------------------------------------------------------
// The request form.

/// One field of the request form, with what was typed and its error.
pub struct FieldView {
    pub key: String,
    pub label: String,
    /// text, textarea, select, checkbox, date
    pub kind: &'static str,
    pub required: bool,
    pub help: String,
    pub options: Vec<String>,
    pub value: String,
    pub error: Option<String>,
    /// Ids of the help text and the error, for aria-describedby.
    pub described_by: String,
}

/// A line of the error summary: the field's id (when it is on the form),
/// its label and the message.
pub struct SummaryLine {
    pub anchor: Option<String>,
    pub label: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "catalog_form.html")]
struct FormPage {
    frame: Frame,
    t: Tr,
    item: ItemCard,
    member: String,
    action: String,
    fields: Vec<FieldView>,
    summary: Vec<SummaryLine>,
}

fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::Textarea => "textarea",
        FieldKind::Select => "select",
        FieldKind::Checkbox => "checkbox",
        FieldKind::Date => "date",
    }
}

/// The message for a refused answer, in the user's language; the form's
/// rules are the domain's (`ItemSpec::check_answers`).
fn answer_error(t: &Tr, kind: FieldKind, value: &str) -> String {
    let value = value.trim();
    let key = if value.is_empty() {
        "catalog.form.error_required"
    } else if value.chars().count() > 4000 {
        "catalog.form.error_long"
    } else {
        match kind {
            FieldKind::Select => "error.choice",
            FieldKind::Checkbox => "catalog.form.error_tick",
            FieldKind::Date => "catalog.form.error_date",
            FieldKind::Text | FieldKind::Textarea => "catalog.form.error_required",
        }
    };
    t.t(key).to_owned()
}

fn render_form(
    user: &UiUser,
    item: &CatalogItem,
    member: &str,
    several: bool,
    values: &BTreeMap<String, String>,
    errors: &[(String, String)],
) -> Response {
    let t = user.tr;
    let mut summary = Vec::new();
    let fields: Vec<FieldView> = item
        .spec
        .fields
        .iter()
        .map(|f| {
            let value = values.get(&f.key).cloned().unwrap_or_default();
            let error = errors
                .iter()
                .find(|(field, _)| field.strip_prefix("answers.") == Some(f.key.as_str()))
                .map(|_| answer_error(&t, f.kind, &value));
            if let Some(message) = &error {
                summary.push(SummaryLine {
                    anchor: Some(format!("a-{}", f.key)),
                    label: f.label.clone(),
                    message: message.clone(),
                });
            }
            let mut described = Vec::new();
            if !f.help.trim().is_empty() {
                described.push(format!("h-a-{}", f.key));
            }
            if error.is_some() {
                described.push(format!("e-a-{}", f.key));
            }
            FieldView {
                key: f.key.clone(),
                label: f.label.clone(),
                kind: kind_name(f.kind),
                required: f.required,
                help: f.help.clone(),
                options: f.options.clone(),
                value,
                error,
                described_by: described.join(" "),
            }
        })
        .collect();
    // Errors not about an answer (the member, the item) head the summary.
    for (field, message) in errors.iter().rev() {
        if field.starts_with("answers.") {
            continue;
        }
        let line = if field == "member" {
            SummaryLine {
                anchor: None,
                label: t.t("catalog.items.member").to_owned(),
                message: t.t("error.member").to_owned(),
            }
        } else {
            SummaryLine {
                anchor: None,
                label: item.record.name.clone(),
                message: message.clone(),
            }
        };
        summary.insert(0, line);
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let card = ItemCard {
        code: item.record.code.clone(),
        name: item.record.name.clone(),
        description: item.record.description.clone(),
        cost: cost_line(&t, item.record.price_ore),
        approvers: approvers_line(&t, &item.spec.required_approvals(item.record.price_ore)),
        href: form_href(&item.record.code, member, several),
    };
    page(
        status,
        &FormPage {
            frame: Frame::of(user, "/portal/catalog"),
            t,
            action: card.href.clone(),
            item: card,
            member: member.to_owned(),
            fields,
            summary,
        },
    )
}

/// The item the user's member offers under `code`, with the member and
/// whether the user has several members.
async fn find_item(
    state: &AppState,
    user: &UiUser,
    code: &str,
    asked: Option<&str>,
) -> Result<(CatalogItem, String, bool), Response> {
    let members = match my_members(state, user).await {
        Ok(members) => members,
        Err(e) => return Err(failed(user, &e)),
    };
    let Some(member) = chosen_member(&members, asked) else {
        return Err(not_member(user));
    };
    let items = state
        .app
        .requestable_items(&user.scope, &member)
        .await
        .map_err(|e| failed(user, &e))?;
    match items.into_iter().find(|i| i.record.code == code) {
        Some(item) => Ok((item, member, members.len() > 1)),
        None => Err(error_page(
            user,
            StatusCode::NOT_FOUND,
            user.tr.t("catalog.form.not_offered").into(),
        )),
    }
}

async fn request_form(
    State(state): State<AppState>,
    user: UiUser,
    Path(code): Path<String>,
    Query(q): Query<MemberQuery>,
) -> Response {
    match find_item(&state, &user, &code, q.member.as_deref()).await {
        Ok((item, member, several)) => {
            render_form(&user, &item, &member, several, &BTreeMap::new(), &[])
        }
        Err(response) => response,
    }
}

/// The request form as posted: `csrf`, `member`, and `answers.<key>`.
fn read_request_form(pairs: Vec<(String, String)>) -> (String, String, BTreeMap<String, String>) {
    let mut csrf = String::new();
    let mut member = String::new();
    let mut answers = BTreeMap::new();
    for (name, value) in pairs {
        match name.as_str() {
            "csrf" => csrf = value,
            "member" => member = value,
            _ => {
                if let Some(key) = name.strip_prefix("answers.") {
                    answers.insert(key.to_owned(), value);
                }
            }
        }
    }
    (csrf, member, answers)
}

async fn submit(
    State(state): State<AppState>,
    user: UiUser,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (csrf, member, typed) = read_request_form(pairs);
    if !user.csrf_ok(&csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let (item, member, several) = match find_item(&state, &user, &code, Some(&member)).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    // Only the form's own fields go on; a checkbox left unticked is not
    // sent by the browser and means "false".
    let mut answers = BTreeMap::new();
    for f in &item.spec.fields {
        let value = typed.get(&f.key).cloned().unwrap_or_default();
        let value = match f.kind {
            FieldKind::Checkbox => if value.is_empty() { "false" } else { "true" }.to_owned(),
            _ => value,
        };
        answers.insert(f.key.clone(), value);
    }
    let input = RequestInput {
        member: Some(member.clone()),
        item: item.record.code.clone(),
        answers: answers.clone(),
    };
    match state.app.submit_request(&user.scope, input).await {
        Ok(ticket) => Redirect::to(&format!("/tickets/{}?requested=1", ticket.id)).into_response(),
        Err(AppError::Invalid(fields)) => {
            let errors: Vec<(String, String)> = fields
                .into_iter()
                .map(|f| (f.field, crate::messages::render(&user.tr, &f.message)))
                .collect();
            // Keep a checkbox as the user left it.
            let mut values = answers;
            for f in &item.spec.fields {
                if f.kind == FieldKind::Checkbox
                    && values.get(&f.key).map(String::as_str) == Some("false")
                {
                    values.insert(f.key.clone(), String::new());
                }
            }
            render_form(&user, &item, &member, several, &values, &errors)
        }
        Err(AppError::Forbidden(_)) => error_page(
            &user,
            StatusCode::FORBIDDEN,
            user.tr.t("catalog.form.no_person").into(),
        ),
        Err(e) => failed(&user, &e),
    }
}

// ---------------------------------------------------------------------------
// Approvals.

pub struct WaitingRow {
    pub ticket_id: uuid::Uuid,
    pub number: String,
    pub title: String,
    pub requester: String,
    pub kind: &'static str,
    pub cost: String,
    pub since: String,
}

fn waiting_row(t: &Tr, r: &WaitingApprovalRow) -> WaitingRow {
    WaitingRow {
        ticket_id: r.ticket_id,
        number: r.number.clone(),
        title: r.title.clone(),
        requester: r.requester_name.clone().unwrap_or_default(),
        kind: kind_word(t, &r.kind),
        cost: if r.price_ore > 0 {
            kronor(t, r.price_ore)
        } else {
            t.t("catalog.items.free").to_owned()
        },
        since: t.time(r.created_at),
    }
}

#[derive(Template)]
#[template(path = "catalog_approvals.html")]
struct ApprovalsPage {
    frame: Frame,
    t: Tr,
    rows: Vec<WaitingRow>,
    decided: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct DecidedQuery {
    decided: Option<String>,
}

async fn approvals(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<DecidedQuery>,
) -> Response {
    let rows = match state.app.my_waiting_approvals(&user.scope).await {
        Ok(rows) => rows,
        Err(e) => return failed(&user, &e),
    };
    let t = user.tr;
    let decided = match q.decided.as_deref() {
        Some("approved") => Some(t.t("catalog.decide.approved")),
        Some("rejected") => Some(t.t("catalog.decide.rejected")),
        _ => None,
    };
    page(
        StatusCode::OK,
        &ApprovalsPage {
            frame: Frame::of(&user, "/portal/approvals"),
            t,
            rows: rows.iter().map(|r| waiting_row(&t, r)).collect(),
            decided,
        },
    )
}

#[derive(Template)]
#[template(path = "catalog_approval.html")]
struct ApprovalPage {
    frame: Frame,
    t: Tr,
    ticket_id: uuid::Uuid,
    /// The waiting row when the approval is the user's to decide.
    waiting: Option<WaitingRow>,
    request: RequestSection,
    /// The position of the approval the user may decide now.
    position: Option<i64>,
    /// The user asked for it and an approval waits: someone else decides.
    own: bool,
    reason: String,
    reason_error: Option<String>,
    conflict: bool,
}

#[derive(Deserialize, Default)]
pub struct DecideForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

async fn render_approval(
    state: &AppState,
    user: &UiUser,
    id: uuid::Uuid,
    form: &DecideForm,
    reason_error: Option<String>,
    conflict: bool,
) -> Response {
    let view = match state.app.request_view(&user.scope, TicketId(id)).await {
        Ok(Some(view)) => view,
        Ok(None) => return failed(user, &AppError::NotFound("request")),
        Err(e) => return failed(user, &e),
    };
    let t = user.tr;
    let waiting = state
        .app
        .my_waiting_approvals(&user.scope)
        .await
        .unwrap_or_default()
        .iter()
        .find(|r| r.ticket_id == id)
        .map(|r| waiting_row(&t, r));
    let position = view
        .approvals
        .iter()
        .find(|a| a.may_decide)
        .map(|a| a.record.position);
    let status = if conflict {
        StatusCode::CONFLICT
    } else if reason_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status,
        &ApprovalPage {
            frame: Frame::of(user, "/portal/approvals"),
            t,
            ticket_id: id,
            waiting,
            request: RequestSection::of(&t, &view),
            position,
            own: view.own && view.approvals.iter().any(|a| a.waiting),
            reason: form.reason.clone(),
            reason_error,
            conflict,
        },
    )
}

async fn approval(State(state): State<AppState>, user: UiUser, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return failed(&user, &AppError::NotFound("request"));
    };
    render_approval(&state, &user, id, &DecideForm::default(), None, false).await
}

async fn decide(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<DecideForm>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return failed(&user, &AppError::NotFound("request"));
    };
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            let message = user.tr.t("catalog.decide.error_decision").to_owned();
            return render_approval(&state, &user, id, &form, Some(message), false).await;
        }
    };
    let Ok(position) = form.position.trim().parse::<i64>() else {
        return render_approval(&state, &user, id, &form, None, true).await;
    };
    let reason = Some(form.reason.clone()).filter(|r| !r.trim().is_empty());
    match state
        .app
        .decide_approval(&user.scope, TicketId(id), position, approve, reason)
        .await
    {
        Ok(_) => {
            let what = if approve { "approved" } else { "rejected" };
            Redirect::to(&format!("/portal/approvals?decided={what}")).into_response()
        }
        Err(AppError::Invalid(_)) => {
            let message = user.tr.t("catalog.decide.error_reason").to_owned();
            render_approval(&state, &user, id, &form, Some(message), false).await
        }
        Err(AppError::Conflict(_) | AppError::Stale) => {
            render_approval(&state, &user, id, &form, None, true).await
        }
        Err(AppError::Forbidden(_)) => refused_decision(&state, &user, id).await,
        Err(e) => failed(&user, &e),
    }
}

/// A decision the user may not make: on their own request, or on an
/// approval that is someone else's.
async fn refused_decision(state: &AppState, user: &UiUser, id: uuid::Uuid) -> Response {
    let own = match state.app.request_view(&user.scope, TicketId(id)).await {
        Ok(view) => view.is_some_and(|v| v.own),
        Err(e) => return failed(user, &e),
    };
    let key = if own {
        "catalog.decide.own"
    } else {
        "catalog.decide.nothing"
    };
    error_page(user, StatusCode::FORBIDDEN, user.tr.t(key).into())
}

// ---------------------------------------------------------------------------
// Fulfilment tasks.

pub struct OpenTask {
    pub ticket_id: uuid::Uuid,
    pub number: String,
    pub ticket_title: String,
    pub title: String,
    pub group: String,
    pub stage: i64,
}

#[derive(Template)]
#[template(path = "catalog_tasks.html")]
struct TasksPage {
    frame: Frame,
    t: Tr,
    all: bool,
    rows: Vec<OpenTask>,
}

#[derive(Deserialize, Default)]
pub struct TasksQuery {
    all: Option<String>,
}

async fn tasks(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<TasksQuery>,
) -> Response {
    if !user.scope.may_work_tickets() {
        return error_page(
            &user,
            StatusCode::FORBIDDEN,
            user.tr.t("catalog.tasks.staff_only").into(),
        );
    }
    let all = q.all.as_deref().is_some_and(|a| a == "1" || a == "true");
    let rows = match state.app.open_tasks(&user.scope, !all).await {
        Ok(rows) => rows,
        Err(e) => return failed(&user, &e),
    };
    let groups = match state.app.groups(&user.scope).await {
        Ok(groups) => groups,
        Err(e) => return failed(&user, &e),
    };
    let rows = rows
        .into_iter()
        .map(|r| OpenTask {
            group: groups
                .iter()
                .find(|g| g.id == r.group_id)
                .map(|g| g.name.clone())
                .unwrap_or_default(),
            ticket_id: r.ticket_id,
            number: r.number,
            ticket_title: r.ticket_title,
            title: r.title,
            stage: r.stage,
        })
        .collect();
    page(
        StatusCode::OK,
        &TasksPage {
            frame: Frame::of(&user, "/agent/tasks"),
            t: user.tr,
            all,
            rows,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;

    #[test]
    fn whole_kronor_drop_the_ore() {
        let sv = Tr(Lang::Sv);
        let en = Tr(Lang::En);
        assert_eq!(kronor(&sv, 150_000), "1\u{a0}500 kr");
        assert_eq!(kronor(&en, 150_000), "SEK 1,500");
        assert_eq!(kronor(&sv, 150_050), "1\u{a0}500,50 kr");
        assert_eq!(
            cost_line(&sv, 150_000),
            "Kostnad: 1\u{a0}500 kr, debiteras din förvaltning"
        );
        assert_eq!(cost_line(&sv, 0), "Ingen kostnad");
    }

    #[test]
    fn a_rejection_shows_its_reason() {
        let sv = Tr(Lang::Sv);
        assert_eq!(
            request_state_text(&sv, "rejected", Some("Ingen budget")),
            "Avslagen: Ingen budget"
        );
        assert_eq!(request_state_text(&sv, "fulfilled", None), "Levererad");
        assert_eq!(
            approvers_line(&sv, &[ApprovalKind::Manager, ApprovalKind::Orderer]),
            "Godkänns av: närmaste chef, kommunens beställare"
        );
    }

    #[test]
    fn the_request_form_keeps_only_answers() {
        let (csrf, member, answers) = read_request_form(vec![
            ("csrf".into(), "tok".into()),
            ("member".into(), "YST".into()),
            ("answers.software".into(), "GIMP".into()),
            ("other".into(), "x".into()),
        ]);
        assert_eq!((csrf.as_str(), member.as_str()), ("tok", "YST"));
        assert_eq!(answers.len(), 1);
        assert_eq!(answers.get("software").map(String::as_str), Some("GIMP"));
    }
}
