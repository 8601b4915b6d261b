//! Changing a ticket: status through the state machine, priority with a
//! reason, routing, assignment, forwarding to a supplier, resolving with a
//! resolution text. Every change names the version it was made on; a stale
//! one changes nothing.

use super::create::{DESCRIPTION_MAX, TITLE_MAX};
use super::events::{EventActor, EventLog};
use crate::{App, AppError};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::{
    AccountId, AdministrationId, CommentId, GroupId, ServiceId, SupplierId, TicketId,
};
use samdrift_domain::priority::{Level, Priority};
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_domain::ticket::{Actor, Status, TransitionContext, check_transition, reopen_status};
use samdrift_store::tickets::{CommentRecord, TicketChange, TicketRecord, TicketWrite};
use uuid::Uuid;

/// The fields a caller changes; `None` leaves a field as it is, and
/// `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct TicketPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub impact: Option<i64>,
    pub urgency: Option<i64>,
    pub priority: Option<String>,
    pub priority_reason: Option<String>,
    pub status: Option<String>,
    pub group_id: Option<Option<Uuid>>,
    pub assignee_id: Option<Option<Uuid>>,
    pub service_id: Option<Option<Uuid>>,
    pub administration_id: Option<Option<Uuid>>,
    pub supplier_id: Option<Option<Uuid>>,
    pub supplier_reference: Option<Option<String>>,
    pub resolution: Option<String>,
}

impl TicketPatch {
    fn only_status(&self) -> bool {
        let TicketPatch { status, .. } = self;
        status.is_some()
            && *self
                == TicketPatch {
                    status: status.clone(),
                    ..TicketPatch::default()
                }
    }
}

impl PartialEq for TicketPatch {
    fn eq(&self, o: &Self) -> bool {
        self.title == o.title
            && self.description == o.description
            && self.impact == o.impact
            && self.urgency == o.urgency
            && self.priority == o.priority
            && self.priority_reason == o.priority_reason
            && self.status == o.status
            && self.group_id == o.group_id
            && self.assignee_id == o.assignee_id
            && self.service_id == o.service_id
            && self.administration_id == o.administration_id
            && self.supplier_id == o.supplier_id
            && self.supplier_reference == o.supplier_reference
            && self.resolution == o.resolution
    }
}

impl App {
    pub async fn update_ticket(
        &self,
        scope: &Scope,
        id: TicketId,
        expected_version: Option<i64>,
        patch: TicketPatch,
    ) -> Result<TicketRecord, AppError> {
        let current = self.ticket(scope, id).await?;
        let expected_version = expected_version.ok_or(AppError::VersionRequired)?;
        if expected_version != current.version {
            return Err(AppError::Stale);
        }
        may_patch(scope, &current, &patch)?;
        let at = self.now_micros();
        let mut next = current.clone();
        let mut errors = FieldErrors::default();
        patch_fields(&patch, &mut next, &mut errors);
        self.patch_references(&patch, &current, &mut next, &mut errors)
            .await?;
        let to = requested_status(scope, &patch, &current, &next, &mut errors);
        let comments = self.move_status(scope, &patch, &current, &mut next, to, at, &mut errors);
        let from = current.status;
        if from.is_final() && (!errors.is_empty() || next != current) {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.ticket_cannot_change",
                status = samdrift_domain::messages::Arg::Word("status", from.as_str().into())
            )));
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let mut log = EventLog::new(&current, EventActor::of(scope), at, self.clock.as_ref());
        log_changes(&mut log, &patch, &current, &next, &comments);
        if log.events.is_empty() {
            return Ok(current);
        }
        next.updated_at = at;
        let text_changed = next.title != current.title || next.description != current.description;
        let write = TicketWrite {
            change: TicketChange::Full {
                ticket: next,
                expected_version,
            },
            comments,
            attachments: vec![],
            events: log.events,
            clocks: vec![],
            text_changed,
        };
        let stored = self.write_change(write).await?;
        if stored.status == Status::Resolved && current.status != Status::Resolved {
            self.ask_for_rating(&stored).await;
        }
        self.notify_update(scope, &current, &stored).await;
        Ok(stored)
    }

    /// Group, assignee, service, administration and supplier: each must
    /// exist (the administration in the ticket's member).
    async fn patch_references(
        &self,
        patch: &TicketPatch,
        current: &TicketRecord,
        next: &mut TicketRecord,
        errors: &mut FieldErrors,
    ) -> Result<(), AppError> {
        let member = MemberFilter::Only(vec![current.member_id]);
        if let Some(group) = patch.group_id {
            if let Some(g) = group
                && self.store.get_group(GroupId(g)).await?.is_none()
            {
                errors.push("group_id", samdrift_domain::msg!("group.unknown"));
            }
            next.group_id = group.map(GroupId);
        }
        if let Some(assignee) = patch.assignee_id {
            if let Some(a) = assignee {
                let staff = self
                    .store
                    .get_account(AccountId(a))
                    .await?
                    .filter(|a| a.staff_role.is_some());
                if staff.is_none() {
                    errors.push("assignee_id", samdrift_domain::msg!("staff.no_account_id"));
                }
            }
            next.assignee_id = assignee.map(AccountId);
        }
        if let Some(service) = patch.service_id {
            if let Some(s) = service
                && self.store.get_service(ServiceId(s)).await?.is_none()
            {
                errors.push("service_id", samdrift_domain::msg!("service.unknown"));
            }
            next.service_id = service.map(ServiceId);
        }
        if let Some(adm) = patch.administration_id {
            if let Some(a) = adm
                && self
                    .store
                    .get_administration(&member, AdministrationId(a))
                    .await?
                    .is_none()
            {
                errors.push(
                    "administration_id",
                    samdrift_domain::msg!("administration.not_in_member"),
                );
            }
            next.administration_id = adm.map(AdministrationId);
        }
        if let Some(supplier) = patch.supplier_id {
            if let Some(s) = supplier
                && self.store.get_supplier(SupplierId(s)).await?.is_none()
            {
                errors.push("supplier_id", samdrift_domain::msg!("supplier.unknown"));
            }
            next.supplier_id = supplier.map(SupplierId);
        }
        if let Some(reference) = &patch.supplier_reference {
            next.supplier_reference = reference
                .as_ref()
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty());
        }

        Ok(())
    }

    /// Applies the status the change leads to through the state machine;
    /// a resolution comes with its text, which becomes a public comment.
    #[allow(clippy::too_many_arguments)]
    fn move_status(
        &self,
        scope: &Scope,
        patch: &TicketPatch,
        current: &TicketRecord,
        next: &mut TicketRecord,
        to: Option<Status>,
        at: i64,
        errors: &mut FieldErrors,
    ) -> Vec<CommentRecord> {
        let from = current.status;
        let mut comments = Vec::new();
        if let Some(to) = to.filter(|t| *t != from || patch.status.is_some()) {
            let ctx = TransitionContext {
                seconds_since_resolved: current.resolved_at.map(|r| (at - r) / 1_000_000),
                reopen_period_seconds: self.settings.reopen_days * 86_400,
            };
            let actor = if scope.is_staff() {
                Actor::Staff
            } else {
                Actor::Requester
            };
            match check_transition(actor, from, to, ctx) {
                Ok(()) => {
                    next.status = to;
                    next.resolved_at = match to {
                        Status::Resolved => Some(at),
                        Status::Closed => current.resolved_at,
                        _ => None,
                    };
                }
                Err(e) => errors.push("status", e.message()),
            }
            if to == Status::Resolved {
                match patch
                    .resolution
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                {
                    Some(text) => comments.push(CommentRecord {
                        member_id: current.member_id,
                        id: CommentId(crate::ids::new_id(self.clock.as_ref())),
                        ticket_id: current.id,
                        at,
                        author_id: Some(scope.account),
                        author_name: scope.username.clone(),
                        public: true,
                        by_staff: true,
                        body: text.to_owned(),
                    }),
                    None => errors.push(
                        "resolution",
                        samdrift_domain::msg!("ticket.resolution_needed"),
                    ),
                }
            }
        } else if patch.resolution.is_some() {
            errors.push(
                "resolution",
                samdrift_domain::msg!("ticket.resolution_only_when_resolving"),
            );
        }
        comments
    }

    /// Closes resolved tickets whose reopen period has passed; returns how
    /// many. Safe to run on several nodes: each close names the version it
    /// read, so a ticket closes once.
    pub async fn close_expired_resolved(&self) -> Result<usize, AppError> {
        let now = self.now_micros();
        let cutoff = now - self.settings.reopen_days * 86_400 * 1_000_000;
        let system = samdrift_domain::scope::Scope {
            account: AccountId(Uuid::nil()),
            username: "samdrift".into(),
            person: None,
            staff: Some(samdrift_domain::role::StaffRole::Admin),
            member_roles: vec![],
        };
        let filter = samdrift_store::tickets::TicketFilter {
            statuses: vec![Status::Resolved.as_str().into()],
            created_to: None,
            limit: 500,
            ..Default::default()
        };
        let mut closed = 0;
        for row in self.store.list_tickets(&system, &filter).await? {
            let t = row.ticket;
            if t.resolved_at.is_none_or(|r| r > cutoff) {
                continue;
            }
            let mut next = t.clone();
            next.status = Status::Closed;
            next.updated_at = now;
            let mut log = EventLog::new(&t, EventActor::system(), now, self.clock.as_ref());
            log.push(
                "status",
                Some(t.status.as_str().to_owned()),
                Some(next.status.as_str().to_owned()),
                true,
            );
            let write = TicketWrite {
                change: TicketChange::Full {
                    expected_version: t.version,
                    ticket: next,
                },
                comments: vec![],
                attachments: vec![],
                events: log.events,
                clocks: vec![],
                text_changed: false,
            };
            match self.write_change(write).await {
                Ok(_) => closed += 1,
                Err(AppError::Stale) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(closed)
    }
}

/// Requesters may only cancel or reopen their own ticket; staff change anything.
fn may_patch(scope: &Scope, current: &TicketRecord, patch: &TicketPatch) -> Result<(), AppError> {
    if scope.is_staff() {
        return Ok(());
    }
    if !patch.only_status() {
        return Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.requester_change"
        )));
    }
    if current.requester_id.is_none() || current.requester_id != scope.person {
        return Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.not_requester"
        )));
    }
    Ok(())
}

/// Title, description, impact, urgency and priority (set by hand with a
/// reason, or following the matrix).
fn patch_fields(patch: &TicketPatch, next: &mut TicketRecord, errors: &mut FieldErrors) {
    if let Some(title) = &patch.title {
        let title = title.trim();
        if title.is_empty() || title.chars().count() > TITLE_MAX {
            errors.push(
                "title",
                samdrift_domain::msg!("field.length", min = 1, max = TITLE_MAX),
            );
        }
        next.title = title.to_owned();
    }
    if let Some(d) = &patch.description {
        if d.chars().count() > DESCRIPTION_MAX {
            errors.push(
                "description",
                samdrift_domain::msg!("field.at_most_chars_must", max = DESCRIPTION_MAX),
            );
        }
        next.description = d.clone();
    }
    if let Some(v) = patch.impact {
        match Level::new(v) {
            Ok(l) => next.impact = i64::from(l.get()),
            Err(e) => errors.push("impact", e),
        }
    }
    if let Some(v) = patch.urgency {
        match Level::new(v) {
            Ok(l) => next.urgency = i64::from(l.get()),
            Err(e) => errors.push("urgency", e),
        }
    }
    match &patch.priority {
        Some(p) => match p.parse::<Priority>() {
            Ok(p) => {
                if patch
                    .priority_reason
                    .as_deref()
                    .is_none_or(|r| r.trim().is_empty())
                {
                    errors.push(
                        "priority_reason",
                        samdrift_domain::msg!("ticket.priority_reason"),
                    );
                }
                next.priority = p;
                next.priority_overridden = true;
            }
            Err(e) => errors.push("priority", e),
        },
        None if !next.priority_overridden => {
            if let (Ok(i), Ok(u)) = (Level::new(next.impact), Level::new(next.urgency)) {
                next.priority = Priority::from_matrix(i, u);
            }
        }
        None => {}
    }
}

/// The status a change asks for, or implies: assigning a new ticket makes
/// it assigned, forwarding to a supplier makes it wait for the supplier; a
/// requester reopening a resolved ticket gets it back where it was.
fn requested_status(
    scope: &Scope,
    patch: &TicketPatch,
    current: &TicketRecord,
    next: &TicketRecord,
    errors: &mut FieldErrors,
) -> Option<Status> {
    let from = current.status;
    let mut to = match patch.status.as_deref() {
        Some(s) => match s.parse::<Status>() {
            Ok(s) => Some(s),
            Err(e) => {
                errors.push("status", e);
                None
            }
        },
        None if from == Status::New
            && next.assignee_id.is_some()
            && current.assignee_id.is_none() =>
        {
            Some(Status::Assigned)
        }
        None if next.supplier_id.is_some()
            && current.supplier_id != next.supplier_id
            && from.is_open() =>
        {
            Some(Status::WaitingForSupplier)
        }
        None => None,
    };
    if !scope.is_staff() && from == Status::Resolved && to.is_some_and(Status::is_open) {
        to = Some(reopen_status(next.assignee_id.is_some()));
    }
    if to == Some(Status::WaitingForSupplier) && next.supplier_id.is_none() {
        errors.push(
            "supplier_id",
            samdrift_domain::msg!("ticket.supplier_needed"),
        );
    }
    to
}

/// The history of a change: one event per field that changed.
fn log_changes(
    log: &mut EventLog,
    patch: &TicketPatch,
    current: &TicketRecord,
    next: &TicketRecord,
    comments: &[CommentRecord],
) {
    log.change("title", &Some(&current.title), &Some(&next.title), true);
    log.change(
        "description",
        &Some(&current.description),
        &Some(&next.description),
        true,
    );
    log.change("impact", &Some(current.impact), &Some(next.impact), true);
    log.change("urgency", &Some(current.urgency), &Some(next.urgency), true);
    if current.priority != next.priority {
        let reason = patch
            .priority_reason
            .clone()
            .filter(|_| patch.priority.is_some());
        let new = match reason {
            Some(r) => format!("{} ({})", next.priority, r.trim()),
            None => next.priority.as_str().to_owned(),
        };
        log.push(
            "priority",
            Some(current.priority.as_str().to_owned()),
            Some(new),
            true,
        );
    }
    log.change(
        "status",
        &Some(current.status.as_str()),
        &Some(next.status.as_str()),
        true,
    );
    log.change("group", &current.group_id, &next.group_id, false);
    log.change("assignee", &current.assignee_id, &next.assignee_id, false);
    log.change("service", &current.service_id, &next.service_id, true);
    log.change(
        "administration",
        &current.administration_id,
        &next.administration_id,
        true,
    );
    log.change("supplier", &current.supplier_id, &next.supplier_id, false);
    log.change(
        "supplier_reference",
        &current.supplier_reference,
        &next.supplier_reference,
        false,
    );
    for c in comments {
        log.push("comment", None, Some(c.id.to_string()), true);
    }
}
