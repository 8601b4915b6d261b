//! The SLA compliance report: JSON by default, CSV with `Accept: text/csv`
//! or `format=csv` (machine format; in the reader's language with `lang`,
//! see `crate::messages::csv`). The CSV holds every figure of the JSON in
//! sections (compliance, totals, availability, penalties), deterministic
//! byte for byte.

use crate::auth::Principal;
use crate::extract::Params;
use crate::messages::csv::{self, CsvChoice};
use crate::messages::render;
use crate::problem::ApiResult;
use crate::router::AppState;
use crate::ui::i18n::{Lang, Tr};
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use samdrift_app::service_levels::reports::SlaReport;
use samdrift_domain::sla::report_csv::{compliance_table, kind_text};
use samdrift_domain::table::{Cell, Table};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// Member code; staff may leave it out for the whole federation.
    #[param(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
    /// First day, YYYY-MM-DD (inclusive, Europe/Stockholm).
    #[param(format = Date)]
    pub from: String,
    /// Day after the last, YYYY-MM-DD (exclusive).
    #[param(format = Date)]
    pub to: String,
    /// `csv` for CSV (as `Accept: text/csv`), for links in the browser;
    /// `csv-machine` for the machine format whatever `lang` says.
    #[param(pattern = r"^(csv|csv-machine)$")]
    pub format: Option<String>,
    /// `sv` or `en`: the CSV in that language (headers, words, `;` and
    /// decimal comma in Swedish). Without it, the machine format.
    pub lang: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReportView {
    pub member: Option<String>,
    pub from: String,
    pub to: String,
    #[schema(value_type = super::specs::ComplianceReportDoc)]
    pub compliance: samdrift_domain::sla::report::ComplianceReport,
    pub availability: Vec<AvailabilityView>,
    #[schema(value_type = Vec<super::specs::PenaltyViewDoc>)]
    pub penalties: Vec<PenaltyView>,
    pub penalty_total_ore: i64,
}

/// The availability of one service for one member over the period.
#[derive(Serialize, ToSchema)]
pub struct AvailabilityView {
    pub member: String,
    pub service: String,
    /// The target in basis points (9950 = 99.50 %).
    pub target_bp: u32,
    /// Open time the service was up, in basis points; null without open time.
    pub availability_bp: Option<u32>,
    pub open_seconds: i64,
    pub down_seconds: i64,
    pub met: Option<bool>,
}

#[derive(Serialize)]
pub struct PenaltyView {
    pub member: String,
    pub month: String,
    pub agreement: String,
    pub entry: String,
    #[serde(flatten)]
    pub penalty: samdrift_domain::sla::penalty::Penalty,
    /// The computation with every figure, in English.
    pub description: String,
}

fn view(r: SlaReport) -> ReportView {
    ReportView {
        member: r.member,
        from: r.from,
        to: r.to,
        compliance: r.compliance,
        availability: r
            .availability
            .into_iter()
            .map(|a| AvailabilityView {
                member: a.member,
                service: a.service,
                target_bp: a.target_bp,
                availability_bp: a.availability.availability_bp,
                open_seconds: a.availability.open_seconds,
                down_seconds: a.availability.down_seconds,
                met: a.met,
            })
            .collect(),
        penalties: r
            .penalties
            .into_iter()
            .map(|p| PenaltyView {
                member: p.member,
                month: p.month,
                agreement: p.agreement,
                entry: p.entry,
                description: crate::messages::english(&p.penalty.explanation),
                penalty: p.penalty,
            })
            .collect(),
        penalty_total_ore: r.penalty_total_ore,
    }
}

/// The columns of the report's tables after the compliance rows: totals,
/// availability, penalties and the penalties' total.
pub const REPORT_COLUMNS: [&[&str]; 4] = [
    &[
        "total_kind",
        "counted",
        "met",
        "breached",
        "compliance_percent",
        "median_seconds",
        "p90_seconds",
    ],
    &[
        "member",
        "service",
        "target_percent",
        "availability_percent",
        "open_seconds",
        "down_seconds",
        "met",
    ],
    &[
        "member",
        "month",
        "agreement",
        "entry",
        "amount_ore",
        "description",
    ],
    &["penalty_total_ore"],
];

fn count(n: u64) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The report as tables: every figure of the JSON, deterministic.
fn tables(r: &ReportView, lang: Lang) -> Vec<Table> {
    let [totals, availability, penalties, total] = REPORT_COLUMNS;
    let percent = |bp: Option<u32>| bp.map_or(Cell::Empty, |b| Cell::Percent(u64::from(b)));
    vec![
        compliance_table(&r.compliance.rows),
        Table {
            columns: totals,
            rows: r
                .compliance
                .totals
                .iter()
                .map(|t| {
                    vec![
                        Cell::Word("csv.clock", kind_text(t.kind).to_owned()),
                        count(t.counted),
                        count(t.met),
                        count(t.breached),
                        percent(t.compliance_bp),
                        Cell::int_or_empty(t.median_seconds),
                        Cell::int_or_empty(t.p90_seconds),
                    ]
                })
                .collect(),
        },
        Table {
            columns: availability,
            rows: r
                .availability
                .iter()
                .map(|a| {
                    vec![
                        Cell::text(&a.member),
                        Cell::text(&a.service),
                        Cell::Percent(u64::from(a.target_bp)),
                        percent(a.availability_bp),
                        Cell::Int(a.open_seconds),
                        Cell::Int(a.down_seconds),
                        a.met.map_or(Cell::Empty, Cell::Bool),
                    ]
                })
                .collect(),
        },
        Table {
            columns: penalties,
            rows: r
                .penalties
                .iter()
                .map(|p| {
                    vec![
                        Cell::text(&p.member),
                        Cell::text(&p.month),
                        Cell::text(&p.agreement),
                        Cell::text(&p.entry),
                        Cell::Ore(p.penalty.amount_ore),
                        Cell::text(render(&Tr(lang), &p.penalty.explanation)),
                    ]
                })
                .collect(),
        },
        Table {
            columns: total,
            rows: vec![vec![Cell::Ore(r.penalty_total_ore)]],
        },
    ]
}

#[utoipa::path(get, path = "/api/v1/reports/sla", operation_id = "reports_sla", tag = "service levels", params(ReportQuery),
    responses((status = 200, description = "The report (CSV with `Accept: text/csv` or `format=csv`)", content((ReportView = "application/json"), (String = "text/csv"))), (status = 403, body = crate::problem::Problem)))]
pub async fn sla(
    State(s): State<AppState>,
    p: Principal,
    headers: HeaderMap,
    Params(q): Params<ReportQuery>,
) -> ApiResult<Response> {
    let report = view(
        s.app
            .sla_report(&p.scope, q.member.as_deref(), &q.from, &q.to)
            .await?,
    );
    let choice = CsvChoice::of(&headers, q.format.as_deref(), q.lang.as_deref());
    if choice.is_csv() {
        let name = format!(
            "sla-{}-{}-{}",
            report.member.as_deref().unwrap_or("federation"),
            report.from,
            report.to
        );
        let lang = match choice {
            CsvChoice::Reader(lang) => lang,
            CsvChoice::Machine | CsvChoice::None => Lang::En,
        };
        Ok(csv::response(&tables(&report, lang), choice, &name))
    } else {
        Ok(Json(report).into_response())
    }
}
