//! The agent workspace's queues: my tickets, my groups, unassigned, at SLA
//! risk, all open; searchable, sortable, paged; each row shows the time
//! left on the resolution clock with a sign that does not rely on colour.

use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::queries::records::TicketRow;
use samdrift_app::queries::{Queue, QueueRequest, QueueView};
use samdrift_domain::ids::TicketId;
use samdrift_domain::priority::Priority;
use samdrift_domain::ticket::Status;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    queue: Option<String>,
    q: Option<String>,
    sort: Option<String>,
    cursor: Option<String>,
}

pub struct Row {
    pub id: TicketId,
    pub number: String,
    pub member: String,
    pub title: String,
    pub priority: Priority,
    pub status: Status,
    pub group: String,
    pub assignee: String,
    /// Time left on the resolution clock, in words.
    pub time_left: String,
    /// `breached`, `warning`, `ok` or empty.
    pub flag: &'static str,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    frame: Frame,
    t: Tr,
    queue: String,
    queues: Vec<(&'static str, &'static str)>,
    q: String,
    sort: String,
    rows: Vec<Row>,
    /// "312 öppna", or "över 10 000 öppna" beyond the bound.
    count: String,
    next: Option<String>,
    /// Saved filters (id, name, query) and the current query to save.
    saved: Vec<(Uuid, String, String)>,
    current_query: String,
}

/// Percent-encodes a query value (letters, digits and `-_.~` stay).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Query(query): Query<QueueQuery>,
) -> Response {
    let queue = Queue::from_code(query.queue.as_deref().unwrap_or("groups"));
    let sort = query.sort.clone().unwrap_or_else(|| "due".into());
    let request = QueueRequest {
        queue,
        text: query.q.clone(),
        newest_first: sort == "created",
        after: query
            .cursor
            .as_deref()
            .and_then(crate::api::tickets::parse_cursor),
    };
    let view = match state.app.queue(&user.scope, request).await {
        Ok(view) => view,
        Err(e @ AppError::Invalid(_)) => {
            let text = crate::messages::refusal(&user.tr, &e);
            return error_page(&user, StatusCode::UNPROCESSABLE_ENTITY, text);
        }
        Err(e) => return failure(&user, e),
    };
    let saved = match state.app.saved_filters(&user.scope).await {
        Ok(saved) => saved,
        Err(e) => return failure(&user, e),
    };
    let t = user.tr;
    let q = query.q.unwrap_or_default();
    let current_query = format!(
        "queue={}&q={}&sort={}",
        encode(queue.code()),
        encode(&q),
        encode(&sort)
    );
    page(
        StatusCode::OK,
        &QueuePage {
            frame: Frame::of(&user, "/agent"),
            t,
            queue: queue.code().to_owned(),
            queues: Queue::ALL
                .iter()
                .map(|q| (q.code(), t.t(&format!("queue.{}", q.code()))))
                .collect(),
            q,
            sort,
            rows: view.tickets.iter().map(|r| row(&t, &view, r)).collect(),
            count: t.count(
                "queue.count",
                "queue.count_more",
                view.count.value,
                view.count.more,
            ),
            next: view.next.map(|c| format!("{}_{}", c.key, c.id)),
            saved: saved.into_iter().map(|f| (f.id, f.name, f.query)).collect(),
            current_query,
        },
    )
}

/// One ticket of the queue, with names and the time left in words.
fn row(t: &Tr, view: &QueueView, r: &TicketRow) -> Row {
    let (time_left, flag) = match (r.resolution_state.as_deref(), r.resolution_due_at) {
        (Some("breached"), _) => (t.t("state.breached").to_owned(), "breached"),
        (Some("running"), Some(due)) => {
            let left = (due - view.now) / 1_000_000;
            (t.duration(left), if left < 0 { "breached" } else { "ok" })
        }
        (Some(state), _) => (t.word("state", state).to_owned(), ""),
        (None, _) => (String::new(), ""),
    };
    let names = &view.names;
    Row {
        id: r.ticket.id,
        number: r.ticket.number.clone(),
        member: names.member(r.ticket.member_id),
        title: r.ticket.title.clone(),
        priority: r.ticket.priority,
        status: r.ticket.status,
        group: names.group(r.ticket.group_id),
        assignee: names.account(r.ticket.assignee_id),
        time_left,
        flag,
    }
}

#[derive(Deserialize)]
pub struct SaveFilterForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    query: String,
}

pub async fn save_filter(
    State(state): State<AppState>,
    user: UiUser,
    axum::Form(form): axum::Form<SaveFilterForm>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    match state
        .app
        .save_filter(&user.scope, &form.name, &form.query)
        .await
    {
        Ok(f) => axum::response::Redirect::to(&format!("/agent?{}", f.query)).into_response(),
        Err(samdrift_app::AppError::Conflict(_)) => error_page(
            &user,
            StatusCode::CONFLICT,
            user.tr.t("queue.filter_exists").into(),
        ),
        Err(_) => error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            user.tr.t("queue.filter_name").into(),
        ),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn delete_filter(
    State(state): State<AppState>,
    user: UiUser,
    axum::extract::Path(id): axum::extract::Path<String>,
    axum::Form(form): axum::Form<CsrfOnly>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let Ok(id) = id.parse::<Uuid>() else {
        return error_page(
            &user,
            StatusCode::NOT_FOUND,
            user.tr.t("queue.filter_name").into(),
        );
    };
    let _ = state.app.delete_saved_filter(&user.scope, id).await;
    axum::response::Redirect::to("/agent").into_response()
}
