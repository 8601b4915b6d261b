//! E-mail: notifications and ticket conversations go out through an
//! outbox in the database (`queue`, `outbox`), incoming mail becomes
//! tickets and comments (`inbound`), users choose what they hear by mail
//! (`preferences`), members write their own texts (`templates`), and
//! digests gather a day's notifications (`digest`).
//!
//! The protocol clients (`samdrift-integrations`: SMTP by lettre, IMAP by
//! async-imap, parsing by mail-parser) plug in through `MailSender` and
//! by handing raw mail to `App::receive_mail`.

pub mod contacts;
pub mod digest;
pub mod inbound;
pub mod outbox;
pub mod preferences;
pub mod queue;
pub mod templates;

use crate::sso::BoxFuture;
use std::collections::HashMap;
use std::sync::Arc;

pub use samdrift_store::mail::outbox::OutboxRecord;

/// Why a mail could not be handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// The server refused it for good (5xx): trying again will not help.
    pub permanent: bool,
    /// The server's answer, or why it could not be reached.
    pub answer: String,
}

/// The mail server client.
pub trait MailSender: Send + Sync {
    /// Hands one mail to the server; the server's answer on success.
    fn send<'a>(&'a self, mail: &'a OutboxRecord) -> BoxFuture<'a, Result<String, SendFailure>>;
}

/// How samdrift mails: where links lead, who sends, and through what.
#[derive(Clone, Default)]
pub struct MailSettings {
    /// The server's address as users reach it (links in mail).
    pub public_url: String,
    /// The sender of mail not about one member's matters.
    pub from: String,
    /// Each member's desk address (by member code): the sender of its
    /// mail, and where replies come back.
    pub desks: HashMap<String, String>,
    /// The client that hands mail to the server; without one nothing is
    /// queued.
    pub sender: Option<Arc<dyn MailSender>>,
    /// The authserv-id of our own mail server's Authentication-Results
    /// (only its DMARC verdict counts); None trusts the topmost header.
    pub trusted_authserv_id: Option<String>,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("public_url", &self.public_url)
            .field("from", &self.from)
            .field("desks", &self.desks)
            .field("sender", &self.sender.is_some())
            .finish()
    }
}

impl MailSettings {
    /// Whether mail is configured at all.
    pub fn enabled(&self) -> bool {
        self.sender.is_some()
    }

    /// The sender address for a member's mail (its desk, else the
    /// federation's).
    pub fn sender_for(&self, member_code: Option<&str>) -> &str {
        member_code
            .and_then(|c| self.desks.get(c))
            .map_or(self.from.as_str(), String::as_str)
    }

    /// A link to `path` on the server.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

/// The domain of an address (`ystad.se` of `servicedesk@ystad.se`).
pub(crate) fn domain_of(address: &str) -> &str {
    address
        .rsplit_once('@')
        .map_or("samdrift.invalid", |(_, d)| d)
}
