//! A ticket's history as lines a person reads: each event with its change
//! as a message (`samdrift_domain::messages`), statuses and request steps
//! as words of the catalogs, groups, people, services, administrations and
//! suppliers by name instead of id. A value that no longer names anything
//! reads as removed, never as an id. Comment events carry no change (the
//! comment itself is in the conversation).

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::messages::{Arg, Message};
use samdrift_domain::msg;
use samdrift_domain::scope::MemberFilter;
use samdrift_store::tickets::EventRecord;
use std::collections::BTreeMap;
use uuid::Uuid;

/// One line of a ticket's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryLine {
    pub at: i64,
    /// Who did it, by name (`samdrift` for the system).
    pub actor: String,
    /// The event's kind (`status`, `group`, ...), a word of the catalogs.
    pub kind: String,
    /// What changed, when the event says; `None` for comments.
    pub change: Option<Message>,
}

/// Names of the things events refer to by id.
#[derive(Default)]
struct Names(BTreeMap<Uuid, String>);

impl Names {
    fn add(&mut self, pairs: impl IntoIterator<Item = (Uuid, String)>) {
        self.0.extend(pairs);
    }

    /// A stored id as its name, or as removed.
    fn of(&self, value: &str) -> Message {
        match value.parse::<Uuid>().ok().and_then(|id| self.0.get(&id)) {
            Some(name) => msg!("history.name", name = name),
            None => msg!("history.removed"),
        }
    }
}

/// A stored status as its word.
fn status(value: &str) -> Message {
    msg!("history.word", word = Arg::Word("status", value.to_owned()))
}

fn text(value: &str) -> Message {
    msg!("history.name", name = value)
}

/// A request step (`catalog::requests::RequestStep`) in words.
fn request_step(code: &str, detail: Option<&str>) -> Message {
    let detail = detail.unwrap_or_default().to_owned();
    let approval = Arg::Word("accounts.approval", detail.clone());
    match code {
        "approved" => msg!("history.request.approved", approval = approval),
        "rejected" => msg!("history.request.rejected", approval = approval),
        "task_done" => msg!("history.request.task_done", task = detail),
        "fulfilled_at_once" => msg!("history.request.fulfilled_at_once"),
        "fulfilment_starts" => msg!("history.request.fulfilment_starts"),
        _ => text(code),
    }
}

/// The change an event records, with `names` for ids.
fn change(e: &EventRecord, names: &Names) -> Option<Message> {
    let value = |v: &Option<String>, f: &dyn Fn(&str) -> Message| -> Message {
        v.as_deref().map_or(msg!("history.none"), f)
    };
    let pair = |f: &dyn Fn(&str) -> Message| match &e.old_value {
        Some(_) => msg!(
            "history.from_to",
            from = value(&e.old_value, f),
            to = value(&e.new_value, f)
        ),
        None => value(&e.new_value, f),
    };
    match e.kind.as_str() {
        "comment" => None,
        "request" => e
            .new_value
            .as_deref()
            .map(|code| request_step(code, e.old_value.as_deref())),
        "created" | "status" => Some(pair(&status)),
        "group" | "assignee" | "service" | "administration" | "supplier" => {
            Some(pair(&|v| names.of(v)))
        }
        "sla_warning" | "sla_breach" => e
            .new_value
            .as_deref()
            .map(|clock| msg!("history.word", word = Arg::Word("clock", clock.to_owned()))),
        _ => Some(pair(&text)),
    }
}

impl App {
    /// The history of a ticket of `member` as lines to read, from its
    /// events (as `ticket_detail` returns them to the caller).
    pub async fn ticket_history(
        &self,
        member: MemberId,
        events: &[EventRecord],
    ) -> Result<Vec<HistoryLine>, AppError> {
        let mut names = Names::default();
        let refers = |kind: &str| events.iter().any(|e| e.kind == kind);
        if refers("group") {
            names.add(
                self.store
                    .list_groups()
                    .await?
                    .into_iter()
                    .map(|g| (g.id, g.name)),
            );
        }
        if refers("assignee") {
            names.add(
                self.store
                    .list_accounts()
                    .await?
                    .into_iter()
                    .map(|a| (a.id, a.username)),
            );
        }
        if refers("service") {
            names.add(
                self.store
                    .list_services()
                    .await?
                    .into_iter()
                    .map(|s| (s.id, s.name)),
            );
        }
        if refers("supplier") {
            names.add(
                self.store
                    .list_suppliers()
                    .await?
                    .into_iter()
                    .map(|s| (s.id, s.name)),
            );
        }
        if refers("administration") {
            names.add(
                self.store
                    .list_administrations(&MemberFilter::Only(vec![member]), Some(member))
                    .await?
                    .into_iter()
                    .map(|a| (a.id, a.name)),
            );
        }
        Ok(events
            .iter()
            .map(|e| HistoryLine {
                at: e.at,
                actor: e.actor_name.clone(),
                kind: e.kind.clone(),
                change: change(e, &names),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samdrift_domain::ids::{EventId, TicketId};

    fn event(kind: &str, old: Option<&str>, new: Option<&str>) -> EventRecord {
        EventRecord {
            member_id: MemberId(Uuid::nil()),
            id: EventId(Uuid::nil()),
            ticket_id: TicketId(Uuid::nil()),
            at: 0,
            actor_id: None,
            actor_name: "anna".into(),
            actor_kind: "staff".into(),
            kind: kind.into(),
            old_value: old.map(str::to_owned),
            new_value: new.map(str::to_owned),
            public: true,
        }
    }

    #[test]
    fn ids_become_names_and_statuses_words() {
        let group = Uuid::from_u128(7);
        let mut names = Names::default();
        names.add([(group, "Nätverk".to_owned())]);
        let gid = group.to_string();
        assert_eq!(
            change(&event("group", None, Some(&gid)), &names),
            Some(msg!("history.name", name = "Nätverk"))
        );
        let gone = Uuid::from_u128(8).to_string();
        assert_eq!(
            change(&event("assignee", Some(&gid), Some(&gone)), &names),
            Some(msg!(
                "history.from_to",
                from = msg!("history.name", name = "Nätverk"),
                to = msg!("history.removed")
            ))
        );
        assert_eq!(
            change(&event("status", Some("new"), Some("assigned")), &names),
            Some(msg!(
                "history.from_to",
                from = status("new"),
                to = status("assigned")
            ))
        );
        assert_eq!(change(&event("comment", None, Some(&gid)), &names), None);
        assert_eq!(
            change(&event("request", Some("manager"), Some("approved")), &names),
            Some(msg!(
                "history.request.approved",
                approval = Arg::Word("accounts.approval", "manager".into())
            ))
        );
    }
}
