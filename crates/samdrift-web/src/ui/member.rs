//! The member view for orderers and strategists (and staff, for any
//! member): the member's tickets, its agreement, and the service-level
//! report for a chosen period with a server-rendered SVG chart and CSV.

use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::queries::records::MemberRecord;
use samdrift_app::queries::records::{TicketFilter, TicketRow};
use samdrift_app::service_levels::reports::SlaReport;
use samdrift_app::tickets::TicketQuery;
use samdrift_domain::sla::ClockKind;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct MemberQuery {
    member: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// The member a page is about: the one asked for (staff, or the user's
/// own), else the first member where the user is an orderer or strategist,
/// else (staff) the first member.
async fn member_of(
    state: &AppState,
    user: &UiUser,
    code: Option<&str>,
) -> Result<MemberRecord, Response> {
    match state.app.home_member(&user.scope, code).await {
        Ok(Some(member)) => Ok(member),
        Ok(None) => Err(error_page(
            user,
            StatusCode::NOT_FOUND,
            user.tr.t("ticket.not_found").into(),
        )),
        Err(e) => Err(super::failure(user, e)),
    }
}

#[derive(Template)]
#[template(path = "member.html")]
struct MemberPage {
    frame: Frame,
    t: Tr,
    member: MemberRecord,
    agreements: Vec<(String, String, String)>,
    tickets: Vec<TicketRow>,
    /// "1 204 ärenden", or "över 10 000 ärenden".
    count: String,
}

pub async fn home(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<MemberQuery>,
) -> Response {
    let member = match member_of(&state, &user, q.member.as_deref()).await {
        Ok(member) => member,
        Err(refusal) => return refusal,
    };
    let filter = TicketFilter {
        member: Some(member.id),
        limit: 100,
        ..TicketFilter::default()
    };
    let query = TicketQuery {
        member: None,
        filter,
    };
    let count = match state.app.count_tickets(&user.scope, query.clone()).await {
        Ok(n) => user
            .tr
            .count("member.count", "member.count_more", n.value, n.more),
        Err(e) => return super::failure(&user, e),
    };
    let tickets = match state.app.list_tickets(&user.scope, query).await {
        Ok(l) => l.tickets,
        Err(e) => return super::failure(&user, e),
    };
    let agreements = match state.app.agreements(&user.scope, Some(&member.code)).await {
        Ok(agreements) => agreements,
        Err(e) => return super::failure(&user, e),
    };
    let agreements = agreements
        .into_iter()
        .map(|(r, _)| (r.name, r.valid_from, r.valid_to))
        .collect();
    page(
        StatusCode::OK,
        &MemberPage {
            frame: Frame::of(&user, "/member"),
            t: user.tr,
            member,
            agreements,
            tickets,
            count,
        },
    )
}

pub struct Bar {
    pub label: String,
    pub value: String,
    pub x: u32,
    pub y: u32,
    pub height: u32,
}

#[derive(Template)]
#[template(path = "member_report.html")]
struct ReportPage {
    frame: Frame,
    t: Tr,
    member: MemberRecord,
    from: String,
    to: String,
    report: Option<SlaReport>,
    error: Option<String>,
    /// The period's fields that were refused: (input id, label, message).
    field_errors: Vec<(String, String, String)>,
    bars: Vec<Bar>,
}

impl ReportPage {
    /// The message of a refused field, linked from the summary.
    fn field_error(&self, id: &str) -> Option<&str> {
        self.field_errors
            .iter()
            .find(|(field, _, _)| field == id)
            .map(|(_, _, message)| message.as_str())
    }

    fn pct(&self, bp: &Option<u32>) -> String {
        bp.map(|b| self.t.percent(b)).unwrap_or_default()
    }

    fn dur(&self, s: &Option<i64>) -> String {
        s.map(|s| self.t.duration(s)).unwrap_or_default()
    }

    fn entry(&self, entry: &str) -> String {
        crate::messages::entry(&self.t, entry)
    }

    fn explain(&self, m: &samdrift_domain::messages::Message) -> String {
        crate::messages::render(&self.t, m)
    }

    fn kind(&self, k: &ClockKind) -> &'static str {
        match k {
            ClockKind::Response => self.t.t("clock.response"),
            ClockKind::Resolution => self.t.t("clock.resolution"),
        }
    }
}

/// Bars of resolution compliance per priority, 0-100 % over a 200 px axis.
fn bars(t: &Tr, report: &SlaReport) -> Vec<Bar> {
    use samdrift_domain::priority::Priority;
    Priority::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (counted, met) = report
                .compliance
                .rows
                .iter()
                .filter(|r| r.priority == *p && r.kind == ClockKind::Resolution)
                .fold((0u64, 0u64), |(c, m), r| (c + r.counted, m + r.met));
            let bp = (counted > 0).then(|| u32::try_from(met * 10_000 / counted).unwrap_or(0));
            let height = bp.map(|b| b * 200 / 10_000).unwrap_or(0);
            Bar {
                label: p.as_str().to_owned(),
                value: bp.map(|b| t.percent(b)).unwrap_or_else(|| "–".into()),
                x: 60 + i as u32 * 90,
                y: 220 - height,
                height,
            }
        })
        .collect()
}

/// The report's refused fields (`from`, `to`) with their labels, each
/// linked to its input; another field is shown against the first date.
fn period_errors(
    t: &Tr,
    fields: &[samdrift_domain::error::FieldError],
) -> Vec<(String, String, String)> {
    fields
        .iter()
        .map(|f| {
            let (id, label) = match f.field.as_str() {
                "to" => ("to", "report_page.to"),
                _ => ("from", "report_page.from"),
            };
            (
                id.to_owned(),
                t.t(label).to_owned(),
                crate::messages::render(t, &f.message),
            )
        })
        .collect()
}

pub async fn report(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<MemberQuery>,
) -> Response {
    let member = match member_of(&state, &user, q.member.as_deref()).await {
        Ok(member) => member,
        Err(refusal) => return refusal,
    };
    let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC);
    let today = tz.to_datetime(state.app.clock.now()).date();
    let first = today.first_of_month();
    let from = q.from.unwrap_or_else(|| {
        first
            .saturating_sub(jiff::Span::new().months(2))
            .to_string()
    });
    let to = q.to.unwrap_or_else(|| {
        first
            .saturating_add(jiff::Span::new().months(1))
            .to_string()
    });
    let (report, error, field_errors) = match state
        .app
        .sla_report(&user.scope, Some(&member.code), &from, &to)
        .await
    {
        Ok(r) => (Some(r), None, Vec::new()),
        Err(AppError::Invalid(fields)) => (None, None, period_errors(&user.tr, &fields)),
        Err(e) => (
            None,
            Some(crate::messages::refusal(&user.tr, &e)),
            Vec::new(),
        ),
    };
    let bars = report
        .as_ref()
        .map(|r| bars(&user.tr, r))
        .unwrap_or_default();
    let status = if error.is_some() || !field_errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status,
        &ReportPage {
            frame: Frame::of(&user, "/member/report"),
            t: user.tr,
            member,
            from,
            to,
            report,
            error,
            field_errors,
            bars,
        },
    )
}
