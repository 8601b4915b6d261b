//! Warning and breach timers. A due timer is re-checked against freshly
//! recomputed clocks, then claimed with a conditional update so it fires
//! exactly once across every server node; firing records an internal event
//! on the ticket and notifies the group leads (of the ticket's group, else
//! all group leads).

use super::notices::SlaNotice;
use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::ids::{EventId, TicketId};
use samdrift_store::service_levels::clocks::TimerKind;
use samdrift_store::service_levels::notifications::NotificationRecord;
use samdrift_store::tickets::EventRecord;

impl App {
    /// Fires every due warning and breach; returns how many fired here.
    pub async fn fire_due_timers(&self) -> Result<usize, AppError> {
        let system = self.system_scope();
        let mut fired = 0;
        for kind in [TimerKind::Breach, TimerKind::Warning] {
            let now = self.now_micros();
            for due in self.store.due_timers(kind, now, 500).await? {
                let Some(ticket) = self
                    .store
                    .get_ticket(&system, TicketId(due.ticket_id))
                    .await?
                else {
                    continue;
                };
                // Recompute first: the history may have changed since.
                let sla = self.refresh_clocks(&ticket).await?;
                let Some(clock) = sla
                    .clocks
                    .iter()
                    .find(|c| super::clocks::kind_name(c.kind) == due.kind)
                else {
                    continue;
                };
                let crossed = match kind {
                    TimerKind::Warning => {
                        clock.stopped_at.is_none()
                            && clock.warning_at.is_some_and(|w| w.as_microsecond() <= now)
                    }
                    TimerKind::Breach => {
                        clock.stopped_at.is_none() && clock.elapsed_seconds > clock.target_seconds
                    }
                };
                if !crossed
                    || !self
                        .store
                        .claim_timer(kind, ticket.member_id, ticket.id, &due.kind, now)
                        .await?
                {
                    continue;
                }
                fired += 1;
                let event_kind = match kind {
                    TimerKind::Warning => "sla_warning",
                    TimerKind::Breach => "sla_breach",
                };
                let message = SlaNotice {
                    ticket: ticket.number.clone(),
                    clock: due.kind.clone(),
                    elapsed_seconds: clock.elapsed_seconds,
                    target_seconds: clock.target_seconds,
                }
                .stored();
                self.store
                    .append_event(&EventRecord {
                        member_id: ticket.member_id,
                        id: EventId(new_id(self.clock.as_ref())),
                        ticket_id: ticket.id,
                        at: now,
                        actor_id: None,
                        actor_name: "samdrift".into(),
                        actor_kind: "system".into(),
                        kind: event_kind.into(),
                        old_value: None,
                        new_value: Some(due.kind.clone()),
                        public: false,
                    })
                    .await?;
                let on_event = match kind {
                    TimerKind::Warning => "warning",
                    TimerKind::Breach => "breach",
                };
                self.escalate(&ticket, on_event, &due.kind).await?;
                let mut leads = self
                    .store
                    .staff_with_role("group_lead", ticket.group_id)
                    .await?;
                if leads.is_empty() {
                    leads = self.store.staff_with_role("group_lead", None).await?;
                }
                let list: Vec<NotificationRecord> = leads
                    .into_iter()
                    .map(|account| NotificationRecord {
                        id: new_id(self.clock.as_ref()),
                        account_id: account.uuid(),
                        member_id: Some(ticket.member_id.uuid()),
                        ticket_id: Some(ticket.id.uuid()),
                        kind: event_kind.into(),
                        message: message.clone(),
                        created_at: now,
                        read_at: None,
                    })
                    .collect();
                self.deliver(&list).await?;
            }
        }
        Ok(fired)
    }
}
