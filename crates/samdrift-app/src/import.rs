//! Importing tickets with their history (a new member brings its old
//! tickets). The whole batch is checked first; if any line is invalid,
//! nothing is written and every error names its line and field. Events keep
//! their original times, so clocks are computed from history, not import.

use crate::{App, AppError};
use samdrift_domain::error::{FieldError, FieldErrors};
use samdrift_domain::ids::{
    AdministrationId, CommentId, EventId, MemberId, PersonId, ServiceId, TicketId,
};
use samdrift_domain::priority::{Level, Priority};
use samdrift_domain::scope::Scope;
use samdrift_domain::ticket::{Actor, Status, TicketType, TransitionContext, check_transition};
use samdrift_domain::time::{stockholm_year, to_micros};
use samdrift_store::people::PersonRecord;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::tickets::{CommentRecord, EventRecord, NewTicket, TicketRecord};
use serde::Deserialize;
use std::collections::HashMap;

/// One ticket as an import line (JSON).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportTicket {
    pub member: String,
    #[serde(rename = "type")]
    pub ticket_type: String,
    pub service: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The requester's e-mail in the member.
    pub requester: Option<String>,
    pub impact: i64,
    pub urgency: i64,
    pub events: Vec<ImportEvent>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportEvent {
    pub at: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub to: Option<String>,
    pub public: Option<bool>,
    #[serde(default)]
    pub by_staff: bool,
    pub body: Option<String>,
}

/// What an import created.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub id: TicketId,
    pub number: String,
}

/// Parses JSON Lines; blank lines are skipped, line numbers start at 1.
pub fn parse_json_lines(text: &str) -> Result<Vec<ImportTicket>, AppError> {
    let mut errors = FieldErrors::default();
    let mut tickets = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<ImportTicket>(line) {
            Ok(t) => tickets.push(t),
            Err(e) => errors.push(
                format!("line {}", i + 1),
                samdrift_domain::msg!("input.json", detail = e.to_string()),
            ),
        }
    }
    errors.into_result(tickets).map_err(AppError::Invalid)
}

/// Each member's people by lower-cased e-mail, read once per member.
type PeopleByMember = HashMap<uuid::Uuid, HashMap<String, PersonRecord>>;

/// The fields of a line checked before anything is built from it.
struct CheckedLine<'a> {
    ticket_type: TicketType,
    title: &'a str,
    impact: Level,
    urgency: Level,
    /// Each event's time, in the order of the events.
    times: Vec<jiff::Timestamp>,
}

/// Only managers and administrators import, and an import has lines.
fn check_may_import(scope: &Scope, lines: &[ImportTicket]) -> Result<(), AppError> {
    if !scope.may_manage_registers() {
        return Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.import"
        )));
    }
    if lines.is_empty() {
        return Err(AppError::invalid(
            "body",
            samdrift_domain::msg!("import.empty"),
        ));
    }
    Ok(())
}

/// The line's own fields: type, title, impact, urgency, and event times
/// in order starting with `created`. Every error found is returned.
fn check_line(line: &ImportTicket) -> Result<CheckedLine<'_>, Vec<FieldError>> {
    let mut errors = FieldErrors::default();
    let ticket_type = line
        .ticket_type
        .parse::<TicketType>()
        .map_err(|e| errors.push("type", e))
        .ok();
    let title = line.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        errors.push(
            "title",
            samdrift_domain::msg!("field.length", min = 1, max = 200),
        );
    }
    let impact = Level::new(line.impact)
        .map_err(|e| errors.push("impact", e))
        .ok();
    let urgency = Level::new(line.urgency)
        .map_err(|e| errors.push("urgency", e))
        .ok();
    let mut times = Vec::new();
    for (j, e) in line.events.iter().enumerate() {
        match e.at.parse::<jiff::Timestamp>() {
            Ok(t) => times.push(t),
            Err(_) => errors.push(
                format!("events[{j}].at"),
                samdrift_domain::msg!("field.rfc3339"),
            ),
        }
    }
    if line.events.first().is_none_or(|e| e.kind != "created") {
        errors.push(
            "events[0].type",
            samdrift_domain::msg!("import.first_created"),
        );
    }
    if times.windows(2).any(|w| w[1] < w[0]) {
        errors.push("events", samdrift_domain::msg!("import.events_order"));
    }
    let (Some(ticket_type), Some(impact), Some(urgency)) = (ticket_type, impact, urgency) else {
        return Err(errors.0);
    };
    errors.into_result(CheckedLine {
        ticket_type,
        title,
        impact,
        urgency,
        times,
    })
}

/// Who an imported event is attributed to: (actor kind, actor name).
fn import_actor(by_staff: bool) -> (&'static str, &'static str) {
    if by_staff {
        ("staff", "import (staff)")
    } else {
        ("requester", "import (requester)")
    }
}

impl App {
    /// Imports tickets (all or none). Only managers and admins import.
    pub async fn import_tickets(
        &self,
        scope: &Scope,
        lines: Vec<ImportTicket>,
    ) -> Result<Vec<Imported>, AppError> {
        check_may_import(scope, &lines)?;
        let mut errors = FieldErrors::default();
        let mut people = PeopleByMember::new();
        let mut prepared = Vec::new();
        for (i, line) in lines.into_iter().enumerate() {
            let prepared_line = self
                .prepare_line(scope, &mut people, &mut errors, i + 1, &line)
                .await?;
            prepared.extend(prepared_line);
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let created = self.store.create_tickets(prepared).await?;
        for t in &created {
            self.refresh_after_change(t).await;
        }
        Ok(created
            .into_iter()
            .map(|t| Imported {
                id: t.id,
                number: t.number,
            })
            .collect())
    }

    /// One line checked against the registers (member, requester, service),
    /// built and routed to its group; its errors, named by line, go to
    /// `errors`, and then nothing is returned for it.
    async fn prepare_line(
        &self,
        scope: &Scope,
        people: &mut PeopleByMember,
        errors: &mut FieldErrors,
        number: usize,
        line: &ImportTicket,
    ) -> Result<Option<NewTicket>, AppError> {
        let at_line = |field: &str| format!("line {number}: {field}");
        let member = match self.store.member_by_code(&line.member).await? {
            Some(m) if scope.members().allows(MemberId(m.id)) => m,
            _ => {
                errors.push(
                    at_line("member"),
                    samdrift_domain::msg!("member.no_code", code = &line.member),
                );
                return Ok(None);
            }
        };
        let people = self.people_of(people, &member).await?;
        let requester = match &line.requester {
            Some(email) => {
                let found = people.get(&email.to_lowercase()).cloned();
                if found.is_none() {
                    errors.push(
                        at_line("requester"),
                        samdrift_domain::msg!(
                            "import.no_person",
                            email = email,
                            member = &member.code
                        ),
                    );
                }
                found
            }
            None => None,
        };
        let service = match &line.service {
            Some(code) => match self.store.service_by_code(code).await? {
                Some(s) => Some(s.id),
                None => {
                    errors.push(
                        at_line("service"),
                        samdrift_domain::msg!("service.no_code_with", code = code),
                    );
                    None
                }
            },
            None => None,
        };
        match self.build_import(&member, requester, service, line) {
            Ok(mut t) => {
                let ticket_type = t.ticket.ticket_type;
                t.ticket.group_id = self.route(member.id, service, ticket_type).await?;
                Ok(Some(t))
            }
            Err(field_errors) => {
                for e in field_errors {
                    errors.push(at_line(&e.field), e.message);
                }
                Ok(None)
            }
        }
    }

    /// The member's people by lower-cased e-mail, read from the store the
    /// first time the member is met in the batch.
    async fn people_of<'p>(
        &self,
        people: &'p mut PeopleByMember,
        member: &MemberRecord,
    ) -> Result<&'p HashMap<String, PersonRecord>, AppError> {
        match people.entry(member.id) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::hash_map::Entry::Vacant(e) => {
                let map = self
                    .store
                    .people_of_member(MemberId(member.id))
                    .await?
                    .into_iter()
                    .map(|p| (p.email.to_lowercase(), p))
                    .collect();
                Ok(e.insert(map))
            }
        }
    }

    /// The ticket of a line, as created, then its history replayed: each
    /// event checked and applied in order. All or nothing.
    fn build_import(
        &self,
        member: &MemberRecord,
        requester: Option<PersonRecord>,
        service: Option<uuid::Uuid>,
        line: &ImportTicket,
    ) -> Result<NewTicket, Vec<FieldError>> {
        let checked = check_line(line)?;
        let created = checked.times[0];
        let mut t = self.imported_ticket(member, requester, service, line, &checked);
        let mut errors = FieldErrors::default();
        let mut comments = Vec::new();
        let mut events = Vec::new();
        for (j, (e, at)) in line.events.iter().zip(checked.times).enumerate() {
            let at = to_micros(at);
            let event = self.replay_event(&mut t, &mut comments, &mut errors, j, e, at);
            t.updated_at = at;
            events.push(event);
        }
        if !errors.is_empty() {
            return Err(errors.0);
        }
        Ok(NewTicket {
            member_code: member.code.clone(),
            year: stockholm_year(created),
            ticket: t,
            comments,
            attachments: vec![],
            events,
            request: None,
            clocks: vec![],
        })
    }

    /// The ticket as it was when created, at the time of its first event.
    fn imported_ticket(
        &self,
        member: &MemberRecord,
        requester: Option<PersonRecord>,
        service: Option<uuid::Uuid>,
        line: &ImportTicket,
        checked: &CheckedLine<'_>,
    ) -> TicketRecord {
        let created_at = to_micros(checked.times[0]);
        TicketRecord {
            member_id: MemberId(member.id),
            id: TicketId(crate::ids::new_id(self.clock.as_ref())),
            number: String::new(),
            ticket_type: checked.ticket_type,
            administration_id: requester
                .as_ref()
                .and_then(|p| p.administration_id.map(AdministrationId)),
            requester_id: requester.as_ref().map(|p| PersonId(p.id)),
            service_id: service.map(ServiceId),
            title: checked.title.to_owned(),
            description: line.description.clone(),
            impact: i64::from(checked.impact.get()),
            urgency: i64::from(checked.urgency.get()),
            priority: Priority::from_matrix(checked.impact, checked.urgency),
            priority_overridden: false,
            status: Status::New,
            group_id: None,
            assignee_id: None,
            supplier_id: None,
            supplier_reference: None,
            created_at,
            updated_at: created_at,
            resolved_at: None,
            version: 1,
        }
    }

    /// Event `j` of the history applied to the ticket: its event record,
    /// a comment for a `comment`, the new status or priority for a change.
    fn replay_event(
        &self,
        t: &mut TicketRecord,
        comments: &mut Vec<CommentRecord>,
        errors: &mut FieldErrors,
        j: usize,
        e: &ImportEvent,
        at: i64,
    ) -> EventRecord {
        let (actor_kind, name) = import_actor(e.by_staff);
        let mut event = EventRecord {
            member_id: t.member_id,
            id: EventId(crate::ids::new_id(self.clock.as_ref())),
            ticket_id: t.id,
            at,
            actor_id: None,
            actor_name: name.into(),
            actor_kind: actor_kind.into(),
            kind: e.kind.clone(),
            old_value: None,
            new_value: None,
            public: true,
        };
        match e.kind.as_str() {
            "created" if j == 0 => event.new_value = Some(Status::New.as_str().into()),
            "comment" => {
                let body = e.body.clone().unwrap_or_default();
                if body.trim().is_empty() {
                    errors.push(
                        format!("events[{j}].body"),
                        samdrift_domain::msg!("import.comment_body"),
                    );
                }
                let public = e.public.unwrap_or(true);
                let id = CommentId(crate::ids::new_id(self.clock.as_ref()));
                comments.push(CommentRecord {
                    member_id: t.member_id,
                    id,
                    ticket_id: t.id,
                    at,
                    author_id: None,
                    author_name: name.into(),
                    public,
                    by_staff: e.by_staff,
                    body,
                });
                event.public = public;
                event.new_value = Some(id.to_string());
            }
            "status" => self.replay_status(t, &mut event, errors, j, e, at),
            "priority" => match e.to.as_deref().map(str::parse::<Priority>) {
                Some(Ok(p)) => {
                    event.old_value = Some(t.priority.as_str().to_owned());
                    t.priority = p;
                    t.priority_overridden = true;
                    event.new_value = Some(t.priority.as_str().to_owned());
                }
                Some(Err(msg)) => errors.push(format!("events[{j}].to"), msg),
                None => errors.push(
                    format!("events[{j}].to"),
                    samdrift_domain::msg!("import.priority_to"),
                ),
            },
            other => errors.push(
                format!("events[{j}].type"),
                samdrift_domain::msg!("import.event_type", value = other),
            ),
        }
        event
    }

    /// A status event: the move checked against the state machine as the
    /// one who made it, then applied (resolved time kept or cleared).
    fn replay_status(
        &self,
        t: &mut TicketRecord,
        event: &mut EventRecord,
        errors: &mut FieldErrors,
        j: usize,
        e: &ImportEvent,
        at: i64,
    ) {
        let from = t.status;
        match e.to.as_deref().map(str::parse::<Status>) {
            Some(Ok(to)) => {
                let actor = if e.by_staff {
                    Actor::Staff
                } else {
                    Actor::Requester
                };
                let ctx = TransitionContext {
                    seconds_since_resolved: t.resolved_at.map(|r| (at - r) / 1_000_000),
                    reopen_period_seconds: self.settings.reopen_days * 86_400,
                };
                if let Err(err) = check_transition(actor, from, to, ctx) {
                    errors.push(format!("events[{j}].to"), err.message());
                }
                t.resolved_at = match to {
                    Status::Resolved => Some(at),
                    Status::Closed => t.resolved_at,
                    _ => None,
                };
                event.old_value = Some(t.status.as_str().to_owned());
                t.status = to;
                event.new_value = Some(t.status.as_str().to_owned());
            }
            Some(Err(msg)) => errors.push(format!("events[{j}].to"), msg),
            None => errors.push(
                format!("events[{j}].to"),
                samdrift_domain::msg!("import.status_to"),
            ),
        }
    }
}
