//! Breach instants of hand-built clocks (open and closed stretches, a pause,
//! a zero target, a clock that ends exactly on its target), checked against
//! `compute_clocks` one second either side, and `elapsed_at`.

use super::ClockEvent::Created;
use super::breach::{breach_instant, elapsed_at};
use super::test_support::{clocks, ev, seg};
use super::{Clock, ClockKind, ClockState, SegmentReason};
use crate::calendar::test_support::{HOUR, local};
use crate::priority::Priority::{P2, P3};
use crate::ticket::Status::WaitingForCustomer;
use jiff::{SignedDuration, Timestamp};

fn mon(h: i8, m: i8) -> Timestamp {
    local(2027, 3, 1, h, m)
}

fn clock(target_seconds: i64, segments: Vec<super::ClockSegment>) -> Clock {
    let elapsed_seconds = segments
        .iter()
        .filter(|s| s.counted)
        .map(|s| s.to.duration_since(s.from).as_secs())
        .sum();
    Clock {
        kind: ClockKind::Resolution,
        priority: P2,
        target_seconds,
        elapsed_seconds,
        state: if elapsed_seconds > target_seconds {
            ClockState::Breached
        } else {
            ClockState::Running
        },
        started_at: segments.first().map_or(mon(0, 0), |s| s.from),
        stopped_at: None,
        due_at: None,
        warning_at: None,
        segments,
    }
}

fn plus(at: Timestamp, seconds: i64) -> Timestamp {
    at + SignedDuration::from_secs(seconds)
}

#[test]
fn breach_is_one_second_past_the_target_in_one_open_stretch() {
    let c = clock(HOUR, vec![seg(mon(8, 0), mon(12, 0), SegmentReason::Open)]);
    assert_eq!(breach_instant(&c), Some(plus(mon(9, 0), 1)));
}

#[test]
fn closed_and_paused_stretches_do_not_count() {
    // 08:00-08:30 open (1800 s), closed to 10:00, open 10:00-10:15 (900 s),
    // paused to 13:00, open 13:00-14:00: the 3601st second is 13:15:00-01.
    let c = clock(
        HOUR,
        vec![
            seg(mon(8, 0), mon(8, 30), SegmentReason::Open),
            seg(mon(8, 30), mon(10, 0), SegmentReason::ClosedHours),
            seg(mon(10, 0), mon(10, 15), SegmentReason::Open),
            seg(
                mon(10, 15),
                mon(13, 0),
                SegmentReason::Paused {
                    status: WaitingForCustomer,
                },
            ),
            seg(mon(13, 0), mon(14, 0), SegmentReason::Open),
        ],
    );
    assert_eq!(breach_instant(&c), Some(plus(mon(13, 15), 1)));
}

#[test]
fn a_breach_at_the_very_end_of_an_open_stretch_is_found() {
    // 1 h open then closed: the target 3599 s is exceeded at the last second.
    let c = clock(
        3599,
        vec![
            seg(mon(8, 0), mon(9, 0), SegmentReason::Open),
            seg(mon(9, 0), mon(10, 0), SegmentReason::ClosedHours),
        ],
    );
    assert_eq!(breach_instant(&c), Some(mon(9, 0)));
}

#[test]
fn reaching_the_target_exactly_is_not_a_breach() {
    let c = clock(HOUR, vec![seg(mon(8, 0), mon(9, 0), SegmentReason::Open)]);
    assert_eq!(c.elapsed_seconds, HOUR);
    assert_eq!(breach_instant(&c), None);
}

#[test]
fn a_zero_target_breaches_after_the_first_open_second() {
    let c = clock(
        0,
        vec![
            seg(mon(7, 0), mon(8, 0), SegmentReason::ClosedHours),
            seg(mon(8, 0), mon(9, 0), SegmentReason::Open),
        ],
    );
    assert_eq!(breach_instant(&c), Some(plus(mon(8, 0), 1)));
    let negative = Clock {
        target_seconds: -5,
        ..c
    };
    assert_eq!(breach_instant(&negative), Some(plus(mon(8, 0), 1)));
}

#[test]
fn a_clock_without_counted_time_never_breaches() {
    let c = clock(
        0,
        vec![seg(mon(0, 0), mon(8, 0), SegmentReason::ClosedHours)],
    );
    assert_eq!(breach_instant(&c), None);
    assert_eq!(breach_instant(&clock(0, Vec::new())), None);
}

#[test]
fn the_breach_instant_is_the_first_now_that_computes_breached() {
    // P2 on Kontorstid, 8 h resolution: created Mon 2027-03-01 10:00; Mon
    // 10:00-12:00 and 12:45-16:30 (5 h 45), Tue 08:00-10:15 (2 h 15) reach
    // 8 h at Tue 10:15:00, so the breach is one second later.
    let events = [ev(mon(10, 0), Created)];
    let c = clocks(P2, &events, local(2027, 3, 5, 12, 0)).resolution;
    let b = breach_instant(&c).unwrap();
    assert_eq!(b, plus(local(2027, 3, 2, 10, 15), 1));
    assert_eq!(
        clocks(P2, &events, b).resolution.state,
        ClockState::Breached
    );
    let before = clocks(P2, &events, plus(b, -1)).resolution;
    assert_eq!(before.state, ClockState::Running);
    assert_eq!(before.elapsed_seconds, 8 * HOUR);
    // A P3 ticket (16 h) created at the same time has not breached by then.
    assert_eq!(breach_instant(&clocks(P3, &events, b).resolution), None);
}

#[test]
fn elapsed_at_reads_the_counted_time_up_to_an_instant() {
    let c = clock(
        HOUR,
        vec![
            seg(mon(8, 0), mon(9, 0), SegmentReason::Open),
            seg(mon(9, 0), mon(10, 0), SegmentReason::ClosedHours),
            seg(mon(10, 0), mon(11, 0), SegmentReason::Open),
        ],
    );
    assert_eq!(elapsed_at(&c, mon(7, 0)), 0);
    assert_eq!(elapsed_at(&c, mon(8, 30)), 1800);
    assert_eq!(elapsed_at(&c, mon(9, 30)), HOUR);
    assert_eq!(elapsed_at(&c, mon(10, 30)), HOUR + 1800);
    assert_eq!(elapsed_at(&c, mon(23, 0)), 2 * HOUR);
}
