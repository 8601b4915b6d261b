//! Queuing mail. A notification is stored, and when its reader wants
//! that kind by mail at once (`notify::default_channel` until they
//! choose) a mail is rendered in their language from their member's text
//! (or samdrift's own) and queued in the outbox beside it. Mail about a
//! ticket carries the ticket's reply token (`mail::reply`) in its reply
//! address and Message-ID, and answers the ticket's earlier mail
//! (In-Reply-To, References), so mail programs thread it and replies find
//! the ticket.
//!
//! A requester who has no account, or an unverified mail contact, has no
//! bell: the conversation on their ticket (public replies, resolved,
//! waiting for them) reaches them by mail only.

use crate::mail::{MailSettings, OutboxRecord, domain_of};
use crate::{App, AppError};
use samdrift_domain::account::Language;
use samdrift_domain::ids::MemberId;
use samdrift_domain::mail::reply;
use samdrift_domain::mail::template::{Event, MailText, Values, default_text, render};
use samdrift_domain::notify::{Channel, Kind, default_channel};
use samdrift_store::mail::preferences::MailAccount;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::service_levels::notifications::NotificationRecord;
use std::collections::HashMap;
use uuid::Uuid;

/// What one mail is made of before it is rendered.
pub(crate) struct Draft<'a> {
    pub event: Event,
    pub member: Option<&'a MemberRecord>,
    pub ticket: Option<(Uuid, &'a str)>,
    pub to: &'a str,
    pub language: Language,
    pub values: Values,
}

/// Lookups made once per batch of mail.
#[derive(Default)]
pub(crate) struct Lookups {
    members: HashMap<Uuid, Option<MemberRecord>>,
    texts: HashMap<(Option<Uuid>, Event, &'static str), MailText>,
    threads: HashMap<Uuid, Vec<String>>,
}

fn language_of(code: &str) -> Language {
    if code == "en" {
        Language::En
    } else {
        Language::Sv
    }
}

fn language_code(language: Language) -> &'static str {
    match language {
        Language::Sv => "sv",
        Language::En => "en",
    }
}

/// The figures of a stored notification, as template values.
fn notice_values(message: &str) -> Values {
    let mut values = Values::new();
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(message)
    else {
        return values;
    };
    for key in samdrift_domain::mail::template::PLACEHOLDERS {
        let text = match map.get(key) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(serde_json::Value::Bool(b)) => b.to_string(),
            _ => continue,
        };
        values.insert(key, text);
    }
    values
}

impl App {
    /// Stores notifications and queues the mail their readers want at
    /// once. The mail is queued after the notifications are stored; a
    /// failure to queue is logged and leaves the notifications.
    pub(crate) async fn deliver(&self, list: &[NotificationRecord]) -> Result<(), AppError> {
        self.store.insert_notifications(list).await?;
        if !self.mail.enabled() || list.is_empty() {
            return Ok(());
        }
        match self.mails_for(list).await {
            Ok(mails) => {
                self.store.queue_mail(&mails).await?;
                for m in &mails {
                    if let (Some(member), Some(ticket)) = (m.member_id, m.ticket_id) {
                        self.store
                            .remember_thread(member, &m.message_id, ticket, m.created_at)
                            .await?;
                    }
                }
                if !mails.is_empty() {
                    self.mail_wake.notify_one();
                }
            }
            Err(e) => tracing::warn!(error = %e, "queuing notification mail failed"),
        }
        Ok(())
    }

    /// The mail for those of `list` whose readers want it at once.
    async fn mails_for(&self, list: &[NotificationRecord]) -> Result<Vec<OutboxRecord>, AppError> {
        let wanted = self.immediate_readers(list).await?;
        let mut lookups = Lookups::default();
        let mut out = Vec::new();
        for n in list {
            let Some(account) = wanted.get(&(n.account_id, n.kind.as_str())) else {
                continue;
            };
            let (Some(to), Some(kind)) = (account.email.as_deref(), Kind::parse(&n.kind)) else {
                continue;
            };
            let member = match n.member_id {
                Some(m) => self.member_record(&mut lookups, m).await?,
                None => None,
            };
            let mut values = notice_values(&n.message);
            values.insert("recipient", account.name.clone());
            let number = values.get("ticket").cloned().unwrap_or_default();
            let link = match (kind.page(), n.ticket_id) {
                (Some(page), _) => self.mail.link(page),
                (None, Some(t)) => self.mail.link(&format!("/tickets/{t}")),
                (None, None) => self.mail.link("/notifications"),
            };
            values.insert("link", link);
            let draft = Draft {
                event: Event::Notification(kind),
                member: member.as_ref(),
                ticket: n.ticket_id.map(|t| (t, number.as_str())),
                to,
                language: language_of(&account.language),
                values,
            };
            out.push(self.make_mail(&mut lookups, draft).await?);
        }
        Ok(out)
    }

    /// The readers of `list` that want its kind by mail at once, with a
    /// working address, by (account, kind).
    async fn immediate_readers<'a>(
        &self,
        list: &'a [NotificationRecord],
    ) -> Result<HashMap<(Uuid, &'a str), MailAccount>, AppError> {
        let mut accounts: Vec<Uuid> = list.iter().map(|n| n.account_id).collect();
        accounts.sort_unstable();
        accounts.dedup();
        let details: HashMap<Uuid, MailAccount> = self
            .store
            .mail_accounts(&accounts)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let addresses: Vec<String> = details.values().filter_map(|a| a.email.clone()).collect();
        let failing = self.store.which_failing(&addresses).await?;
        let mut kinds: Vec<&str> = list.iter().map(|n| n.kind.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let mut out = HashMap::new();
        for kind_name in kinds {
            let Some(kind) = Kind::parse(kind_name) else {
                continue;
            };
            let readers: Vec<Uuid> = list
                .iter()
                .filter(|n| n.kind == kind_name)
                .map(|n| n.account_id)
                .collect();
            let chosen: HashMap<Uuid, String> = self
                .store
                .channels_for_kind(&readers, kind_name)
                .await?
                .into_iter()
                .collect();
            for id in readers {
                let Some(a) = details.get(&id) else { continue };
                let channel = chosen
                    .get(&id)
                    .and_then(|c| Channel::parse(c))
                    .unwrap_or_else(|| default_channel(kind, a.staff));
                let usable = a.email.as_ref().is_some_and(|e| !failing.contains(e));
                if channel == Channel::Immediate && usable {
                    out.insert((id, kind_name), a.clone());
                }
            }
        }
        Ok(out)
    }

    pub(crate) async fn member_record(
        &self,
        lookups: &mut Lookups,
        member: Uuid,
    ) -> Result<Option<MemberRecord>, AppError> {
        if let Some(found) = lookups.members.get(&member) {
            return Ok(found.clone());
        }
        let found = self
            .store
            .get_member(&crate::demo::system_scope(), MemberId(member))
            .await?;
        lookups.members.insert(member, found.clone());
        Ok(found)
    }

    /// The text for `event` in `language`: the member's own, else
    /// samdrift's.
    async fn text_for(
        &self,
        lookups: &mut Lookups,
        member: Option<Uuid>,
        event: Event,
        language: Language,
    ) -> Result<MailText, AppError> {
        let code = language_code(language);
        if let Some(t) = lookups.texts.get(&(member, event, code)) {
            return Ok(t.clone());
        }
        let own = match member {
            Some(m) => self.store.mail_template(m, event.as_str(), code).await?,
            None => None,
        };
        let text = own.map_or_else(
            || default_text(event, language),
            |t| MailText {
                subject: t.subject,
                body: t.body,
            },
        );
        lookups.texts.insert((member, event, code), text.clone());
        Ok(text)
    }

    /// The earlier Message-IDs of a ticket's mail.
    async fn thread_of(
        &self,
        lookups: &mut Lookups,
        member: Uuid,
        ticket: Uuid,
    ) -> Result<Vec<String>, AppError> {
        if let Some(t) = lookups.threads.get(&ticket) {
            return Ok(t.clone());
        }
        let ids = self.store.ticket_message_ids(member, ticket).await?;
        lookups.threads.insert(ticket, ids.clone());
        Ok(ids)
    }

    /// Renders a draft into an outbox row (a member's broken text falls
    /// back to samdrift's own, with a warning).
    pub(crate) async fn make_mail(
        &self,
        lookups: &mut Lookups,
        mut draft: Draft<'_>,
    ) -> Result<OutboxRecord, AppError> {
        let member_id = draft.member.map(|m| m.id);
        if let Some(m) = draft.member {
            draft.values.insert("member", m.name.clone());
        }
        let text = self
            .text_for(lookups, member_id, draft.event, draft.language)
            .await?;
        let rendered = match render(&text, &draft.values) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(event = draft.event.as_str(), reason = %e.reason, "a member's mail text failed; samdrift's own is used");
                render(&default_text(draft.event, draft.language), &draft.values).unwrap_or(
                    MailText {
                        subject: draft.values.get("title").cloned().unwrap_or_default(),
                        body: String::new(),
                    },
                )
            }
        };
        let settings: &MailSettings = &self.mail;
        let sender = settings
            .sender_for(draft.member.map(|m| m.code.as_str()))
            .to_owned();
        let id = crate::ids::new_id(self.clock.as_ref());
        let (token, thread) = match (draft.ticket, member_id) {
            (Some((ticket, number)), Some(member)) => {
                let key = self.reply_key().await?;
                let token = reply::ticket_token(key.as_bytes(), member, ticket, number);
                (Some(token), self.thread_of(lookups, member, ticket).await?)
            }
            _ => (None, Vec::new()),
        };
        let message_id = reply::message_id(id, token.as_deref(), domain_of(&sender));
        let reply_to = token
            .as_deref()
            .and_then(|t| reply::reply_address(&sender, t));
        let now = self.now_micros();
        Ok(OutboxRecord {
            id,
            member_id,
            ticket_id: draft.ticket.map(|(t, _)| t),
            event: draft.event.as_str().to_owned(),
            sender,
            recipient: draft.to.to_owned(),
            reply_to,
            message_id,
            in_reply_to: thread.last().cloned(),
            mail_references: (!thread.is_empty()).then(|| thread.join(" ")),
            subject: rendered.subject,
            body: rendered.body,
            state: "queued".into(),
            attempts: 0,
            next_attempt_at: now,
            lease_until: None,
            answer: None,
            created_at: now,
            sent_at: None,
        })
    }

    /// The key reply tokens are made with (a server secret).
    pub(crate) async fn reply_key(&self) -> Result<String, AppError> {
        Ok(self
            .reply_secret
            .get_or_try_init(|| async {
                self.store
                    .server_secret("mail_reply", &crate::auth::random_secret())
                    .await
            })
            .await?
            .clone())
    }
}

/// Who a ticket's conversation is mailed to when they have no bell.
pub(crate) struct Correspondent {
    pub address: String,
    pub name: String,
}

impl App {
    /// The requester of `ticket` who can only be reached by mail: a
    /// person without an account, or the ticket's mail contact (unless
    /// rejected).
    pub(crate) async fn correspondent(
        &self,
        ticket: &samdrift_store::tickets::TicketRecord,
    ) -> Result<Option<Correspondent>, AppError> {
        let member = ticket.member_id.uuid();
        if let Some(person) = ticket.requester_id {
            if !self
                .store
                .person_accounts(member, person.0)
                .await?
                .is_empty()
            {
                return Ok(None);
            }
            let filter = samdrift_domain::scope::MemberFilter::Only(vec![ticket.member_id]);
            let found = self.store.get_person(&filter, person).await?;
            return Ok(found.map(|p| Correspondent {
                address: p.email.to_lowercase(),
                name: p.name,
            }));
        }
        let contact = self.store.mail_contact(member, ticket.id.uuid()).await?;
        Ok(contact
            .filter(|c| c.state != "rejected")
            .map(|c| Correspondent {
                address: c.address,
                name: c.name,
            }))
    }

    /// Mails `event` on `ticket` to its requester when they can only be
    /// reached by mail (see `correspondent`).
    pub(crate) async fn mail_correspondent(
        &self,
        ticket: &samdrift_store::tickets::TicketRecord,
        event: Event,
        values: Values,
    ) -> Result<(), AppError> {
        if !self.mail.enabled() {
            return Ok(());
        }
        match self.correspondent(ticket).await? {
            Some(to) => self.mail_ticket_to(ticket, event, &to, values).await,
            None => Ok(()),
        }
    }

    /// Mails `event` on `ticket` to `to` (unless their address fails),
    /// threaded with the ticket's earlier mail.
    pub(crate) async fn mail_ticket_to(
        &self,
        ticket: &samdrift_store::tickets::TicketRecord,
        event: Event,
        to: &Correspondent,
        mut values: Values,
    ) -> Result<(), AppError> {
        if !self.mail.enabled()
            || !self
                .store
                .which_failing(std::slice::from_ref(&to.address))
                .await?
                .is_empty()
        {
            return Ok(());
        }
        let mut lookups = Lookups::default();
        let member = self
            .member_record(&mut lookups, ticket.member_id.uuid())
            .await?;
        values.insert("recipient", to.name.clone());
        values.insert("ticket", ticket.number.clone());
        values.insert("title", ticket.title.clone());
        values.insert("link", self.mail.link(&format!("/tickets/{}", ticket.id)));
        let draft = Draft {
            event,
            member: member.as_ref(),
            ticket: Some((ticket.id.uuid(), ticket.number.as_str())),
            to: &to.address,
            language: Language::Sv,
            values,
        };
        let mail = self.make_mail(&mut lookups, draft).await?;
        let at = mail.created_at;
        self.store
            .remember_thread(
                ticket.member_id.uuid(),
                &mail.message_id,
                ticket.id.uuid(),
                at,
            )
            .await?;
        self.store.queue_mail(std::slice::from_ref(&mail)).await?;
        self.mail_wake.notify_one();
        Ok(())
    }
}
