//! Properties over random inputs (not necessarily consistent ones): the
//! report's figures add up and stay within 100 %, its CSV does not depend on
//! the input order; a compliance-share penalty never exceeds its capped share
//! of the fee and its started points equal those of the exact shortfall;
//! availability stays within 100 %, never counts more downtime than open
//! time and agrees with a minute-by-minute count.

use super::ClockKind;
use super::availability::availability;
use super::penalty::{PenaltyRule, evaluate};
use super::report::{
    ClockOutcome, ComplianceTally, compliance_bp, compliance_report, nearest_rank,
};
use super::report_csv::rows_to_csv;
use super::tests_report::march;
use crate::calendar::test_support::office;
use crate::priority::Priority;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

const DAY: i64 = 86_400;

/// An instant from 40 days before March 2027 to 40 days after it.
fn instant() -> impl Strategy<Value = Timestamp> {
    let (from, _) = march();
    (-40 * DAY..71 * DAY).prop_map(move |s| from + SignedDuration::from_secs(s))
}

fn outcome() -> impl Strategy<Value = ClockOutcome> {
    (
        (0..4usize, any::<bool>(), 0..3usize),
        (0..10 * 3600i64, 0..20 * 3600i64),
        (
            proptest::option::of(instant()),
            proptest::option::of(instant()),
        ),
    )
        .prop_map(
            |((p, response, s), (target, elapsed), (stopped, breached))| ClockOutcome {
                ticket: format!("t{elapsed}").into(),
                service: ["A", "B,C"].get(s).map(|s| (*s).into()),
                priority: Priority::ALL[p],
                kind: if response {
                    ClockKind::Response
                } else {
                    ClockKind::Resolution
                },
                target_seconds: target,
                elapsed_seconds: elapsed,
                stopped_at: stopped,
                breached_at: breached,
            },
        )
}

fn priorities() -> impl Strategy<Value = Vec<Priority>> {
    (1..16u8).prop_map(|mask| {
        Priority::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, p)| *p)
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn report_figures_add_up(outcomes in proptest::collection::vec(outcome(), 0..40)) {
        let (from, to) = march();
        let report = compliance_report(&outcomes, from, to);
        let mut per_kind = [0u64; 2];
        for row in &report.rows {
            prop_assert_eq!(row.met + row.breached, row.counted);
            prop_assert!(row.compliance_bp.is_none_or(|bp| bp <= 10_000));
            prop_assert_eq!(row.compliance_bp.is_some(), row.counted > 0);
            prop_assert_eq!(row.median_seconds.is_some(), row.counted > 0);
            prop_assert!(row.median_seconds <= row.p90_seconds);
            per_kind[usize::from(row.kind == ClockKind::Resolution)] += row.counted;
        }
        for total in &report.totals {
            prop_assert_eq!(total.met + total.breached, total.counted);
            prop_assert!(total.compliance_bp.is_none_or(|bp| bp <= 10_000));
            prop_assert_eq!(total.counted, per_kind[usize::from(total.kind == ClockKind::Resolution)]);
        }
        let counted = outcomes.iter().filter(|o| o.is_counted(from, to)).count() as u64;
        prop_assert_eq!(per_kind[0] + per_kind[1], counted);
        let csv = rows_to_csv(&report.rows);
        prop_assert_eq!(csv.matches('\n').count(), report.rows.len() + 1);
        let mut reversed = outcomes.clone();
        reversed.reverse();
        prop_assert_eq!(rows_to_csv(&compliance_report(&reversed, from, to).rows), csv);
    }

    #[test]
    fn a_penalty_never_exceeds_its_capped_share(
        outcomes in proptest::collection::vec(outcome(), 0..40),
        priorities in priorities(),
        (threshold_bp, per_point_bp, cap_bp) in (0..=10_000u32, 0..=10_000u32, 0..=10_000u32),
        fee in 0..100_000_000_000i64,
        amount_ore in 0..10_000_000i64,
    ) {
        let (from, to) = march();
        let rule = PenaltyRule::ComplianceShare {
            clock: ClockKind::Resolution,
            priorities: priorities.clone(),
            threshold_bp,
            per_point_bp,
            cap_bp,
        };
        prop_assert_eq!(rule.validate(), Ok(()));
        if let Some(p) = evaluate(&rule, &outcomes, from, to, fee) {
            prop_assert!(p.counted > 0 && p.compliance_bp < threshold_bp);
            prop_assert!(p.amount_ore >= 0 && p.amount_ore <= fee);
            prop_assert!(i128::from(p.amount_ore) * 10_000 <= i128::from(fee) * i128::from(cap_bp));
            prop_assert!(p.share_bp.unwrap() <= cap_bp);
            // Started points of the exact shortfall, in integers.
            let shortfall = u64::from(threshold_bp) * p.counted - p.met * 10_000;
            prop_assert_eq!(p.started_points, Some(shortfall.div_ceil(100 * p.counted)));
        }
        let rule = PenaltyRule::PerBreach { clock: ClockKind::Response, priorities, amount_ore };
        if let Some(p) = evaluate(&rule, &outcomes, from, to, fee) {
            let fined = p.fined_breaches.unwrap();
            prop_assert!(fined > 0 && fined <= p.breached && p.breached <= p.counted);
            prop_assert_eq!(i128::from(p.amount_ore), i128::from(amount_ore) * i128::from(fined));
        }
    }

    #[test]
    fn availability_agrees_with_a_minute_count(
        start_day in 0..365i64,
        outages in proptest::collection::vec((0..4 * 24 * 60i64, proptest::option::of(0..600i64)), 0..6),
    ) {
        // Three days of Kontorstid in 2027; outages minute-aligned from a
        // day before, each up to 10 h or open.
        let calendar = office();
        let from = Timestamp::from_second(1_798_761_600 - 365 * DAY + start_day * DAY).unwrap();
        let to = from + SignedDuration::from_secs(3 * DAY);
        let at = |minute: i64| from + SignedDuration::from_mins(minute - 24 * 60);
        let list: Vec<(Timestamp, Option<Timestamp>)> = outages
            .iter()
            .map(|(start, length)| (at(*start), length.map(|l| at(start + l))))
            .collect();
        let a = availability(&calendar, from, to, &list);
        prop_assert!(a.availability_bp.is_none_or(|bp| bp <= 10_000));
        prop_assert!(0 <= a.down_seconds && a.down_seconds <= a.open_seconds);
        prop_assert_eq!(a.down_seconds, a.counted_outages.iter().map(|s| s.down_seconds).sum::<i64>());
        let open: Vec<(Timestamp, Timestamp)> = calendar
            .segments(from, to)
            .into_iter()
            .filter(|s| s.open)
            .map(|s| (s.from, s.to))
            .collect();
        let mut down = 0;
        for minute in 0..3 * 24 * 60 {
            let m = from + SignedDuration::from_mins(minute);
            let is_open = open.iter().any(|(f, t)| *f <= m && m < *t);
            let is_down = list.iter().any(|(f, t)| *f <= m && t.is_none_or(|t| m < t));
            if is_open && is_down {
                down += 60;
            }
        }
        prop_assert_eq!(a.down_seconds, down);
        let mut reversed = list.clone();
        reversed.reverse();
        prop_assert_eq!(availability(&calendar, from, to, &reversed).down_seconds, down);
    }

    /// A report over many members reads its outcomes from one list per
    /// member, through references and in whatever order they came: the
    /// report and the penalties are those of the outcomes in one list.
    #[test]
    fn outcomes_in_several_lists_give_the_same_report_and_penalties(
        outcomes in proptest::collection::vec(outcome(), 0..40),
        cut in 0..40usize,
        priorities in priorities(),
        fee in 0..100_000_000i64,
    ) {
        let (from, to) = march();
        let cut = cut.min(outcomes.len());
        let (first, second) = outcomes.split_at(cut);
        let lists = [second.to_vec(), first.iter().rev().cloned().collect::<Vec<_>>()];
        prop_assert_eq!(
            compliance_report(lists.iter().flatten(), from, to),
            compliance_report(&outcomes, from, to)
        );
        let refs: Vec<&ClockOutcome> = lists.iter().flatten().collect();
        for rule in [
            PenaltyRule::ComplianceShare {
                clock: ClockKind::Resolution,
                priorities: priorities.clone(),
                threshold_bp: 9500,
                per_point_bp: 200,
                cap_bp: 2000,
            },
            PenaltyRule::PerBreach { clock: ClockKind::Response, priorities: priorities.clone(), amount_ore: 50_000 },
        ] {
            prop_assert_eq!(
                evaluate(&rule, refs.iter().copied(), from, to, fee),
                evaluate(&rule, &outcomes, from, to, fee)
            );
        }
    }

    /// The report counted one clock at a time as the clocks arrive (a
    /// federation-year keeps no outcome for it) has, in every row and
    /// total, the figures of the whole list of its outcomes at once.
    #[test]
    fn the_report_counted_as_clocks_arrive_has_the_figures_of_the_whole_list(
        outcomes in proptest::collection::vec(outcome(), 0..60),
    ) {
        let (from, to) = march();
        let mut tally = ComplianceTally::new(from, to);
        for o in &outcomes {
            tally.add(o);
        }
        let report = tally.report();
        let mut keys: Vec<(Option<&str>, Priority, ClockKind)> = outcomes
            .iter()
            .map(|o| (o.service.as_deref(), o.priority, o.kind))
            .collect();
        keys.sort_by_key(|(s, p, k)| (s.is_none(), *s, *p, *k == ClockKind::Resolution));
        keys.dedup();
        prop_assert_eq!(report.rows.len(), keys.len());
        for (row, (service, priority, kind)) in report.rows.iter().zip(keys) {
            prop_assert_eq!((row.service.as_deref(), row.priority, row.kind), (service, priority, kind));
            let of_row: Vec<&ClockOutcome> = outcomes
                .iter()
                .filter(|o| o.service.as_deref() == service && o.priority == priority && o.kind == kind)
                .collect();
            prop_assert_eq!(
                (row.counted, row.met, row.breached, row.compliance_bp, row.median_seconds, row.p90_seconds),
                whole(&of_row, from, to)
            );
        }
        for total in &report.totals {
            let of_kind: Vec<&ClockOutcome> = outcomes.iter().filter(|o| o.kind == total.kind).collect();
            prop_assert_eq!(
                (total.counted, total.met, total.breached, total.compliance_bp, total.median_seconds, total.p90_seconds),
                whole(&of_kind, from, to)
            );
        }
    }
}

/// Counted, met, breached, compliance, median and 90th percentile of a
/// whole list of outcomes, computed at once.
#[allow(clippy::type_complexity)]
fn whole(
    outcomes: &[&ClockOutcome],
    from: Timestamp,
    to: Timestamp,
) -> (u64, u64, u64, Option<u32>, Option<i64>, Option<i64>) {
    let counted: Vec<&&ClockOutcome> = outcomes.iter().filter(|o| o.is_counted(from, to)).collect();
    let breached = counted
        .iter()
        .filter(|o| o.is_breached_in(from, to))
        .count() as u64;
    let mut elapsed: Vec<i64> = counted.iter().map(|o| o.elapsed_seconds).collect();
    elapsed.sort_unstable();
    let n = counted.len() as u64;
    (
        n,
        n - breached,
        breached,
        compliance_bp(n - breached, n),
        nearest_rank(&elapsed, 50),
        nearest_rank(&elapsed, 90),
    )
}
