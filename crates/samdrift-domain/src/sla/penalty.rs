//! Penalty rules (vite) of an agreement entry and their evaluation for one
//! calendar month (SLA.md, "Compliance report and penalties"). A penalty
//! carries the rule, every figure that produced its amount and a sentence
//! that shows them, so an orderer who disputes it can redo the sum.
//!
//! Rules kept here, where SLA.md leaves a choice:
//! - Clocks count as in the compliance report ([`ClockOutcome::is_counted`]);
//!   the caller passes the outcomes of the entry's tickets (its service, or
//!   for the default entry the services without an entry of their own) and
//!   the month's bounds ([`month_period`], local midnights).
//! - **Compliance share**: compliance is the report's, over the counted
//!   clocks of the rule's kind and priorities together, in basis points
//!   rounded down. Below the threshold, the started percentage points below
//!   it are `ceil((threshold_bp - compliance_bp) / 100)`; because the
//!   threshold is a whole number of basis points, this equals the started
//!   points of the exact, unrounded shortfall. The share is `min(points *
//!   per_point_bp, cap_bp)` and the amount `fee * share_bp / 10000`, rounded
//!   down to whole öre: the penalty never exceeds the stated share of the
//!   fee (so never the cap), and the difference is under one öre. Nothing
//!   counted, or compliance at or above the threshold: no penalty.
//! - **Per breach**: `amount_ore` for each counted, breached clock of the
//!   rule's kind and priorities whose breach instant lies in the month
//!   (`breached_at`, or the stop when it is missing). A clock that stays
//!   breached over several months is counted as breached in each of them by
//!   the report, but it is one breached ticket and is fined once, in the
//!   month it breached: every breached clock is counted in that month.
//! - A negative fee or amount counts as 0 (validation refuses them). A rule
//!   whose condition holds gives a penalty even when its amount is 0.

use super::ClockKind;
use super::report::{ClockOutcome, compliance_bp};
use super::report_csv::kind_text;
use crate::calendar::{LocalTime, local_instant};
use crate::error::{FieldError, FieldErrors};
use crate::messages::{Arg, Message};
use crate::msg;
use crate::priority::Priority;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

/// A penalty rule of an agreement entry, as the API takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PenaltyRule {
    /// A share of the month's fee per started percentage point of monthly
    /// compliance below `threshold_bp`, capped at `cap_bp`.
    ComplianceShare {
        clock: ClockKind,
        priorities: Vec<Priority>,
        threshold_bp: u32,
        per_point_bp: u32,
        cap_bp: u32,
    },
    /// A fixed amount per breached clock.
    PerBreach {
        clock: ClockKind,
        priorities: Vec<Priority>,
        amount_ore: i64,
    },
}

/// One penalty of one month, with the figures that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Penalty {
    pub rule: PenaltyRule,
    pub from: Timestamp,
    pub to: Timestamp,
    /// The computation with every figure, put in words when shown.
    #[serde(skip)]
    pub explanation: Message,
    pub counted: u64,
    pub met: u64,
    pub breached: u64,
    pub compliance_bp: u32,
    /// Compliance share: started percentage points below the threshold.
    pub started_points: Option<u64>,
    /// Compliance share: the share of the fee after the cap.
    pub share_bp: Option<u32>,
    /// Compliance share: the month's fee it is a share of.
    pub monthly_fee_ore: Option<i64>,
    /// Per breach: the breaches fined (those that happened in the month).
    pub fined_breaches: Option<u64>,
    pub amount_ore: i64,
    /// The tickets fined (per breach) or breached (compliance share), sorted.
    pub tickets: Vec<String>,
}

impl PenaltyRule {
    pub fn clock(&self) -> ClockKind {
        match self {
            Self::ComplianceShare { clock, .. } | Self::PerBreach { clock, .. } => *clock,
        }
    }

    pub fn priorities(&self) -> &[Priority] {
        match self {
            Self::ComplianceShare { priorities, .. } | Self::PerBreach { priorities, .. } => {
                priorities
            }
        }
    }

    /// Checks a rule from the API; field names are relative to the rule.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let priorities = self.priorities();
        if priorities.is_empty() {
            errors.push("priorities", msg!("penalty.no_priority"));
        }
        for (index, priority) in priorities.iter().enumerate() {
            if priorities[..index].contains(priority) {
                errors.push(
                    format!("priorities[{index}]"),
                    msg!("field.listed_twice", value = priority.to_string()),
                );
            }
        }
        match self {
            Self::ComplianceShare {
                threshold_bp,
                per_point_bp,
                cap_bp,
                ..
            } => {
                let at_most_all = || msg!("penalty.at_most_all");
                for (field, value) in [
                    ("threshold_bp", threshold_bp),
                    ("per_point_bp", per_point_bp),
                    ("cap_bp", cap_bp),
                ] {
                    if *value > 10_000 {
                        errors.push(field, at_most_all());
                    }
                }
            }
            Self::PerBreach { amount_ore, .. } => {
                if *amount_ore < 0 {
                    errors.push("amount_ore", msg!("field.not_negative"));
                }
            }
        }
        errors.into_result(())
    }
}

/// The local month `year-month` in `time_zone` as `[first midnight, next
/// month's first midnight)` (a skipped midnight is the first instant after
/// the gap, as in calendars); `None` for a month that does not exist.
pub fn month_period(time_zone: &TimeZone, year: i16, month: i8) -> Option<(Timestamp, Timestamp)> {
    let first = Date::new(year, month, 1).ok()?;
    let next = first.checked_add(Span::new().months(1)).ok()?;
    let from = local_instant(time_zone, first, LocalTime::MIDNIGHT)?;
    let to = local_instant(time_zone, next, LocalTime::MIDNIGHT)?;
    Some((from, to))
}

/// The priorities as text: `P1-P2` for a run, `P1, P3` otherwise.
fn priorities_text(priorities: &[Priority]) -> String {
    let mut list = priorities.to_vec();
    list.sort();
    list.dedup();
    let run = list.windows(2).all(|w| w[1] as u8 == w[0] as u8 + 1);
    match (list.first(), list.last()) {
        (Some(first), Some(last)) if run && list.len() > 1 => format!("{first}-{last}"),
        _ => list
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A clock kind as a word of the catalogs.
fn clock_word(kind: ClockKind) -> Arg {
    Arg::Word("clock", kind_text(kind).to_owned())
}

/// The penalty `rule` gives for the month `[from, to)` over `outcomes` (the
/// entry's clocks, in any order), with the month's fee; `None` when it
/// gives none.
pub fn evaluate<'a>(
    rule: &PenaltyRule,
    outcomes: impl IntoIterator<Item = &'a ClockOutcome>,
    from: Timestamp,
    to: Timestamp,
    monthly_fee_ore: i64,
) -> Option<Penalty> {
    let selected: Vec<&ClockOutcome> = outcomes
        .into_iter()
        .filter(|o| o.kind == rule.clock() && rule.priorities().contains(&o.priority))
        .filter(|o| o.is_counted(from, to))
        .collect();
    let breached: Vec<&ClockOutcome> = selected
        .iter()
        .copied()
        .filter(|o| o.is_breached_in(from, to))
        .collect();
    let counted = u64::try_from(selected.len()).ok()?;
    let breached_count = u64::try_from(breached.len()).ok()?;
    let met = counted - breached_count;
    let compliance = compliance_bp(met, counted)?;
    let tickets = |list: &[&ClockOutcome]| {
        let mut tickets: Vec<String> = list.iter().map(|o| o.ticket.to_string()).collect();
        tickets.sort();
        tickets
    };
    let mut penalty = Penalty {
        rule: rule.clone(),
        from,
        to,
        explanation: Message::new("penalty.none"),
        counted,
        met,
        breached: breached_count,
        compliance_bp: compliance,
        started_points: None,
        share_bp: None,
        monthly_fee_ore: None,
        fined_breaches: None,
        amount_ore: 0,
        tickets: tickets(&breached),
    };
    match rule {
        PenaltyRule::ComplianceShare {
            threshold_bp,
            per_point_bp,
            cap_bp,
            ..
        } => {
            if compliance >= *threshold_bp {
                return None;
            }
            let points = u64::from(threshold_bp - compliance).div_ceil(100);
            let raw = points * u64::from(*per_point_bp);
            let share = u32::try_from(raw.min(u64::from(*cap_bp))).ok()?;
            let fee = monthly_fee_ore.max(0);
            let amount = i64::try_from(i128::from(fee) * i128::from(share) / 10_000).ok()?;
            penalty.explanation = msg!(
                "penalty.compliance_share",
                clock = clock_word(rule.clock()),
                priorities = priorities_text(rule.priorities()),
                met = met,
                counted = counted,
                compliance = Arg::Percent(compliance.into()),
                threshold = Arg::Percent((*threshold_bp).into()),
                points = points,
                per_point = Arg::Percent((*per_point_bp).into()),
                raw = Arg::Percent(raw),
                cap = Arg::Percent((*cap_bp).into()),
                share = Arg::Percent(share.into()),
                fee = Arg::Ore(fee),
                amount = Arg::Ore(amount),
            );
            penalty.started_points = Some(points);
            penalty.share_bp = Some(share);
            penalty.monthly_fee_ore = Some(fee);
            penalty.amount_ore = amount;
        }
        PenaltyRule::PerBreach { amount_ore, .. } => {
            let fined: Vec<&ClockOutcome> = breached
                .iter()
                .copied()
                .filter(|o| {
                    o.breached_at
                        .or(o.stopped_at)
                        .is_some_and(|b| from <= b && b < to)
                })
                .collect();
            let fined_count = u64::try_from(fined.len()).ok()?;
            if fined_count == 0 {
                return None;
            }
            let each = (*amount_ore).max(0);
            let amount = i128::from(each) * i128::from(fined_count);
            let amount = i64::try_from(amount).unwrap_or(i64::MAX);
            let earlier = breached_count - fined_count;
            penalty.explanation = Message::new(if earlier == 0 {
                "penalty.per_breach"
            } else {
                "penalty.per_breach_earlier"
            })
            .with("clock", clock_word(rule.clock()))
            .with("priorities", priorities_text(rule.priorities()))
            .with("counted", counted)
            .with("breached", breached_count)
            .with("earlier", earlier)
            .with("fined", fined_count)
            .with("each", Arg::Ore(each))
            .with("amount", Arg::Ore(amount));
            penalty.fined_breaches = Some(fined_count);
            penalty.amount_ore = amount;
            penalty.tickets = tickets(&fined);
        }
    }
    Some(penalty)
}
