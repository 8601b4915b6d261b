//! The daily digest: one mail a day with the unread notifications of the
//! kinds a user chose to hear of that way. The server looks every hour;
//! an account's digest is due a day after its last one. Moving the
//! account's digest mark is the claim, so one node sends each digest.

use crate::mail::queue::{Draft, Lookups};
use crate::{App, AppError};
use samdrift_domain::account::Language;
use samdrift_domain::mail::template::{Event, Values};
use samdrift_domain::notify::{Channel, Kind, default_channel};

const DAY: i64 = 24 * 3600 * 1_000_000;

impl App {
    /// Queues the digests due now; how many were queued.
    pub async fn send_digests(&self) -> Result<usize, AppError> {
        if !self.mail.enabled() {
            return Ok(0);
        }
        let now = self.now_micros();
        let mut queued = 0;
        for (account, from) in self.store.digest_candidates(now - DAY).await? {
            if from > now - DAY {
                continue;
            }
            let mark = self.store.digest_mark(account).await?;
            if !self.store.claim_digest(account, mark, now).await? {
                continue;
            }
            queued += usize::from(self.digest_for(account, from, now).await?);
        }
        Ok(queued)
    }

    async fn digest_for(
        &self,
        account: uuid::Uuid,
        from: i64,
        through: i64,
    ) -> Result<bool, AppError> {
        let Some(reader) = self
            .store
            .mail_accounts(&[account])
            .await?
            .into_iter()
            .next()
        else {
            return Ok(false);
        };
        let Some(to) = reader.email.clone() else {
            return Ok(false);
        };
        let chosen = self.store.notification_channels(account).await?;
        let wants_digest = |kind: Kind| {
            chosen
                .iter()
                .find(|(k, _)| k == kind.as_str())
                .and_then(|(_, c)| Channel::parse(c))
                .unwrap_or_else(|| default_channel(kind, reader.staff))
                == Channel::Digest
        };
        let items: Vec<String> = self
            .store
            .unread_between(account, from, through)
            .await?
            .into_iter()
            .filter(|n| Kind::parse(&n.kind).is_some_and(wants_digest))
            .map(|n| digest_line(&n.message))
            .collect();
        if items.is_empty() {
            return Ok(false);
        }
        let language = if reader.language == "en" {
            Language::En
        } else {
            Language::Sv
        };
        let mut values = Values::new();
        values.insert("recipient", reader.name.clone());
        values.insert("count", items.len().to_string());
        values.insert("items", items.join("\n"));
        values.insert("link", self.mail.link("/notifications"));
        let draft = Draft {
            event: Event::Digest,
            member: None,
            ticket: None,
            to: &to,
            language,
            values,
        };
        let mail = self.make_mail(&mut Lookups::default(), draft).await?;
        self.store.queue_mail(std::slice::from_ref(&mail)).await?;
        self.mail_wake.notify_one();
        Ok(true)
    }
}

/// One line of a digest: the ticket number and title, or what the
/// notification names.
fn digest_line(message: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(message).unwrap_or_default();
    let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
    let (ticket, title) = (field("ticket"), field("title"));
    if !ticket.is_empty() {
        return format!("- {ticket} {title}").trim_end().to_owned();
    }
    let named = [field("offering"), field("service"), field("text")];
    format!(
        "- {}",
        named
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default()
    )
}
