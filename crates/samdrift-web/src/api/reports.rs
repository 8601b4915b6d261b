//! The SLA compliance report: JSON by default, CSV with `Accept: text/csv`.
//! The CSV holds every figure of the JSON in sections (compliance,
//! availability, penalties), deterministic byte for byte.

use crate::auth::Principal;
use crate::extract::Params;
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use samdrift_app::service_levels::reports::SlaReport;
use samdrift_domain::sla::report_csv::{csv_text, kind_text, percent_text, rows_to_csv};
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
    /// `csv` for CSV (as `Accept: text/csv`), for links in the browser.
    #[param(pattern = r"^csv$")]
    pub format: Option<String>,
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
                penalty: p.penalty,
            })
            .collect(),
        penalty_total_ore: r.penalty_total_ore,
    }
}

fn csv(r: &ReportView) -> String {
    let mut out = String::new();
    out.push_str(&rows_to_csv(&r.compliance.rows));
    out.push('\n');
    out.push_str("total_kind,counted,met,breached,compliance_percent,median_seconds,p90_seconds\n");
    for t in &r.compliance.totals {
        let opt = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            kind_text(t.kind),
            t.counted,
            t.met,
            t.breached,
            t.compliance_bp
                .map(|b| percent_text(u64::from(b)))
                .unwrap_or_default(),
            opt(t.median_seconds),
            opt(t.p90_seconds)
        ));
    }
    out.push('\n');
    out.push_str(
        "member,service,target_percent,availability_percent,open_seconds,down_seconds,met\n",
    );
    for a in &r.availability {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            csv_text(&a.member),
            csv_text(&a.service),
            percent_text(u64::from(a.target_bp)),
            a.availability_bp
                .map(|b| percent_text(u64::from(b)))
                .unwrap_or_default(),
            a.open_seconds,
            a.down_seconds,
            a.met.map(|m| m.to_string()).unwrap_or_default()
        ));
    }
    out.push('\n');
    out.push_str("member,month,agreement,entry,amount_ore,description\n");
    for p in &r.penalties {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            csv_text(&p.member),
            p.month,
            csv_text(&p.agreement),
            csv_text(&p.entry),
            p.penalty.amount_ore,
            csv_text(&p.penalty.description)
        ));
    }
    out.push_str(&format!("\npenalty_total_ore\n{}\n", r.penalty_total_ore));
    out
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
    let wants_csv = q.format.as_deref() == Some("csv")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/csv"));
    if wants_csv {
        let mut r = csv(&report).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        Ok(r)
    } else {
        Ok(Json(report).into_response())
    }
}
