//! An incoming mail, as the parser (`samdrift-integrations::mail_parse`)
//! reads it, and the first decision on it: whether it is a delivery
//! report, an automatic message that must never become a ticket or be
//! answered, or a mail from a person.

/// An address with its display name, the address in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub address: String,
    pub name: Option<String>,
}

/// A file attached to a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundAttachment {
    pub filename: String,
    pub content_type: String,
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
    pub from: Option<Address>,
    pub reply_to: Option<Address>,
    /// Every address it was sent to (To, Cc, Delivered-To,
    /// X-Original-To), in lower case.
    pub recipients: Vec<String>,
    /// The subject, decoded.
    pub subject: String,
    /// Message-ID, without the angle brackets.
    pub message_id: Option<String>,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    pub auto_submitted: Option<String>,
    pub precedence: Option<String>,
    /// Whether a header only automatic replies carry is present
    /// (X-Autoreply, X-Autorespond, X-Auto-Reply, ...).
    pub auto_reply_header: bool,
    pub list_id: Option<String>,
    /// Return-Path is `<>`: a bounce or other report.
    pub null_sender: bool,
    /// Each Authentication-Results header, in order.
    pub authentication_results: Vec<String>,
    /// The readable text: the plain part, or the sanitised HTML as text.
    pub text: String,
    pub attachments: Vec<InboundAttachment>,
    /// The failed recipients of a delivery status notification
    /// (multipart/report; report-type=delivery-status).
    pub delivery_report: Option<Vec<FailedRecipient>>,
}
