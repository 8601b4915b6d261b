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
use samdrift_app::queries::records::{TicketCursor, TicketFilter, TicketSort};
use samdrift_app::tickets::TicketQuery;
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
    pub id: Uuid,
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
    if !user.scope.is_staff() {
        return error_page(
            &user,
            StatusCode::FORBIDDEN,
            user.tr.t("ticket.not_found").into(),
        );
    }
    let queue = query.queue.clone().unwrap_or_else(|| "groups".into());
    let sort = query.sort.clone().unwrap_or_else(|| "due".into());
    let now = state.app.now_micros();
    let mut filter = TicketFilter {
        open_only: true,
        sort: if sort == "created" {
            TicketSort::CreatedDesc
        } else {
            TicketSort::DueAsc
        },
        limit: 50,
        text: query.q.clone().filter(|q| !q.trim().is_empty()),
        after: query
            .cursor
            .as_deref()
            .and_then(crate::api::tickets::parse_cursor),
        ..TicketFilter::default()
    };
    let my_groups = match state.app.my_groups(&user.scope).await {
        Ok(groups) => groups,
        Err(e) => return failure(&user, e),
    };
    let mut group_filter: Option<Vec<Uuid>> = None;
    match queue.as_str() {
        "mine" => filter.assignee = Some(user.scope.account.0),
        "unassigned" => filter.unassigned = true,
        "risk" => filter.at_risk_at = Some(now),
        "all" => {}
        _ => group_filter = Some(my_groups.clone()),
    }
    let mut tickets = Vec::new();
    let mut next = None;
    match group_filter {
        // "My groups": one query per group, merged by time left.
        Some(groups) => {
            for g in groups {
                let f = TicketFilter {
                    group: Some(g),
                    ..filter.clone()
                };
                let query = TicketQuery {
                    member: None,
                    filter: f,
                };
                match state.app.list_tickets(&user.scope, query).await {
                    Ok(list) => tickets.extend(list.tickets),
                    Err(e) => return failure(&user, e),
                }
            }
            tickets.sort_by_key(|r| (filter.sort.key(r), r.ticket.id));
            tickets.truncate(50);
        }
        None => match state
            .app
            .list_tickets(
                &user.scope,
                TicketQuery {
                    member: None,
                    filter,
                },
            )
            .await
        {
            Ok(list) => {
                next = list
                    .next
                    .map(|c: TicketCursor| format!("{}_{}", c.key, c.id));
                tickets = list.tickets;
            }
            Err(e @ AppError::Invalid(_)) => {
                return error_page(&user, StatusCode::UNPROCESSABLE_ENTITY, e.to_string());
            }
            Err(e) => return failure(&user, e),
        },
    }
    let names = match state.app.names(&user.scope).await {
        Ok(names) => names,
        Err(e) => return failure(&user, e),
    };
    let t = user.tr;
    let rows = tickets
        .into_iter()
        .map(|r| {
            let (time_left, flag) = match (r.resolution_state.as_deref(), r.resolution_due_at) {
                (Some("breached"), _) => (t.t("state.breached").to_owned(), "breached"),
                (Some("running"), Some(due)) => {
                    let left = (due - now) / 1_000_000;
                    (t.duration(left), if left < 0 { "breached" } else { "ok" })
                }
                (Some(state), _) => (t.word("state", state).to_owned(), ""),
                (None, _) => (String::new(), ""),
            };
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
        })
        .collect();
    let queues = vec![
        ("mine", t.t("queue.mine")),
        ("groups", t.t("queue.groups")),
        ("unassigned", t.t("queue.unassigned")),
        ("risk", t.t("queue.risk")),
        ("all", t.t("queue.all")),
    ];
    let q = query.q.unwrap_or_default();
    let current_query = format!(
        "queue={}&q={}&sort={}",
        encode(&queue),
        encode(&q),
        encode(&sort)
    );
    let saved = match state.app.saved_filters(&user.scope).await {
        Ok(saved) => saved,
        Err(e) => return failure(&user, e),
    };
    let saved = saved.into_iter().map(|f| (f.id, f.name, f.query)).collect();
    page(
        StatusCode::OK,
        &QueuePage {
            frame: Frame::of(&user, "/agent"),
            t,
            queue,
            queues,
            q,
            sort,
            rows,
            next,
            saved,
            current_query,
        },
    )
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
