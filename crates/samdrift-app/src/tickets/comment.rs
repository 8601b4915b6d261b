//! Comments: public replies and internal notes. Requesters only write
//! public ones; a requester's reply ends a wait for the customer.

use super::events::{EventActor, EventLog};
use crate::{App, AppError};
use samdrift_domain::ids::{CommentId, TicketId};
use samdrift_domain::scope::Scope;
use samdrift_domain::ticket::{Actor, Status, TransitionContext, check_transition};
use samdrift_store::tickets::{CommentRecord, TicketChange, TicketRecord, TicketWrite};

pub(crate) const COMMENT_MAX: usize = 20_000;

/// The requester writing by mail (the comment is theirs, not staff's,
/// though the system reads the ticket for them).
#[derive(Debug, Clone)]
pub(crate) struct MailAuthor {
    pub account: Option<samdrift_domain::ids::AccountId>,
    pub name: String,
}

impl App {
    pub async fn add_comment(
        &self,
        scope: &Scope,
        id: TicketId,
        body: &str,
        public: bool,
    ) -> Result<(TicketRecord, CommentRecord), AppError> {
        self.comment_as(scope, id, body, public, None).await
    }

    /// A comment written by `author` when given (a requester's mail), else
    /// by the scope's user.
    pub(crate) async fn comment_as(
        &self,
        scope: &Scope,
        id: TicketId,
        body: &str,
        public: bool,
        author: Option<MailAuthor>,
    ) -> Result<(TicketRecord, CommentRecord), AppError> {
        let by_staff = scope.is_staff() && author.is_none();
        let (author_id, author_name) = match &author {
            Some(a) => (a.account, a.name.clone()),
            None => (Some(scope.account), scope.username.clone()),
        };
        check_comment(scope, body, public)?;
        // A requester's reply may race with a staff change; retry once on a
        // stale version rather than fail the reply.
        for _ in 0..3 {
            let ticket = self.ticket(scope, id).await?;
            let status = ticket.status;
            if status.is_final() {
                return Err(AppError::Conflict(samdrift_domain::msg!(
                    "conflict.ticket_final",
                    status = samdrift_domain::messages::Arg::Word("status", status.as_str().into())
                )));
            }
            let at = self.now_micros();
            let comment = CommentRecord {
                member_id: ticket.member_id,
                id: CommentId(crate::ids::new_id(self.clock.as_ref())),
                ticket_id: ticket.id,
                at,
                author_id,
                author_name: author_name.clone(),
                public,
                by_staff,
                body: body.to_owned(),
            };
            let mut updated = ticket.clone();
            updated.updated_at = at;
            let mut log = EventLog::new(
                &ticket,
                event_actor(scope, author.as_ref()),
                at,
                self.clock.as_ref(),
            );
            log.push("comment", None, Some(comment.id.to_string()), public);
            let ctx = TransitionContext {
                seconds_since_resolved: None,
                reopen_period_seconds: 0,
            };
            let resumes = !by_staff
                && status == Status::WaitingForCustomer
                && check_transition(Actor::Requester, status, Status::InProgress, ctx).is_ok();
            let change = if resumes {
                updated.status = Status::InProgress;
                log.push(
                    "status",
                    Some(status.as_str().into()),
                    Some(updated.status.as_str().to_owned()),
                    true,
                );
                TicketChange::Full {
                    expected_version: ticket.version,
                    ticket: updated,
                }
            } else {
                // Named, so the clocks computed from this version's
                // history are not stored over a newer one.
                TicketChange::Touch {
                    ticket: updated,
                    expected_version: Some(ticket.version),
                }
            };
            let write = TicketWrite {
                change,
                comments: vec![comment.clone()],
                attachments: vec![],
                events: log.events,
                clocks: vec![],
                text_changed: false,
            };
            match self.write_change(write).await {
                Ok(t) => {
                    let event = samdrift_domain::notify::TicketEvent::Comment { public };
                    let actor = notifying_scope(scope, author.as_ref());
                    self.notify_ticket(&actor, None, &t, event, Some(body))
                        .await;
                    return Ok((t, comment));
                }
                Err(AppError::Stale) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(AppError::Stale)
    }
}

/// Who the ticket's history says wrote a comment.
fn event_actor(scope: &Scope, author: Option<&MailAuthor>) -> EventActor {
    match author {
        Some(a) => EventActor {
            id: a.account,
            name: a.name.clone(),
            kind: "requester",
        },
        None => EventActor::of(scope),
    }
}

/// The scope notifications see as acting: the mail's author when given
/// (so they are not told of their own mail).
fn notifying_scope(scope: &Scope, author: Option<&MailAuthor>) -> Scope {
    let mut actor = scope.clone();
    if let Some(a) = author {
        actor.account = a
            .account
            .unwrap_or(samdrift_domain::ids::AccountId(uuid::Uuid::nil()));
        actor.username = a.name.clone();
        // The requester wrote it, not staff: their own words are not
        // mailed back to them as a reply.
        actor.staff = None;
    }
    actor
}

/// A comment's text must have 1 to `COMMENT_MAX` characters; only staff
/// write internal notes.
fn check_comment(scope: &Scope, body: &str, public: bool) -> Result<(), AppError> {
    if body.trim().is_empty() || body.chars().count() > COMMENT_MAX {
        return Err(AppError::invalid(
            "body",
            samdrift_domain::msg!("field.length", min = 1, max = COMMENT_MAX),
        ));
    }
    if !public && !scope.is_staff() {
        return Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.internal_note"
        )));
    }
    Ok(())
}
