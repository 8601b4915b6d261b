//! Hand-worked clocks: a pause inside closed hours, a reopening, a raised
//! priority, a pausing supplier and a cancelled ticket. Policy in
//! `test_support`; times are Stockholm local.

use super::ClockEvent::{Created, PriorityChanged, PublicComment, Status as To};
use super::test_support::{clocks, ev, policy, seg, staff, summary};
use super::{ClockPolicy, ClockState, SegmentReason, compute_clocks};
use crate::calendar::test_support::{HOUR, MINUTE, always, local, office};
use crate::priority::Priority::{P1, P2, P3};
use crate::ticket::Status::*;

#[test]
fn a_pause_inside_closed_hours() {
    let mon = |h, m| local(2026, 9, 14, h, m);
    let tue = |h, m| local(2026, 9, 15, h, m);
    let events = [
        ev(mon(15, 0), Created),
        ev(mon(15, 10), staff(Assigned)),
        ev(mon(15, 20), staff(InProgress)),
        ev(mon(16, 0), staff(WaitingForCustomer)),
        ev(
            tue(7, 0),
            To {
                to: InProgress,
                by_staff: false,
            },
        ),
    ];
    let c = clocks(P3, &events, tue(9, 0));
    // Response: 15:00-15:10 = 600 s of 4 h, stopped by staff leaving `new`.
    assert_eq!(
        summary(&c.response),
        (600, ClockState::Met, Some(mon(15, 10)), None)
    );
    // Resolution: Mon 15:00-16:00 (1 h), paused to Tue 07:00, closed to
    // 08:00, Tue 08:00-09:00 (1 h): 7200 s of 16 h.
    assert_eq!(
        c.resolution.segments,
        vec![
            seg(mon(15, 0), mon(16, 0), SegmentReason::Open),
            seg(
                mon(16, 0),
                tue(7, 0),
                SegmentReason::Paused {
                    status: WaitingForCustomer
                }
            ),
            seg(tue(7, 0), tue(8, 0), SegmentReason::ClosedHours),
            seg(tue(8, 0), tue(9, 0), SegmentReason::Open),
        ]
    );
    // 14 h left from Tue 09:00: Tue 09-12 and 12:45-16:30 (6 h 45), Wed
    // 08-12 (4 h) and 12:45-16:00 (3 h 15): due Wed 16:00. The warning at
    // 75% (12 h) leaves 10 h: 6 h 45 on Tue, then Wed 08:00-11:15.
    let wed = |h, m| local(2026, 9, 16, h, m);
    assert_eq!(
        summary(&c.resolution),
        (7200, ClockState::Running, None, Some(wed(16, 0)))
    );
    assert_eq!(c.resolution.warning_at, Some(wed(11, 15)));
    // While paused there is no due time.
    let paused = clocks(P3, &events, mon(18, 0));
    assert_eq!(
        summary(&paused.resolution),
        (3600, ClockState::Paused, None, None)
    );
}

#[test]
fn a_reopened_ticket_does_not_count_the_time_it_was_resolved() {
    let tue = |h, m| local(2026, 9, 15, h, m);
    let wed = |h, m| local(2026, 9, 16, h, m);
    let events = [
        ev(tue(10, 0), Created),
        ev(tue(10, 30), PublicComment { by_staff: true }),
        ev(tue(10, 35), staff(InProgress)),
        ev(tue(14, 0), staff(Resolved)),
        ev(
            wed(9, 0),
            To {
                to: InProgress,
                by_staff: false,
            },
        ),
        ev(wed(10, 30), staff(Resolved)),
        ev(
            local(2026, 9, 18, 10, 0),
            To {
                to: Closed,
                by_staff: false,
            },
        ),
    ];
    let c = clocks(P2, &events, local(2026, 9, 18, 12, 0));
    assert_eq!(
        summary(&c.response),
        (1800, ClockState::Met, Some(tue(10, 30)), None)
    );
    // Tue 10:00-12:00 (2 h) + 12:45-14:00 (1 h 15) + Wed 09:00-10:30 (1 h 30)
    // = 4 h 45 = 17100 s of 8 h; stopped at the second resolution.
    assert_eq!(
        summary(&c.resolution),
        (17100, ClockState::Met, Some(wed(10, 30)), None)
    );
    assert_eq!(
        c.resolution.segments,
        vec![
            seg(tue(10, 0), tue(12, 0), SegmentReason::Open),
            seg(tue(12, 0), tue(12, 45), SegmentReason::ClosedHours),
            seg(tue(12, 45), tue(14, 0), SegmentReason::Open),
            seg(tue(14, 0), wed(9, 0), SegmentReason::Stopped),
            seg(wed(9, 0), wed(10, 30), SegmentReason::Open),
        ]
    );
    // Between the resolution and the reopening the clock stood still.
    let resolved = clocks(P2, &events, wed(8, 0));
    assert_eq!(
        summary(&resolved.resolution),
        (11700, ClockState::Met, Some(tue(14, 0)), None)
    );
}

#[test]
fn a_raised_priority_applies_its_target_from_creation() {
    let mon = |h, m| local(2026, 9, 14, h, m);
    let mut events = vec![ev(mon(8, 0), Created)];
    // At 11:00, still P3: 3 h of a 4 h response target.
    let before = clocks(P3, &events, mon(11, 0));
    assert_eq!(
        (before.response.elapsed_seconds, before.response.state),
        (3 * HOUR, ClockState::Running)
    );
    assert_eq!(before.response.due_at, Some(mon(12, 0)));
    events.push(ev(mon(14, 0), PriorityChanged { to: P2 }));
    let after = clocks(P3, &events, mon(14, 30));
    // 08:00-12:00 + 12:45-14:30 = 5 h 45 = 20700 s; P2's 1 h response target
    // was reached at 09:00, so the response clock is breached.
    assert_eq!(after.response.priority, P2);
    assert_eq!(
        summary(&after.response),
        (20700, ClockState::Breached, None, Some(mon(9, 0)))
    );
    // Resolution 20700 of 8 h (28800): 2 h 15 left; 14:30-16:30 is 2 h, so
    // due Tue 08:15. 75% is 21600 s: 15 min after 14:30.
    assert_eq!(
        summary(&after.resolution),
        (
            20700,
            ClockState::Running,
            None,
            Some(local(2026, 9, 15, 8, 15))
        )
    );
    assert_eq!(after.resolution.warning_at, Some(mon(14, 45)));
    // Raised to P1 instead: the 24/7 calendar counts the whole ticket,
    // 08:00-14:30 = 6 h 30, over the 4 h target reached at 12:00.
    events[1] = ev(mon(14, 0), PriorityChanged { to: P1 });
    let p1 = clocks(P3, &events, mon(14, 30));
    assert_eq!(
        summary(&p1.resolution),
        (
            6 * HOUR + 30 * MINUTE,
            ClockState::Breached,
            None,
            Some(mon(12, 0))
        )
    );
}

#[test]
fn waiting_for_supplier_pauses_only_when_the_agreement_says_so() {
    let (office, always) = (office(), always());
    let mut policy = policy(&office, &always);
    let tue = |h, m| local(2026, 9, 15, h, m);
    let events = [
        ev(tue(8, 0), Created),
        ev(tue(9, 0), staff(WaitingForSupplier)),
    ];
    let run = |p: &ClockPolicy| {
        compute_clocks(P2, &events, p, tue(11, 0))
            .unwrap()
            .resolution
    };
    assert_eq!(
        (run(&policy).elapsed_seconds, run(&policy).state),
        (3 * HOUR, ClockState::Running)
    );
    policy.pause_on_waiting_for_supplier = true;
    let paused = run(&policy);
    assert_eq!(
        (paused.elapsed_seconds, paused.state, paused.due_at),
        (HOUR, ClockState::Paused, None)
    );
}

#[test]
fn a_requester_cancelling_a_new_ticket_stops_both_clocks() {
    let tue = |h, m| local(2026, 9, 15, h, m);
    let events = [
        ev(tue(8, 0), Created),
        ev(tue(8, 1), PublicComment { by_staff: false }),
        ev(
            tue(8, 20),
            To {
                to: Cancelled,
                by_staff: false,
            },
        ),
        // Nothing after the cancellation counts, not even a new priority.
        ev(tue(9, 0), staff(InProgress)),
        ev(tue(9, 5), PriorityChanged { to: P1 }),
    ];
    let c = clocks(P2, &events, tue(12, 0));
    assert_eq!(
        (c.response.priority, c.resolution.target_seconds),
        (P2, 8 * HOUR)
    );
    assert_eq!(
        summary(&c.response),
        (20 * MINUTE, ClockState::Met, Some(tue(8, 20)), None)
    );
    assert_eq!(
        summary(&c.resolution),
        (20 * MINUTE, ClockState::Met, Some(tue(8, 20)), None)
    );
}
