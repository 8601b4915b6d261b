//! The clocks of a ticket, recomputed from its event history, the member's
//! agreement in force at creation and the entry's calendars (SLA.md:
//! recompute, never accumulate). The result is stored as derived data after
//! every change, and computed live for the ticket's SLA view.

use super::calendars::compile;
use crate::{App, AppError};
use samdrift_domain::agreement::EntrySpec;
use samdrift_domain::calendar::Calendar;
use samdrift_domain::ids::{MemberId, TicketId};
use samdrift_domain::priority::Priority;
use samdrift_domain::scope::Scope;
use samdrift_domain::sla::{
    Clock, ClockEvent, ClockKind, ClockPolicy, Target, TimedEvent, compute_clocks,
};
use samdrift_domain::ticket::Status;
use samdrift_domain::time::{from_micros, to_micros};
use samdrift_store::service_levels::clocks::ClockRecord;
use samdrift_store::tickets::{EventRecord, TicketRecord};
use std::collections::HashMap;
use uuid::Uuid;

/// Where a ticket's targets came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockSource {
    pub agreement_id: Uuid,
    pub agreement_name: String,
    /// The service code of the entry, or `default`.
    pub entry: String,
    pub calendar_id: Uuid,
    pub calendar_name: String,
    /// The code of the ticket's service, if it has one.
    pub service_code: Option<String>,
}

/// A ticket's clocks with their source.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketSla {
    pub source: Option<ClockSource>,
    pub clocks: Vec<Clock>,
}

/// What a ticket's clocks are computed against: the agreement in force at
/// its creation, the entry for its service and that entry's calendars.
#[derive(Debug, Clone)]
pub struct ClockSetup {
    pub agreement_id: Uuid,
    pub agreement_name: String,
    pub service_code: Option<String>,
    pub entry: EntrySpec,
    pub calendars: HashMap<Uuid, (String, Calendar)>,
}

/// The clock events of a ticket's history, and the priority it started with.
pub fn clock_events(ticket: &TicketRecord, events: &[EventRecord]) -> (Priority, Vec<TimedEvent>) {
    let mut timed = Vec::with_capacity(events.len());
    let mut initial = None;
    for e in events {
        let by_staff = e.actor_kind == "staff";
        let event = match e.kind.as_str() {
            "created" => Some(ClockEvent::Created),
            "status" => e
                .new_value
                .as_deref()
                .and_then(|v| v.parse::<Status>().ok())
                .map(|to| ClockEvent::Status { to, by_staff }),
            "comment" if e.public => Some(ClockEvent::PublicComment { by_staff }),
            "priority" => {
                let first = |v: &Option<String>| {
                    v.as_deref()
                        .and_then(|v| v.split_whitespace().next())
                        .and_then(|p| p.parse::<Priority>().ok())
                };
                let to = first(&e.new_value);
                if initial.is_none() {
                    initial = first(&e.old_value).or(to);
                }
                to.map(|to| ClockEvent::PriorityChanged { to })
            }
            _ => None,
        };
        if let Some(event) = event {
            timed.push(TimedEvent {
                at: from_micros(e.at),
                event,
            });
        }
    }
    let initial = initial.unwrap_or(ticket.priority);
    (initial, timed)
}

/// The local date (Europe/Stockholm) of an instant, as agreements count days.
pub(crate) fn local_date(micros: i64) -> String {
    let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC);
    tz.to_datetime(from_micros(micros)).date().to_string()
}

impl App {
    /// The agreement entry and calendars that apply to a ticket.
    pub(crate) async fn clock_setup(
        &self,
        ticket: &TicketRecord,
    ) -> Result<Option<ClockSetup>, AppError> {
        let service_code = match ticket.service_id {
            Some(s) => self.store.get_service(s).await?.map(|s| s.code),
            None => None,
        };
        self.clock_setup_for(
            ticket.member_id,
            &local_date(ticket.created_at),
            service_code.as_deref(),
        )
        .await
    }

    /// Computes a ticket's clocks as of now.
    pub async fn compute_ticket_sla(&self, ticket: &TicketRecord) -> Result<TicketSla, AppError> {
        let Some(setup) = self.clock_setup(ticket).await? else {
            return Ok(TicketSla {
                source: None,
                clocks: vec![],
            });
        };
        let events = self
            .store
            .ticket_events(ticket.member_id, ticket.id, true)
            .await?;
        compute_sla(ticket, &events, &setup, self.clock.now())
    }
}

/// A ticket's clocks at `now` from its history and setup, without I/O.
pub fn compute_sla(
    ticket: &TicketRecord,
    events: &[EventRecord],
    setup: &ClockSetup,
    now: jiff::Timestamp,
) -> Result<TicketSla, AppError> {
    let ClockSetup {
        agreement_id,
        agreement_name,
        service_code,
        entry,
        calendars,
    } = setup;
    {
        let (initial, timed) = clock_events(ticket, events);
        let mut targets = Vec::with_capacity(4);
        for p in Priority::ALL {
            let t =
                entry
                    .targets
                    .get(p.as_str())
                    .ok_or(AppError::Conflict(samdrift_domain::msg!(
                        "conflict.agreement_no_targets",
                        priority = p.as_str()
                    )))?;
            let (_, calendar) =
                calendars
                    .get(&t.calendar_id)
                    .ok_or(AppError::Conflict(samdrift_domain::msg!(
                        "conflict.calendar_gone"
                    )))?;
            targets.push(Target {
                response_seconds: t.response_seconds,
                resolution_seconds: t.resolution_seconds,
                calendar,
            });
        }
        let Ok(targets) = <[Target<'_>; 4]>::try_from(targets) else {
            return Ok(TicketSla {
                source: None,
                clocks: vec![],
            });
        };
        let policy = ClockPolicy {
            targets,
            pause_on_waiting_for_supplier: entry.pause_on_waiting_for_supplier,
            warning_percent: entry.warning_percent,
        };
        let clocks = compute_clocks(initial, &timed, &policy, now).map_err(|e| {
            AppError::Conflict(samdrift_domain::msg!(
                "conflict.history_untimed",
                reason = e.message()
            ))
        })?;
        let current = clocks.resolution.priority;
        let calendar_id = entry
            .targets
            .get(current.as_str())
            .map(|t| t.calendar_id)
            .unwrap_or_default();
        let calendar_name = calendars
            .get(&calendar_id)
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        Ok(TicketSla {
            source: Some(ClockSource {
                agreement_id: *agreement_id,
                agreement_name: agreement_name.clone(),
                entry: entry
                    .service
                    .clone()
                    .unwrap_or_else(|| super::DEFAULT_ENTRY.into()),
                calendar_id,
                calendar_name,
                service_code: service_code.clone(),
            }),
            clocks: vec![clocks.response, clocks.resolution],
        })
    }
}

/// The stored rows of a ticket's clocks.
pub fn clock_records(ticket: &TicketRecord, sla: &TicketSla, computed_at: i64) -> Vec<ClockRecord> {
    sla.clocks
        .iter()
        .map(|c| ClockRecord {
            member_id: ticket.member_id.uuid(),
            ticket_id: ticket.id.uuid(),
            kind: kind_name(c.kind).into(),
            number: ticket.number.clone(),
            priority: c.priority.as_str().into(),
            service_code: sla.source.as_ref().and_then(|s| s.service_code.clone()),
            agreement_id: sla.source.as_ref().map(|s| s.agreement_id),
            entry: sla.source.as_ref().map(|s| s.entry.clone()),
            calendar_id: sla.source.as_ref().map(|s| s.calendar_id),
            target_seconds: c.target_seconds,
            elapsed_seconds: c.elapsed_seconds,
            state: state_name(c).into(),
            started_at: to_micros(c.started_at),
            stopped_at: c.stopped_at.map(to_micros),
            due_at: c.due_at.map(to_micros),
            warning_at: c.warning_at.map(to_micros),
            breached_at: samdrift_domain::sla::breach::breach_instant(c).map(to_micros),
            computed_at,
        })
        .collect()
}

impl App {
    /// The agreement entry and calendars for tickets of `member` created on
    /// local day `day` with service `service_code` (bulk loading).
    pub(crate) async fn clock_setup_for(
        &self,
        member: MemberId,
        day: &str,
        service_code: Option<&str>,
    ) -> Result<Option<ClockSetup>, AppError> {
        let Some((agreement, stored)) = self
            .store
            .agreement_in_force_with_calendars(member.0, day)
            .await?
        else {
            return Ok(None);
        };
        let spec = super::agreements::parse(&agreement)?;
        let Some(entry) = spec.entry_for(service_code).cloned() else {
            return Ok(None);
        };
        let mut calendars = HashMap::new();
        for target in entry.targets.values() {
            if calendars.contains_key(&target.calendar_id) {
                continue;
            }
            // The agreement's calendars came with it; one it does not list
            // is read on its own.
            let record = match stored.iter().find(|c| c.id == target.calendar_id) {
                Some(record) => Some(record.clone()),
                None => self.store.get_calendar(target.calendar_id).await?,
            };
            if let Some(record) = record {
                let (_, calendar) = compile(&record)?;
                calendars.insert(record.id, (record.name, calendar));
            }
        }
        Ok(Some(ClockSetup {
            agreement_id: agreement.id,
            agreement_name: agreement.name,
            service_code: service_code.map(str::to_owned),
            entry,
            calendars,
        }))
    }

    /// The SLA view of a ticket the scope may read.
    pub async fn ticket_sla(
        &self,
        scope: &Scope,
        id: TicketId,
    ) -> Result<(TicketRecord, TicketSla), AppError> {
        let ticket = self.ticket(scope, id).await?;
        let sla = self.compute_ticket_sla(&ticket).await?;
        Ok((ticket, sla))
    }

    /// Recomputes and stores a ticket's clocks (derived data).
    pub async fn refresh_clocks(&self, ticket: &TicketRecord) -> Result<TicketSla, AppError> {
        let sla = self.compute_ticket_sla(ticket).await?;
        let records = clock_records(ticket, &sla, self.now_micros());
        if !records.is_empty() {
            self.store.save_clocks(&records).await?;
        }
        Ok(sla)
    }

    /// Refreshes clocks after a change, logging (not failing) on error: the
    /// change itself is already committed and the sweep will retry.
    pub(crate) async fn refresh_after_change(&self, ticket: &TicketRecord) {
        if let Err(e) = self.refresh_clocks(ticket).await {
            tracing::warn!(ticket = %ticket.number, error = %e, "recomputing clocks failed");
        }
    }

    /// The stored rows of a ticket's clocks once `new_events` (a change
    /// not yet stored) are added to its history, computed as of now;
    /// none when no agreement covers the ticket. A store fault fails the
    /// change; clocks that cannot be computed (an agreement without
    /// targets, a calendar gone) are logged and left as they were, and
    /// the change goes ahead.
    pub(crate) async fn clocks_after(
        &self,
        ticket: &TicketRecord,
        new_events: &[EventRecord],
    ) -> Result<Vec<ClockRecord>, AppError> {
        let computed = async {
            let Some(setup) = self.clock_setup(ticket).await? else {
                return Ok(vec![]);
            };
            let mut events = self
                .store
                .ticket_events(ticket.member_id, ticket.id, true)
                .await?;
            events.extend_from_slice(new_events);
            // The order the store reads a history in.
            events.sort_by_key(|e| (e.at, e.id.uuid()));
            let sla = compute_sla(ticket, &events, &setup, self.clock.now())?;
            Ok(clock_records(ticket, &sla, self.now_micros()))
        };
        match computed.await {
            Ok(records) => Ok(records),
            Err(AppError::Store(e)) => Err(AppError::Store(e)),
            Err(e) => {
                tracing::warn!(ticket = %ticket.number, error = %e, "recomputing clocks failed");
                Ok(vec![])
            }
        }
    }

    /// Recomputes every ticket's clocks of one member (after its agreement changed).
    pub async fn recompute_member_clocks(&self, member: MemberId) -> Result<usize, AppError> {
        self.recompute(Some(member.0)).await
    }

    /// Recomputes every ticket's clocks (after a calendar changed).
    pub async fn recompute_all_clocks(&self) -> Result<usize, AppError> {
        self.recompute(None).await
    }

    async fn recompute(&self, member: Option<Uuid>) -> Result<usize, AppError> {
        let system = self.system_scope();
        let mut after = None;
        let mut count = 0;
        loop {
            let keys = self.store.ticket_keys(member, after, 500).await?;
            let Some(last) = keys.last().copied() else {
                break;
            };
            for (_, id) in &keys {
                if let Some(t) = self.store.get_ticket(&system, TicketId(*id)).await? {
                    self.refresh_clocks(&t).await?;
                    count += 1;
                }
            }
            after = Some(last);
        }
        Ok(count)
    }
}

pub fn kind_name(kind: ClockKind) -> &'static str {
    match kind {
        ClockKind::Response => "response",
        ClockKind::Resolution => "resolution",
    }
}

pub fn state_name(c: &Clock) -> &'static str {
    use samdrift_domain::sla::ClockState;
    match c.state {
        ClockState::Running => "running",
        ClockState::Paused => "paused",
        ClockState::Met => "met",
        ClockState::Breached => "breached",
    }
}
