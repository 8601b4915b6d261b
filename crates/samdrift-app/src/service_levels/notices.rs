//! What an SLA notification says, kept as data: the timer writes the
//! figures (ticket number, clock, elapsed and target seconds) as JSON in
//! the notification's `message`, and reading turns them into a message
//! (`notification.sla_warning`, `notification.sla_breach`) that the reader
//! sees in their language. A row written before this (plain words) is
//! shown as written.

use samdrift_domain::messages::{Arg, Message};
use samdrift_domain::msg;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The figures of one SLA notification as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaNotice {
    pub ticket: String,
    /// `response` or `resolution`.
    pub clock: String,
    pub elapsed_seconds: i64,
    pub target_seconds: i64,
}

impl SlaNotice {
    /// The stored form (JSON).
    pub fn stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A notification for its reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: Uuid,
    /// `sla_warning` or `sla_breach`.
    pub kind: String,
    pub message: Message,
    pub ticket_id: Option<Uuid>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// The message of a stored notification of `kind`.
pub fn message(kind: &str, stored: &str) -> Message {
    if let Some(m) = crate::notify::ticket_message(kind, stored) {
        return m;
    }
    let Ok(notice) = serde_json::from_str::<SlaNotice>(stored) else {
        return msg!("notification.text", text = stored);
    };
    let m = match kind {
        "sla_breach" => Message::new("notification.sla_breach"),
        _ => Message::new("notification.sla_warning"),
    };
    m.with("ticket", notice.ticket)
        .with("clock", Arg::Word("notification.clock", notice.clock))
        .with("elapsed", notice.elapsed_seconds)
        .with("target", notice.target_seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_reads_back_as_its_message() {
        let notice = SlaNotice {
            ticket: "YST-2027-000003".into(),
            clock: "resolution".into(),
            elapsed_seconds: 3600,
            target_seconds: 1800,
        };
        let m = message("sla_breach", &notice.stored());
        assert_eq!(m.code, "notification.sla_breach");
        assert_eq!(m.arg("elapsed"), Some(&Arg::Int(3600)));
        assert_eq!(
            message("sla_warning", "old words"),
            msg!("notification.text", text = "old words")
        );
    }
}
