//! Hand-worked clocks around calendar days and inputs: a ticket created on
//! Midsommarafton, one across the autumn daylight saving change on 24/7,
//! sub-second instants, and histories that are refused. Policy in
//! `test_support`.

use super::ClockEvent::Created;
use super::test_support::{clocks, ev, policy, seg, staff, summary};
use super::{ClockError, ClockState, SegmentReason, TimedEvent, compute_clocks};
use crate::calendar::test_support::{HOUR, always, local, office, ts};
use crate::priority::Priority::{P1, P2, P3};
use crate::ticket::Status::*;
use jiff::SignedDuration;

#[test]
fn a_ticket_created_on_midsommarafton_starts_counting_on_monday() {
    let created = local(2026, 6, 19, 10, 0);
    let c = clocks(P3, &[ev(created, Created)], local(2026, 6, 22, 9, 0));
    let holiday = |name| SegmentReason::Holiday { name };
    assert_eq!(
        c.resolution.segments,
        vec![
            seg(created, local(2026, 6, 20, 0, 0), holiday("Midsommarafton")),
            seg(
                local(2026, 6, 20, 0, 0),
                local(2026, 6, 21, 0, 0),
                holiday("Midsommardagen")
            ),
            seg(
                local(2026, 6, 21, 0, 0),
                local(2026, 6, 22, 8, 0),
                SegmentReason::ClosedHours
            ),
            seg(
                local(2026, 6, 22, 8, 0),
                local(2026, 6, 22, 9, 0),
                SegmentReason::Open
            ),
        ]
    );
    // Mon 08:00-09:00 counted; 3 h of the 4 h response left: due at 12:00
    // (work that ends at the lunch closing is due then, not at 12:45).
    assert_eq!(
        summary(&c.response),
        (
            HOUR,
            ClockState::Running,
            None,
            Some(local(2026, 6, 22, 12, 0))
        )
    );
    assert_eq!(c.resolution.elapsed_seconds, HOUR);
}

#[test]
fn a_ticket_across_the_autumn_change_on_24_7() {
    // Created Sun 2026-10-25 00:30 CEST (22:30Z the day before). Clocks go
    // back at 03:00 CEST (01:00Z) to 02:00 CET.
    let created = ts("2026-10-24T22:30:00Z");
    let events = [ev(created, Created)];
    // now 02:30 CEST (00:30Z, the first 02:30): 2 h elapsed, P1 4 h target
    // due 22:30Z + 4 h = 02:30Z, which the wall clock shows as 03:30 CET.
    let c = clocks(P1, &events, ts("2026-10-25T00:30:00Z"));
    assert_eq!(
        summary(&c.resolution),
        (
            2 * HOUR,
            ClockState::Running,
            None,
            Some(ts("2026-10-25T02:30:00Z"))
        )
    );
    assert_eq!(c.resolution.due_at, Some(local(2026, 10, 25, 3, 30)));
    // Resolved at the second 02:30 (01:30Z): two wall-clock hours after
    // 00:30 but 3 h of real time, within the 4 h target: met.
    let resolved = [
        ev(created, Created),
        ev(ts("2026-10-25T01:30:00Z"), staff(Resolved)),
    ];
    let c = clocks(P1, &resolved, ts("2026-10-25T12:00:00Z"));
    assert_eq!(
        summary(&c.resolution),
        (
            3 * HOUR,
            ClockState::Met,
            Some(ts("2026-10-25T01:30:00Z")),
            None
        )
    );
    // The response clock stopped with it, far over its 30 min target.
    assert_eq!(c.response.state, ClockState::Breached);
    assert_eq!(c.resolution.segments.len(), 1);
}

#[test]
fn sub_seconds_are_dropped_and_later_events_ignored() {
    let t = local(2026, 9, 15, 9, 0);
    let events = [
        ev(t + SignedDuration::from_millis(700), Created),
        ev(t + SignedDuration::from_secs(90), staff(Resolved)),
    ];
    let c = clocks(P2, &events, t + SignedDuration::from_millis(60_900));
    assert_eq!(
        (c.resolution.started_at, c.resolution.elapsed_seconds),
        (t, 60)
    );
    assert_eq!(c.resolution.state, ClockState::Running);
}

#[test]
fn histories_that_cannot_be_counted_are_refused() {
    let (office, always) = (office(), always());
    let p = policy(&office, &always);
    let t = local(2026, 9, 15, 9, 0);
    let run = |events: &[TimedEvent]| compute_clocks(P2, events, &p, t).unwrap_err();
    assert_eq!(run(&[]), ClockError::NoEvents);
    assert_eq!(
        run(&[ev(t, staff(Assigned))]),
        ClockError::MisplacedCreated { index: 0 }
    );
    assert_eq!(
        run(&[ev(t, Created), ev(t, Created)]),
        ClockError::MisplacedCreated { index: 1 }
    );
    let early = t - SignedDuration::from_secs(1);
    assert_eq!(
        run(&[ev(t, Created), ev(early, staff(Assigned))]),
        ClockError::OutOfOrder { index: 1 }
    );
}
