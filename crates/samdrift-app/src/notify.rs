//! Notifications in the product: after a ticket changes, those it
//! concerns are told (who, and as which kind, is the domain's rule:
//! `samdrift_domain::notify`). A notification keeps its figures as data
//! (`TicketNotice`: the ticket's number and title, who acted, the new
//! status) and becomes a sentence in the reader's language when read.
//! Telling is done after the change is stored: a failure to tell is
//! logged and never undoes or refuses the change.

use crate::{App, AppError};
use samdrift_domain::messages::{Arg, Message};
use samdrift_domain::notify::{Concerned, Kind, TicketEvent, recipients};
use samdrift_domain::scope::Scope;
use samdrift_store::service_levels::notifications::NotificationRecord;
use samdrift_store::tickets::TicketRecord;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The figures of a ticket notification, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketNotice {
    pub ticket: String,
    pub title: String,
    /// Who acted (their username).
    pub by: String,
    /// The new status, for `ticket_status`.
    #[serde(default)]
    pub status: Option<String>,
    /// A public comment's text (for its mail), at most 4,000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The figures of an order notification, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderNotice {
    pub member: String,
    pub offering: String,
    pub quantity: i64,
    /// Who decided, or who ordered (for `order_waiting`).
    pub by: String,
    /// `confirmed` or `rejected`, for `order_decided`.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// The figures of a status message (an outage or planned maintenance), as
/// stored: the service, whether planned, and the text staff wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusNotice {
    pub service: String,
    pub planned: bool,
    pub text: String,
}

fn status_message(stored: &str) -> Option<Message> {
    let n: StatusNotice = serde_json::from_str(stored).ok()?;
    let code = if n.planned {
        "notification.status_planned"
    } else {
        "notification.status_outage"
    };
    Some(
        Message::new(code)
            .with("service", Arg::Text(n.service))
            .with("text", Arg::Text(n.text)),
    )
}

/// The figures of what is about to end (an agreement, an API token), as
/// stored: its name (`title`) and its last day or moment (`text`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpiryNotice {
    pub title: String,
    pub text: String,
}

fn expiry_message(kind: Kind, stored: &str) -> Option<Message> {
    let n: ExpiryNotice = serde_json::from_str(stored).ok()?;
    let code = match kind {
        Kind::AgreementExpiring => "notification.agreement_expiring",
        _ => "notification.token_expiring",
    };
    Some(
        Message::new(code)
            .with("name", Arg::Text(n.title))
            .with("ends", Arg::Text(n.text)),
    )
}

/// The message of a stored order notification of `kind`, or None.
fn order_message(kind: Kind, stored: &str) -> Option<Message> {
    let n: OrderNotice = serde_json::from_str(stored).ok()?;
    let code = match (kind, n.outcome.as_deref()) {
        (Kind::OrderWaiting, _) => "notification.order_waiting",
        (Kind::OrderDecided, Some("confirmed")) => "notification.order_confirmed",
        (Kind::OrderDecided, _) => "notification.order_rejected",
        _ => return None,
    };
    Some(
        Message::new(code)
            .with("member", n.member)
            .with("offering", n.offering)
            .with("quantity", n.quantity)
            .with("by", Arg::Text(n.by)),
    )
}

/// The message of a stored ticket notification of `kind`, or None when
/// `stored` is not one.
pub fn ticket_message(kind: &str, stored: &str) -> Option<Message> {
    let kind_of = Kind::parse(kind)?;
    if matches!(kind_of, Kind::OrderDecided | Kind::OrderWaiting) {
        return order_message(kind_of, stored);
    }
    if kind_of == Kind::StatusMessage {
        return status_message(stored);
    }
    if matches!(kind_of, Kind::AgreementExpiring | Kind::TokenExpiring) {
        return expiry_message(kind_of, stored);
    }
    let n: TicketNotice = serde_json::from_str(stored).ok()?;
    let code = match (kind_of, n.status.as_deref()) {
        (Kind::TicketComment, _) => "notification.ticket_comment",
        (Kind::TicketStatus, Some("resolved")) => "notification.ticket_resolved",
        (Kind::TicketStatus, _) => "notification.ticket_waiting",
        (Kind::TicketAssigned, _) => "notification.ticket_assigned",
        (Kind::GroupAssigned, _) => "notification.group_assigned",
        (Kind::ApprovalWaiting, _) => "notification.approval_waiting",
        (Kind::TaskWaiting, _) => "notification.task_waiting",
        _ => return None,
    };
    let message = Message::new(code)
        .with("ticket", n.ticket)
        .with("title", Arg::Text(n.title))
        .with("by", Arg::Text(n.by));
    Some(match kind_of {
        Kind::TaskWaiting => message.with("task", Arg::Text(n.text.unwrap_or_default())),
        _ => message,
    })
}

impl App {
    /// Tells those `event` on `ticket` concerns (module docs). `before` is
    /// the ticket as it was, for an assignment.
    pub(crate) async fn notify_ticket(
        &self,
        scope: &Scope,
        before: Option<&TicketRecord>,
        ticket: &TicketRecord,
        event: TicketEvent,
        text: Option<&str>,
    ) {
        if let Err(e) = self.tell(scope, before, ticket, &event, text).await {
            tracing::warn!(ticket = %ticket.number, error = %e, "telling those a ticket concerns failed");
        }
        if let Err(e) = self.tell_correspondent(scope, ticket, &event, text).await {
            tracing::warn!(ticket = %ticket.number, error = %e, "mailing a ticket's requester failed");
        }
    }

    /// Mails the conversation to a requester who has no bell (a person
    /// without an account, an unverified mail contact): public comments
    /// by others, and the ticket resolved or waiting for them.
    async fn tell_correspondent(
        &self,
        scope: &Scope,
        ticket: &TicketRecord,
        event: &TicketEvent,
        text: Option<&str>,
    ) -> Result<(), AppError> {
        let mail_event = match event {
            TicketEvent::Comment { public: true } if scope.is_staff() => Kind::TicketComment,
            TicketEvent::Status {
                to:
                    samdrift_domain::ticket::Status::Resolved
                    | samdrift_domain::ticket::Status::WaitingForCustomer,
            } => Kind::TicketStatus,
            _ => return Ok(()),
        };
        let mut values = samdrift_domain::mail::template::Values::new();
        values.insert("by", scope.username.clone());
        values.insert("text", text.unwrap_or_default().to_owned());
        if let TicketEvent::Status { to } = event {
            values.insert("status", to.as_str().to_owned());
        }
        self.mail_correspondent(
            ticket,
            samdrift_domain::mail::template::Event::Notification(mail_event),
            values,
        )
        .await
    }

    async fn tell(
        &self,
        scope: &Scope,
        before: Option<&TicketRecord>,
        ticket: &TicketRecord,
        event: &TicketEvent,
        text: Option<&str>,
    ) -> Result<(), AppError> {
        let requester = match ticket.requester_id {
            Some(p) => {
                self.store
                    .person_accounts(ticket.member_id.uuid(), p.0)
                    .await?
            }
            None => Vec::new(),
        };
        let group_changed = before.is_some_and(|b| b.group_id != ticket.group_id);
        let group = match (ticket.group_id, group_changed) {
            (Some(g), true) => self.store.group_accounts(g.0).await?,
            _ => Vec::new(),
        };
        let concerned = Concerned {
            actor: scope.account.0,
            requester,
            assignee: ticket.assignee_id.map(|a| a.0),
            group,
            group_changed,
            assignee_changed: before.is_some_and(|b| b.assignee_id != ticket.assignee_id),
        };
        let told = recipients(event, &concerned);
        let notice = TicketNotice {
            ticket: ticket.number.clone(),
            title: ticket.title.clone(),
            by: scope.username.clone(),
            status: match event {
                TicketEvent::Status { to } => Some(to.as_str().to_owned()),
                _ => None,
            },
            text: text.map(|t| t.chars().take(4000).collect()),
        };
        let stored = serde_json::to_string(&notice).unwrap_or_default();
        let at = self.now_micros();
        let list: Vec<NotificationRecord> = told
            .into_iter()
            .map(|(account, kind)| {
                let about = (Some(ticket.member_id.uuid()), Some(ticket.id.uuid()));
                self.record(account, kind, about, &stored, at)
            })
            .collect();
        self.deliver(&list).await
    }

    /// Tells of what `update_ticket` changed: a new status, a new assignee
    /// or group.
    pub(crate) async fn notify_update(
        &self,
        scope: &Scope,
        before: &TicketRecord,
        after: &TicketRecord,
    ) {
        if before.status != after.status {
            self.notify_ticket(
                scope,
                Some(before),
                after,
                TicketEvent::Status { to: after.status },
                None,
            )
            .await;
        }
        if before.assignee_id != after.assignee_id || before.group_id != after.group_id {
            self.notify_ticket(scope, Some(before), after, TicketEvent::Assigned, None)
                .await;
        }
    }

    /// Tells whoever must approve a service request's next pending
    /// approval (its approver's accounts, or the member's orderers when it
    /// names nobody) that it waits for them.
    pub(crate) async fn notify_waiting_approval(&self, scope: &Scope, ticket: &TicketRecord) {
        if let Err(e) = self.tell_approver(scope, ticket).await {
            tracing::warn!(ticket = %ticket.number, error = %e, "telling an approver failed");
        }
    }

    async fn tell_approver(&self, scope: &Scope, ticket: &TicketRecord) -> Result<(), AppError> {
        let approvals = self
            .store
            .request_approvals(ticket.member_id, ticket.id)
            .await?;
        let Some(next) = approvals.iter().find(|a| a.state == "pending") else {
            return Ok(());
        };
        let member = ticket.member_id.uuid();
        let accounts = match next.approver_id {
            Some(person) => self.store.person_accounts(member, person).await?,
            None => self.store.member_role_accounts(member, "orderer").await?,
        };
        let notice = TicketNotice {
            ticket: ticket.number.clone(),
            title: ticket.title.clone(),
            by: scope.username.clone(),
            status: None,
            text: None,
        };
        let stored = serde_json::to_string(&notice).unwrap_or_default();
        let at = self.now_micros();
        let list: Vec<NotificationRecord> = accounts
            .into_iter()
            .filter(|a| *a != scope.account.0)
            .map(|account| {
                let about = (Some(member), Some(ticket.id.uuid()));
                self.record(account, Kind::ApprovalWaiting, about, &stored, at)
            })
            .collect();
        self.deliver(&list).await
    }

    /// Tells the groups of a service request's fulfilment tasks that
    /// opened (open now, and not among `before`) that they wait for them.
    pub(crate) async fn notify_tasks_opened(
        &self,
        scope: &Scope,
        ticket: &TicketRecord,
        before: &[Uuid],
    ) {
        if let Err(e) = self.tell_task_groups(scope, ticket, before).await {
            tracing::warn!(ticket = %ticket.number, error = %e, "telling the groups of opened tasks failed");
        }
    }

    async fn tell_task_groups(
        &self,
        scope: &Scope,
        ticket: &TicketRecord,
        before: &[Uuid],
    ) -> Result<(), AppError> {
        let tasks = self
            .store
            .request_tasks(ticket.member_id, ticket.id)
            .await?;
        let at = self.now_micros();
        let mut list: Vec<NotificationRecord> = Vec::new();
        for task in tasks
            .iter()
            .filter(|t| t.state == "open" && !before.contains(&t.id))
        {
            let notice = TicketNotice {
                ticket: ticket.number.clone(),
                title: ticket.title.clone(),
                by: scope.username.clone(),
                status: None,
                text: Some(task.title.clone()),
            };
            let stored = serde_json::to_string(&notice).unwrap_or_default();
            for account in self.store.group_accounts(task.group_id).await? {
                if account != scope.account.0 {
                    let about = (Some(ticket.member_id.uuid()), Some(ticket.id.uuid()));
                    list.push(self.record(account, Kind::TaskWaiting, about, &stored, at));
                }
            }
        }
        self.deliver(&list).await
    }

    /// Tells everyone with a role in the affected members of a new status
    /// message (an outage or planned maintenance).
    pub(crate) async fn notify_status_message(
        &self,
        scope: &Scope,
        members: &[Uuid],
        notice: &StatusNotice,
    ) {
        let stored = serde_json::to_string(notice).unwrap_or_default();
        let at = self.now_micros();
        let mut list: Vec<NotificationRecord> = Vec::new();
        for member in members {
            let accounts = match self.store.member_accounts(*member).await {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "finding whom to tell of a status message failed");
                    return;
                }
            };
            for account in accounts.into_iter().filter(|a| *a != scope.account.0) {
                let about = (Some(*member), None);
                list.push(self.record(account, Kind::StatusMessage, about, &stored, at));
            }
        }
        if let Err(e) = self.deliver(&list).await {
            tracing::warn!(error = %e, "telling of a status message failed");
        }
    }

    /// Tells the federation's managers that an order waits for them.
    pub(crate) async fn notify_order_waiting(&self, scope: &Scope, notice: &OrderNotice) {
        let managers = match self.store.staff_with_role("manager", None).await {
            Ok(m) => m
                .into_iter()
                .map(|a| a.0)
                .filter(|a| *a != scope.account.0)
                .collect(),
            Err(e) => {
                tracing::warn!(error = %e, "finding the managers to tell of an order failed");
                return;
            }
        };
        self.notify_accounts(managers, Kind::OrderWaiting, notice)
            .await;
    }

    /// Tells the orderer that their order was decided.
    pub(crate) async fn notify_order_decided(
        &self,
        scope: &Scope,
        orderer: Option<Uuid>,
        notice: &OrderNotice,
    ) {
        let to: Vec<Uuid> = orderer
            .into_iter()
            .filter(|a| *a != scope.account.0)
            .collect();
        self.notify_accounts(to, Kind::OrderDecided, notice).await;
    }

    async fn notify_accounts(&self, accounts: Vec<Uuid>, kind: Kind, notice: &OrderNotice) {
        let stored = serde_json::to_string(notice).unwrap_or_default();
        let at = self.now_micros();
        let list: Vec<NotificationRecord> = accounts
            .into_iter()
            .map(|account| self.record(account, kind, (None, None), &stored, at))
            .collect();
        if let Err(e) = self.deliver(&list).await {
            tracing::warn!(error = %e, "telling of an order failed");
        }
    }

    /// One unread notification for `account`, about (member, ticket),
    /// with its figures `stored` as data.
    pub(crate) fn record(
        &self,
        account: Uuid,
        kind: Kind,
        (member, ticket): (Option<Uuid>, Option<Uuid>),
        stored: &str,
        at: i64,
    ) -> NotificationRecord {
        NotificationRecord {
            id: crate::ids::new_id(self.clock.as_ref()),
            account_id: account,
            member_id: member,
            ticket_id: ticket,
            kind: kind.as_str().to_owned(),
            message: stored.to_owned(),
            created_at: at,
            read_at: None,
        }
    }

    /// How many of the caller's notifications are unread (at most 100).
    pub async fn unread_notifications(&self, scope: &Scope) -> Result<i64, AppError> {
        Ok(self.store.unread_notifications(scope.account.0).await?)
    }

    /// Marks one of the caller's notifications read; another's, or none,
    /// is not found.
    pub async fn mark_notification_read(&self, scope: &Scope, id: Uuid) -> Result<(), AppError> {
        let at = self.now_micros();
        if self
            .store
            .mark_notification_read(scope.account.0, id, at)
            .await?
        {
            Ok(())
        } else {
            Err(AppError::NotFound("notification"))
        }
    }

    /// Marks all the caller's notifications read; how many were unread.
    pub async fn mark_all_notifications_read(&self, scope: &Scope) -> Result<u64, AppError> {
        let at = self.now_micros();
        Ok(self
            .store
            .mark_all_notifications_read(scope.account.0, at)
            .await?)
    }
}
