//! Who hears about what happens to a ticket. A change to a ticket (a
//! comment, a new status, a new assignee or group) concerns some people:
//! the requester, the assignee, the members of the assigned group. This
//! decides, without I/O, who gets a notification of which kind:
//!
//! - Nobody is told of their own action.
//! - The requester hears of public comments by others, and of the ticket
//!   being resolved or waiting for them; never of internal notes.
//! - The assignee hears of the requester's replies and of any comment by
//!   someone else, and that a ticket was assigned to them.
//! - A group hears that a ticket came to it, unless it went to one of
//!   them by name at the same time (then only that person hears).

use crate::ticket::Status;

/// The kinds of notification a user can receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A comment on a ticket I reported or am assigned.
    TicketComment,
    /// My ticket was resolved or waits for my answer.
    TicketStatus,
    /// A ticket was assigned to me.
    TicketAssigned,
    /// A ticket came to my group.
    GroupAssigned,
    /// An SLA clock of my group's ticket is about to run out (leads).
    SlaWarning,
    /// An SLA clock of my group's ticket ran out (leads).
    SlaBreach,
    /// My order was confirmed or rejected (orderers).
    OrderDecided,
    /// A large order waits for my decision (the federation manager).
    OrderWaiting,
    /// A service request waits for my approval.
    ApprovalWaiting,
    /// An outage or planned maintenance of my member (driftmeddelande).
    StatusMessage,
    /// A fulfilment task of a service request waits for my group.
    TaskWaiting,
    /// My member's agreement ends within 30 days (orderers, strategists).
    AgreementExpiring,
    /// One of my API tokens expires within 7 days.
    TokenExpiring,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::TicketComment,
        Kind::TicketStatus,
        Kind::TicketAssigned,
        Kind::GroupAssigned,
        Kind::SlaWarning,
        Kind::SlaBreach,
        Kind::OrderDecided,
        Kind::OrderWaiting,
        Kind::ApprovalWaiting,
        Kind::StatusMessage,
        Kind::TaskWaiting,
        Kind::AgreementExpiring,
        Kind::TokenExpiring,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::TicketComment => "ticket_comment",
            Kind::TicketStatus => "ticket_status",
            Kind::TicketAssigned => "ticket_assigned",
            Kind::GroupAssigned => "group_assigned",
            Kind::SlaWarning => "sla_warning",
            Kind::SlaBreach => "sla_breach",
            Kind::OrderDecided => "order_decided",
            Kind::OrderWaiting => "order_waiting",
            Kind::ApprovalWaiting => "approval_waiting",
            Kind::StatusMessage => "status_message",
            Kind::TaskWaiting => "task_waiting",
            Kind::AgreementExpiring => "agreement_expiring",
            Kind::TokenExpiring => "token_expiring",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The page a notification of this kind leads to, where it is not
    /// its ticket's page (an approver may not read the ticket itself).
    pub fn page(self) -> Option<&'static str> {
        match self {
            Kind::OrderDecided => Some("/member/subscriptions"),
            Kind::OrderWaiting => Some("/admin/orders"),
            Kind::ApprovalWaiting => Some("/portal/approvals"),
            Kind::StatusMessage => Some("/portal"),
            Kind::TaskWaiting => Some("/agent/tasks"),
            Kind::AgreementExpiring => Some("/member"),
            Kind::TokenExpiring => Some("/account/tokens"),
            _ => None,
        }
    }
}

/// How a user hears of a kind of notification: always in the product,
/// and perhaps also by e-mail, at once or in the daily digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// In the product only (the bell and the list).
    Product,
    /// Also an e-mail at once.
    Immediate,
    /// Also in one e-mail a day with the day's notifications.
    Digest,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Product, Channel::Immediate, Channel::Digest];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Product => "product",
            Channel::Immediate => "immediate",
            Channel::Digest => "digest",
        }
    }

    pub fn parse(text: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// The channel a user has for `kind` until they choose another. Staff live
/// in the product: they get mail at once only for what is theirs alone to
/// act on soon (a ticket assigned to them, a breach coming for their
/// group), their group's new tickets once a day, and the rest in the
/// product. Everyone else may not log in for weeks, so what concerns them
/// (their tickets, approvals, orders, outages) comes by mail at once.
pub fn default_channel(kind: Kind, staff: bool) -> Channel {
    match (staff, kind) {
        (
            true,
            Kind::TicketAssigned
            | Kind::SlaWarning
            | Kind::SlaBreach
            | Kind::OrderWaiting
            | Kind::TokenExpiring,
        ) => Channel::Immediate,
        (true, Kind::GroupAssigned | Kind::TaskWaiting) => Channel::Digest,
        (true, _) => Channel::Product,
        (false, Kind::GroupAssigned | Kind::SlaWarning | Kind::SlaBreach) => Channel::Product,
        (false, _) => Channel::Immediate,
    }
}

/// What happened to a ticket, as far as who hears of it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketEvent {
    Comment { public: bool },
    Status { to: Status },
    Assigned,
}

/// The people a ticket concerns, by account (`Id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concerned<Id> {
    /// Who did it.
    pub actor: Id,
    /// The requester's accounts (a person may have none).
    pub requester: Vec<Id>,
    pub assignee: Option<Id>,
    /// The members of the assigned group (for `Assigned` with a new group).
    pub group: Vec<Id>,
    /// Whether the group changed (for `Assigned`).
    pub group_changed: bool,
    /// Whether the assignee changed (for `Assigned`).
    pub assignee_changed: bool,
}

/// Who is told of `event`, and as which kind (module docs). Each account
/// appears at most once.
pub fn recipients<Id: Copy + PartialEq>(event: &TicketEvent, c: &Concerned<Id>) -> Vec<(Id, Kind)> {
    let mut out: Vec<(Id, Kind)> = Vec::new();
    let mut add = |id: Id, kind: Kind| {
        if id != c.actor && !out.iter().any(|(o, _)| *o == id) {
            out.push((id, kind));
        }
    };
    match event {
        TicketEvent::Comment { public } => {
            if *public {
                for r in &c.requester {
                    add(*r, Kind::TicketComment);
                }
            }
            if let Some(a) = c.assignee {
                add(a, Kind::TicketComment);
            }
        }
        TicketEvent::Status { to } => {
            if matches!(to, Status::Resolved | Status::WaitingForCustomer) {
                for r in &c.requester {
                    add(*r, Kind::TicketStatus);
                }
            }
        }
        TicketEvent::Assigned => {
            if c.assignee_changed
                && let Some(a) = c.assignee
            {
                add(a, Kind::TicketAssigned);
            } else if c.group_changed {
                for g in &c.group {
                    add(*g, Kind::GroupAssigned);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concerned() -> Concerned<u8> {
        Concerned {
            actor: 9,
            requester: vec![1],
            assignee: Some(2),
            group: vec![2, 3, 9],
            group_changed: false,
            assignee_changed: false,
        }
    }

    #[test]
    fn staff_get_mail_only_for_what_is_theirs_others_for_all_that_concerns_them() {
        assert_eq!(
            default_channel(Kind::TicketAssigned, true),
            Channel::Immediate
        );
        assert_eq!(default_channel(Kind::SlaBreach, true), Channel::Immediate);
        assert_eq!(default_channel(Kind::GroupAssigned, true), Channel::Digest);
        assert_eq!(default_channel(Kind::TicketComment, true), Channel::Product);
        assert_eq!(default_channel(Kind::StatusMessage, true), Channel::Product);
        assert_eq!(
            default_channel(Kind::TicketComment, false),
            Channel::Immediate
        );
        assert_eq!(
            default_channel(Kind::StatusMessage, false),
            Channel::Immediate
        );
        assert_eq!(
            default_channel(Kind::ApprovalWaiting, false),
            Channel::Immediate
        );
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn the_requester_hears_public_comments_never_internal_notes() {
        let c = concerned();
        assert_eq!(
            recipients(&TicketEvent::Comment { public: true }, &c),
            vec![(1, Kind::TicketComment), (2, Kind::TicketComment)]
        );
        assert_eq!(
            recipients(&TicketEvent::Comment { public: false }, &c),
            vec![(2, Kind::TicketComment)]
        );
    }

    #[test]
    fn nobody_hears_of_their_own_action() {
        let mut c = concerned();
        c.actor = 1;
        assert_eq!(
            recipients(&TicketEvent::Comment { public: true }, &c),
            vec![(2, Kind::TicketComment)]
        );
        c.actor = 2;
        c.assignee_changed = true;
        assert_eq!(recipients(&TicketEvent::Assigned, &c), vec![]);
    }

    #[test]
    fn resolved_and_waiting_reach_the_requester_other_statuses_do_not() {
        let c = concerned();
        for (to, told) in [
            (Status::Resolved, true),
            (Status::WaitingForCustomer, true),
            (Status::InProgress, false),
            (Status::Closed, false),
        ] {
            let r = recipients(&TicketEvent::Status { to }, &c);
            assert_eq!(r == vec![(1, Kind::TicketStatus)], told, "{to:?}");
        }
    }

    #[test]
    fn a_named_assignee_hears_alone_else_the_group_without_the_actor() {
        let mut c = concerned();
        c.assignee_changed = true;
        c.group_changed = true;
        assert_eq!(
            recipients(&TicketEvent::Assigned, &c),
            vec![(2, Kind::TicketAssigned)]
        );
        c.assignee_changed = false;
        c.assignee = None;
        assert_eq!(
            recipients(&TicketEvent::Assigned, &c),
            vec![(2, Kind::GroupAssigned), (3, Kind::GroupAssigned)]
        );
    }
}
