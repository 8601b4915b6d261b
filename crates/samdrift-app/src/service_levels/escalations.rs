//! Escalation rules (managers and admins write them) and applying them when
//! a clock warns or breaches: assign the group lead, move the ticket to
//! another group, or raise its priority one step. Each change goes through
//! the ordinary ticket update, so it is checked, versioned and in the
//! history like any other.

use crate::ids::new_id;
use crate::tickets::TicketPatch;
use crate::{App, AppError};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::GroupId;
use samdrift_domain::priority::Priority;
use samdrift_domain::scope::Scope;
use samdrift_store::service_levels::escalations::EscalationRuleRecord;
use samdrift_store::tickets::TicketRecord;
use uuid::Uuid;

pub const ACTIONS: [&str; 3] = ["assign_group_lead", "reassign_group", "raise_priority"];

/// A new rule as the API takes it.
#[derive(Debug, Clone)]
pub struct NewEscalationRule {
    pub position: i64,
    pub on_event: String,
    pub clock: String,
    pub priorities: Vec<String>,
    pub action: String,
    pub group_id: Option<Uuid>,
}

fn raised(p: Priority) -> Priority {
    match p {
        Priority::P1 | Priority::P2 => Priority::P1,
        Priority::P3 => Priority::P2,
        Priority::P4 => Priority::P3,
    }
}

impl App {
    pub async fn create_escalation_rule(
        &self,
        scope: &Scope,
        new: NewEscalationRule,
    ) -> Result<EscalationRuleRecord, AppError> {
        if !scope.may_manage_registers() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.escalations_write"
            )));
        }
        let mut errors = FieldErrors::default();
        if !matches!(new.on_event.as_str(), "warning" | "breach") {
            errors.push("on", samdrift_domain::msg!("escalation.on"));
        }
        if !matches!(new.clock.as_str(), "response" | "resolution") {
            errors.push("clock", samdrift_domain::msg!("escalation.clock"));
        }
        if new.priorities.is_empty() {
            errors.push(
                "priorities",
                samdrift_domain::msg!("escalation.no_priority"),
            );
        }
        for (i, p) in new.priorities.iter().enumerate() {
            if let Err(e) = p.parse::<Priority>() {
                errors.push(format!("priorities[{i}]"), e);
            }
        }
        if !ACTIONS.contains(&new.action.as_str()) {
            errors.push(
                "action",
                samdrift_domain::msg!(
                    "field.one_of",
                    options = ACTIONS.map(str::to_owned).to_vec()
                ),
            );
        }
        match (new.action.as_str(), new.group_id) {
            ("reassign_group", None) => {
                errors.push("group_id", samdrift_domain::msg!("escalation.group_needed"))
            }
            ("reassign_group", Some(g)) if self.store.get_group(GroupId(g)).await?.is_none() => {
                errors.push("group_id", samdrift_domain::msg!("group.unknown"))
            }
            (_, Some(_)) if new.action != "reassign_group" => errors.push(
                "group_id",
                samdrift_domain::msg!("escalation.group_only_for_reassign"),
            ),
            _ => {}
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let record = EscalationRuleRecord {
            id: new_id(self.clock.as_ref()),
            position: new.position,
            on_event: new.on_event,
            clock: new.clock,
            priorities: new.priorities.join(","),
            action: new.action,
            group_id: new.group_id,
        };
        self.store.insert_escalation_rule(&record).await?;
        Ok(record)
    }

    pub async fn delete_escalation_rule(&self, scope: &Scope, id: Uuid) -> Result<(), AppError> {
        if !scope.may_manage_registers() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.escalations_write"
            )));
        }
        if self.store.delete_escalation_rule(id).await? {
            Ok(())
        } else {
            Err(AppError::NotFound("escalation rule"))
        }
    }

    /// Applies the rules that match a fired warning or breach.
    pub(crate) async fn escalate(
        &self,
        ticket: &TicketRecord,
        on_event: &str,
        clock: &str,
    ) -> Result<(), AppError> {
        let system = self.system_scope();
        for rule in self.store.list_escalation_rules().await? {
            let applies = rule.on_event == on_event
                && rule.clock == clock
                && rule
                    .priorities
                    .split(',')
                    .any(|p| p == ticket.priority.as_str());
            if !applies {
                continue;
            }
            // Read fresh: an earlier rule may have changed the ticket.
            let Some(current) = self.store.get_ticket(&system, ticket.id).await? else {
                return Ok(());
            };
            if !current.status.is_open() {
                return Ok(());
            }
            let reason = format!("eskalering: {clock} {on_event}");
            let patch = match rule.action.as_str() {
                "assign_group_lead" => {
                    let leads = self
                        .store
                        .staff_with_role("group_lead", current.group_id)
                        .await?;
                    match leads.first() {
                        Some(lead) if current.assignee_id != Some(*lead) => TicketPatch {
                            assignee_id: Some(Some(lead.uuid())),
                            ..TicketPatch::default()
                        },
                        _ => continue,
                    }
                }
                "reassign_group" if rule.group_id.map(GroupId) != current.group_id => TicketPatch {
                    group_id: Some(rule.group_id),
                    assignee_id: Some(None),
                    ..TicketPatch::default()
                },
                "raise_priority" => {
                    let p = current.priority;
                    if raised(p) == p {
                        continue;
                    }
                    TicketPatch {
                        priority: Some(raised(p).as_str().into()),
                        priority_reason: Some(reason),
                        ..TicketPatch::default()
                    }
                }
                _ => continue,
            };
            match self
                .update_ticket(&system, current.id, Some(current.version), patch)
                .await
            {
                Ok(_) | Err(AppError::Stale) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}
