//! Tickets (ärenden): types, statuses and the state machine that decides
//! which status changes are allowed and who may make them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Incident (fault) or request (beställning / serviceärende).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketType {
    Incident,
    Request,
}

impl TicketType {
    pub fn as_str(self) -> &'static str {
        match self {
            TicketType::Incident => "incident",
            TicketType::Request => "request",
        }
    }
}

impl FromStr for TicketType {
    type Err = crate::messages::Message;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "incident" => Ok(TicketType::Incident),
            "request" => Ok(TicketType::Request),
            _ => Err(crate::msg!("ticket.unknown_type", value = s)),
        }
    }
}

/// The status of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Assigned,
    InProgress,
    WaitingForCustomer,
    WaitingForSupplier,
    Resolved,
    Closed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::New,
        Status::Assigned,
        Status::InProgress,
        Status::WaitingForCustomer,
        Status::WaitingForSupplier,
        Status::Resolved,
        Status::Closed,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Assigned => "assigned",
            Status::InProgress => "in_progress",
            Status::WaitingForCustomer => "waiting_for_customer",
            Status::WaitingForSupplier => "waiting_for_supplier",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
        }
    }

    /// Open tickets are those the desk still has to work.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed | Status::Cancelled)
    }

    /// Closed and cancelled tickets never change again.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Closed | Status::Cancelled)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = crate::messages::Message;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| crate::msg!("ticket.unknown_status", value = s))
    }
}

/// Who asks for a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// Service center staff (agent, technician, group lead, manager, admin).
    Staff,
    /// The ticket's requester (or a member-side user acting on it).
    Requester,
    /// The system itself (automatic closing).
    System,
}

/// Facts about the ticket the state machine needs besides its status.
#[derive(Debug, Clone, Copy)]
pub struct TransitionContext {
    /// Whole seconds since the ticket was last resolved (None if never).
    pub seconds_since_resolved: Option<i64>,
    /// The configured reopen period in seconds.
    pub reopen_period_seconds: i64,
}

/// Why a status change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("the ticket is already {0}")]
    Unchanged(Status),
    #[error("a {0} ticket cannot change status any more")]
    Final(Status),
    #[error("a ticket cannot go from {from} to {to}")]
    NotAllowed { from: Status, to: Status },
    #[error("a requester may only cancel a new ticket or reopen a resolved one")]
    RequesterMayNot,
    #[error("the reopen period has passed: contact the service desk for a new ticket")]
    ReopenPeriodPassed,
}

impl TransitionError {
    /// The refusal as a message for the user.
    pub fn message(&self) -> crate::messages::Message {
        use crate::messages::Arg;
        let status = |s: &Status| Arg::Word("status", s.as_str().to_owned());
        match self {
            TransitionError::Unchanged(s) => crate::msg!("ticket.unchanged", status = status(s)),
            TransitionError::Final(s) => crate::msg!("ticket.final", status = status(s)),
            TransitionError::NotAllowed { from, to } => {
                crate::msg!("ticket.not_allowed", from = status(from), to = status(to))
            }
            TransitionError::RequesterMayNot => crate::msg!("ticket.requester_may_not"),
            TransitionError::ReopenPeriodPassed => crate::msg!("ticket.reopen_passed"),
        }
    }
}

/// Decides whether `actor` may move a ticket from `from` to `to`.
pub fn check_transition(
    actor: Actor,
    from: Status,
    to: Status,
    ctx: TransitionContext,
) -> Result<(), TransitionError> {
    use Status::*;
    if from == to {
        return Err(TransitionError::Unchanged(from));
    }
    if from.is_final() {
        return Err(TransitionError::Final(from));
    }
    match actor {
        Actor::Requester => match (from, to) {
            (New, Cancelled) => Ok(()),
            (Resolved, InProgress) | (Resolved, New) | (Resolved, Assigned) => {
                match ctx.seconds_since_resolved {
                    Some(s) if s <= ctx.reopen_period_seconds => Ok(()),
                    _ => Err(TransitionError::ReopenPeriodPassed),
                }
            }
            // A requester's reply ends the wait for the customer.
            (WaitingForCustomer, InProgress) => Ok(()),
            _ => Err(TransitionError::RequesterMayNot),
        },
        Actor::System => match (from, to) {
            (Resolved, Closed) => Ok(()),
            (WaitingForCustomer, InProgress) => Ok(()),
            _ => Err(TransitionError::NotAllowed { from, to }),
        },
        Actor::Staff => {
            let allowed = match from {
                Resolved => matches!(to, Closed | InProgress | Assigned),
                _ => to != New || from == Assigned,
            };
            if allowed {
                Ok(())
            } else {
                Err(TransitionError::NotAllowed { from, to })
            }
        }
    }
}

/// The status a reopened ticket returns to.
pub fn reopen_status(has_assignee: bool) -> Status {
    if has_assignee {
        Status::InProgress
    } else {
        Status::New
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    const CTX: TransitionContext = TransitionContext {
        seconds_since_resolved: Some(3600),
        reopen_period_seconds: 10 * 86400,
    };

    #[test]
    fn staff_work_a_ticket_from_new_to_closed() {
        for (from, to) in [
            (New, Assigned),
            (Assigned, InProgress),
            (InProgress, WaitingForCustomer),
            (WaitingForCustomer, InProgress),
            (InProgress, WaitingForSupplier),
            (WaitingForSupplier, Resolved),
            (Resolved, Closed),
        ] {
            assert_eq!(
                check_transition(Actor::Staff, from, to, CTX),
                Ok(()),
                "{from}->{to}"
            );
        }
    }

    #[test]
    fn nothing_leaves_closed_or_cancelled() {
        for to in Status::ALL {
            for actor in [Actor::Staff, Actor::Requester, Actor::System] {
                assert!(check_transition(actor, Closed, to, CTX).is_err());
                assert!(check_transition(actor, Cancelled, to, CTX).is_err());
            }
        }
    }

    #[test]
    fn requester_cancels_only_new_tickets() {
        assert_eq!(
            check_transition(Actor::Requester, New, Cancelled, CTX),
            Ok(())
        );
        assert_eq!(
            check_transition(Actor::Requester, InProgress, Cancelled, CTX),
            Err(TransitionError::RequesterMayNot)
        );
        assert!(check_transition(Actor::Requester, New, Resolved, CTX).is_err());
    }

    #[test]
    fn requester_reopens_only_within_the_period() {
        assert_eq!(
            check_transition(Actor::Requester, Resolved, InProgress, CTX),
            Ok(())
        );
        let late = TransitionContext {
            seconds_since_resolved: Some(11 * 86400),
            ..CTX
        };
        assert_eq!(
            check_transition(Actor::Requester, Resolved, InProgress, late),
            Err(TransitionError::ReopenPeriodPassed)
        );
    }

    #[test]
    fn staff_cannot_send_a_worked_ticket_back_to_new_except_unassigning() {
        assert!(check_transition(Actor::Staff, InProgress, New, CTX).is_err());
        assert_eq!(check_transition(Actor::Staff, Assigned, New, CTX), Ok(()));
    }

    #[test]
    fn the_system_only_closes_resolved_tickets() {
        assert_eq!(
            check_transition(Actor::System, Resolved, Closed, CTX),
            Ok(())
        );
        assert!(check_transition(Actor::System, InProgress, Closed, CTX).is_err());
    }

    #[test]
    fn status_names_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>(), Ok(s));
        }
        assert!("open".parse::<Status>().is_err());
    }
}
