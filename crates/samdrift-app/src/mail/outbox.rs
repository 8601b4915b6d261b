//! Sending the outbox. Any node claims due mail for a lease, hands each
//! to the mail server, and records the server's answer: sent; refused for
//! good (5xx: the mail fails and the address is marked failing); or not
//! now (the mail waits, one minute after the first attempt, doubling up
//! to six hours, and fails after eight attempts). A node that dies while
//! sending leaves its claimed mail to be claimed again when the lease
//! runs out, so a mail is sent at most twice in that case only.

use crate::mail::{OutboxRecord, SendFailure};
use crate::{App, AppError};
use futures_util::stream::{self, StreamExt as _};
use samdrift_domain::scope::Scope;
use samdrift_store::mail::outbox::{FailingAddress, OutboxCounts};

/// How long a node holds claimed mail before another may take it.
const LEASE_SECONDS: i64 = 120;
/// Attempts before a mail fails for good.
const ATTEMPTS: i64 = 8;
/// Mails handed to the server at once.
const IN_FLIGHT: usize = 8;

/// When the next attempt is due after `attempts` failed, or None when it
/// is the last (seconds after the failure).
pub fn retry_after(attempts: i64) -> Option<i64> {
    (attempts < ATTEMPTS).then(|| (60_i64 << (attempts - 1).clamp(0, 16)).min(6 * 3600))
}

impl App {
    /// Sends up to `limit` due mails; how many were handed over.
    pub async fn send_due_mail(&self, limit: i64) -> Result<usize, AppError> {
        let Some(sender) = self.mail.sender.clone() else {
            return Ok(0);
        };
        let now = self.now_micros();
        let claimed = self
            .store
            .claim_mail(now, now + LEASE_SECONDS * 1_000_000, limit)
            .await?;
        let outcomes: Vec<(OutboxRecord, Result<String, SendFailure>)> = stream::iter(claimed)
            .map(|mail| {
                let sender = sender.clone();
                async move {
                    let outcome = sender.send(&mail).await;
                    (mail, outcome)
                }
            })
            .buffer_unordered(IN_FLIGHT)
            .collect()
            .await;
        let mut sent = 0;
        for (mail, outcome) in outcomes {
            sent += usize::from(self.record_attempt(&mail, outcome).await?);
        }
        Ok(sent)
    }

    async fn record_attempt(
        &self,
        mail: &OutboxRecord,
        outcome: Result<String, SendFailure>,
    ) -> Result<bool, AppError> {
        let at = self.now_micros();
        match outcome {
            Ok(answer) => {
                self.store.mail_sent(mail.id, at, &answer).await?;
                Ok(true)
            }
            Err(f) if f.permanent => {
                tracing::warn!(outbox = %mail.id, answer = %f.answer, "the mail server refused a mail");
                self.store
                    .mail_attempt_failed(mail.id, None, &f.answer)
                    .await?;
                self.store
                    .mark_address_failing(&mail.recipient, &f.answer, at)
                    .await?;
                Ok(false)
            }
            Err(f) => {
                let retry = retry_after(mail.attempts).map(|s| at + s * 1_000_000);
                self.store
                    .mail_attempt_failed(mail.id, retry, &f.answer)
                    .await?;
                Ok(false)
            }
        }
    }

    /// Waits until mail is queued or `most` passes (the sender loop).
    pub async fn mail_queued(&self, most: std::time::Duration) {
        let _ = tokio::time::timeout(most, self.mail_wake.notified()).await;
    }

    /// The outbox for the federation's administrators, newest first.
    pub async fn outbox(
        &self,
        scope: &Scope,
        state: Option<&str>,
    ) -> Result<(OutboxCounts, Vec<OutboxRecord>), AppError> {
        crate::registers::require_registrar(scope)?;
        let state = match state {
            Some(s @ ("queued" | "sending" | "sent" | "failed")) => Some(s),
            Some(_) => {
                return Err(AppError::invalid(
                    "state",
                    samdrift_domain::msg!("mail.outbox_state"),
                ));
            }
            None => None,
        };
        Ok((
            self.store.outbox_counts().await?,
            self.store.outbox(state, 200).await?,
        ))
    }

    /// Addresses mail could not be delivered to.
    pub async fn failing_addresses(&self, scope: &Scope) -> Result<Vec<FailingAddress>, AppError> {
        crate::registers::require_registrar(scope)?;
        Ok(self.store.failing_addresses(500).await?)
    }

    /// Forgets that an address failed, so mail goes to it again.
    pub async fn clear_failing_address(
        &self,
        scope: &Scope,
        address: &str,
    ) -> Result<(), AppError> {
        crate::registers::require_registrar(scope)?;
        if self
            .store
            .clear_failing_address(&address.to_lowercase())
            .await?
        {
            Ok(())
        } else {
            Err(AppError::NotFound("address"))
        }
    }
}

impl App {
    /// Incoming mail and what became of it, newest first, for the
    /// federation's administrators (a mail set aside is among it, with
    /// its reason).
    pub async fn inbound_mail(
        &self,
        scope: &Scope,
        state: Option<&str>,
    ) -> Result<Vec<samdrift_store::mail::inbound::InboundRecord>, AppError> {
        crate::registers::require_registrar(scope)?;
        Ok(self.store.inbound_mail(state, 200).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::retry_after;

    #[test]
    fn attempts_back_off_from_a_minute_to_six_hours_then_stop() {
        assert_eq!(retry_after(1), Some(60));
        assert_eq!(retry_after(2), Some(120));
        assert_eq!(retry_after(4), Some(480));
        assert_eq!(retry_after(7), Some(3840));
        assert_eq!(retry_after(8), None);
    }
}
