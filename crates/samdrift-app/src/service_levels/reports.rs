//! The compliance report for a member (or the whole federation) and a
//! period: compliance per service and priority from the stored clock
//! outcomes, availability per service against its target, and every
//! penalty (vite) per month with the rule and figures that produced it.
//! Identical inputs give identical reports: nothing depends on "now" except
//! through the stored, recomputed clocks.

use super::calendars::compile;
use crate::{App, AppError};
use samdrift_domain::agreement::{AgreementSpec, parse_date};
use samdrift_domain::calendar::Calendar;
use samdrift_domain::charging::PriceList;
use samdrift_domain::ids::MemberId;
use samdrift_domain::priority::Priority;
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_domain::sla::ClockKind;
use samdrift_domain::sla::availability::{Availability, availability};
use samdrift_domain::sla::penalty::{Penalty, evaluate, month_period};
use samdrift_domain::sla::report::{ClockOutcome, ComplianceReport, compliance_report};
use samdrift_domain::time::{from_micros, stockholm, to_micros};
use samdrift_store::catalog::subscriptions::SubscriptionRow;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::registers::services::ServiceRecord;
use samdrift_store::service_levels::agreements::AgreementRecord;
use samdrift_store::service_levels::outages::OutageRecord;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
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
    /// The entry's service code or [`super::DEFAULT_ENTRY`].
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
        .map_err(|_| AppError::invalid(field, samdrift_domain::msg!("report.cannot_place_date")))
}

/// The outcomes of each entry of an agreement, in entry order: a service's
/// own entry takes its tickets, the default entry takes the rest.
fn split_by_entry<'a>(
    spec: &samdrift_domain::agreement::AgreementSpec,
    outcomes: &'a [ClockOutcome],
) -> Vec<Vec<&'a ClockOutcome>> {
    let default = spec.entries.iter().position(|e| e.service.is_none());
    let mut split = vec![Vec::new(); spec.entries.len()];
    for o in outcomes {
        let own = o.service.as_deref().and_then(|code| {
            spec.entries
                .iter()
                .position(|e| e.service.as_deref() == Some(code))
        });
        if let Some(i) = own.or(default) {
            split[i].push(o);
        }
    }
    split
}

/// The agreement in force on a local date (`YYYY-MM-DD`) among a member's
/// agreements sorted by [`by_precedence`]: the latest starting one if
/// periods overlap, as `Store::agreement_in_force` picks it.
fn in_force<'a>(agreements: &'a [AgreementRecord], date: &str) -> Option<&'a AgreementRecord> {
    agreements
        .iter()
        .find(|a| a.valid_from.as_str() <= date && a.valid_to.as_str() >= date)
}

/// Latest start first, then by id.
fn by_precedence(a: &AgreementRecord, b: &AgreementRecord) -> std::cmp::Ordering {
    b.valid_from.cmp(&a.valid_from).then(a.id.cmp(&b.id))
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
                samdrift_domain::msg!("report.to_after_from"),
            ));
        }
        if (to_date - from_date).get_days() > 3 * 366 {
            return Err(AppError::invalid(
                "to",
                samdrift_domain::msg!("report.three_years"),
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
        let index: HashMap<Uuid, usize> =
            members.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
        // The outcomes of each member, converted chunk by chunk as the clocks
        // arrive. Their order does not matter: the figures and penalties do
        // not depend on it.
        let mut outcomes: Vec<Vec<ClockOutcome>> = vec![Vec::new(); members.len()];
        let mut services: HashSet<Arc<str>> = HashSet::new();
        let mut last_ticket: Option<Arc<str>> = None;
        self.store
            .each_clock_for_report(
                &scope.members(),
                member.as_ref().map(|m| m.id),
                to_micros(start),
                to_micros(end),
                |c| {
                    let Some(&i) = index.get(&c.member_id) else {
                        return;
                    };
                    let Ok(priority) = c.priority.parse::<Priority>() else {
                        return;
                    };
                    let kind = if c.kind == "response" {
                        ClockKind::Response
                    } else {
                        ClockKind::Resolution
                    };
                    // A ticket's two clocks are stored together and arrive
                    // one after the other: they share the number's text.
                    let ticket = match &last_ticket {
                        Some(t) if **t == *c.number => t.clone(),
                        _ => {
                            let t: Arc<str> = c.number.into();
                            last_ticket = Some(t.clone());
                            t
                        }
                    };
                    let service = c.service_code.map(|code| {
                        if let Some(s) = services.get(code) {
                            return s.clone();
                        }
                        let s: Arc<str> = code.into();
                        services.insert(s.clone());
                        s
                    });
                    if let Some(list) = outcomes.get_mut(i) {
                        list.push(ClockOutcome {
                            ticket,
                            service,
                            priority,
                            kind,
                            target_seconds: c.target_seconds,
                            elapsed_seconds: c.elapsed_seconds,
                            stopped_at: c.stopped_at.map(from_micros),
                            breached_at: c.breached_at.map(from_micros),
                        });
                    }
                },
            )
            .await?;
        // The lists grew by doubling; a federation-year holds them all
        // until the report is done.
        for list in &mut outcomes {
            list.shrink_to_fit();
        }
        let compliance = compliance_report(outcomes.iter().flatten(), start, end);

        // The months of the period, each with the day its agreement is
        // looked up on (the first of the month, or `from` in the first).
        let mut months = Vec::new();
        let mut month = from_date.first_of_month();
        while month < to_date {
            let Some(bounds) = month_period(&stockholm(), month.year(), month.month()) else {
                break;
            };
            months.push((month, bounds, month.max(from_date).to_string()));
            match month.checked_add(jiff::Span::new().months(1)) {
                Ok(next) => month = next,
                Err(_) => break,
            }
        }
        // Agreements and subscriptions of every member for the whole
        // period, read once: per member and month they were thousands of
        // queries for a federation-year.
        let member_filter = match &member {
            Some(m) => MemberFilter::Only(vec![MemberId(m.id)]),
            None => scope.members(),
        };
        let mut agreements: HashMap<Uuid, Vec<AgreementRecord>> = HashMap::new();
        for a in self
            .store
            .agreements_between(&member_filter, &from_date.to_string(), &to_date.to_string())
            .await?
        {
            agreements.entry(a.member_id).or_default().push(a);
        }
        for list in agreements.values_mut() {
            list.sort_by(by_precedence);
        }
        let mut subscriptions: HashMap<Uuid, Vec<SubscriptionRow>> = HashMap::new();
        for s in self
            .store
            .subscriptions_between_for(
                &member_filter,
                &from_date.first_of_month().to_string(),
                &to_date.last_of_month().to_string(),
            )
            .await?
        {
            subscriptions.entry(s.member_id).or_default().push(s);
        }
        let mut specs: HashMap<Uuid, AgreementSpec> = HashMap::new();
        let mut prices: Option<PriceList> = None;
        let mut outages: Option<Vec<(OutageRecord, Vec<Uuid>)>> = None;
        let mut services_by_code: HashMap<String, Option<ServiceRecord>> = HashMap::new();
        let mut calendars: HashMap<Uuid, Option<Calendar>> = HashMap::new();

        let mut availability_lines = Vec::new();
        let mut penalties = Vec::new();
        for (m, outcomes) in members.iter().zip(&outcomes) {
            let no_agreements = Vec::new();
            let member_agreements = agreements.get(&m.id).unwrap_or(&no_agreements);
            let no_subscriptions = Vec::new();
            let member_subscriptions = subscriptions.get(&m.id).unwrap_or(&no_subscriptions);
            // Month by month, with the agreement in force on the month's first
            // day. Outcomes are split by entry once per agreement.
            let mut split: Option<(Uuid, Vec<Vec<&ClockOutcome>>)> = None;
            for (month, (m_from, m_to), day) in &months {
                let (p_from, p_to) = ((*m_from).max(start), (*m_to).min(end));
                let Some(agreement) = in_force(member_agreements, day) else {
                    continue;
                };
                let spec = match specs.entry(agreement.id) {
                    Entry::Occupied(known) => &*known.into_mut(),
                    Entry::Vacant(slot) => &*slot.insert(super::agreements::parse(agreement)?),
                };
                if split.as_ref().is_none_or(|(id, _)| *id != agreement.id) {
                    split = Some((agreement.id, split_by_entry(spec, outcomes)));
                }
                let by_entry = split
                    .as_ref()
                    .map(|(_, v)| v.as_slice())
                    .unwrap_or_default();
                // The fee of a service comes from the member's
                // subscriptions; the agreement's figure stands for
                // services without any (and for the default entry).
                let fees = self
                    .monthly_fees(member_subscriptions, *month, &mut prices)
                    .await?;
                for (entry, entry_outcomes) in spec.entries.iter().zip(by_entry) {
                    let fee = entry
                        .service
                        .as_deref()
                        .and_then(|code| fees.get(code))
                        .copied()
                        .unwrap_or(entry.monthly_fee_ore);
                    for rule in &entry.penalties {
                        if let Some(p) =
                            evaluate(rule, entry_outcomes.iter().copied(), p_from, p_to, fee)
                        {
                            penalties.push(PenaltyLine {
                                member: m.code.clone(),
                                month: format!("{:04}-{:02}", month.year(), month.month()),
                                agreement: agreement.name.clone(),
                                entry: entry
                                    .service
                                    .clone()
                                    .unwrap_or_else(|| super::DEFAULT_ENTRY.into()),
                                penalty: p,
                            });
                        }
                    }
                }
            }
            // Availability over the whole period, per entry with a target.
            if let Some(agreement) = in_force(member_agreements, &from_date.to_string()) {
                let spec = match specs.entry(agreement.id) {
                    Entry::Occupied(known) => &*known.into_mut(),
                    Entry::Vacant(slot) => &*slot.insert(super::agreements::parse(agreement)?),
                };
                if outages.is_none() {
                    let ids: Vec<Uuid> = members.iter().map(|m| m.id).collect();
                    outages = Some(
                        self.store
                            .outages_between(Some(&ids), to_micros(start), to_micros(end))
                            .await?,
                    );
                }
                let member_outages = outages
                    .iter()
                    .flatten()
                    .filter(|(_, affected)| affected.contains(&m.id));
                for entry in &spec.entries {
                    let (Some(target), Some(cal_id), Some(code)) = (
                        entry.availability_target_bp,
                        entry.availability_calendar_id,
                        entry.service.as_deref(),
                    ) else {
                        continue;
                    };
                    if !services_by_code.contains_key(code) {
                        let service = self.store.service_by_code(code).await?;
                        services_by_code.insert(code.to_owned(), service);
                    }
                    let Some(Some(service)) = services_by_code.get(code) else {
                        continue;
                    };
                    if let Entry::Vacant(slot) = calendars.entry(cal_id) {
                        let calendar = match self.store.get_calendar(cal_id).await? {
                            Some(record) => Some(compile(&record)?.1),
                            None => None,
                        };
                        slot.insert(calendar);
                    }
                    let Some(Some(calendar)) = calendars.get(&cal_id) else {
                        continue;
                    };
                    let notice = entry.planned_notice_days * 86_400 * 1_000_000;
                    let counted: Vec<(jiff::Timestamp, Option<jiff::Timestamp>)> = member_outages
                        .clone()
                        .filter(|(o, _)| o.service_id == service.id)
                        .filter(|(o, _)| !(o.planned && o.starts_at - o.announced_at >= notice))
                        .map(|(o, _)| (from_micros(o.starts_at), o.ends_at.map(from_micros)))
                        .collect();
                    let a = availability(calendar, start, end, &counted);
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
