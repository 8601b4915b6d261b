//! Customer satisfaction results (`/satisfaction`): count, average and
//! the grades 1-5 in total and broken down per member, service, group,
//! month or technician for a period of months, with the requesters'
//! comments for those who may read them. The same use case as
//! `GET /api/v1/satisfaction` decides who reads what; a member outside
//! the user's scope answers like one that does not exist.

use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::satisfaction::{Breakdown, SatisfactionQuery, SatisfactionResults};
use samdrift_domain::satisfaction::Distribution;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ResultsQuery {
    member: Option<String>,
    from: Option<String>,
    to: Option<String>,
    by: Option<String>,
}

/// Hundredths with two decimals: `4,32` in Swedish, `4.32` in English.
pub fn decimal2(t: &Tr, hundredths: i64) -> String {
    let sep = if t.lang() == "sv" { ',' } else { '.' };
    format!("{}{sep}{:02}", hundredths / 100, (hundredths % 100).abs())
}

/// Count, average and grades in words of the reader's language.
pub struct GradesRow {
    pub label: String,
    pub count: i64,
    pub average: String,
    /// The count of each grade 1..=5.
    pub grades: [i64; 5],
}

impl GradesRow {
    pub fn of(t: &Tr, label: String, d: &Distribution) -> GradesRow {
        GradesRow {
            label,
            count: d.count(),
            average: d
                .average_hundredths()
                .map(|a| decimal2(t, a))
                .unwrap_or_else(|| "–".into()),
            grades: d.counts,
        }
    }
}

pub struct CommentRow {
    pub ticket: String,
    pub grade: i64,
    pub comment: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "satisfaction.html")]
struct ResultsPage {
    frame: Frame,
    t: Tr,
    /// (code, name) of the members the user may choose.
    members: Vec<(String, String)>,
    member: String,
    from: String,
    to: String,
    by: &'static str,
    breakdowns: Vec<&'static str>,
    errors: Vec<(String, String)>,
    total: Option<GradesRow>,
    rows: Vec<GradesRow>,
    comments: Option<Vec<CommentRow>>,
}

impl ResultsPage {
    /// The breakdown's name in the reader's language.
    fn by_word(&self) -> &'static str {
        self.t.t(&format!("satisfaction.by.{}", self.by))
    }
}

fn fill(page: &mut ResultsPage, t: &Tr, r: SatisfactionResults) {
    page.from = r.from;
    page.to = r.to;
    page.total = Some(GradesRow::of(
        t,
        t.t("satisfaction.results.total").into(),
        &r.total,
    ));
    page.rows = r
        .rows
        .iter()
        .map(|row| {
            let label = if row.label.is_empty() {
                t.t("satisfaction.results.none_key").to_owned()
            } else if row.label != row.key && r.by == Breakdown::Service {
                format!("{} ({})", row.label, row.key)
            } else {
                row.label.clone()
            };
            GradesRow::of(t, label, &row.grades)
        })
        .collect();
    page.comments = r.comments.map(|list| {
        list.into_iter()
            .map(|c| CommentRow {
                ticket: c.ticket_number,
                grade: c.rating,
                comment: c.comment,
                at: t.time(c.rated_at),
            })
            .collect()
    });
}

/// GET /satisfaction
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<ResultsQuery>,
) -> Response {
    let t = user.tr;
    let members = match state.app.members(&user.scope).await {
        Ok(list) => list
            .into_iter()
            .filter(|m| {
                user.scope
                    .satisfaction_members()
                    .allows(samdrift_domain::ids::MemberId(m.id))
            })
            .map(|m| (m.code, m.name))
            .collect(),
        Err(e) => return failure(&user, e),
    };
    let by = Breakdown::parse(q.by.as_deref()).unwrap_or(Breakdown::Member);
    let mut p = ResultsPage {
        frame: Frame::of(&user, "/satisfaction"),
        t,
        members,
        member: q.member.clone().unwrap_or_default(),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        by: by.as_str(),
        breakdowns: Breakdown::ALL.iter().map(|b| b.as_str()).collect(),
        errors: Vec::new(),
        total: None,
        rows: Vec::new(),
        comments: None,
    };
    let query = SatisfactionQuery {
        member: q.member,
        from: q.from,
        to: q.to,
        by: q.by,
        group: None,
    };
    match state.app.satisfaction_results(&user.scope, &query).await {
        Ok(r) => {
            fill(&mut p, &t, r);
            page(StatusCode::OK, &p)
        }
        Err(AppError::Invalid(fields)) => {
            p.errors = fields
                .iter()
                .map(|f| (f.field.clone(), crate::messages::render(&t, &f.message)))
                .collect();
            page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(AppError::NotFound(_)) => {
            error_page(&user, StatusCode::NOT_FOUND, t.t("ticket.not_found").into())
        }
        Err(e) => failure(&user, e),
    }
}
