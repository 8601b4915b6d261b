//! Incoming mail becomes tickets and comments. A mailbox belongs to one
//! member; everything a mail can reach is that member's.
//!
//! 1. The mail is claimed by its IMAP identity (mailbox, UIDVALIDITY,
//!    UID): a second node, or a second look, finds it taken.
//! 2. A mail that cannot be read is set aside with its bytes and reason.
//! 3. A delivery report marks the addresses it names as failing.
//!    Automatic mail (auto-replies, bulk, lists, our own mail, mail from
//!    our own addresses) is ignored, as is a sender over the rate limit or
//!    one the desk rejected: none of it becomes a ticket or is answered.
//! 4. A reply joins its ticket: by a token in the reply address or in the
//!    Message-IDs it answers (checked against the member and ticket:
//!    `mail::reply`), by a Message-ID we know, or by a ticket number in
//!    the subject when the sender is that ticket's requester. It becomes
//!    a public comment from the requester, which ends a wait for them.
//! 5. Anything else is a new ticket: for the person of that member with
//!    the sender's address, or else from an unverified contact the desk
//!    confirms or rejects. A mail whose DMARC check failed is never
//!    linked to a person with more than an end user's rights.

use crate::mail::queue::Correspondent;
use crate::tickets::comment::MailAuthor;
use crate::{App, AppError};
use samdrift_domain::ids::{MemberId, TicketId};
use samdrift_domain::mail::inbound::{Disposition, InboundMail, Ours, classify, dmarc_failed};
use samdrift_domain::mail::reply;
use samdrift_domain::mail::template::{Event, Values};
use samdrift_domain::ticket::{Actor, Status, TransitionContext, check_transition, reopen_status};
use samdrift_store::mail::inbound::{InboundOutcome, MailContact};
use samdrift_store::people::PersonRecord;
use samdrift_store::tickets::TicketRecord;
use uuid::Uuid;

/// Mails one sender may send to one member's desk in an hour.
pub const SENDER_LIMIT_PER_HOUR: i64 = 20;

/// A member's mailbox, as the reader names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailboxRef {
    /// Unique per mailbox and folder (`YST servicedesk@ystad.se INBOX`).
    pub key: String,
    /// The member's code.
    pub member: String,
    /// The mailbox's address (the desk's).
    pub address: String,
}

/// What became of a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Another node or an earlier look took it.
    AlreadyTaken,
    /// It became a new ticket (its number).
    Ticket(String),
    /// It became a comment on a ticket (its number).
    Comment(String),
    /// A delivery report: these addresses are now failing.
    Bounce(Vec<String>),
    /// Nothing was done (the reason).
    Ignored(String),
    /// It could not be read and is kept aside (the reason).
    SetAside(String),
}

impl Received {
    fn state(&self) -> &'static str {
        match self {
            Received::AlreadyTaken => "claimed",
            Received::Ticket(_) => "ticket",
            Received::Comment(_) => "comment",
            Received::Bounce(_) => "bounce",
            Received::Ignored(_) => "ignored",
            Received::SetAside(_) => "set_aside",
        }
    }
}

/// Whom a mail is from, as far as the member knows them.
struct Sender {
    address: String,
    name: String,
    person: Option<PersonRecord>,
    /// DMARC failed: the sender's address is not to be trusted.
    unproven: bool,
}

impl App {
    /// Takes mail `uid` of `mailbox` (read as `parsed`, from `raw`)
    /// exactly once (module docs).
    pub async fn receive_mail(
        &self,
        mailbox: &MailboxRef,
        uidvalidity: u32,
        uid: u32,
        raw: &[u8],
        parsed: Result<InboundMail, String>,
    ) -> Result<Received, AppError> {
        let member = self
            .store
            .member_by_code(&mailbox.member)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        let now = self.now_micros();
        let (validity, uid) = (i64::from(uidvalidity), i64::from(uid));
        if !self
            .store
            .claim_inbound(&mailbox.key, validity, uid, member.id, now)
            .await?
        {
            return Ok(Received::AlreadyTaken);
        }
        let (received, mail) = match parsed {
            Ok(mail) => (self.take_mail(mailbox, member.id, &mail).await, Some(mail)),
            Err(reason) => (Ok(Received::SetAside(reason)), None),
        };
        let received = match received {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(mailbox = %mailbox.key, uid, error = %e, "a mail could not be taken; it is kept aside");
                Received::SetAside(format!("{e}"))
            }
        };
        self.finish_mail(
            mailbox,
            member.id,
            (validity, uid),
            raw,
            mail.as_ref(),
            &received,
        )
        .await?;
        Ok(received)
    }

    async fn finish_mail(
        &self,
        mailbox: &MailboxRef,
        member: Uuid,
        (validity, uid): (i64, i64),
        raw: &[u8],
        mail: Option<&InboundMail>,
        received: &Received,
    ) -> Result<(), AppError> {
        let reason = match received {
            Received::Ignored(r) | Received::SetAside(r) => Some(r.clone()),
            Received::Bounce(list) => Some(list.join(", ")),
            _ => None,
        };
        let ticket = match received {
            Received::Ticket(n) | Received::Comment(n) => self
                .store
                .ticket_by_number(member, n)
                .await?
                .map(|t| t.id.uuid()),
            _ => None,
        };
        let outcome = InboundOutcome {
            state: received.state(),
            reason: reason.as_deref(),
            sender: mail
                .and_then(|m| m.from.as_ref())
                .map(|a| a.address.as_str()),
            subject: mail.map(|m| m.subject.as_str()),
            message_id: mail.and_then(|m| m.message_id.as_deref()),
            ticket_id: ticket,
            raw: matches!(received, Received::SetAside(_)).then_some(raw),
        };
        self.store
            .finish_inbound(&mailbox.key, validity, uid, &outcome)
            .await?;
        Ok(())
    }

    async fn take_mail(
        &self,
        mailbox: &MailboxRef,
        member: Uuid,
        mail: &InboundMail,
    ) -> Result<Received, AppError> {
        let mut addresses: Vec<String> =
            self.mail.desks.values().map(|a| a.to_lowercase()).collect();
        addresses.push(mailbox.address.to_lowercase());
        let ours = Ours {
            addresses: &addresses,
            message_id_domain: crate::mail::domain_of(&mailbox.address),
        };
        match classify(mail, &ours) {
            Disposition::Bounce(failed) => return self.take_bounce(&failed).await,
            Disposition::Ignore(why) => return Ok(Received::Ignored(why.as_str().to_owned())),
            Disposition::Accept => {}
        }
        let Some(sender) = self.sender_of(member, mail).await? else {
            return Ok(Received::Ignored("no_sender".into()));
        };
        let hour_ago = self.now_micros() - 3600 * 1_000_000;
        if self
            .store
            .inbound_from_since(member, &sender.address, hour_ago)
            .await?
            > SENDER_LIMIT_PER_HOUR
        {
            return Ok(Received::Ignored("rate_limit".into()));
        }
        if self
            .store
            .mail_contact_rejected(member, &sender.address)
            .await?
        {
            return Ok(Received::Ignored("rejected_sender".into()));
        }
        if let Some(ticket) = self.thread_of_mail(member, mail, &sender).await?
            && self.takes_replies(&ticket)
        {
            return self.comment_from_mail(&ticket, mail, &sender).await;
        }
        self.ticket_from_mail(mailbox, member, mail, &sender).await
    }

    async fn take_bounce(
        &self,
        failed: &[samdrift_domain::mail::inbound::FailedRecipient],
    ) -> Result<Received, AppError> {
        let at = self.now_micros();
        let mut marked = Vec::new();
        for f in failed {
            let reason = match &f.diagnostic {
                Some(d) => format!("{} {d}", f.status),
                None => f.status.clone(),
            };
            self.store
                .mark_address_failing(&f.address, &reason, at)
                .await?;
            marked.push(f.address.clone());
        }
        Ok(Received::Bounce(marked))
    }

    /// The sender, matched to the member's person with that address
    /// unless DMARC failed and the person has more than an end user's
    /// rights.
    async fn sender_of(
        &self,
        member: Uuid,
        mail: &InboundMail,
    ) -> Result<Option<Sender>, AppError> {
        let Some(from) = mail.from.as_ref() else {
            return Ok(None);
        };
        let unproven = dmarc_failed(
            &mail.authentication_results,
            self.mail.trusted_authserv_id.as_deref(),
        );
        let mut person = self
            .store
            .person_by_email(MemberId(member), &from.address)
            .await?;
        if unproven
            && let Some(p) = &person
            && self.store.person_is_privileged(member, p.id).await?
        {
            person = None;
        }
        let name = from
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| person.as_ref().map(|p| p.name.clone()))
            .unwrap_or_else(|| from.address.clone());
        Ok(Some(Sender {
            address: from.address.clone(),
            name,
            person,
            unproven,
        }))
    }

    /// The ticket of `member` a mail answers (module docs, step 4).
    async fn thread_of_mail(
        &self,
        member: Uuid,
        mail: &InboundMail,
        sender: &Sender,
    ) -> Result<Option<TicketRecord>, AppError> {
        let key = self.reply_key().await?;
        for token in reply::tokens_in(mail) {
            if let Some(t) = self.store.ticket_by_number(member, &token.number).await?
                && reply::verify(key.as_bytes(), member, t.id.uuid(), &token)
            {
                return Ok(Some(t));
            }
        }
        let mut answered: Vec<String> = mail.in_reply_to.clone();
        answered.extend(mail.references.iter().rev().cloned());
        if let Some(id) = self.store.thread_ticket(member, &answered).await?
            && let Some(t) = self
                .store
                .get_ticket(&crate::demo::system_scope(), TicketId(id))
                .await?
            && t.member_id.uuid() == member
        {
            return Ok(Some(t));
        }
        for number in reply::subject_numbers(&mail.subject) {
            if let Some(t) = self.store.ticket_by_number(member, &number).await?
                && self.is_requester_of(&t, sender).await?
            {
                return Ok(Some(t));
            }
        }
        Ok(None)
    }

    /// Whether a reply joins `ticket`: not when it is closed or cancelled,
    /// nor resolved longer ago than a requester may reopen it (the reply
    /// is then a new ticket).
    fn takes_replies(&self, ticket: &TicketRecord) -> bool {
        let ctx = TransitionContext {
            seconds_since_resolved: ticket
                .resolved_at
                .map(|r| (self.now_micros() - r) / 1_000_000),
            reopen_period_seconds: self.settings.reopen_days * 86_400,
        };
        match ticket.status {
            Status::Resolved => check_transition(
                Actor::Requester,
                Status::Resolved,
                reopen_status(ticket.assignee_id.is_some()),
                ctx,
            )
            .is_ok(),
            s => !s.is_final(),
        }
    }

    /// Whether `sender` is the requester of `ticket` (its person, or its
    /// mail contact).
    async fn is_requester_of(
        &self,
        ticket: &TicketRecord,
        sender: &Sender,
    ) -> Result<bool, AppError> {
        if let (Some(person), Some(requester)) = (&sender.person, ticket.requester_id) {
            return Ok(person.id == requester.0);
        }
        let contact = self
            .store
            .mail_contact(ticket.member_id.uuid(), ticket.id.uuid())
            .await?;
        Ok(!sender.unproven && contact.is_some_and(|c| c.address == sender.address))
    }

    async fn comment_from_mail(
        &self,
        ticket: &TicketRecord,
        mail: &InboundMail,
        sender: &Sender,
    ) -> Result<Received, AppError> {
        if sender.unproven && !self.is_requester_of(ticket, sender).await? {
            return Ok(Received::Ignored("dmarc_failed".into()));
        }
        let account = match &sender.person {
            Some(p) => self
                .store
                .person_accounts(p.member_id, p.id)
                .await?
                .first()
                .copied(),
            None => None,
        };
        let author = MailAuthor {
            account: account.map(samdrift_domain::ids::AccountId),
            name: sender.name.clone(),
        };
        let body = body_text(mail, crate::tickets::comment::COMMENT_MAX);
        let scope = crate::demo::system_scope();
        let (mut t, _) = self
            .comment_as(&scope, ticket.id, &body, true, Some(author))
            .await?;
        if t.status == Status::Resolved {
            // The requester answers a resolved ticket: it is not solved
            // after all, as when they reopen it in the portal.
            let patch = crate::tickets::TicketPatch {
                // Back to whoever had it: its assignee, else its group.
                status: Some(
                    if t.assignee_id.is_some() {
                        Status::InProgress
                    } else {
                        Status::Assigned
                    }
                    .as_str()
                    .to_owned(),
                ),
                ..Default::default()
            };
            t = self
                .update_ticket(&scope, t.id, Some(t.version), patch)
                .await?;
        }
        self.attach_from_mail(&t, mail).await;
        if let Some(id) = &mail.message_id {
            self.store
                .remember_thread(t.member_id.uuid(), id, t.id.uuid(), self.now_micros())
                .await?;
        }
        Ok(Received::Comment(t.number))
    }

    async fn ticket_from_mail(
        &self,
        mailbox: &MailboxRef,
        member: Uuid,
        mail: &InboundMail,
        sender: &Sender,
    ) -> Result<Received, AppError> {
        let title: String = match mail.subject.trim() {
            "" => "(inget ämne)".to_owned(),
            s => s.chars().take(crate::tickets::create::TITLE_MAX).collect(),
        };
        let input = crate::tickets::create::NewTicketInput {
            member: Some(mailbox.member.clone()),
            ticket_type: "incident".into(),
            requester_id: sender.person.as_ref().map(|p| p.id),
            title,
            description: body_text(mail, crate::tickets::create::DESCRIPTION_MAX),
            impact: 3,
            urgency: 3,
            ..Default::default()
        };
        let ticket = self
            .create_ticket(&crate::demo::system_scope(), input)
            .await?;
        let at = self.now_micros();
        if sender.person.is_none() {
            self.store
                .insert_mail_contact(&MailContact {
                    member_id: member,
                    ticket_id: ticket.id.uuid(),
                    address: sender.address.clone(),
                    name: sender.name.clone(),
                    state: "unverified".into(),
                    decided_by: None,
                    decided_at: None,
                })
                .await?;
        }
        if let Some(id) = &mail.message_id {
            self.store
                .remember_thread(member, id, ticket.id.uuid(), at)
                .await?;
        }
        self.attach_from_mail(&ticket, mail).await;
        if !sender.unproven {
            let to = Correspondent {
                address: sender.address.clone(),
                name: sender.name.clone(),
            };
            self.mail_ticket_to(&ticket, Event::TicketCreated, &to, Values::new())
                .await?;
        }
        Ok(Received::Ticket(ticket.number))
    }

    /// Adds a mail's attachments to its ticket through the same checks as
    /// uploads; a refused one is logged and left out.
    async fn attach_from_mail(&self, ticket: &TicketRecord, mail: &InboundMail) {
        let scope = crate::demo::system_scope();
        for a in &mail.attachments {
            let file = crate::tickets::attachments::NewAttachment {
                filename: a.filename.clone(),
                content_type: a.content_type.clone(),
                data: a.data.clone(),
                public: true,
            };
            if let Err(e) = self.add_attachment(&scope, ticket.id, file).await {
                tracing::info!(ticket = %ticket.number, file = %a.filename, error = %e, "a mail's attachment was refused");
            }
        }
    }
}

/// A mail's text for a ticket, cut to `max` characters.
fn body_text(mail: &InboundMail, max: usize) -> String {
    let text = mail.text.trim();
    let text = if text.is_empty() { "(tomt mejl)" } else { text };
    text.chars().take(max).collect()
}

impl App {
    /// The highest UID of `mailbox` claimed at `uidvalidity` (where its
    /// next read starts).
    pub async fn last_inbound_uid(
        &self,
        mailbox: &str,
        uidvalidity: u32,
    ) -> Result<Option<i64>, AppError> {
        Ok(self
            .store
            .last_inbound_uid(mailbox, i64::from(uidvalidity))
            .await?)
    }
}
