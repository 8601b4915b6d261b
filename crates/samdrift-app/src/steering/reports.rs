//! The reports people meet over: a member's monthly report for its
//! service-level meeting (figures, SLA with its breaches, availability,
//! penalties, costs and open proposals) and its archive. The web words a
//! report into a document; a PDF renderer the binary provides (the report
//! crate) turns that into the PDF that is archived once and never changed.

use crate::service_levels::reports::SlaReport;
use crate::steering::proposals::ProposalView;
use crate::{App, AppError};
use samdrift_domain::document::Document;
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_domain::steering::measure::{Measure, combine};
use samdrift_domain::steering::{month_of, months_ending, parse_month};
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::steering::reports::ArchivedReportRow;
use std::collections::HashMap;
use std::sync::Arc;

/// Renders a document as a PDF (the report crate, wired by the binary).
pub trait PdfRenderer: Send + Sync {
    fn render(&self, document: &Document) -> Result<Vec<u8>, String>;
}

/// What a member's month adds up to, as the report shows it.
#[derive(Debug, Clone)]
pub struct MemberReport {
    pub member: MemberRecord,
    pub month: String,
    /// The month's value of each measure (none: nothing measured).
    pub figures: HashMap<Measure, Option<f64>>,
    /// SLA compliance over the 13 months up to this one.
    pub compliance_trend: Vec<(String, Option<f64>)>,
    pub sla: SlaReport,
    pub invoiced_ore: i64,
    pub per_administration: Vec<(String, i64)>,
    /// Proposals still open that the member raised or is affected by.
    pub proposals: Vec<ProposalView>,
}

impl App {
    /// The app that renders PDFs with `renderer`.
    pub fn with_pdf(mut self, renderer: Arc<dyn PdfRenderer>) -> App {
        self.pdf = Some(renderer);
        self
    }

    /// Renders a document as a PDF, off the async threads.
    pub async fn render_pdf(&self, document: Document) -> Result<Vec<u8>, AppError> {
        let Some(renderer) = self.pdf.clone() else {
            return Err(AppError::Conflict(samdrift_domain::msg!("report.no_pdf")));
        };
        let out = tokio::task::spawn_blocking(move || renderer.render(&document)).await;
        match out {
            Ok(Ok(bytes)) => Ok(bytes),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "a report could not be rendered");
                Err(AppError::Conflict(samdrift_domain::msg!(
                    "report.pdf_failed"
                )))
            }
            Err(_) => Err(AppError::Conflict(samdrift_domain::msg!(
                "report.pdf_failed"
            ))),
        }
    }

    /// A member's report for a month, for staff and the member's orderers
    /// and strategists.
    pub async fn member_report(
        &self,
        scope: &Scope,
        code: &str,
        month: &str,
    ) -> Result<MemberReport, AppError> {
        let member = self.figure_member(scope, code).await?;
        let first = parse_month(month).map_err(|m| AppError::invalid("month", m))?;
        let month = month_of(first);
        let next = first.last_of_month().tomorrow().map_err(|_| {
            AppError::invalid("month", samdrift_domain::msg!("field.too_far_ahead"))
        })?;
        let system = crate::demo::system_scope();
        let sla = self
            .sla_report(
                &system,
                Some(&member.code),
                &first.to_string(),
                &next.to_string(),
            )
            .await?;
        let invoice = self.invoice(&system, &member.code, &month).await?;
        let months = months_ending(first, 13);
        let measures: Vec<&str> = samdrift_domain::steering::measure::ALL
            .iter()
            .map(|m| m.as_str())
            .collect();
        let only = MemberFilter::Only(vec![MemberId(member.id)]);
        let from = months.first().cloned().unwrap_or_else(|| month.clone());
        let rows = self
            .store
            .figures(&only, &measures, &from, &month, false)
            .await?;
        let value = |measure: Measure, m: &str| {
            let latest = rows
                .iter()
                .filter(|f| f.measure == measure.as_str() && f.month == m)
                .max_by_key(|f| f.revision);
            latest.and_then(|f| combine(measure, [(f.numerator, f.denominator)]))
        };
        let figures = samdrift_domain::steering::measure::ALL
            .iter()
            .map(|m| (*m, value(*m, &month)))
            .collect();
        let compliance_trend = months
            .iter()
            .map(|m| (m.clone(), value(Measure::SlaCompliance, m)))
            .collect();
        let proposals = self
            .proposals(&system)
            .await?
            .into_iter()
            .filter(|p| {
                samdrift_domain::steering::proposal::ProposalState::parse(&p.proposal.state)
                    .is_ok_and(|s| s.is_open())
            })
            .filter(|p| p.proposal.member_id == Some(member.id) || p.affects.contains(&member.code))
            .collect();
        Ok(MemberReport {
            figures,
            compliance_trend,
            sla,
            invoiced_ore: invoice.total_ore,
            per_administration: invoice
                .per_administration
                .iter()
                .map(|a| (a.administration.clone(), a.amount_ore))
                .collect(),
            proposals,
            member,
            month,
        })
    }

    /// Archives a member's report for a month in a language, rendering its
    /// PDF, unless one is archived already (which never changes). Whether
    /// this one was archived.
    pub async fn archive_member_report(
        &self,
        member: &MemberRecord,
        month: &str,
        document: Document,
    ) -> Result<bool, AppError> {
        let lang = document.lang.clone();
        if self
            .store
            .archived_report(member.id, month, &lang)
            .await?
            .is_some()
        {
            return Ok(false);
        }
        let json = serde_json::to_string(&document).unwrap_or_default();
        let pdf = self.render_pdf(document).await?;
        Ok(self
            .store
            .archive_member_report(member.id, month, &lang, &json, &pdf, self.now_micros())
            .await?)
    }

    /// The members whose report for last month is due and not archived in
    /// `lang`: due from the first working day of this month.
    pub async fn member_reports_due(
        &self,
        lang: &str,
    ) -> Result<Vec<(MemberRecord, String)>, AppError> {
        let today = crate::catalog::today(self);
        if today < samdrift_domain::steering::first_working_day(today) {
            return Ok(vec![]);
        }
        let last = today.first_of_month().yesterday().map_err(|_| {
            AppError::invalid("month", samdrift_domain::msg!("field.too_far_ahead"))
        })?;
        let month = month_of(last);
        Ok(self
            .missing_member_reports(lang, &month)
            .await?
            .into_iter()
            .map(|m| (m, month.clone()))
            .collect())
    }

    /// The members without an archived report for `month` in `lang`.
    pub async fn missing_member_reports(
        &self,
        lang: &str,
        month: &str,
    ) -> Result<Vec<MemberRecord>, AppError> {
        let mut missing = Vec::new();
        for m in self
            .store
            .list_members(&crate::demo::system_scope())
            .await?
        {
            if self
                .store
                .archived_report(m.id, month, lang)
                .await?
                .is_none()
            {
                missing.push(m);
            }
        }
        Ok(missing)
    }

    /// A member's archived reports.
    pub async fn archived_reports(
        &self,
        scope: &Scope,
        code: &str,
    ) -> Result<(MemberRecord, Vec<ArchivedReportRow>), AppError> {
        let member = self.figure_member(scope, code).await?;
        let rows = self.store.archived_reports(member.id).await?;
        Ok((member, rows))
    }

    /// An archived report's PDF, as it was made.
    pub async fn archived_report_pdf(
        &self,
        scope: &Scope,
        code: &str,
        month: &str,
        lang: &str,
    ) -> Result<Vec<u8>, AppError> {
        let member = self.figure_member(scope, code).await?;
        let (_, pdf) = self
            .store
            .archived_report(member.id, month, lang)
            .await?
            .ok_or(AppError::NotFound("report"))?;
        Ok(pdf)
    }
}
