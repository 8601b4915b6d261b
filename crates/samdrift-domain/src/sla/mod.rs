//! Service-level clocks: the response and resolution clocks of a ticket,
//! computed afresh from its event history, its agreement's targets and the
//! calendar (SLA.md, "Clocks on a ticket"). Nothing is accumulated: the same
//! history, policy and `now` always give the same clocks.
//!
//! Rules kept here, where SLA.md leaves a choice:
//! - The *current* priority (the last priority change at or before `now`)
//!   decides both the target and the calendar, and they apply to the whole
//!   history from creation. A priority change that moves the ticket to a
//!   calendar with fewer open hours can therefore lower the elapsed time.
//! - Instants are counted to the whole second: the sub-second part of every
//!   event time and of `now` is dropped before counting.
//! - Events after `now` are ignored; events must be in time order with the
//!   creation first (otherwise [`ClockError`]).
//! - The response clock also stops when the ticket is resolved, closed or
//!   cancelled by anyone (a requester cancelling a new ticket): there is
//!   nothing left to respond to. It is met or breached by its elapsed time.
//! - Nothing changes a closed or cancelled ticket's clocks afterwards; a
//!   ticket closed after being resolved keeps the resolution time.
//! - A clock is breached as soon as its elapsed time exceeds the target,
//!   whether it is running, paused or stopped. For a running clock `due_at`
//!   is the instant the target is (or already was) reached and `warning_at`
//!   the same for the warning share (rounded down to a whole second); both
//!   are `None` while a clock is paused or stopped. Negative targets count
//!   as 0 and warning shares above 100% as 100%.

pub mod availability;
pub mod breach;
mod clock;
pub mod penalty;
pub mod report;
pub mod report_csv;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests_availability;
#[cfg(test)]
mod tests_breach;
#[cfg(test)]
mod tests_clock;
#[cfg(test)]
mod tests_days;
#[cfg(test)]
mod tests_penalty;
#[cfg(test)]
mod tests_properties;
#[cfg(test)]
mod tests_report;
#[cfg(test)]
mod tests_report_properties;

pub use clock::compute_clocks;

use crate::calendar::Calendar;
use crate::priority::Priority;
use crate::ticket::Status;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What happened to a ticket, as far as its clocks care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockEvent {
    /// The ticket was created (for imports: the original creation time).
    Created,
    /// The status changed to `to`; `by_staff` when service center staff did it.
    Status {
        to: Status,
        by_staff: bool,
    },
    /// A public comment; automatic acknowledgements have `by_staff: false`.
    PublicComment {
        by_staff: bool,
    },
    PriorityChanged {
        to: Priority,
    },
}

/// One event of a ticket's history at its instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedEvent {
    pub at: Timestamp,
    pub event: ClockEvent,
}

/// The targets of one priority (business seconds) and the calendar they
/// are counted in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target<'a> {
    pub response_seconds: i64,
    pub resolution_seconds: i64,
    pub calendar: &'a Calendar,
}

/// The parts of an agreement entry that drive the clocks.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockPolicy<'a> {
    /// Targets for P1, P2, P3 and P4, in that order.
    pub targets: [Target<'a>; 4],
    /// Whether `waiting_for_supplier` pauses the resolution clock.
    pub pause_on_waiting_for_supplier: bool,
    /// The share of the target, in percent, at which a warning is due.
    pub warning_percent: u8,
}

impl<'a> ClockPolicy<'a> {
    pub const DEFAULT_WARNING_PERCENT: u8 = 75;

    /// A policy where `waiting_for_supplier` does not pause and the warning
    /// comes at 75%.
    pub fn new(targets: [Target<'a>; 4]) -> Self {
        Self {
            targets,
            pause_on_waiting_for_supplier: false,
            warning_percent: Self::DEFAULT_WARNING_PERCENT,
        }
    }

    pub fn target(&self, priority: Priority) -> &Target<'a> {
        match priority {
            Priority::P1 => &self.targets[0],
            Priority::P2 => &self.targets[1],
            Priority::P3 => &self.targets[2],
            Priority::P4 => &self.targets[3],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    Response,
    Resolution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    Running,
    Paused,
    /// Stopped within the target.
    Met,
    /// Elapsed time exceeds the target (running, paused or stopped).
    Breached,
}

/// Why a stretch of a clock counted or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SegmentReason {
    /// Inside the calendar's open hours: counted.
    Open,
    ClosedHours,
    Holiday {
        name: &'static str,
    },
    /// A dated exception of the calendar closed it.
    Exception,
    /// The ticket was in a pausing status.
    Paused {
        status: Status,
    },
    /// The clock was stopped (resolved, before a reopening).
    Stopped,
}

/// A stretch `[from, to)` of a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ClockSegment {
    pub from: Timestamp,
    pub to: Timestamp,
    pub counted: bool,
    pub reason: SegmentReason,
}

/// One clock of a ticket as of `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub kind: ClockKind,
    /// The priority whose target and calendar were used (the current one).
    pub priority: Priority,
    pub target_seconds: i64,
    /// Business seconds counted: the sum of the counted segments.
    pub elapsed_seconds: i64,
    pub state: ClockState,
    pub started_at: Timestamp,
    pub stopped_at: Option<Timestamp>,
    pub due_at: Option<Timestamp>,
    pub warning_at: Option<Timestamp>,
    /// Contiguous from `started_at` to `stopped_at` (or `now`).
    pub segments: Vec<ClockSegment>,
}

/// Both clocks of a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TicketClocks {
    pub response: Clock,
    pub resolution: Clock,
}

/// Why a history cannot be turned into clocks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("the ticket has no history: its first event must be its creation")]
    NoEvents,
    #[error("event {index} is a creation: only the first event may be, and it must be")]
    MisplacedCreated { index: usize },
    #[error("event {index} is earlier than the event before it: give events in time order")]
    OutOfOrder { index: usize },
}

impl ClockError {
    /// The refusal as a message for the user.
    pub fn message(&self) -> crate::messages::Message {
        match self {
            ClockError::NoEvents => crate::msg!("clock.no_events"),
            ClockError::MisplacedCreated { index } => {
                crate::msg!("clock.misplaced_created", index = *index)
            }
            ClockError::OutOfOrder { index } => crate::msg!("clock.out_of_order", index = *index),
        }
    }
}

/// Checks that the history starts with the creation, has no other
/// creation, and is in time order.
pub(crate) fn check_history(events: &[TimedEvent]) -> Result<(), ClockError> {
    let Some(first) = events.first() else {
        return Err(ClockError::NoEvents);
    };
    if first.event != ClockEvent::Created {
        return Err(ClockError::MisplacedCreated { index: 0 });
    }
    for (index, pair) in events.windows(2).enumerate() {
        if pair[1].at < pair[0].at {
            return Err(ClockError::OutOfOrder { index: index + 1 });
        }
        if pair[1].event == ClockEvent::Created {
            return Err(ClockError::MisplacedCreated { index: index + 1 });
        }
    }
    Ok(())
}
