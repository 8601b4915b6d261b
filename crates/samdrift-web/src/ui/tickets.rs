//! The ticket page shared by requesters, member roles and staff: the
//! conversation (internal notes marked and shown to staff only), history,
//! attachments, the service-level clocks with their segments, and the
//! actions the viewer may take. A stale form says so and keeps the text.
//! A catalog request shows its answers, approvals and fulfilment tasks
//! (staff mark a task done here); staff log their time on every ticket.

use super::catalog::portal::RequestSection;
use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::catalog::charging::WorkInput;
use samdrift_app::tickets::{TicketDetail, TicketPatch};
use samdrift_domain::ids::{MemberId, TicketId};
use samdrift_domain::priority::Priority;
use samdrift_domain::sla::{Clock, ClockKind, ClockState, SegmentReason};
use samdrift_domain::ticket::Status;
use serde::Deserialize;

pub struct ClockView {
    pub kind: &'static str,
    pub state: &'static str,
    pub target: String,
    pub elapsed: String,
    pub due: Option<String>,
    pub warned: bool,
    pub segments: Vec<SegmentView>,
}

pub struct SegmentView {
    pub from: String,
    pub to: String,
    pub counted: bool,
    pub reason: String,
}

fn clock_view(t: &Tr, c: &Clock, now: jiff::Timestamp) -> ClockView {
    let state = match c.state {
        ClockState::Running => "running",
        ClockState::Paused => "paused",
        ClockState::Met => "met",
        ClockState::Breached => "breached",
    };
    ClockView {
        kind: match c.kind {
            ClockKind::Response => "response",
            ClockKind::Resolution => "resolution",
        },
        state,
        target: t.duration(c.target_seconds),
        elapsed: t.duration(c.elapsed_seconds),
        due: c.due_at.map(|d| t.time(d.as_microsecond())),
        warned: c.warning_at.is_some_and(|w| w <= now) && state == "running",
        segments: c
            .segments
            .iter()
            .map(|s| SegmentView {
                from: t.time(s.from.as_microsecond()),
                to: t.time(s.to.as_microsecond()),
                counted: s.counted,
                reason: match &s.reason {
                    SegmentReason::Open => t.t("reason.open").to_owned(),
                    SegmentReason::ClosedHours => t.t("reason.closed_hours").to_owned(),
                    SegmentReason::Holiday { name } => format!("{}: {name}", t.t("reason.holiday")),
                    SegmentReason::Exception => t.t("reason.exception").to_owned(),
                    SegmentReason::Paused { status } => format!(
                        "{}: {}",
                        t.t("reason.paused"),
                        t.word("status", status.as_str())
                    ),
                    SegmentReason::Stopped => t.t("reason.stopped").to_owned(),
                },
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "ticket.html")]
struct TicketPage {
    frame: Frame,
    t: Tr,
    d: TicketDetail,
    staff: bool,
    is_requester: bool,
    group: String,
    assignee: String,
    clocks: Vec<ClockView>,
    sla_source: Option<String>,
    statuses: Vec<&'static str>,
    /// Staff accounts (id, username) and groups and suppliers (id, name).
    staff_accounts: Vec<(uuid::Uuid, String)>,
    groups: Vec<(uuid::Uuid, String)>,
    suppliers: Vec<(uuid::Uuid, String)>,
    /// The text a stale form carried, kept for the user.
    stale: Option<UpdateForm>,
    /// The catalog request the ticket carries, if it is one.
    request: Option<RequestSection>,
    /// Logged work, when the viewer reads it (staff, orderers, strategists).
    work: Option<WorkSection>,
    /// The work form as typed (kept when refused) and its field errors.
    work_form: WorkForm,
    work_errors: Vec<(String, String)>,
    /// One-line confirmations and refusals at the top of the page.
    notices: Notices,
    /// The history in the reader's language, names instead of ids.
    history: Vec<HistoryView>,
}

/// One line of the history as shown.
pub struct HistoryView {
    pub at: i64,
    pub actor: String,
    pub kind: String,
    pub change: String,
}

/// Work logged on the ticket, in words.
pub struct WorkSection {
    pub rows: Vec<WorkRow>,
    pub total: String,
}

pub struct WorkRow {
    pub worked_on: String,
    pub minutes: i64,
    pub chargeable: bool,
    pub note: String,
    pub logged_by: String,
}

/// Which confirmation or refusal the page opens with.
#[derive(Default)]
pub struct Notices {
    pub created: bool,
    pub requested: bool,
    pub file_refused: bool,
    pub task_done: bool,
    pub work_logged: bool,
    /// A task form for a task no longer open (someone else was faster),
    /// with the note it carried.
    pub task_conflict: bool,
    pub kept_note: String,
}

impl TicketPage {
    fn work_error(&self, field: &str) -> Option<&str> {
        self.work_errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    created: Option<String>,
    file_refused: Option<String>,
    requested: Option<String>,
    task_done: Option<String>,
    logged: Option<String>,
}

/// What a form sent back brings to the page: the stale update form, the
/// refused work form with its errors.
#[derive(Default)]
struct Extras {
    notices: Notices,
    stale: Option<UpdateForm>,
    work: Option<(WorkForm, Vec<(String, String)>)>,
}

async fn render(state: &AppState, user: &UiUser, id: uuid::Uuid, extras: Extras) -> Response {
    let Extras {
        notices,
        stale,
        work: refused_work,
    } = extras;
    let view = match state.app.ticket_page(&user.scope, TicketId(id)).await {
        Ok(view) => view,
        Err(e) => return failure(user, e),
    };
    let now = state.app.clock.now();
    let clocks = view
        .sla
        .clocks
        .iter()
        .map(|c| clock_view(&user.tr, c, now))
        .collect();
    let sla_source = view.sla.source.as_ref().map(|s| {
        let entry = crate::messages::entry(&user.tr, &s.entry);
        format!("{} · {entry} · {}", s.agreement_name, s.calendar_name)
    });
    let request = view
        .request
        .as_ref()
        .map(|v| RequestSection::of(&user.tr, v));
    let history = match state
        .app
        .ticket_history(MemberId(view.detail.ticket.member_id), &view.detail.events)
        .await
    {
        Ok(lines) => lines
            .into_iter()
            .map(|l| HistoryView {
                at: l.at,
                actor: l.actor,
                kind: l.kind,
                change: l
                    .change
                    .map(|m| crate::messages::render(&user.tr, &m))
                    .unwrap_or_default(),
            })
            .collect(),
        Err(e) => return failure(user, e),
    };
    // Staff always see the time log (and its form); orderers and
    // strategists see logged work; end users get none and see no section.
    let work = (user.scope.is_staff() || !view.work.is_empty()).then(|| WorkSection {
        total: user
            .tr
            .duration(view.work.iter().map(|w| w.minutes).sum::<i64>() * 60),
        rows: view
            .work
            .iter()
            .map(|w| WorkRow {
                worked_on: w.worked_on.clone(),
                minutes: w.minutes,
                chargeable: w.chargeable,
                note: w.note.clone(),
                logged_by: w.logged_by_name.clone(),
            })
            .collect(),
    });
    let (work_form, work_errors) = refused_work.unwrap_or_default();
    let status = if stale.is_some() || notices.task_conflict {
        StatusCode::CONFLICT
    } else if !work_errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status,
        &TicketPage {
            frame: Frame::of(user, ""),
            t: user.tr,
            staff: user.scope.is_staff(),
            is_requester: view.is_requester,
            group: view.group,
            assignee: view.assignee,
            clocks,
            sla_source,
            statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
            staff_accounts: view.staff.accounts,
            groups: view.staff.groups,
            suppliers: view.staff.suppliers,
            stale,
            request,
            work,
            work_form,
            work_errors,
            notices,
            history,
            d: view.detail,
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    let notices = Notices {
        created: q.created.is_some(),
        requested: q.requested.is_some(),
        file_refused: q.file_refused.is_some(),
        task_done: q.task_done.is_some(),
        work_logged: q.logged.is_some(),
        ..Notices::default()
    };
    let extras = Extras {
        notices,
        ..Extras::default()
    };
    render(&state, &user, id, extras).await
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    internal: Option<String>,
}

pub async fn comment(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<CommentForm>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    match state
        .app
        .add_comment(
            &user.scope,
            TicketId(id),
            &form.body,
            form.internal.is_none(),
        )
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}#conversation")).into_response(),
        Err(e) => error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::messages::refusal(&user.tr, &e),
        ),
    }
}

#[derive(Deserialize, Clone, Default)]
pub struct UpdateForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub resolution: String,
    #[serde(default)]
    pub priority: String,
    #[serde(default)]
    pub priority_reason: String,
    #[serde(default)]
    pub group_id: String,
    #[serde(default)]
    pub assignee_id: String,
    #[serde(default)]
    pub supplier_id: String,
    #[serde(default)]
    pub supplier_reference: String,
}

/// The page for a ticket that does not exist or is outside the scope.
fn not_found(user: &UiUser) -> Response {
    error_page(
        user,
        StatusCode::NOT_FOUND,
        user.tr.t("ticket.not_found").into(),
    )
}

/// An optional id from a select (empty: none).
fn optional_id(value: &str) -> Option<uuid::Uuid> {
    value.trim().parse().ok()
}

pub async fn update(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<UpdateForm>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let patch = match form.action.as_str() {
        "take" => TicketPatch {
            assignee_id: Some(Some(user.scope.account.0)),
            ..TicketPatch::default()
        },
        "status" => TicketPatch {
            status: Some(form.status.clone()),
            resolution: (form.status == "resolved").then(|| form.resolution.clone()),
            ..TicketPatch::default()
        },
        "priority" => TicketPatch {
            priority: Some(form.priority.clone()),
            priority_reason: Some(form.priority_reason.clone()),
            ..TicketPatch::default()
        },
        "assign" => TicketPatch {
            group_id: Some(optional_id(&form.group_id)),
            assignee_id: Some(optional_id(&form.assignee_id)),
            ..TicketPatch::default()
        },
        "forward" => TicketPatch {
            supplier_id: Some(optional_id(&form.supplier_id)),
            supplier_reference: Some(Some(form.supplier_reference.clone())),
            ..TicketPatch::default()
        },
        "cancel" => TicketPatch {
            status: Some("cancelled".into()),
            ..TicketPatch::default()
        },
        "reopen" => TicketPatch {
            status: Some("in_progress".into()),
            ..TicketPatch::default()
        },
        _ => {
            return error_page(
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown action".into(),
            );
        }
    };
    match state
        .app
        .update_ticket(&user.scope, TicketId(id), Some(form.version), patch)
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}")).into_response(),
        Err(AppError::Stale) => {
            let extras = Extras {
                stale: Some(form),
                ..Extras::default()
            };
            render(&state, &user, id, extras).await
        }
        Err(AppError::Invalid(fields)) => {
            let msg = fields
                .iter()
                .map(|f| crate::messages::render(&user.tr, &f.message))
                .collect::<Vec<_>>()
                .join(" ");
            error_page(&user, StatusCode::UNPROCESSABLE_ENTITY, msg)
        }
        Err(e) => error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::messages::refusal(&user.tr, &e),
        ),
    }
}

/// Uploads a file to the ticket (multipart form: `file`, `csrf`, `internal`).
pub async fn attach(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    mut multipart: axum::extract::Multipart,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    let mut csrf = String::new();
    let mut internal = false;
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_owned();
                match name.as_str() {
                    "csrf" => csrf = field.text().await.unwrap_or_default(),
                    "internal" => internal = true,
                    "file" => {
                        let filename = field.file_name().unwrap_or("").to_owned();
                        let content_type = field
                            .content_type()
                            .unwrap_or("application/octet-stream")
                            .to_owned();
                        match field.bytes().await {
                            Ok(data) => file = Some((filename, content_type, data.to_vec())),
                            Err(_) => {
                                return error_page(
                                    &user,
                                    StatusCode::PAYLOAD_TOO_LARGE,
                                    user.tr.t("ticket.file_too_large").into(),
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => {
                return error_page(
                    &user,
                    StatusCode::PAYLOAD_TOO_LARGE,
                    user.tr.t("ticket.file_too_large").into(),
                );
            }
        }
    }
    if !user.csrf_ok(&csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let Some((filename, content_type, data)) = file.filter(|f| !f.2.is_empty()) else {
        return error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            user.tr.t("ticket.file_missing").into(),
        );
    };
    let new = samdrift_app::tickets::NewAttachment {
        filename,
        content_type,
        data,
        public: !internal,
    };
    match state
        .app
        .add_attachment(&user.scope, TicketId(id), new)
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}#attachments-title")).into_response(),
        Err(AppError::Invalid(fields)) => {
            let msg = fields
                .iter()
                .map(|f| crate::messages::render(&user.tr, &f.message))
                .collect::<Vec<_>>()
                .join(" ");
            error_page(&user, StatusCode::UNPROCESSABLE_ENTITY, msg)
        }
        Err(e) => error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::messages::refusal(&user.tr, &e),
        ),
    }
}

#[derive(Deserialize, Clone, Default)]
pub struct TaskForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: String,
}

/// Marks a fulfilment task done (staff), with an optional note.
pub async fn complete_task(
    State(state): State<AppState>,
    user: UiUser,
    Path((id, task)): Path<(String, String)>,
    Form(form): Form<TaskForm>,
) -> Response {
    let (Ok(id), Ok(task)) = (id.parse::<uuid::Uuid>(), task.parse::<uuid::Uuid>()) else {
        return not_found(&user);
    };
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let note = Some(form.note.clone()).filter(|n| !n.trim().is_empty());
    match state
        .app
        .complete_task(&user.scope, TicketId(id), task, note)
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}?task_done=1#request-title")).into_response(),
        Err(AppError::NotFound(_)) => not_found(&user),
        Err(AppError::Forbidden(message)) => error_page(
            &user,
            StatusCode::FORBIDDEN,
            crate::messages::render(&user.tr, &message),
        ),
        Err(AppError::Conflict(_) | AppError::Stale) => {
            let extras = Extras {
                notices: Notices {
                    task_conflict: true,
                    kept_note: form.note.trim().to_owned(),
                    ..Notices::default()
                },
                ..Extras::default()
            };
            render(&state, &user, id, extras).await
        }
        Err(e) => error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::messages::refusal(&user.tr, &e),
        ),
    }
}

/// The time form as typed.
#[derive(Deserialize, Clone, Default)]
pub struct WorkForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub worked_on: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub chargeable: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A refused time field's message in the user's language.
fn work_error(t: &Tr, field: &str, message: &samdrift_domain::messages::Message) -> String {
    match field {
        "minutes" => t.t("catalog.work.error_minutes").to_owned(),
        "worked_on" => t.t("catalog.work.error_date").to_owned(),
        "note" => t.t("catalog.work.error_note").to_owned(),
        _ => crate::messages::render(t, message),
    }
}

/// Logs time on the ticket (staff); a refused form comes back with the
/// fields named and what was typed kept.
pub async fn log_work(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<WorkForm>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let refused = |errors: Vec<(String, String)>| Extras {
        work: Some((form.clone(), errors)),
        ..Extras::default()
    };
    let Ok(minutes) = form.minutes.trim().parse::<i64>() else {
        let message = user.tr.t("catalog.work.error_minutes").to_owned();
        return render(
            &state,
            &user,
            id,
            refused(vec![("minutes".into(), message)]),
        )
        .await;
    };
    let input = WorkInput {
        worked_on: Some(form.worked_on.trim().to_owned()).filter(|d| !d.is_empty()),
        minutes,
        chargeable: form.chargeable.is_some(),
        note: form.note.clone(),
    };
    match state.app.log_work(&user.scope, TicketId(id), input).await {
        Ok(_) => Redirect::to(&format!("/tickets/{id}?logged=1#work-title")).into_response(),
        Err(AppError::Invalid(fields)) => {
            let errors = fields
                .into_iter()
                .map(|f| {
                    let m = work_error(&user.tr, &f.field, &f.message);
                    (f.field, m)
                })
                .collect();
            render(&state, &user, id, refused(errors)).await
        }
        Err(AppError::NotFound(_)) => not_found(&user),
        Err(AppError::Forbidden(message)) => error_page(
            &user,
            StatusCode::FORBIDDEN,
            crate::messages::render(&user.tr, &message),
        ),
        Err(e) => error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::messages::refusal(&user.tr, &e),
        ),
    }
}
