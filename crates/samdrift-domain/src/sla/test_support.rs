//! The clock policy and helpers shared by the SLA tests. The policy: P1
//! counts on a 24/7 calendar (response 30 min, resolution 4 h); P2-P4 on
//! Kontorstid (Mon-Thu 08:00-12:00 and 12:45-16:30, Fri until 15:00,
//! Swedish holidays with de facto days): P2 1 h / 8 h, P3 4 h / 16 h,
//! P4 8 h / 40 h.

use super::{
    Clock, ClockEvent, ClockPolicy, ClockSegment, ClockState, SegmentReason, Target, TicketClocks,
    TimedEvent, compute_clocks,
};
use crate::calendar::Calendar;
use crate::calendar::test_support::{HOUR, MINUTE, always, office};
use crate::priority::Priority;
use crate::ticket::Status;
use jiff::Timestamp;

pub(super) fn policy<'a>(office: &'a Calendar, always: &'a Calendar) -> ClockPolicy<'a> {
    let target = |response: i64, resolution: i64, calendar| Target {
        response_seconds: response,
        resolution_seconds: resolution,
        calendar,
    };
    ClockPolicy::new([
        target(30 * MINUTE, 4 * HOUR, always),
        target(HOUR, 8 * HOUR, office),
        target(4 * HOUR, 16 * HOUR, office),
        target(8 * HOUR, 40 * HOUR, office),
    ])
}

pub(super) fn ev(at: Timestamp, event: ClockEvent) -> TimedEvent {
    TimedEvent { at, event }
}

pub(super) fn staff(to: Status) -> ClockEvent {
    ClockEvent::Status { to, by_staff: true }
}

pub(super) fn clocks(priority: Priority, events: &[TimedEvent], now: Timestamp) -> TicketClocks {
    let (office, always) = (office(), always());
    compute_clocks(priority, events, &policy(&office, &always), now).unwrap()
}

pub(super) fn seg(from: Timestamp, to: Timestamp, reason: SegmentReason) -> ClockSegment {
    ClockSegment {
        from,
        to,
        counted: reason == SegmentReason::Open,
        reason,
    }
}

pub(super) fn summary(c: &Clock) -> (i64, ClockState, Option<Timestamp>, Option<Timestamp>) {
    (c.elapsed_seconds, c.state, c.stopped_at, c.due_at)
}
