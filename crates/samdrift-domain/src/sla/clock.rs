//! Computes a ticket's response and resolution clocks from its history: the
//! history becomes a timeline of phases (counting, paused, stopped), the
//! counting phases are cut by the calendar into open and closed stretches,
//! and the counted stretches add up to the elapsed time.

use super::{
    Clock, ClockError, ClockEvent, ClockKind, ClockPolicy, ClockSegment, ClockState, SegmentReason,
    TicketClocks, TimedEvent,
};
use crate::calendar::{Calendar, ClosedReason};
use crate::priority::Priority;
use crate::ticket::Status;
use jiff::{SignedDuration, Timestamp};

/// What a clock does from an instant on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Counting,
    Paused(Status),
    Stopped,
}

/// The phases of one clock: each starts at its instant and lasts until the
/// next one starts or the timeline ends.
struct Timeline {
    phases: Vec<(Timestamp, Phase)>,
    end: Timestamp,
    stopped_at: Option<Timestamp>,
    last: Phase,
}

/// Both clocks of a ticket as of `now`. See the module documentation of
/// `sla` for the rules where SLA.md leaves a choice.
pub fn compute_clocks(
    initial_priority: Priority,
    events: &[TimedEvent],
    policy: &ClockPolicy<'_>,
    now: Timestamp,
) -> Result<TicketClocks, ClockError> {
    super::check_history(events)?;
    let created = whole_second(events.first().ok_or(ClockError::NoEvents)?.at);
    let now = whole_second(now).max(created);
    let history: Vec<(Timestamp, ClockEvent)> = events
        .iter()
        .skip(1)
        .take_while(|e| whole_second(e.at) <= now)
        .map(|e| (whole_second(e.at), e.event))
        .collect();
    let priority = current_priority(initial_priority, &history);
    let target = policy.target(priority);
    let build = |kind, timeline: Timeline, target_seconds: i64| {
        build_clock(
            kind,
            priority,
            target_seconds.max(0),
            policy.warning_percent,
            target.calendar,
            created,
            timeline,
        )
    };
    Ok(TicketClocks {
        response: build(
            ClockKind::Response,
            response_timeline(created, &history, now),
            target.response_seconds,
        ),
        resolution: build(
            ClockKind::Resolution,
            resolution_timeline(created, &history, now, policy.pause_on_waiting_for_supplier),
            target.resolution_seconds,
        ),
    })
}

/// The priority after the last change, ignoring changes made after the
/// ticket was closed or cancelled.
fn current_priority(initial: Priority, history: &[(Timestamp, ClockEvent)]) -> Priority {
    let mut priority = initial;
    for (_, event) in history {
        match *event {
            ClockEvent::PriorityChanged { to } => priority = to,
            ClockEvent::Status { to, .. } if to.is_final() => break,
            _ => {}
        }
    }
    priority
}

/// Drops the sub-second part of an instant.
fn whole_second(at: Timestamp) -> Timestamp {
    Timestamp::from_second(at.as_second()).unwrap_or(at)
}

fn response_timeline(
    created: Timestamp,
    history: &[(Timestamp, ClockEvent)],
    now: Timestamp,
) -> Timeline {
    let mut status = Status::New;
    let mut stopped_at = None;
    for (at, event) in history {
        let stops = match *event {
            ClockEvent::PublicComment { by_staff } => by_staff,
            ClockEvent::Status { to, by_staff } => {
                let stops = (by_staff && status == Status::New) || !to.is_open();
                status = to;
                stops
            }
            _ => false,
        };
        if stops {
            stopped_at = Some(*at);
            break;
        }
    }
    Timeline {
        phases: vec![(created, Phase::Counting)],
        end: stopped_at.unwrap_or(now),
        stopped_at,
        last: if stopped_at.is_some() {
            Phase::Stopped
        } else {
            Phase::Counting
        },
    }
}

fn resolution_timeline(
    created: Timestamp,
    history: &[(Timestamp, ClockEvent)],
    now: Timestamp,
    pause_on_supplier: bool,
) -> Timeline {
    let mut phases = vec![(created, Phase::Counting)];
    let mut status = Status::New;
    let mut stopped_at = None;
    for (at, event) in history {
        let ClockEvent::Status { to, .. } = *event else {
            continue;
        };
        if status.is_final() {
            break;
        }
        let phase = match to {
            Status::WaitingForCustomer => Phase::Paused(to),
            Status::WaitingForSupplier if pause_on_supplier => Phase::Paused(to),
            _ if to.is_open() => Phase::Counting,
            _ => Phase::Stopped,
        };
        if phase == Phase::Stopped {
            stopped_at = stopped_at.or(Some(*at));
        } else {
            stopped_at = None;
        }
        status = to;
        phases.push((*at, phase));
    }
    let last = phases.last().map_or(Phase::Counting, |(_, phase)| *phase);
    Timeline {
        phases,
        end: stopped_at.unwrap_or(now),
        stopped_at,
        last,
    }
}

fn build_clock(
    kind: ClockKind,
    priority: Priority,
    target_seconds: i64,
    warning_percent: u8,
    calendar: &Calendar,
    started_at: Timestamp,
    timeline: Timeline,
) -> Clock {
    let segments = segments_of(&timeline, calendar);
    let elapsed_seconds = segments
        .iter()
        .filter(|s| s.counted)
        .fold(SignedDuration::ZERO, |sum, s| {
            sum.saturating_add(s.to.duration_since(s.from))
        })
        .as_secs();
    let running = timeline.last == Phase::Counting && timeline.stopped_at.is_none();
    let state = if elapsed_seconds > target_seconds {
        ClockState::Breached
    } else if timeline.stopped_at.is_some() {
        ClockState::Met
    } else if running {
        ClockState::Running
    } else {
        ClockState::Paused
    };
    let warning_seconds = i128::from(target_seconds) * i128::from(warning_percent.min(100)) / 100;
    let warning_seconds = i64::try_from(warning_seconds).unwrap_or(target_seconds);
    let reach = |seconds: i64| {
        if !running {
            None
        } else if seconds <= elapsed_seconds {
            reached_at(&segments, started_at, seconds)
        } else {
            calendar.deadline(timeline.end, seconds - elapsed_seconds)
        }
    };
    Clock {
        kind,
        priority,
        target_seconds,
        elapsed_seconds,
        state,
        started_at,
        stopped_at: timeline.stopped_at,
        due_at: reach(target_seconds),
        warning_at: reach(warning_seconds),
        segments,
    }
}

/// The clock's segments: each phase up to the end of the timeline, counting
/// phases cut by the calendar; neighbours with the same reason are merged.
fn segments_of(timeline: &Timeline, calendar: &Calendar) -> Vec<ClockSegment> {
    let mut out: Vec<ClockSegment> = Vec::new();
    let mut push = |from: Timestamp, to: Timestamp, reason: SegmentReason| {
        if let Some(last) = out.last_mut()
            && last.to == from
            && last.reason == reason
        {
            last.to = to;
        } else {
            let counted = reason == SegmentReason::Open;
            out.push(ClockSegment {
                from,
                to,
                counted,
                reason,
            });
        }
    };
    for (index, (start, phase)) in timeline.phases.iter().enumerate() {
        let next = timeline
            .phases
            .get(index + 1)
            .map_or(timeline.end, |(at, _)| *at);
        let (from, to) = (*start, next.min(timeline.end));
        if from >= to {
            continue;
        }
        match phase {
            Phase::Paused(status) => push(from, to, SegmentReason::Paused { status: *status }),
            Phase::Stopped => push(from, to, SegmentReason::Stopped),
            Phase::Counting => {
                for piece in calendar.segments(from, to) {
                    let reason = match piece.reason {
                        None => SegmentReason::Open,
                        Some(ClosedReason::ClosedHours) => SegmentReason::ClosedHours,
                        Some(ClosedReason::Holiday { name }) => SegmentReason::Holiday { name },
                        Some(ClosedReason::Exception) => SegmentReason::Exception,
                    };
                    push(piece.from, piece.to, reason);
                }
            }
        }
    }
    out
}

/// The earliest instant at which the counted segments add up to `seconds`
/// (`seconds` at most their total).
fn reached_at(segments: &[ClockSegment], started_at: Timestamp, seconds: i64) -> Option<Timestamp> {
    let mut remaining = SignedDuration::from_secs(seconds);
    if remaining <= SignedDuration::ZERO {
        return Some(started_at);
    }
    for segment in segments.iter().filter(|s| s.counted) {
        let length = segment.to.duration_since(segment.from);
        if length >= remaining {
            return segment.from.checked_add(remaining).ok();
        }
        remaining -= length;
    }
    None
}
