//! The compliance report: per service, priority and clock kind, how many
//! clocks count in a period `[from, to)`, how many met and breached their
//! target, the compliance share and the median and 90th percentile of the
//! elapsed business time (SLA.md, "Compliance report and penalties"). It
//! owns the counting rule that the penalties use as well.
//!
//! Rules kept here, where SLA.md leaves a choice:
//! - **Counted**: a clock counts in `[from, to)` when it stopped in it
//!   (`from <= stopped_at < to`), or when it had not stopped by `to`
//!   (`stopped_at` is `None` or `>= to`; a paused clock has not stopped) and
//!   had already breached before `to` (`breached_at < to`). A clock that
//!   keeps running breached over several periods is therefore counted, as
//!   breached, in each of them and again in the period it stops in, exactly
//!   as SLA.md words it. Running clocks not (yet) breached at `to` are not
//!   counted. Outcomes are judged as the caller computed them: a clock
//!   reopened after the period shows its state at report time.
//! - **Breached / met**: a counted clock is breached when its elapsed time
//!   exceeds its target (equal is met), or when it is counted because it
//!   breached while running. `breached_at` decides only whether a running
//!   clock counts; a stopped clock is judged by its elapsed time. Every
//!   counted clock is either met or breached.
//! - **Compliance** is `met * 10000 / counted` basis points (10000 = 100 %),
//!   rounded down, so 94.99 % never shows as 95.00 % and a threshold is
//!   reached only when it really is; `None` when nothing is counted.
//! - **Median and 90th percentile** by the nearest-rank method over the
//!   elapsed seconds of the counted clocks, sorted ascending: the value of
//!   rank `ceil(p * n / 100)` (at least 1). The median of an even count is
//!   thus the lower of the two middle values (1 value: itself; 2: the
//!   smaller; 10: the 5th); the 90th percentile of 10 values is the 9th,
//!   of 2 the larger. Always a value that occurred, never an average.
//! - **Elapsed** is the one in the outcome. [`ClockOutcome::from_clock`]
//!   takes it at the period's end for a clock that had not stopped before
//!   it, so the report of a closed period is the same whenever it is run.
//! - **Order**: rows by service code (no service last), priority, then the
//!   response clock before the resolution clock. Every (service, priority,
//!   kind) present in the input gets a row, even with nothing counted.
//!   Totals: one row per clock kind, both always, across all rows.

use super::breach::{breach_instant, elapsed_at};
use super::{Clock, ClockKind};
use crate::priority::Priority;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One clock of one ticket, as the report needs it. A federation-year
/// report holds hundreds of thousands of these, so the texts are shared:
/// a ticket's two clocks share its number and all clocks of a service its
/// code, and copying an outcome copies no text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockOutcome {
    /// The ticket number.
    pub ticket: Arc<str>,
    /// The service code; `None` for a ticket without a service.
    pub service: Option<Arc<str>>,
    pub priority: Priority,
    pub kind: ClockKind,
    pub target_seconds: i64,
    pub elapsed_seconds: i64,
    pub stopped_at: Option<Timestamp>,
    pub breached_at: Option<Timestamp>,
}

impl ClockOutcome {
    /// The outcome of `clock` for a period ending at `period_end`: the
    /// breach instant from its segments and, for a clock that had not
    /// stopped before `period_end`, its elapsed time at `period_end`.
    pub fn from_clock(
        ticket: impl Into<Arc<str>>,
        service: Option<Arc<str>>,
        clock: &Clock,
        period_end: Timestamp,
    ) -> Self {
        let stopped_before = clock.stopped_at.is_some_and(|s| s < period_end);
        let elapsed_seconds = if stopped_before {
            clock.elapsed_seconds
        } else {
            elapsed_at(clock, period_end).min(clock.elapsed_seconds)
        };
        Self {
            ticket: ticket.into(),
            service,
            priority: clock.priority,
            kind: clock.kind,
            target_seconds: clock.target_seconds,
            elapsed_seconds,
            stopped_at: clock.stopped_at,
            breached_at: breach_instant(clock),
        }
    }

    fn stopped_in(&self, from: Timestamp, to: Timestamp) -> bool {
        self.stopped_at.is_some_and(|s| from <= s && s < to)
    }

    fn running_breached_at(&self, to: Timestamp) -> bool {
        self.stopped_at.is_none_or(|s| s >= to) && self.breached_at.is_some_and(|b| b < to)
    }

    /// Whether the clock counts in `[from, to)` (see the module doc).
    pub fn is_counted(&self, from: Timestamp, to: Timestamp) -> bool {
        self.stopped_in(from, to) || self.running_breached_at(to)
    }

    /// Whether the clock counts in `[from, to)` as breached.
    pub fn is_breached_in(&self, from: Timestamp, to: Timestamp) -> bool {
        self.running_breached_at(to)
            || (self.stopped_in(from, to) && self.elapsed_seconds > self.target_seconds.max(0))
    }
}

/// The figures of one row of the compliance report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplianceRow {
    pub service: Option<String>,
    pub priority: Priority,
    pub kind: ClockKind,
    pub counted: u64,
    pub met: u64,
    pub breached: u64,
    /// Met share of counted, basis points rounded down; `None` when nothing
    /// is counted.
    pub compliance_bp: Option<u32>,
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
}

/// The same figures for one clock kind across all services and priorities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplianceTotal {
    pub kind: ClockKind,
    pub counted: u64,
    pub met: u64,
    pub breached: u64,
    pub compliance_bp: Option<u32>,
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
}

/// The compliance report of one period `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplianceReport {
    pub from: Timestamp,
    pub to: Timestamp,
    pub rows: Vec<ComplianceRow>,
    pub totals: Vec<ComplianceTotal>,
}

/// Counts and elapsed times of a group, before the figures are derived.
#[derive(Debug, Default)]
struct Tally {
    met: u64,
    breached: u64,
    elapsed: Vec<i64>,
}

impl Tally {
    fn add(&mut self, outcome: &ClockOutcome, from: Timestamp, to: Timestamp) {
        if !outcome.is_counted(from, to) {
            return;
        }
        if outcome.is_breached_in(from, to) {
            self.breached += 1;
        } else {
            self.met += 1;
        }
        self.elapsed.push(outcome.elapsed_seconds);
    }

    /// counted, met, breached, compliance, median, p90.
    fn figures(mut self) -> (u64, u64, u64, Option<u32>, Option<i64>, Option<i64>) {
        self.elapsed.sort_unstable();
        let counted = self.met + self.breached;
        (
            counted,
            self.met,
            self.breached,
            compliance_bp(self.met, counted),
            nearest_rank(&self.elapsed, 50),
            nearest_rank(&self.elapsed, 90),
        )
    }
}

/// `met / counted` in basis points, rounded down; `None` when `counted` is 0.
pub fn compliance_bp(met: u64, counted: u64) -> Option<u32> {
    if counted == 0 {
        return None;
    }
    let bp = u128::from(met.min(counted)) * 10_000 / u128::from(counted);
    u32::try_from(bp).ok()
}

/// The `percent`-th percentile of ascending `sorted` values by the nearest
/// rank: the value of rank `ceil(percent * n / 100)`, at least 1.
pub fn nearest_rank(sorted: &[i64], percent: u64) -> Option<i64> {
    let n = u64::try_from(sorted.len()).ok()?;
    if n == 0 {
        return None;
    }
    let rank = (percent.min(100) * n).div_ceil(100).max(1);
    sorted.get(usize::try_from(rank - 1).ok()?).copied()
}

fn kind_rank(kind: ClockKind) -> u8 {
    match kind {
        ClockKind::Response => 0,
        ClockKind::Resolution => 1,
    }
}

/// The compliance report of `outcomes` for `[from, to)`. The outcomes may
/// come in any order and from several lists (e.g. one per member): the
/// figures do not depend on their order.
pub fn compliance_report<'a>(
    outcomes: impl IntoIterator<Item = &'a ClockOutcome>,
    from: Timestamp,
    to: Timestamp,
) -> ComplianceReport {
    let mut tally = ComplianceTally::new(from, to);
    for outcome in outcomes {
        tally.add(outcome);
    }
    tally.report()
}

/// A row's place in the report: services by code with no service last,
/// then priority, then the response clock before the resolution clock.
type RowKey = (bool, Option<Arc<str>>, Priority, u8);

/// The compliance report built one outcome at a time: a report over
/// hundreds of thousands of clocks keeps only the elapsed time of each
/// counted one, not the outcomes. The totals are the rows' tallies taken
/// together at the end, so each elapsed time is kept once.
#[derive(Debug)]
pub struct ComplianceTally {
    from: Timestamp,
    to: Timestamp,
    rows: BTreeMap<RowKey, (ClockKind, Tally)>,
}

impl ComplianceTally {
    pub fn new(from: Timestamp, to: Timestamp) -> Self {
        Self {
            from,
            to,
            rows: BTreeMap::new(),
        }
    }

    /// Counts `outcome` in its row (a row is made for every service,
    /// priority and kind seen, counted or not).
    pub fn add(&mut self, outcome: &ClockOutcome) {
        let key = (
            outcome.service.is_none(),
            outcome.service.clone(),
            outcome.priority,
            kind_rank(outcome.kind),
        );
        self.rows
            .entry(key)
            .or_insert_with(|| (outcome.kind, Tally::default()))
            .1
            .add(outcome, self.from, self.to);
    }

    /// The report of every outcome added.
    pub fn report(self) -> ComplianceReport {
        let totals = [ClockKind::Response, ClockKind::Resolution]
            .into_iter()
            .map(|kind| {
                let mut total = Tally::default();
                let of_kind = self.rows.values().filter(|(k, _)| *k == kind);
                total.elapsed =
                    Vec::with_capacity(of_kind.clone().map(|(_, t)| t.elapsed.len()).sum());
                for (_, tally) in of_kind {
                    total.met += tally.met;
                    total.breached += tally.breached;
                    total.elapsed.extend_from_slice(&tally.elapsed);
                }
                let (counted, met, breached, compliance_bp, median_seconds, p90_seconds) =
                    total.figures();
                ComplianceTotal {
                    kind,
                    counted,
                    met,
                    breached,
                    compliance_bp,
                    median_seconds,
                    p90_seconds,
                }
            })
            .collect();
        let rows = self
            .rows
            .into_iter()
            .map(|((_, service, priority, _), (kind, tally))| {
                let (counted, met, breached, compliance_bp, median_seconds, p90_seconds) =
                    tally.figures();
                ComplianceRow {
                    service: service.map(|s| s.to_string()),
                    priority,
                    kind,
                    counted,
                    met,
                    breached,
                    compliance_bp,
                    median_seconds,
                    p90_seconds,
                }
            })
            .collect();
        ComplianceReport {
            from: self.from,
            to: self.to,
            rows,
            totals,
        }
    }
}
