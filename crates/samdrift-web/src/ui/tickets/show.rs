//! The ticket page itself, and how a refused form brings the reader back
//! to it with what they typed and why it was refused.

use super::*;
use samdrift_app::queries::records::WorkRecord;
use samdrift_app::satisfaction::TicketRating;
use samdrift_domain::ids::{AccountId, GroupId, SupplierId};

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
    staff_accounts: Vec<(AccountId, String)>,
    groups: Vec<(GroupId, String)>,
    suppliers: Vec<(SupplierId, String)>,
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
    /// The unverified sender the ticket came from by mail (staff only).
    contact: Option<ContactSection>,
    /// The requester's rating of the resolved ticket, or its form.
    rating: TicketRating,
    /// The configuration items the ticket is about (id, name, kind), as
    /// far as the reader sees them.
    items: Vec<(uuid::Uuid, String, String)>,
    /// The rating form's refusal (`rating_fields.html`) and its comment.
    error: Option<String>,
    comment: String,
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

impl WorkSection {
    /// Staff always see the time log (and its form); orderers and
    /// strategists see logged work; end users get none and see no section.
    fn of(user: &UiUser, work: &[WorkRecord]) -> Option<WorkSection> {
        (user.scope.is_staff() || !work.is_empty()).then(|| WorkSection {
            total: user
                .tr
                .duration(work.iter().map(|w| w.minutes).sum::<i64>() * 60),
            rows: work
                .iter()
                .map(|w| WorkRow {
                    worked_on: w.worked_on.clone(),
                    minutes: w.minutes,
                    chargeable: w.chargeable,
                    note: w.note.clone(),
                    logged_by: w.logged_by_name.clone(),
                })
                .collect(),
        })
    }
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
    /// The mail sender was just confirmed or rejected.
    pub contact_confirmed: bool,
    pub contact_rejected: bool,
    /// The requester just rated the ticket, or sent the form without a
    /// grade.
    pub rated: bool,
    pub rating_refused: bool,
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
    /// `confirmed` or `rejected`: what the desk just decided of the sender.
    contact: Option<String>,
    rated: Option<String>,
    rating_refused: Option<String>,
}

/// What a form sent back brings to the page: the stale update form, the
/// refused work form with its errors.
#[derive(Default)]
pub(super) struct Extras {
    pub(super) notices: Notices,
    pub(super) stale: Option<UpdateForm>,
    pub(super) work: Option<(WorkForm, Vec<(String, String)>)>,
}

/// The history in the reader's words.
async fn history_lines(
    state: &AppState,
    user: &UiUser,
    detail: &TicketDetail,
) -> Result<Vec<HistoryView>, AppError> {
    let lines = state
        .app
        .ticket_history(detail.ticket.member_id, &detail.events)
        .await?;
    Ok(lines
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
        .collect())
}

/// The items the ticket is linked to, named with their kind.
async fn linked_items(
    state: &AppState,
    user: &UiUser,
    id: uuid::Uuid,
) -> Result<Vec<(uuid::Uuid, String, String)>, AppError> {
    let items = state.app.ticket_items(&user.scope, TicketId(id)).await?;
    Ok(items
        .into_iter()
        .map(|i| {
            let kind = crate::messages::text(user.tr.0, &format!("inventory.kind.{}", i.kind))
                .unwrap_or("")
                .to_owned();
            (i.id, i.name, kind)
        })
        .collect())
}

pub(super) async fn render(
    state: &AppState,
    user: &UiUser,
    id: uuid::Uuid,
    extras: Extras,
) -> Response {
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
    let history = match history_lines(state, user, &view.detail).await {
        Ok(lines) => lines,
        Err(e) => return failure(user, e),
    };
    let items = match linked_items(state, user, id).await {
        Ok(items) => items,
        Err(e) => return failure(user, e),
    };
    let contact = match state
        .app
        .ticket_mail_contact(&user.scope, TicketId(id))
        .await
    {
        Ok(c) => c.map(|c| ContactSection::of(&user.tr, c)),
        Err(e) => return failure(user, e),
    };
    let work = WorkSection::of(user, &view.work);
    let (work_form, work_errors) = refused_work.unwrap_or_default();
    let status = if stale.is_some() || notices.task_conflict {
        StatusCode::CONFLICT
    } else if !work_errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let error = notices
        .rating_refused
        .then(|| user.tr.t("satisfaction.rate.choose").to_owned());
    page(
        status,
        &TicketPage {
            rating: view.rating,
            items,
            error,
            comment: String::new(),
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
            contact,
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
        contact_confirmed: q.contact.as_deref() == Some("confirmed"),
        contact_rejected: q.contact.as_deref() == Some("rejected"),
        rated: q.rated.is_some(),
        rating_refused: q.rating_refused.is_some(),
        ..Notices::default()
    };
    let extras = Extras {
        notices,
        ..Extras::default()
    };
    render(&state, &user, id, extras).await
}
