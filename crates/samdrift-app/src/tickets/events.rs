//! Building history rows: every change to a ticket is an event saying who,
//! when, what, and the old and new value.

use samdrift_domain::ids::{AccountId, EventId};
use samdrift_domain::scope::Scope;
use samdrift_domain::time::Clock;
use samdrift_store::tickets::{EventRecord, TicketRecord};

/// Who made a change, as the history shows it.
#[derive(Debug, Clone)]
pub struct EventActor {
    pub id: Option<AccountId>,
    pub name: String,
    /// `staff`, `requester` or `system`.
    pub kind: &'static str,
}

impl EventActor {
    /// The actor of a scope; the system's own scope (nil account: timers,
    /// escalations, import jobs) acts as the system, so its changes do not
    /// count as a person's response.
    pub fn of(scope: &Scope) -> EventActor {
        if scope.account.0.is_nil() {
            return EventActor::system();
        }
        EventActor {
            id: Some(scope.account),
            name: scope.username.clone(),
            kind: if scope.is_staff() {
                "staff"
            } else {
                "requester"
            },
        }
    }

    pub fn system() -> EventActor {
        EventActor {
            id: None,
            name: "samdrift".into(),
            kind: "system",
        }
    }
}

/// Collects the events of one change.
pub struct EventLog<'a> {
    pub ticket: &'a TicketRecord,
    pub actor: EventActor,
    pub at: i64,
    pub clock: &'a dyn Clock,
    pub events: Vec<EventRecord>,
}

impl<'a> EventLog<'a> {
    pub fn new(ticket: &'a TicketRecord, actor: EventActor, at: i64, clock: &'a dyn Clock) -> Self {
        EventLog {
            ticket,
            actor,
            at,
            clock,
            events: Vec::new(),
        }
    }

    pub fn push(&mut self, kind: &str, old: Option<String>, new: Option<String>, public: bool) {
        self.events.push(EventRecord {
            member_id: self.ticket.member_id,
            id: EventId(crate::ids::new_id(self.clock)),
            ticket_id: self.ticket.id,
            at: self.at,
            actor_id: self.actor.id,
            actor_name: self.actor.name.clone(),
            actor_kind: self.actor.kind.to_owned(),
            kind: kind.to_owned(),
            old_value: old,
            new_value: new,
            public,
        });
    }

    /// Records a field change if the value differs.
    pub fn change<T: ToString + PartialEq>(
        &mut self,
        kind: &str,
        old: &Option<T>,
        new: &Option<T>,
        public: bool,
    ) {
        if old != new {
            self.push(
                kind,
                old.as_ref().map(T::to_string),
                new.as_ref().map(T::to_string),
                public,
            );
        }
    }
}
