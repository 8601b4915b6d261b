//! E-mail ("E-post"), for managers and admins: how many mails the outbox
//! holds in each state and its newest mails (filtered by state), with
//! the server's last answer; the incoming mail to the members' desks and
//! what became of each (a mail set aside is said so in words, not by
//! colour alone); and the addresses mail could not be delivered to, each
//! with a button that lets mail go to it again. Times in Europe/Stockholm.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::{Access, Problems, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use serde::Deserialize;

/// The outbox's states, in the order the page lists them.
const STATES: [&str; 4] = ["queued", "sending", "sent", "failed"];

/// A state filter link (or the count of a state).
pub struct StateLink {
    pub href: String,
    pub label: &'static str,
    pub count: Option<i64>,
    pub current: bool,
}

pub struct OutboxRow {
    pub created: String,
    pub recipient: String,
    pub subject: String,
    pub state: &'static str,
    pub attempts: i64,
    pub answer: String,
}

pub struct InboundRow {
    pub received: String,
    pub sender: String,
    pub subject: String,
    pub outcome: &'static str,
    pub set_aside: bool,
    pub reason: String,
    pub ticket: Option<String>,
}

pub struct FailingRow {
    pub address: String,
    pub since: String,
    pub last: String,
    pub reason: String,
    pub failures: i64,
}

#[derive(Template)]
#[template(path = "admin_mail.html")]
struct MailPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    /// An address was just cleared.
    cleared: bool,
    filters: Vec<StateLink>,
    counts: Vec<StateLink>,
    outbox: Vec<OutboxRow>,
    inbound: Vec<InboundRow>,
    failing: Vec<FailingRow>,
}

#[derive(Deserialize, Default)]
pub struct MailQuery {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    cleared: Option<String>,
}

/// The filter links (all, then each state) and the counts by state.
fn filters(t: &Tr, counts: [i64; 4], chosen: Option<&str>) -> (Vec<StateLink>, Vec<StateLink>) {
    let mut links = vec![StateLink {
        href: "/admin/mail".into(),
        label: t.t("admin.mail.all"),
        count: None,
        current: chosen.is_none(),
    }];
    let mut by_state = Vec::new();
    for (state, count) in STATES.into_iter().zip(counts) {
        let label = t.t(&format!("admin.mail.state.{state}"));
        links.push(StateLink {
            href: format!("/admin/mail?state={state}"),
            label,
            count: None,
            current: chosen == Some(state),
        });
        by_state.push(StateLink {
            href: format!("/admin/mail?state={state}"),
            label,
            count: Some(count),
            current: false,
        });
    }
    (links, by_state)
}

/// A reason for ignoring a mail in words, or the reason as recorded (a
/// set-aside mail's reason, a bounce's addresses).
fn reason(t: &Tr, text: Option<&str>) -> String {
    let Some(text) = text else {
        return String::new();
    };
    match t.t(&format!("admin.mail.reason.{text}")) {
        "?" => text.to_owned(),
        words => words.to_owned(),
    }
}

fn inbound_rows(
    t: &Tr,
    list: Vec<samdrift_app::queries::records::InboundRecord>,
) -> Vec<InboundRow> {
    list.into_iter()
        .map(|m| InboundRow {
            received: t.time(m.received_at),
            sender: m.sender.unwrap_or_default(),
            subject: m
                .subject
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| t.t("admin.mail.no_subject").to_owned()),
            outcome: match t.t(&format!("admin.mail.inbound.{}", m.state)) {
                "?" => t.t("admin.mail.inbound.ignored"),
                words => words,
            },
            set_aside: m.state == "set_aside",
            reason: reason(t, m.reason.as_deref()),
            ticket: m.ticket_id.map(|id| format!("/tickets/{id}")),
        })
        .collect()
}

/// GET /admin/mail?state=queued
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<MailQuery>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let t = user.tr;
    let chosen = q.state.as_deref().filter(|s| !s.is_empty());
    let (counts, outbox) = match state.app.outbox(&user.scope, chosen).await {
        Ok(found) => found,
        Err(AppError::Invalid(_)) => {
            return super::super::error_page(
                &user,
                StatusCode::NOT_FOUND,
                t.t("admin.not_found").into(),
            );
        }
        Err(e) => return crate::ui::failure(&user, e),
    };
    let inbound = match state.app.inbound_mail(&user.scope, None).await {
        Ok(list) => list,
        Err(e) => return crate::ui::failure(&user, e),
    };
    let failing = match state.app.failing_addresses(&user.scope).await {
        Ok(list) => list,
        Err(e) => return crate::ui::failure(&user, e),
    };
    let (filters, counts) = filters(
        &t,
        [counts.queued, counts.sending, counts.sent, counts.failed],
        chosen,
    );
    let outbox = outbox
        .into_iter()
        .map(|m| OutboxRow {
            created: t.time(m.created_at),
            recipient: m.recipient,
            subject: m.subject,
            state: t.t(&format!("admin.mail.state.{}", m.state)),
            attempts: m.attempts,
            answer: m.answer.unwrap_or_default(),
        })
        .collect();
    let failing = failing
        .into_iter()
        .map(|f| FailingRow {
            since: t.time(f.since),
            last: t.time(f.last_at),
            address: f.address,
            reason: f.reason,
            failures: f.failures,
        })
        .collect();
    let p = MailPage {
        frame: frame(&user, "/admin/mail"),
        t,
        sections: sections(&user, "/admin/mail"),
        errors: Problems::default(),
        saved: false,
        cleared: q.cleared.is_some(),
        filters,
        counts,
        outbox,
        inbound: inbound_rows(&t, inbound),
        failing,
    };
    page(StatusCode::OK, &p)
}

#[derive(Deserialize)]
pub struct ClearForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    address: String,
}

/// POST /admin/mail/failing-addresses/clear: mail goes to the address
/// again.
pub async fn clear(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<ClearForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    match state
        .app
        .clear_failing_address(&user.scope, form.address.trim())
        .await
    {
        Ok(()) => Redirect::to("/admin/mail?cleared=1#failing").into_response(),
        Err(e) => crate::ui::failure(&user, e),
    }
}
