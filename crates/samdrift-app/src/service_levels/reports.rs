//! The compliance report for a member (or the whole federation) and a
//! period: compliance per service and priority from the stored clock
//! outcomes, availability per service against its target, and every
//! penalty (vite) per month with the rule and figures that produced it.
//! Identical inputs give identical reports: nothing depends on "now" except
//! through the stored, recomputed clocks.

use super::calendars::compile;
use crate::{App, AppError};
use samdrift_domain::agreement::parse_date;
use samdrift_domain::ids::MemberId;
use samdrift_domain::priority::Priority;
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::Scope;
use samdrift_domain::sla::ClockKind;
use samdrift_domain::sla::availability::{Availability, availability};
use samdrift_domain::sla::penalty::{Penalty, evaluate, month_period};
use samdrift_domain::sla::report::{ClockOutcome, ComplianceReport, compliance_report};
use samdrift_domain::time::{from_micros, stockholm, to_micros};
use samdrift_store::registers::members::MemberRecord;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct AvailabilityLine {
    pub member: String,
    pub service: String,
    pub target_bp: u32,
    pub availability: Availability,
    /// None when there was no open time to measure.
    pub met: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PenaltyLine {
    pub member: String,
    /// `YYYY-MM`.
    pub month: String,
    pub agreement: String,
    /// The entry's service code or `default`.
    pub entry: String,
    pub penalty: Penalty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SlaReport {
    pub member: Option<String>,
    pub from: String,
    pub to: String,
    pub compliance: ComplianceReport,
    pub availability: Vec<AvailabilityLine>,
    pub penalties: Vec<PenaltyLine>,
    pub penalty_total_ore: i64,
}

/// The start of a local day in Europe/Stockholm; `field` is named if the
/// date cannot be placed.
pub(crate) fn local_midnight(
    date: jiff::civil::Date,
    field: &str,
) -> Result<jiff::Timestamp, AppError> {
    stockholm()
        .to_ambiguous_zoned_datetime(date.to_datetime(jiff::civil::Time::midnight()))
        .compatible()
        .map(|z| z.timestamp())
        .map_err(|_| AppError::invalid(field, "cannot place that date in Europe/Stockholm"))
}

/// The outcomes of each entry of an agreement, in entry order: a service's
/// own entry takes its tickets, the default entry takes the rest.
fn split_by_entry(
    spec: &samdrift_domain::agreement::AgreementSpec,
    outcomes: &[ClockOutcome],
) -> Vec<Vec<ClockOutcome>> {
    let default = spec.entries.iter().position(|e| e.service.is_none());
    let mut split = vec![Vec::new(); spec.entries.len()];
    for o in outcomes {
        let own = o.service.as_deref().and_then(|code| {
            spec.entries
                .iter()
                .position(|e| e.service.as_deref() == Some(code))
        });
        if let Some(i) = own.or(default) {
            split[i].push(o.clone());
        }
    }
    split
}

impl App {
    /// Who may read a report: staff for any member or the federation;
    /// orderers and strategists for their own member.
    fn report_members(&self, scope: &Scope, member: Option<&MemberRecord>) -> Result<(), AppError> {
        if scope.is_staff() {
            return Ok(());
        }
        match member {
            Some(m)
                if scope.has_role_in(MemberId(m.id), MemberRole::Orderer)
                    || scope.has_role_in(MemberId(m.id), MemberRole::Strategist) =>
            {
                Ok(())
            }
            Some(_) => Err(AppError::Forbidden(
                "reports are for the member's orderers and strategists".into(),
            )),
            None => Err(AppError::Forbidden(
                "the federation report is for service center staff; name your member".into(),
            )),
        }
    }

    pub async fn sla_report(
        &self,
        scope: &Scope,
        member: Option<&str>,
        from: &str,
        to: &str,
    ) -> Result<SlaReport, AppError> {
        let member = match member {
            Some(code) => Some(self.member_in_scope(scope, code).await?),
            None => None,
        };
        self.report_members(scope, member.as_ref())?;
        let from_date = parse_date(from).map_err(|e| AppError::invalid("from", e))?;
        let to_date = parse_date(to).map_err(|e| AppError::invalid("to", e))?;
        if to_date <= from_date {
            return Err(AppError::invalid(
                "to",
                "must be after from (the period is [from, to))",
            ));
        }
        if (to_date - from_date).get_days() > 3 * 366 {
            return Err(AppError::invalid(
                "to",
                "a report covers at most three years",
            ));
        }
        let (start, end) = (
            local_midnight(from_date, "from")?,
            local_midnight(to_date, "from")?,
        );
        let members: Vec<MemberRecord> = match &member {
            Some(m) => vec![m.clone()],
            None => self.store.list_members(scope).await?,
        };
        let mut rows = self
            .store
            .clocks_for_report(
                &scope.members(),
                member.as_ref().map(|m| m.id),
                to_micros(start),
                to_micros(end),
            )
            .await?;
        // A stable order whatever order the database returns.
        rows.sort_by(|a, b| (&a.number, &a.kind).cmp(&(&b.number, &b.kind)));
        let mut outcomes_by_member: std::collections::HashMap<Uuid, Vec<ClockOutcome>> =
            Default::default();
        for c in rows {
            let kind = if c.kind == "response" {
                ClockKind::Response
            } else {
                ClockKind::Resolution
            };
            let Ok(priority) = c.priority.parse::<Priority>() else {
                continue;
            };
            outcomes_by_member
                .entry(c.member_id)
                .or_default()
                .push(ClockOutcome {
                    ticket: c.number,
                    service: c.service_code,
                    priority,
                    kind,
                    target_seconds: c.target_seconds,
                    elapsed_seconds: c.elapsed_seconds,
                    stopped_at: c.stopped_at.map(from_micros),
                    breached_at: c.breached_at.map(from_micros),
                });
        }
        let all: Vec<ClockOutcome> = members
            .iter()
            .flat_map(|m| outcomes_by_member.get(&m.id).into_iter().flatten().cloned())
            .collect();
        let compliance = compliance_report(&all, start, end);

        let mut availability_lines = Vec::new();
        let mut penalties = Vec::new();
        for m in &members {
            let outcomes = outcomes_by_member.remove(&m.id).unwrap_or_default();
            // Month by month, with the agreement in force on the month's first
            // day. Outcomes are split by entry once per agreement.
            let mut split: Option<(Uuid, Vec<Vec<ClockOutcome>>)> = None;
            let mut month = from_date.first_of_month();
            while month < to_date {
                let Some((m_from, m_to)) = month_period(&stockholm(), month.year(), month.month())
                else {
                    break;
                };
                let (p_from, p_to) = (m_from.max(start), m_to.min(end));
                if let Some(agreement) = self
                    .store
                    .agreement_in_force(m.id, &month.max(from_date).to_string())
                    .await?
                {
                    let spec = super::agreements::parse(&agreement)?;
                    if split.as_ref().is_none_or(|(id, _)| *id != agreement.id) {
                        split = Some((agreement.id, split_by_entry(&spec, &outcomes)));
                    }
                    let by_entry = split
                        .as_ref()
                        .map(|(_, v)| v.as_slice())
                        .unwrap_or_default();
                    // The fee of a service comes from the member's
                    // subscriptions; the agreement's figure stands for
                    // services without any (and for the default entry).
                    let fees = self.monthly_fees(m.id, month).await?;
                    for (entry, entry_outcomes) in spec.entries.iter().zip(by_entry) {
                        let fee = entry
                            .service
                            .as_deref()
                            .and_then(|code| fees.get(code))
                            .copied()
                            .unwrap_or(entry.monthly_fee_ore);
                        for rule in &entry.penalties {
                            if let Some(p) = evaluate(rule, entry_outcomes, p_from, p_to, fee) {
                                penalties.push(PenaltyLine {
                                    member: m.code.clone(),
                                    month: format!("{:04}-{:02}", month.year(), month.month()),
                                    agreement: agreement.name.clone(),
                                    entry: entry
                                        .service
                                        .clone()
                                        .unwrap_or_else(|| "default".into()),
                                    penalty: p,
                                });
                            }
                        }
                    }
                }
                match month.checked_add(jiff::Span::new().months(1)) {
                    Ok(next) => month = next,
                    Err(_) => break,
                }
            }
            // Availability over the whole period, per entry with a target.
            if let Some(agreement) = self
                .store
                .agreement_in_force(m.id, &from_date.to_string())
                .await?
            {
                let spec = super::agreements::parse(&agreement)?;
                let outages = self
                    .store
                    .outages_between(Some(&[m.id]), to_micros(start), to_micros(end))
                    .await?;
                for entry in &spec.entries {
                    let (Some(target), Some(cal_id), Some(code)) = (
                        entry.availability_target_bp,
                        entry.availability_calendar_id,
                        entry.service.as_deref(),
                    ) else {
                        continue;
                    };
                    let Some(service) = self.store.service_by_code(code).await? else {
                        continue;
                    };
                    let Some(record) = self.store.get_calendar(cal_id).await? else {
                        continue;
                    };
                    let (_, calendar) = compile(&record)?;
                    let notice = entry.planned_notice_days * 86_400 * 1_000_000;
                    let counted: Vec<(jiff::Timestamp, Option<jiff::Timestamp>)> = outages
                        .iter()
                        .filter(|(o, _)| o.service_id == service.id)
                        .filter(|(o, _)| !(o.planned && o.starts_at - o.announced_at >= notice))
                        .map(|(o, _)| (from_micros(o.starts_at), o.ends_at.map(from_micros)))
                        .collect();
                    let a = availability(&calendar, start, end, &counted);
                    let met = a.availability_bp.map(|bp| bp >= target);
                    availability_lines.push(AvailabilityLine {
                        member: m.code.clone(),
                        service: code.to_owned(),
                        target_bp: target,
                        availability: a,
                        met,
                    });
                }
            }
        }
        let penalty_total_ore = penalties.iter().map(|p| p.penalty.amount_ore).sum();
        Ok(SlaReport {
            member: member.map(|m| m.code),
            from: from_date.to_string(),
            to: to_date.to_string(),
            compliance,
            availability: availability_lines,
            penalties,
            penalty_total_ore,
        })
    }
}
