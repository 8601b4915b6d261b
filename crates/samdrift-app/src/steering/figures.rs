//! The monthly figures every KPI and report reads, computed by a job from
//! the ticket register, the SLA report, the invoices and the people, and
//! saved per member (`Store::save_figures`: an open month in place, a
//! closed month's changes as a new revision). Views never recompute them.

use crate::{App, AppError};
use jiff::civil::Date;
use samdrift_domain::steering::measure::Measure;
use samdrift_domain::steering::{month_of, parse_month};
use samdrift_domain::time::to_micros;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::steering::figures::{FigureRecord, MonthActivity, SavedFigures};
use std::collections::HashMap;
use uuid::Uuid;

/// One month's figures before they are saved.
struct MonthFigures {
    month: String,
    closed: bool,
    at: i64,
    out: Vec<FigureRecord>,
}

impl MonthFigures {
    fn push(&mut self, member: Uuid, measure: Measure, service: &str, n: i64, d: i64) {
        self.out.push(FigureRecord {
            member_id: member,
            measure: measure.as_str().to_owned(),
            service_code: service.to_owned(),
            month: self.month.clone(),
            revision: 0,
            numerator: n,
            denominator: d,
            month_closed: self.closed,
            computed_at: self.at,
        });
    }
}

impl App {
    /// Computes and saves every member's figures for `month` (`YYYY-MM`).
    /// A month is closed once it has ended.
    pub async fn compute_month_figures(&self, month: &str) -> Result<SavedFigures, AppError> {
        let first = parse_month(month).map_err(|m| AppError::invalid("month", m))?;
        let next = first.last_of_month().tomorrow().map_err(|_| {
            AppError::invalid("month", samdrift_domain::msg!("field.too_far_ahead"))
        })?;
        let today = crate::catalog::today(self);
        let closed = today >= next;
        let scope = crate::demo::system_scope();
        let members = self.store.list_members(&scope).await?;
        let mut figs = MonthFigures {
            month: month_of(first),
            closed,
            at: self.now_micros(),
            out: vec![],
        };
        self.ticket_figures(&mut figs, first, next.min(today.tomorrow().unwrap_or(next)))
            .await?;
        let users: HashMap<Uuid, i64> = self.store.users_per_member().await?.into_iter().collect();
        for m in &members {
            self.sla_figures(&mut figs, m, first, next).await?;
            self.cost_figures(&mut figs, m, month, users.get(&m.id).copied().unwrap_or(0))
                .await?;
        }
        Ok(self.store.save_figures(&figs.month, &figs.out).await?)
    }

    /// The current month and the one before (until its figures are final).
    pub async fn refresh_figures(&self) -> Result<(), AppError> {
        let today = crate::catalog::today(self);
        let previous = today.first_of_month().yesterday().map_err(|_| {
            AppError::invalid("month", samdrift_domain::msg!("field.too_far_ahead"))
        })?;
        for month in [month_of(previous), month_of(today)] {
            self.compute_month_figures(&month).await?;
        }
        Ok(())
    }

    async fn ticket_figures(
        &self,
        figs: &mut MonthFigures,
        first: Date,
        end: Date,
    ) -> Result<(), AppError> {
        let from = to_micros(crate::service_levels::reports::local_midnight(
            first, "month",
        )?);
        let to = to_micros(crate::service_levels::reports::local_midnight(
            end, "month",
        )?);
        for a in self.store.month_activity(from, to).await? {
            let MonthActivity {
                member_id: m,
                created,
                resolved,
                first_contact,
                open_at_end,
                open_age_days,
            } = a;
            figs.push(m, Measure::TicketVolume, "", created, 1);
            figs.push(
                m,
                Measure::FirstContactResolution,
                "",
                first_contact,
                resolved,
            );
            figs.push(m, Measure::Backlog, "", open_at_end, 1);
            figs.push(m, Measure::BacklogAge, "", open_age_days, open_at_end);
        }
        for (m, sum, count) in self.store.month_ratings(from, to).await? {
            figs.push(m, Measure::Satisfaction, "", sum, count);
        }
        Ok(())
    }

    async fn sla_figures(
        &self,
        figs: &mut MonthFigures,
        m: &MemberRecord,
        first: Date,
        next: Date,
    ) -> Result<(), AppError> {
        let scope = crate::demo::system_scope();
        let report = self
            .sla_report(&scope, Some(&m.code), &first.to_string(), &next.to_string())
            .await?;
        let (met, counted) = report
            .compliance
            .totals
            .iter()
            .fold((0, 0), |(a, b), t| (a + t.met as i64, b + t.counted as i64));
        figs.push(m.id, Measure::SlaCompliance, "", met, counted);
        let mut per_service: HashMap<&str, (i64, i64)> = HashMap::new();
        for row in &report.compliance.rows {
            let e = per_service
                .entry(row.service.as_deref().unwrap_or("-"))
                .or_default();
            e.0 += row.met as i64;
            e.1 += row.counted as i64;
        }
        for (service, (met, counted)) in per_service {
            figs.push(m.id, Measure::SlaCompliance, service, met, counted);
        }
        let (mut up, mut open) = (0, 0);
        for a in &report.availability {
            let u = a.availability.open_seconds - a.availability.down_seconds;
            figs.push(
                m.id,
                Measure::Availability,
                &a.service,
                u,
                a.availability.open_seconds,
            );
            up += u;
            open += a.availability.open_seconds;
        }
        figs.push(m.id, Measure::Availability, "", up, open);
        figs.push(m.id, Measure::Penalties, "", report.penalty_total_ore, 1);
        Ok(())
    }

    async fn cost_figures(
        &self,
        figs: &mut MonthFigures,
        m: &MemberRecord,
        month: &str,
        users: i64,
    ) -> Result<(), AppError> {
        let scope = crate::demo::system_scope();
        let invoice = self.invoice(&scope, &m.code, month).await?;
        let units: HashMap<String, String> = self
            .store
            .list_offerings()
            .await?
            .into_iter()
            .map(|o| (o.code, o.unit))
            .collect();
        let workstations: i64 = invoice
            .lines
            .iter()
            .filter(|l| units.get(&l.reference).is_some_and(|u| u == "workstation"))
            .map(|l| l.quantity)
            .sum();
        figs.push(
            m.id,
            Measure::CostPerWorkstation,
            "",
            invoice.total_ore,
            workstations,
        );
        figs.push(m.id, Measure::CostPerUser, "", invoice.total_ore, users);
        figs.push(m.id, Measure::Invoiced, "", invoice.total_ore, 1);
        let year = parse_month(month).map(|d| d.year()).ok();
        let budget = self.budget(&scope, &m.code, year).await?;
        figs.push(m.id, Measure::Budgeted, "", budget.total_ore / 12, 1);
        Ok(())
    }
}
