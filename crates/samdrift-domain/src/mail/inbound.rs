//! An incoming mail, as the parser (`samdrift-integrations::mail_parse`)
//! reads it, and the first decision on it: whether it is a delivery
//! report, an automatic message that must never become a ticket or be
//! answered, or a mail from a person.

/// An address with its display name, the address in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub address: String,
    /// The display name, decoded (`Åsa Öberg`).
    pub name: Option<String>,
}

/// A file attached to a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundAttachment {
    /// A file name safe to show and store: no path, no control characters.
    pub filename: String,
    /// `type/subtype` in lower case, without parameters.
    pub content_type: String,
    /// The bytes as sent, the transfer encoding undone.
    pub data: Vec<u8>,
}

/// A recipient a delivery report says could not be reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedRecipient {
    /// The address, in lower case.
    pub address: String,
    /// The status code (`5.1.1`).
    pub status: String,
    /// The remote server's answer, when the report gives it.
    pub diagnostic: Option<String>,
}

/// A mail as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboundMail {
    /// The first address of From.
    pub from: Option<Address>,
    /// The first address of Reply-To, where answers go when it is given.
    pub reply_to: Option<Address>,
    /// Every address it was sent to (To, Cc, Delivered-To,
    /// X-Original-To), in lower case.
    pub recipients: Vec<String>,
    /// The subject, decoded.
    pub subject: String,
    /// Message-ID, without the angle brackets.
    pub message_id: Option<String>,
    /// The ids this mail answers, without angle brackets.
    pub in_reply_to: Vec<String>,
    /// The ids of the thread so far, oldest first, without angle brackets.
    pub references: Vec<String>,
    /// Auto-Submitted (RFC 3834), in lower case: `auto-replied`, `no`, ...
    pub auto_submitted: Option<String>,
    /// Precedence, in lower case: `bulk`, `junk`, `list`, ...
    pub precedence: Option<String>,
    /// Whether a header only automatic replies carry is present
    /// (X-Autoreply, X-Autorespond, X-Auto-Reply, ...).
    pub auto_reply_header: bool,
    /// List-Id as written: a mailing list sent it.
    pub list_id: Option<String>,
    /// Return-Path is `<>`: a bounce or other report.
    pub null_sender: bool,
    /// Each Authentication-Results header, in order.
    pub authentication_results: Vec<String>,
    /// The readable text: the plain part, or the sanitised HTML as text.
    pub text: String,
    /// Every attached file, attached mails as `.eml` files.
    pub attachments: Vec<InboundAttachment>,
    /// The failed recipients of a delivery status notification
    /// (multipart/report; report-type=delivery-status).
    pub delivery_report: Option<Vec<FailedRecipient>>,
}

/// Why an automatic or looping mail is ignored: it must neither become a
/// ticket nor be answered, or two robots would write to each other for
/// ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    /// Auto-Submitted says a program sent it (RFC 3834).
    AutoSubmitted,
    /// Precedence is bulk, junk or list.
    Bulk,
    /// A header only automatic replies carry (out-of-office, Exchange rules).
    AutoReplyHeader,
    /// A mailing list sent it (List-Id).
    MailingList,
    /// Return-Path is `<>`: a report that is not a delivery report.
    NullSender,
    /// One of the mails we sent, come back to us.
    OwnMessage,
    /// From is one of our own mailboxes.
    FromOurselves,
    /// There is no From to answer or to open a ticket for.
    NoSender,
}

impl Ignored {
    /// The reason as stored beside the ignored mail.
    pub fn as_str(self) -> &'static str {
        match self {
            Ignored::AutoSubmitted => "auto_submitted",
            Ignored::Bulk => "bulk",
            Ignored::AutoReplyHeader => "auto_reply_header",
            Ignored::MailingList => "mailing_list",
            Ignored::NullSender => "null_sender",
            Ignored::OwnMessage => "own_message",
            Ignored::FromOurselves => "from_ourselves",
            Ignored::NoSender => "no_sender",
        }
    }
}

/// What to do with a mail before threading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disposition {
    /// A delivery report: these recipients could not be reached.
    Bounce(Vec<FailedRecipient>),
    /// Automatic or looping mail: keep it aside, never answer it.
    Ignore(Ignored),
    /// A mail from a person: thread it onto a ticket or open one.
    Accept,
}

/// What marks a mail as ours.
#[derive(Debug, Clone, Copy)]
pub struct Ours<'a> {
    /// Our mailboxes' addresses, in lower case.
    pub addresses: &'a [String],
    /// The domain every Message-ID we send ends with (after the `@`);
    /// the part before the `@` begins with `samdrift.`.
    pub message_id_domain: &'a str,
}

/// Decides what becomes of a mail, by the first rule that applies, in
/// this order: a delivery report is a bounce (even from a null sender);
/// no From, From one of our addresses, and one of our own Message-IDs are
/// ignored as loops; then Auto-Submitted (anything but `no`), Precedence
/// bulk, junk or list, an auto-reply header, List-Id and a null sender are
/// ignored as automatic mail. Everything else is accepted.
pub fn classify(mail: &InboundMail, ours: &Ours<'_>) -> Disposition {
    if let Some(failed) = &mail.delivery_report {
        return Disposition::Bounce(failed.clone());
    }
    match loop_reason(mail, ours).or_else(|| automatic_reason(mail)) {
        Some(reason) => Disposition::Ignore(reason),
        None => Disposition::Accept,
    }
}

/// A mail without a sender, or one that is ours come back.
fn loop_reason(mail: &InboundMail, ours: &Ours<'_>) -> Option<Ignored> {
    let Some(from) = &mail.from else {
        return Some(Ignored::NoSender);
    };
    if ours
        .addresses
        .iter()
        .any(|a| a.eq_ignore_ascii_case(&from.address))
    {
        return Some(Ignored::FromOurselves);
    }
    let own = mail
        .message_id
        .as_deref()
        .is_some_and(|id| is_our_message_id(id, ours.message_id_domain));
    own.then_some(Ignored::OwnMessage)
}

/// `samdrift.…@{domain}`, the shape of every Message-ID we send.
fn is_our_message_id(id: &str, domain: &str) -> bool {
    let Some((local, host)) = id.rsplit_once('@') else {
        return false;
    };
    !domain.is_empty() && host.eq_ignore_ascii_case(domain) && local.starts_with("samdrift.")
}

/// A mail a program sent, by the headers that say so.
fn automatic_reason(mail: &InboundMail) -> Option<Ignored> {
    if mail.auto_submitted.as_deref().is_some_and(|v| !is_no(v)) {
        Some(Ignored::AutoSubmitted)
    } else if matches!(mail.precedence.as_deref(), Some("bulk" | "junk" | "list")) {
        Some(Ignored::Bulk)
    } else if mail.auto_reply_header {
        Some(Ignored::AutoReplyHeader)
    } else if mail.list_id.is_some() {
        Some(Ignored::MailingList)
    } else if mail.null_sender {
        Some(Ignored::NullSender)
    } else {
        None
    }
}

/// `no`, the one Auto-Submitted value a person's mail carries (a comment
/// after `;` or in parentheses aside).
fn is_no(auto_submitted: &str) -> bool {
    let value = auto_submitted.split([';', '(']).next().unwrap_or_default();
    value.trim().eq_ignore_ascii_case("no")
}

/// Whether DMARC failed, by the Authentication-Results header our own
/// server added: the first one whose authserv-id (the token before the
/// first `;`) is `trusted_authserv_id`, or simply the first one when none
/// is given. Headers further down were written by servers on the way,
/// which anyone can forge, so only that one counts. It failed when it
/// holds a `dmarc=fail` result (in any case).
pub fn dmarc_failed(authentication_results: &[String], trusted_authserv_id: Option<&str>) -> bool {
    authentication_results
        .iter()
        .find(|header| match trusted_authserv_id {
            Some(trusted) => authserv_id(header).eq_ignore_ascii_case(trusted),
            None => true,
        })
        .is_some_and(|header| dmarc_result(header).is_some_and(|r| r.eq_ignore_ascii_case("fail")))
}

/// The authserv-id: the first token of the header, before any `;`.
fn authserv_id(header: &str) -> &str {
    let head = header.split(';').next().unwrap_or_default();
    head.split_whitespace().next().unwrap_or_default()
}

/// The result word of the header's `dmarc=` method (`pass`, `fail`, ...).
fn dmarc_result(header: &str) -> Option<&str> {
    header.split(';').skip(1).find_map(|result| {
        let (method, value) = result.trim_start().split_once('=')?;
        method.trim().eq_ignore_ascii_case("dmarc").then(|| {
            let value = value.trim_start();
            let end = value
                .find(|c: char| c.is_whitespace() || c == '(' || c == ';')
                .unwrap_or(value.len());
            &value[..end]
        })
    })
}

#[cfg(test)]
mod tests;
