//! Properties of the clocks over random histories (any order of statuses,
//! comments and priority changes, minute-aligned, 2024-2035): elapsed time
//! never exceeds the wall-clock time, never decreases as `now` moves on,
//! equals the counted segments, and the segments run without gaps from
//! creation to the stop or `now`.

use super::test_support::policy;
use super::{Clock, ClockEvent, ClockPolicy, ClockState, TimedEvent, compute_clocks};
use crate::calendar::test_support::{always, office};
use crate::priority::Priority;
use crate::ticket::Status;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

fn event() -> impl Strategy<Value = ClockEvent> {
    let status =
        (0..Status::ALL.len(), any::<bool>()).prop_map(|(i, by_staff)| ClockEvent::Status {
            to: Status::ALL[i],
            by_staff,
        });
    let comment = any::<bool>().prop_map(|by_staff| ClockEvent::PublicComment { by_staff });
    let priority = (0..4usize).prop_map(|i| ClockEvent::PriorityChanged {
        to: Priority::ALL[i],
    });
    prop_oneof![4 => status, 1 => comment, 1 => priority]
}

/// A creation somewhere in 2024-2035 followed by up to 10 events, each up
/// to two days after the one before.
fn history() -> impl Strategy<Value = (Priority, Vec<TimedEvent>)> {
    let first = Timestamp::from_second(1_704_067_200).unwrap(); // 2024-01-01T00:00Z
    (
        0..4usize,
        0..12 * 365 * 24 * 60i64,
        proptest::collection::vec((0..2 * 24 * 60i64, event()), 0..10),
    )
        .prop_map(move |(p, start, rest)| {
            let mut at = first + SignedDuration::from_mins(start);
            let mut events = vec![TimedEvent {
                at,
                event: ClockEvent::Created,
            }];
            for (gap, event) in rest {
                at += SignedDuration::from_mins(gap);
                events.push(TimedEvent { at, event });
            }
            (Priority::ALL[p], events)
        })
}

fn check_clock(clock: &Clock, now: Timestamp) -> Result<(), TestCaseError> {
    let end = clock.stopped_at.unwrap_or(now);
    prop_assert!(clock.elapsed_seconds <= end.duration_since(clock.started_at).as_secs());
    prop_assert!(clock.elapsed_seconds >= 0);
    let counted: i64 = clock
        .segments
        .iter()
        .filter(|s| s.counted)
        .map(|s| s.to.duration_since(s.from).as_secs())
        .sum();
    prop_assert_eq!(counted, clock.elapsed_seconds);
    if let (Some(first), Some(last)) = (clock.segments.first(), clock.segments.last()) {
        prop_assert_eq!((first.from, last.to), (clock.started_at, end));
    } else {
        prop_assert_eq!(clock.started_at, end);
    }
    for pair in clock.segments.windows(2) {
        prop_assert_eq!(pair[0].to, pair[1].from);
        prop_assert!(pair[0].reason != pair[1].reason);
    }
    prop_assert!(clock.segments.iter().all(|s| s.from < s.to));
    let breached = clock.elapsed_seconds > clock.target_seconds;
    prop_assert_eq!(clock.state == ClockState::Breached, breached);
    match clock.state {
        ClockState::Running => prop_assert!(clock.due_at.is_some() && clock.warning_at.is_some()),
        ClockState::Paused | ClockState::Met => {
            prop_assert_eq!((clock.due_at, clock.warning_at), (None, None))
        }
        ClockState::Breached => prop_assert!(clock.stopped_at.is_none() || clock.due_at.is_none()),
    }
    Ok(())
}

fn check_monotone(
    policy: &ClockPolicy<'_>,
    (priority, events): (Priority, &[TimedEvent]),
    now: Timestamp,
    later: i64,
    fixed_history: bool,
) -> Result<(), TestCaseError> {
    let before = compute_clocks(priority, events, policy, now).unwrap();
    let now2 = now + SignedDuration::from_mins(later);
    let after = compute_clocks(priority, events, policy, now2).unwrap();
    for (a, b) in [
        (&before.response, &after.response),
        (&before.resolution, &after.resolution),
    ] {
        check_clock(a, now)?;
        check_clock(b, now2)?;
        prop_assert!(
            b.elapsed_seconds >= a.elapsed_seconds,
            "{} then {}",
            a.elapsed_seconds,
            b.elapsed_seconds
        );
        if fixed_history && a.stopped_at.is_some() {
            prop_assert_eq!(a, b);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// With the history fixed (every event at or before the first `now`),
    /// a later `now` never lowers the elapsed time, whatever the calendars.
    #[test]
    fn later_now_never_lowers_elapsed((priority, events) in history(), extra in 0..3 * 24 * 60i64, later in 0..5 * 24 * 60i64) {
        let (office, always) = (office(), always());
        let policy = policy(&office, &always);
        let now = events[events.len() - 1].at + SignedDuration::from_mins(extra);
        check_monotone(&policy, (priority, &events), now, later, true)?;
    }

    /// With one calendar for every priority, events after the first `now`
    /// may arrive too: elapsed still never decreases.
    #[test]
    fn later_now_with_new_events_never_lowers_elapsed((priority, events) in history(), cut in 0..10 * 24 * 60i64, later in 0..10 * 24 * 60i64, pause in any::<bool>()) {
        let office = office();
        let mut policy = policy(&office, &office);
        policy.pause_on_waiting_for_supplier = pause;
        let now = events[0].at + SignedDuration::from_mins(cut);
        check_monotone(&policy, (priority, &events), now, later, false)?;
    }

    /// A ticket nobody has touched counts exactly the calendar's business
    /// time, and its due time is where the calendar reaches the target.
    #[test]
    fn an_untouched_ticket_counts_business_time((priority, events) in history(), age in 0..20 * 24 * 60i64) {
        let (office, always) = (office(), always());
        let policy = policy(&office, &always);
        let created = events[0].at;
        let now = created + SignedDuration::from_mins(age);
        let clocks = compute_clocks(priority, &events[..1], &policy, now).unwrap();
        let target = policy.target(priority);
        let business = target.calendar.business_seconds(created, now);
        prop_assert_eq!(clocks.resolution.elapsed_seconds, business);
        prop_assert_eq!(clocks.response.elapsed_seconds, business);
        let due = clocks.resolution.due_at.unwrap();
        prop_assert_eq!(target.calendar.business_seconds(created, due), target.resolution_seconds);
        prop_assert_eq!(Some(due), target.calendar.deadline(created, target.resolution_seconds));
    }
}
