//! The compliance report for a member (or the whole federation) and a
//! period: compliance per service and priority from the stored clock
//! outcomes, availability per service against its target, and every
//! penalty (vite) per month with the rule and figures that produced it.
//! Identical inputs give identical reports: nothing depends on "now" except
//! through the stored, recomputed clocks.

use super::calendars::compile;
use crate::{App, AppError};
use jiff::civil::Date;
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
use samdrift_domain::sla::report::{ClockOutcome, ComplianceReport, ComplianceTally};
use samdrift_domain::time::{from_micros, stockholm, to_micros};
use samdrift_store::catalog::subscriptions::SubscriptionRow;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::registers::services::ServiceRecord;
use samdrift_store::service_levels::agreements::AgreementRecord;
use samdrift_store::service_levels::clocks::ReportClock;
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

/// The period of a report: `[from, to)` in days and instants, and its
/// months, each with the day its agreement is looked up on (the first of
/// the month, or `from` in the first).
struct ReportPeriod {
    from: Date,
    to: Date,
    start: jiff::Timestamp,
    end: jiff::Timestamp,
    months: Vec<(Date, (jiff::Timestamp, jiff::Timestamp), String)>,
}

impl ReportPeriod {
    fn parse(from: &str, to: &str) -> Result<ReportPeriod, AppError> {
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
        Ok(ReportPeriod {
            from: from_date,
            to: to_date,
            start: local_midnight(from_date, "from")?,
            end: local_midnight(to_date, "from")?,
            months,
        })
    }
}

/// What a report reads once and uses for every member and month.
#[derive(Default)]
struct ReportInputs {
    agreements: HashMap<Uuid, Vec<AgreementRecord>>,
    subscriptions: HashMap<Uuid, Vec<SubscriptionRow>>,
    specs: HashMap<Uuid, AgreementSpec>,
    prices: Option<PriceList>,
    outages: Option<Vec<(OutageRecord, Vec<Uuid>)>>,
    services_by_code: HashMap<String, Option<ServiceRecord>>,
    calendars: HashMap<Uuid, Option<Calendar>>,
}

/// An agreement's parsed terms, parsed once per report.
fn spec_of<'a>(
    specs: &'a mut HashMap<Uuid, AgreementSpec>,
    agreement: &AgreementRecord,
) -> Result<&'a AgreementSpec, AppError> {
    Ok(match specs.entry(agreement.id) {
        Entry::Occupied(known) => &*known.into_mut(),
        Entry::Vacant(slot) => &*slot.insert(super::agreements::parse(agreement)?),
    })
}

/// Texts that many clock outcomes share (a ticket's number for its two
/// clocks, a service code for thousands), kept once.
#[derive(Default)]
struct SharedTexts {
    services: HashSet<Arc<str>>,
    last_ticket: Option<Arc<str>>,
}

impl SharedTexts {
    fn outcome(&mut self, c: ReportClock<'_>) -> Option<ClockOutcome> {
        let priority = c.priority.parse::<Priority>().ok()?;
        let kind = if c.kind == "response" {
            ClockKind::Response
        } else {
            ClockKind::Resolution
        };
        // A ticket's two clocks are stored together and arrive one after
        // the other: they share the number's text.
        let ticket = match &self.last_ticket {
            Some(t) if **t == *c.number => t.clone(),
            _ => {
                let t: Arc<str> = c.number.into();
                self.last_ticket = Some(t.clone());
                t
            }
        };
        let service = c.service_code.map(|code| {
            if let Some(s) = self.services.get(code) {
                return s.clone();
            }
            let s: Arc<str> = code.into();
            self.services.insert(s.clone());
            s
        });
        Some(ClockOutcome {
            ticket,
            service,
            priority,
            kind,
            target_seconds: c.target_seconds,
            elapsed_seconds: c.elapsed_seconds,
            stopped_at: c.stopped_at.map(from_micros),
            breached_at: c.breached_at.map(from_micros),
        })
    }
}

/// The clocks a member's penalties look at: the kind and priorities of
/// every penalty rule of the agreements in force in the period's months
/// (as [`App::member_penalties`] finds them). A penalty counts only these
/// outcomes, so the report keeps only these.
fn penalty_clocks(
    inputs: &mut ReportInputs,
    m: &MemberRecord,
    period: &ReportPeriod,
) -> Result<Vec<(ClockKind, Priority)>, AppError> {
    let mut clocks = Vec::new();
    let Some(agreements) = inputs.agreements.get(&m.id) else {
        return Ok(clocks);
    };
    for (_, _, day) in &period.months {
        let Some(agreement) = in_force(agreements, day) else {
            continue;
        };
        rule_clocks(spec_of(&mut inputs.specs, agreement)?, &mut clocks);
    }
    Ok(clocks)
}

/// Adds the kind and priorities of each penalty rule of `spec` to `clocks`.
fn rule_clocks(spec: &AgreementSpec, clocks: &mut Vec<(ClockKind, Priority)>) {
    for rule in spec.entries.iter().flat_map(|e| &e.penalties) {
        for &priority in rule.priorities() {
            if !clocks.contains(&(rule.clock(), priority)) {
                clocks.push((rule.clock(), priority));
            }
        }
    }
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
            Some(_) => Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.reports"
            ))),
            None => Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.federation_report"
            ))),
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
        let period = ReportPeriod::parse(from, to)?;
        let members: Vec<MemberRecord> = match &member {
            Some(m) => vec![m.clone()],
            None => self.store.list_members(scope).await?,
        };
        let member_filter = match &member {
            Some(m) => MemberFilter::Only(vec![MemberId(m.id)]),
            None => scope.members(),
        };
        let mut inputs = self.report_inputs(&member_filter, &period).await?;
        let kept = members
            .iter()
            .map(|m| penalty_clocks(&mut inputs, m, &period))
            .collect::<Result<Vec<_>, _>>()?;
        let (compliance, outcomes) = self
            .report_outcomes(scope, member.as_ref(), &members, &kept, &period)
            .await?;
        let mut availability_lines = Vec::new();
        let mut penalties = Vec::new();
        for (m, outcomes) in members.iter().zip(&outcomes) {
            penalties.extend(
                self.member_penalties(&mut inputs, m, outcomes, &period)
                    .await?,
            );
            availability_lines.extend(
                self.member_availability(&mut inputs, &members, m, &period)
                    .await?,
            );
        }
        let penalty_total_ore = penalties.iter().map(|p| p.penalty.amount_ore).sum();
        Ok(SlaReport {
            member: member.map(|m| m.code),
            from: period.from.to_string(),
            to: period.to.to_string(),
            compliance,
            availability: availability_lines,
            penalties,
            penalty_total_ore,
        })
    }

    /// The compliance figures of every clock outcome in the period,
    /// counted as the clocks arrive chunk by chunk, and the outcomes each
    /// member's penalties look at (those of the clocks in `kept`, per
    /// member). A federation-year holds the elapsed times of its clocks
    /// and the few outcomes its penalty rules name, not every outcome.
    /// Their order does not matter: the figures and penalties do not
    /// depend on it.
    async fn report_outcomes(
        &self,
        scope: &Scope,
        member: Option<&MemberRecord>,
        members: &[MemberRecord],
        kept: &[Vec<(ClockKind, Priority)>],
        period: &ReportPeriod,
    ) -> Result<(ComplianceReport, Vec<Vec<ClockOutcome>>), AppError> {
        let index: HashMap<Uuid, usize> =
            members.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
        let mut compliance = ComplianceTally::new(period.start, period.end);
        let mut outcomes: Vec<Vec<ClockOutcome>> = vec![Vec::new(); members.len()];
        let mut texts = SharedTexts::default();
        self.store
            .each_clock_for_report(
                &scope.members(),
                member.map(|m| m.id),
                to_micros(period.start),
                to_micros(period.end),
                |c| {
                    let (Some(&i), Some(outcome)) = (index.get(&c.member_id), texts.outcome(c))
                    else {
                        return;
                    };
                    compliance.add(&outcome);
                    let wanted = kept
                        .get(i)
                        .is_some_and(|k| k.contains(&(outcome.kind, outcome.priority)));
                    if let (true, Some(list)) = (wanted, outcomes.get_mut(i)) {
                        list.push(outcome);
                    }
                },
            )
            .await?;
        // The lists grew by doubling; a federation-year holds them all
        // until the report is done.
        for list in &mut outcomes {
            list.shrink_to_fit();
        }
        Ok((compliance.report(), outcomes))
    }

    /// Agreements and subscriptions of every member for the whole period,
    /// read once: per member and month they were thousands of queries for
    /// a federation-year.
    async fn report_inputs(
        &self,
        members: &MemberFilter,
        period: &ReportPeriod,
    ) -> Result<ReportInputs, AppError> {
        let (from, to) = (period.from, period.to);
        let mut inputs = ReportInputs::default();
        for a in self
            .store
            .agreements_between(members, &from.to_string(), &to.to_string())
            .await?
        {
            inputs.agreements.entry(a.member_id).or_default().push(a);
        }
        for list in inputs.agreements.values_mut() {
            list.sort_by(by_precedence);
        }
        for s in self
            .store
            .subscriptions_between_for(
                members,
                &from.first_of_month().to_string(),
                &to.last_of_month().to_string(),
            )
            .await?
        {
            inputs.subscriptions.entry(s.member_id).or_default().push(s);
        }
        Ok(inputs)
    }

    /// A member's penalties, month by month with the agreement in force on
    /// the month's first day. Outcomes are split by entry once per
    /// agreement.
    async fn member_penalties(
        &self,
        inputs: &mut ReportInputs,
        m: &MemberRecord,
        outcomes: &[ClockOutcome],
        period: &ReportPeriod,
    ) -> Result<Vec<PenaltyLine>, AppError> {
        let mut penalties = Vec::new();
        let no_agreements = Vec::new();
        let agreements = inputs.agreements.get(&m.id).unwrap_or(&no_agreements);
        let no_subscriptions = Vec::new();
        let subscriptions = inputs.subscriptions.get(&m.id).unwrap_or(&no_subscriptions);
        let mut split: Option<(Uuid, Vec<Vec<&ClockOutcome>>)> = None;
        for (month, (m_from, m_to), day) in &period.months {
            let (p_from, p_to) = ((*m_from).max(period.start), (*m_to).min(period.end));
            let Some(agreement) = in_force(agreements, day) else {
                continue;
            };
            let spec = spec_of(&mut inputs.specs, agreement)?;
            if split.as_ref().is_none_or(|(id, _)| *id != agreement.id) {
                split = Some((agreement.id, split_by_entry(spec, outcomes)));
            }
            let by_entry = split
                .as_ref()
                .map(|(_, v)| v.as_slice())
                .unwrap_or_default();
            // The fee of a service comes from the member's subscriptions;
            // the agreement's figure stands for services without any (and
            // for the default entry).
            let fees = self
                .monthly_fees(subscriptions, *month, &mut inputs.prices)
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
        Ok(penalties)
    }

    /// A member's availability over the whole period, per entry of the
    /// agreement in force on its first day that has a target.
    async fn member_availability(
        &self,
        inputs: &mut ReportInputs,
        members: &[MemberRecord],
        m: &MemberRecord,
        period: &ReportPeriod,
    ) -> Result<Vec<AvailabilityLine>, AppError> {
        let no_agreements = Vec::new();
        let agreements = inputs.agreements.get(&m.id).unwrap_or(&no_agreements);
        let Some(agreement) = in_force(agreements, &period.from.to_string()) else {
            return Ok(Vec::new());
        };
        let spec = spec_of(&mut inputs.specs, agreement)?.clone();
        if inputs.outages.is_none() {
            let ids: Vec<Uuid> = members.iter().map(|m| m.id).collect();
            let (start, end) = (to_micros(period.start), to_micros(period.end));
            inputs.outages = Some(self.store.outages_between(Some(&ids), start, end).await?);
        }
        let mut lines = Vec::new();
        for entry in &spec.entries {
            let (Some(target), Some(cal_id), Some(code)) = (
                entry.availability_target_bp,
                entry.availability_calendar_id,
                entry.service.as_deref(),
            ) else {
                continue;
            };
            let Some(service) = self.report_service(inputs, code).await? else {
                continue;
            };
            let Some(calendar) = self.report_calendar(inputs, cal_id).await? else {
                continue;
            };
            let notice = entry.planned_notice_days * 86_400 * 1_000_000;
            let counted: Vec<(jiff::Timestamp, Option<jiff::Timestamp>)> = inputs
                .outages
                .iter()
                .flatten()
                .filter(|(o, affected)| affected.contains(&m.id) && o.service_id == service.id)
                .filter(|(o, _)| !(o.planned && o.starts_at - o.announced_at >= notice))
                .map(|(o, _)| (from_micros(o.starts_at), o.ends_at.map(from_micros)))
                .collect();
            let a = availability(&calendar, period.start, period.end, &counted);
            let met = a.availability_bp.map(|bp| bp >= target);
            lines.push(AvailabilityLine {
                member: m.code.clone(),
                service: code.to_owned(),
                target_bp: target,
                availability: a,
                met,
            });
        }
        Ok(lines)
    }

    /// A service by code, read once per report.
    async fn report_service(
        &self,
        inputs: &mut ReportInputs,
        code: &str,
    ) -> Result<Option<ServiceRecord>, AppError> {
        if !inputs.services_by_code.contains_key(code) {
            let service = self.store.service_by_code(code).await?;
            inputs.services_by_code.insert(code.to_owned(), service);
        }
        Ok(inputs.services_by_code.get(code).cloned().flatten())
    }

    /// A calendar, read and compiled once per report.
    async fn report_calendar(
        &self,
        inputs: &mut ReportInputs,
        id: Uuid,
    ) -> Result<Option<Calendar>, AppError> {
        if let Entry::Vacant(slot) = inputs.calendars.entry(id) {
            let calendar = match self.store.get_calendar(id).await? {
                Some(record) => Some(compile(&record)?.1),
                None => None,
            };
            slot.insert(calendar);
        }
        Ok(inputs.calendars.get(&id).cloned().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An agreement like the demo's: a default entry fined on P1 and P2
    /// resolution, a service fined per P1 resolution breach, and one
    /// without penalties.
    fn agreement() -> AgreementSpec {
        let calendar = Uuid::nil();
        let targets = serde_json::json!({
            "P1": {"response_seconds": 900, "resolution_seconds": 14_400, "calendar_id": calendar},
            "P2": {"response_seconds": 3600, "resolution_seconds": 28_800, "calendar_id": calendar},
            "P3": {"response_seconds": 14_400, "resolution_seconds": 83_700, "calendar_id": calendar},
            "P4": {"response_seconds": 27_900, "resolution_seconds": 279_000, "calendar_id": calendar}
        });
        let spec = serde_json::json!({
            "name": "Tjänsteavtal", "valid_from": "2027-01-01", "valid_to": "2027-12-31",
            "entries": [
                {"targets": targets, "monthly_fee_ore": 45_000_000,
                 "penalties": [{"kind": "compliance_share", "clock": "resolution", "priorities": ["P1", "P2"],
                                "threshold_bp": 9500, "per_point_bp": 200, "cap_bp": 2000}]},
                {"service": "CARE", "targets": targets, "monthly_fee_ore": 12_000_000,
                 "penalties": [{"kind": "per_breach", "clock": "resolution", "priorities": ["P1"], "amount_ore": 500_000}]},
                {"service": "EMAIL", "targets": targets, "monthly_fee_ore": 8_000_000}
            ]
        });
        serde_json::from_value(spec).expect("the test agreement")
    }

    /// Outcomes of every kind, priority and service, stopped, running and
    /// breached around March 2027.
    fn outcomes(start: jiff::Timestamp) -> Vec<ClockOutcome> {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let services: [Option<Arc<str>>; 4] = [
            None,
            Some("CARE".into()),
            Some("EMAIL".into()),
            Some("PRINT".into()),
        ];
        let at = |n: u64| {
            let seconds = n as i64 - 10 * 86_400;
            start + jiff::SignedDuration::from_secs(seconds)
        };
        (0..2_000)
            .map(|i| ClockOutcome {
                ticket: format!("YST-2027-{i:06}").into(),
                service: services[next(4) as usize].clone(),
                priority: Priority::ALL[next(4) as usize],
                kind: if next(2) == 0 {
                    ClockKind::Response
                } else {
                    ClockKind::Resolution
                },
                target_seconds: 14_400,
                elapsed_seconds: next(30_000) as i64,
                stopped_at: (next(3) > 0).then(|| at(next(50 * 86_400))),
                breached_at: (next(2) == 0).then(|| at(next(50 * 86_400))),
            })
            .collect()
    }

    /// The report keeps only the outcomes its penalty rules name; every
    /// penalty of every entry and month is the one all outcomes give.
    #[test]
    fn penalties_from_the_kept_outcomes_equal_those_from_all() {
        let spec = agreement();
        let mut kept_clocks = Vec::new();
        rule_clocks(&spec, &mut kept_clocks);
        let start: jiff::Timestamp = "2027-03-01T00:00:00+01:00".parse().unwrap();
        let all = outcomes(start);
        let kept: Vec<ClockOutcome> = all
            .iter()
            .filter(|o| kept_clocks.contains(&(o.kind, o.priority)))
            .cloned()
            .collect();
        assert!(
            kept.len() < all.len() / 2,
            "the rules name a few clocks only"
        );
        let (by_entry_all, by_entry_kept) =
            (split_by_entry(&spec, &all), split_by_entry(&spec, &kept));
        let mut penalties = 0;
        for month in 0..3 {
            let from = start + jiff::SignedDuration::from_hours(24 * 31 * month);
            let to = from + jiff::SignedDuration::from_hours(24 * 31);
            for ((entry, all), kept) in spec.entries.iter().zip(&by_entry_all).zip(&by_entry_kept) {
                for rule in &entry.penalties {
                    let whole = evaluate(rule, all.iter().copied(), from, to, 1_000_000);
                    penalties += usize::from(whole.is_some());
                    assert_eq!(
                        evaluate(rule, kept.iter().copied(), from, to, 1_000_000),
                        whole
                    );
                }
            }
        }
        assert!(penalties > 0, "some months are fined");
    }
}
