//! Reporting a ticket: requesters for themselves, staff on behalf of a
//! caller. The group comes from the routing rules or the service's owner;
//! the priority from impact and urgency unless staff override it.

use super::events::{EventActor, EventLog};
use crate::{App, AppError};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::{AdministrationId, GroupId, MemberId, PersonId, ServiceId, TicketId};
use samdrift_domain::priority::{Level, Priority};
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_domain::ticket::{Status, TicketType};
use samdrift_domain::time::stockholm_year;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::tickets::{NewTicket, TicketRecord};
use uuid::Uuid;

/// What a caller sends to report a ticket.
#[derive(Debug, Clone, Default)]
pub struct NewTicketInput {
    /// Member code; end users may leave it out (their own member is used).
    pub member: Option<String>,
    pub ticket_type: String,
    pub service_id: Option<Uuid>,
    pub administration_id: Option<Uuid>,
    /// The person the ticket is for; staff set it, others report for themselves.
    pub requester_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub impact: i64,
    pub urgency: i64,
    /// Staff may set the priority explicitly (recorded as an override).
    pub priority: Option<String>,
}

pub(crate) const TITLE_MAX: usize = 200;
pub(crate) const DESCRIPTION_MAX: usize = 20_000;

impl App {
    async fn member_for_report(
        &self,
        scope: &Scope,
        code: Option<&str>,
    ) -> Result<MemberRecord, AppError> {
        if let Some(code) = code {
            let member = self.member_in_scope(scope, code).await?;
            if !scope.may_report_in(MemberId(member.id)) {
                return Err(AppError::invalid(
                    "member",
                    samdrift_domain::msg!("member.no_code", code = code),
                ));
            }
            return Ok(member);
        }
        let mut own: Vec<MemberId> = scope.member_roles.iter().map(|(m, _)| *m).collect();
        own.dedup();
        match own.as_slice() {
            [only] => self
                .store
                .get_member(scope, *only)
                .await?
                .ok_or(AppError::NotFound("member")),
            _ => Err(AppError::invalid(
                "member",
                samdrift_domain::msg!("ticket.member_needed"),
            )),
        }
    }

    /// Picks the group: the first routing rule that matches, else the
    /// service's owning group.
    pub(crate) async fn route(
        &self,
        member: Uuid,
        service: Option<Uuid>,
        ticket_type: TicketType,
    ) -> Result<Option<GroupId>, AppError> {
        if let Some(group) = self
            .routing_rule_group(member, service, ticket_type)
            .await?
        {
            return Ok(Some(group));
        }
        match service {
            Some(s) => Ok(self
                .store
                .get_service(ServiceId(s))
                .await?
                .and_then(|s| s.owning_group_id.map(GroupId))),
            None => Ok(None),
        }
    }

    /// The group of the first routing rule that matches a new ticket.
    async fn routing_rule_group(
        &self,
        member: Uuid,
        service: Option<Uuid>,
        ticket_type: TicketType,
    ) -> Result<Option<GroupId>, AppError> {
        for rule in self.store.list_routing_rules().await? {
            let matches = rule.service_id.is_none_or(|s| Some(s) == service)
                && rule.member_id.is_none_or(|m| m == member)
                && rule
                    .ticket_type
                    .as_deref()
                    .is_none_or(|t| t == ticket_type.as_str());
            if matches {
                return Ok(Some(GroupId(rule.group_id)));
            }
        }
        Ok(None)
    }

    pub async fn create_ticket(
        &self,
        scope: &Scope,
        input: NewTicketInput,
    ) -> Result<TicketRecord, AppError> {
        self.create_ticket_with(scope, input, None).await
    }

    /// Creates a ticket, with the catalog request it carries if any, in one
    /// transaction.
    pub(crate) async fn create_ticket_with(
        &self,
        scope: &Scope,
        input: NewTicketInput,
        request: Option<samdrift_store::catalog::requests::NewRequest>,
    ) -> Result<TicketRecord, AppError> {
        let member = self
            .member_for_report(scope, input.member.as_deref())
            .await?;
        let mut errors = FieldErrors::default();
        let checked = check_new_ticket(scope, &input, &mut errors);
        // Read once: it is checked, may give the group and names the
        // agreement entry of the clocks.
        let service = match input.service_id {
            Some(s) => {
                let found = self.store.get_service(ServiceId(s)).await?;
                if found.is_none() {
                    errors.push("service_id", samdrift_domain::msg!("service.unknown"));
                }
                found
            }
            None => None,
        };
        let (requester_id, administration_id) = self
            .new_ticket_people(scope, &input, MemberId(member.id), &mut errors)
            .await?;
        errors.into_result(()).map_err(AppError::Invalid)?;
        let Checked {
            ticket_type: Some(ticket_type),
            impact: Some(impact),
            urgency: Some(urgency),
            overridden,
        } = checked
        else {
            return Err(AppError::invalid(
                "body",
                samdrift_domain::msg!("ticket.invalid"),
            ));
        };
        let title = input.title.trim();
        let priority = overridden.unwrap_or_else(|| Priority::from_matrix(impact, urgency));
        let now = self.clock.now();
        let at = samdrift_domain::time::to_micros(now);
        let group_id = match self
            .routing_rule_group(member.id, input.service_id, ticket_type)
            .await?
        {
            Some(group) => Some(group),
            None => service
                .as_ref()
                .and_then(|s| s.owning_group_id.map(GroupId)),
        };
        let ticket = TicketRecord {
            member_id: MemberId(member.id),
            id: TicketId(crate::ids::new_id(self.clock.as_ref())),
            number: String::new(),
            ticket_type,
            administration_id,
            requester_id,
            service_id: input.service_id.map(ServiceId),
            title: title.to_owned(),
            description: input.description,
            impact: i64::from(impact.get()),
            urgency: i64::from(urgency.get()),
            priority,
            priority_overridden: overridden.is_some(),
            status: Status::New,
            group_id,
            assignee_id: None,
            supplier_id: None,
            supplier_reference: None,
            created_at: at,
            updated_at: at,
            resolved_at: None,
            version: 1,
        };
        let service_code = service.map(|s| s.code);
        self.store_new_ticket(
            scope,
            member.code,
            ticket,
            overridden.is_some(),
            service_code.as_deref(),
            request,
        )
        .await
    }

    /// The requester and the administration of a new ticket, each checked
    /// against the member; end users and member roles report
    /// for themselves and are charged to their own administration (naming
    /// another is refused). Returns the requester and the administration
    /// (the requester's when none is named).
    async fn new_ticket_people(
        &self,
        scope: &Scope,
        input: &NewTicketInput,
        member_id: MemberId,
        errors: &mut FieldErrors,
    ) -> Result<(Option<PersonId>, Option<AdministrationId>), AppError> {
        // End users and member roles report for themselves.
        let requester_id = if scope.is_staff() {
            input.requester_id.map(PersonId)
        } else {
            scope.person
        };
        let requester = match requester_id {
            Some(r) => {
                let person = self
                    .store
                    .get_person(&MemberFilter::Only(vec![member_id]), r)
                    .await?;
                if person.is_none() {
                    errors.push(
                        "requester_id",
                        samdrift_domain::msg!("person.not_in_member"),
                    );
                }
                person
            }
            None => None,
        };
        // Whoever reports for themselves is charged to their own
        // administration: only staff name another one.
        if !scope.is_staff() {
            let own = requester.as_ref().and_then(|p| p.administration_id);
            if input.administration_id.is_some_and(|a| Some(a) != own) {
                errors.push(
                    "administration_id",
                    samdrift_domain::msg!("ticket.own_administration"),
                );
            }
            return Ok((requester_id, own.map(AdministrationId)));
        }
        let administration_id = match input.administration_id {
            Some(a) => {
                let found = self
                    .store
                    .get_administration(&MemberFilter::Only(vec![member_id]), AdministrationId(a))
                    .await?;
                if found.is_none() {
                    errors.push(
                        "administration_id",
                        samdrift_domain::msg!("administration.not_in_member"),
                    );
                }
                Some(AdministrationId(a))
            }
            None => requester
                .as_ref()
                .and_then(|p| p.administration_id.map(AdministrationId)),
        };
        Ok((requester_id, administration_id))
    }

    /// Writes a new ticket with its first events and its clocks, committed
    /// together with concurrent creations.
    async fn store_new_ticket(
        &self,
        scope: &Scope,
        member_code: String,
        ticket: TicketRecord,
        overridden: bool,
        service_code: Option<&str>,
        request: Option<samdrift_store::catalog::requests::NewRequest>,
    ) -> Result<TicketRecord, AppError> {
        let now = samdrift_domain::time::from_micros(ticket.created_at);
        let at = ticket.created_at;
        let priority = ticket.priority;
        let mut log = EventLog::new(&ticket, EventActor::of(scope), at, self.clock.as_ref());
        log.push("created", None, Some(Status::New.as_str().into()), true);
        if overridden {
            log.push("priority", None, Some(priority.as_str().into()), true);
        }
        let events = log.events;
        // The clocks go into the same transaction as the ticket: one write,
        // and a ticket is never stored without them.
        let setup = self
            .clock_setup_for(
                ticket.member_id,
                &crate::service_levels::clocks::local_date(at),
                service_code,
            )
            .await;
        let clocks = match setup {
            Ok(Some(setup)) => {
                crate::service_levels::clocks::compute_sla(&ticket, &events, &setup, now)
                    .map(|sla| crate::service_levels::clocks::clock_records(&ticket, &sla, at))
                    .ok()
            }
            Ok(None) => Some(vec![]),
            Err(_) => None,
        };
        let computed = clocks.is_some();
        // Committed together with concurrent creations; answered only
        // once its transaction has committed.
        let ticket = self
            .creations
            .create(
                &self.store,
                NewTicket {
                    member_code,
                    year: stockholm_year(now),
                    ticket,
                    comments: vec![],
                    attachments: vec![],
                    events,
                    request,
                    clocks: clocks.unwrap_or_default(),
                },
            )
            .await?;
        if !computed {
            self.refresh_after_change(&ticket).await;
        }
        Ok(ticket)
    }
}

/// What a new ticket's own fields give, each `None` where it is invalid
/// (and the error pushed).
struct Checked {
    ticket_type: Option<TicketType>,
    impact: Option<Level>,
    urgency: Option<Level>,
    /// A priority staff set by hand.
    overridden: Option<Priority>,
}

/// Checks type, title, description, impact, urgency and a hand-set
/// priority (staff only).
fn check_new_ticket(scope: &Scope, input: &NewTicketInput, errors: &mut FieldErrors) -> Checked {
    let ticket_type = input
        .ticket_type
        .parse::<TicketType>()
        .map_err(|e| errors.push("type", e))
        .ok();
    let title = input.title.trim();
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        errors.push(
            "title",
            samdrift_domain::msg!("field.length", min = 1, max = TITLE_MAX),
        );
    }
    if input.description.chars().count() > DESCRIPTION_MAX {
        errors.push(
            "description",
            samdrift_domain::msg!("field.at_most_chars_must", max = DESCRIPTION_MAX),
        );
    }
    let impact = Level::new(input.impact)
        .map_err(|e| errors.push("impact", e))
        .ok();
    let urgency = Level::new(input.urgency)
        .map_err(|e| errors.push("urgency", e))
        .ok();
    let overridden = match input.priority.as_deref() {
        Some(_) if !scope.is_staff() => {
            errors.push(
                "priority",
                samdrift_domain::msg!("ticket.priority_staff_only"),
            );
            None
        }
        Some(p) => p
            .parse::<Priority>()
            .map_err(|e| errors.push("priority", e))
            .ok(),
        None => None,
    };
    Checked {
        ticket_type,
        impact,
        urgency,
        overridden,
    }
}
