//! Hand-worked compliance reports for March 2027 (Stockholm): which clocks
//! count, compliance rounded down, nearest-rank median and 90th percentile,
//! and row order, and outcomes from computed clocks. The CSV bytes of such a
//! report are checked in `report_csv`.

use super::ClockEvent::Created;
use super::ClockKind;
use super::ClockKind::{Resolution, Response};
use super::report::{
    ClockOutcome, ComplianceRow, ComplianceTotal, compliance_bp, compliance_report, nearest_rank,
};
use super::test_support::{clocks, ev};
use crate::calendar::test_support::{HOUR, local};
use crate::priority::Priority::{self, P1, P2, P3};
use jiff::Timestamp;
use std::sync::Arc;

pub(super) fn march() -> (Timestamp, Timestamp) {
    (local(2027, 3, 1, 0, 0), local(2027, 4, 1, 0, 0))
}

/// A resolution clock with an 8 h target that stopped at `stopped`, with
/// `elapsed` seconds; breached (at its stop) when elapsed exceeds 8 h.
pub(super) fn stopped(
    ticket: &str,
    priority: Priority,
    elapsed: i64,
    at: Timestamp,
) -> ClockOutcome {
    ClockOutcome {
        ticket: ticket.into(),
        service: Some("EMAIL".into()),
        priority,
        kind: Resolution,
        target_seconds: 8 * HOUR,
        elapsed_seconds: elapsed,
        stopped_at: Some(at),
        breached_at: (elapsed > 8 * HOUR).then_some(at),
    }
}

/// A resolution clock with an 8 h target still running, breached at `breached`.
pub(super) fn running(
    ticket: &str,
    priority: Priority,
    breached: Option<Timestamp>,
) -> ClockOutcome {
    ClockOutcome {
        stopped_at: None,
        breached_at: breached,
        elapsed_seconds: if breached.is_some() { 9 * HOUR } else { HOUR },
        ..stopped(ticket, priority, 0, local(2027, 3, 1, 0, 0))
    }
}

/// 20 P1-P2 resolution clocks stopped in March, the first `breached` of them
/// breached (9 h), the others met (1 h to 8 h).
pub(super) fn twenty(breached: usize) -> Vec<ClockOutcome> {
    (0..20)
        .map(|i| {
            let priority = if i % 2 == 0 { P1 } else { P2 };
            let elapsed = if i < breached {
                9 * HOUR
            } else {
                HOUR + i as i64
            };
            stopped(
                &format!("2027-{i:04}"),
                priority,
                elapsed,
                local(2027, 3, 10, 9, 0),
            )
        })
        .collect()
}

pub(super) fn figures(r: &ComplianceRow) -> (u64, u64, u64, Option<u32>) {
    (r.counted, r.met, r.breached, r.compliance_bp)
}

fn total(t: &ComplianceTotal) -> (ClockKind, u64, u64, u64, Option<u32>) {
    (t.kind, t.counted, t.met, t.breached, t.compliance_bp)
}

#[test]
fn twenty_clocks_one_breached_is_95_percent() {
    let (from, to) = march();
    let report = compliance_report(&twenty(1), from, to);
    // P1: 10 clocks, the breached one among them (index 0).
    assert_eq!(report.rows.len(), 2);
    assert_eq!(figures(&report.rows[0]), (10, 9, 1, Some(9000)));
    assert_eq!(figures(&report.rows[1]), (10, 10, 0, Some(10_000)));
    let totals = &report.totals;
    assert_eq!(total(&totals[0]), (Response, 0, 0, 0, None));
    assert_eq!(total(&totals[1]), (Resolution, 20, 19, 1, Some(9500)));
}

#[test]
fn which_clocks_count_in_the_period() {
    let (from, to) = march();
    let feb = local(2027, 2, 20, 10, 0);
    let mar = local(2027, 3, 20, 10, 0);
    let apr = local(2027, 4, 5, 10, 0);
    let outcomes = [
        stopped("stopped-in-february", P1, 9 * HOUR, feb),
        stopped("stopped-at-from", P1, HOUR, from),
        stopped("stopped-at-to", P1, HOUR, to),
        stopped("met-exactly-on-target", P1, 8 * HOUR, mar),
        ClockOutcome {
            breached_at: Some(mar),
            ..stopped("stopped-april-breached-march", P1, 12 * HOUR, apr)
        },
        stopped("stopped-and-breached-april", P1, 12 * HOUR, apr),
        running("running-breached-march", P1, Some(mar)),
        running("running-breached-february", P1, Some(feb)),
        running("running-not-breached", P1, None),
        running("running-breached-at-to", P1, Some(to)),
    ];
    let counted: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.is_counted(from, to))
        .map(|o| &*o.ticket)
        .collect();
    assert_eq!(
        counted,
        vec![
            "stopped-at-from",
            "met-exactly-on-target",
            "stopped-april-breached-march",
            "running-breached-march",
            "running-breached-february",
        ]
    );
    let report = compliance_report(&outcomes, from, to);
    assert_eq!(figures(&report.rows[0]), (5, 2, 3, Some(4000)));
}

#[test]
fn a_stopped_clock_is_judged_by_its_elapsed_time() {
    let (from, to) = march();
    let mar = local(2027, 3, 20, 10, 0);
    // breached_at does not make a stopped clock breached, elapsed does.
    let odd = ClockOutcome {
        breached_at: Some(local(2027, 3, 19, 10, 0)),
        ..stopped("a", P1, 8 * HOUR, mar)
    };
    assert!(odd.is_counted(from, to) && !odd.is_breached_in(from, to));
    let late = ClockOutcome {
        breached_at: None,
        ..stopped("b", P1, 8 * HOUR + 1, mar)
    };
    assert!(late.is_breached_in(from, to));
}

#[test]
fn compliance_is_rounded_down() {
    assert_eq!(compliance_bp(0, 0), None);
    assert_eq!(compliance_bp(19, 20), Some(9500));
    assert_eq!(compliance_bp(2, 3), Some(6666));
    assert_eq!(compliance_bp(1899, 1999), Some(9499)); // 94.997 %
    assert_eq!(compliance_bp(1999, 2000), Some(9995));
    assert_eq!(compliance_bp(0, 7), Some(0));
    assert_eq!(compliance_bp(7, 7), Some(10_000));
}

#[test]
fn nearest_rank_for_one_two_three_and_ten_values() {
    assert_eq!(nearest_rank(&[], 50), None);
    assert_eq!(
        (nearest_rank(&[7], 50), nearest_rank(&[7], 90)),
        (Some(7), Some(7))
    );
    let two = [10, 20];
    assert_eq!(
        (nearest_rank(&two, 50), nearest_rank(&two, 90)),
        (Some(10), Some(20))
    );
    let three = [1, 2, 3];
    assert_eq!(
        (nearest_rank(&three, 50), nearest_rank(&three, 90)),
        (Some(2), Some(3))
    );
    let ten: Vec<i64> = (1..=10).map(|i| i * 60).collect();
    // Median: rank ceil(5) = 5th; 90th: rank ceil(9) = 9th.
    assert_eq!(
        (nearest_rank(&ten, 50), nearest_rank(&ten, 90)),
        (Some(300), Some(540))
    );
    let eleven: Vec<i64> = (1..=11).collect();
    // Rank ceil(5.5) = 6 and ceil(9.9) = 10.
    assert_eq!(
        (nearest_rank(&eleven, 50), nearest_rank(&eleven, 90)),
        (Some(6), Some(10))
    );
}

#[test]
fn the_report_takes_median_and_p90_of_counted_clocks_only() {
    let (from, to) = march();
    let mar = local(2027, 3, 20, 10, 0);
    // Ten counted clocks with elapsed 10, 9, ..., 1 minutes (given out of
    // order) and one running, not breached clock that must not count.
    let mut outcomes: Vec<ClockOutcome> = (1..=10)
        .rev()
        .map(|m| stopped(&format!("t{m}"), P3, m * 60, mar))
        .collect();
    outcomes.push(running("not-counted", P3, None));
    let row = &compliance_report(&outcomes, from, to).rows[0];
    assert_eq!(
        (row.median_seconds, row.p90_seconds),
        (Some(300), Some(540))
    );
    let one = compliance_report(&outcomes[9..], from, to);
    assert_eq!(
        (one.rows[0].median_seconds, one.rows[0].p90_seconds),
        (Some(60), Some(60))
    );
    let two = compliance_report(&outcomes[8..10], from, to);
    assert_eq!(
        (two.rows[0].median_seconds, two.rows[0].p90_seconds),
        (Some(60), Some(120))
    );
}

#[test]
fn rows_are_ordered_by_service_priority_and_kind() {
    let (from, to) = march();
    let mar = local(2027, 3, 20, 10, 0);
    let with = |service: Option<&str>, priority, kind: ClockKind| ClockOutcome {
        service: service.map(Arc::from),
        kind,
        ..stopped("x", priority, HOUR, mar)
    };
    let outcomes = [
        with(None, P1, Response),
        with(Some("HR"), P1, Resolution),
        with(Some("EMAIL"), P2, Response),
        with(Some("EMAIL"), P1, Resolution),
        with(Some("EMAIL"), P1, Response),
        with(Some("HR"), P1, Resolution),
    ];
    let report = compliance_report(&outcomes, from, to);
    let keys: Vec<(Option<&str>, Priority, ClockKind, u64)> = report
        .rows
        .iter()
        .map(|r| (r.service.as_deref(), r.priority, r.kind, r.counted))
        .collect();
    assert_eq!(
        keys,
        vec![
            (Some("EMAIL"), P1, Response, 1),
            (Some("EMAIL"), P1, Resolution, 1),
            (Some("EMAIL"), P2, Response, 1),
            (Some("HR"), P1, Resolution, 2),
            (None, P1, Response, 1),
        ]
    );
    // A group with nothing counted still has its row, without figures.
    let idle = compliance_report(&[running("r", P2, None)], from, to);
    assert_eq!(figures(&idle.rows[0]), (0, 0, 0, None));
    assert_eq!(
        (idle.rows[0].median_seconds, idle.rows[0].p90_seconds),
        (None, None)
    );
}

#[test]
fn outcomes_from_computed_clocks_take_elapsed_at_the_period_end() {
    let (from, to) = march();
    let now = local(2027, 4, 5, 12, 0);
    // Created Tue 30 March 10:00, P2 (8 h on Kontorstid): Tue 5 h 45, Wed
    // 7 h 45 by the end of March, breached Wed 31 March 10:15:01.
    let late = clocks(P2, &[ev(local(2027, 3, 30, 10, 0), Created)], now).resolution;
    let outcome = ClockOutcome::from_clock("2027-0042", Some("EMAIL".into()), &late, to);
    assert_eq!(outcome.elapsed_seconds, 13 * HOUR + 30 * 60);
    assert!(late.elapsed_seconds > outcome.elapsed_seconds);
    assert_eq!(
        outcome.breached_at,
        Some(local(2027, 3, 31, 10, 15) + jiff::SignedDuration::from_secs(1))
    );
    assert!(outcome.is_breached_in(from, to));
    // Created Wed 31 March 10:00: 5 h 45 by the end of March, not counted.
    let fresh = clocks(P2, &[ev(local(2027, 3, 31, 10, 0), Created)], now).resolution;
    let outcome = ClockOutcome::from_clock("2027-0043", None, &fresh, to);
    assert_eq!(outcome.elapsed_seconds, 5 * HOUR + 45 * 60);
    assert!(!outcome.is_counted(from, to));
}
