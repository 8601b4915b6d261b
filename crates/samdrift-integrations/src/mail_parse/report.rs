//! The failed recipients of a delivery status notification (RFC 3464):
//! a `multipart/report; report-type=delivery-status` whose
//! `message/delivery-status` part holds one block of fields per
//! recipient. `mail-parser` gives that part as bytes; the fields are read
//! here. Only `Action: failed` counts: delayed, delivered, relayed and
//! expanded recipients were not lost.

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};
use samdrift_domain::mail::inbound::FailedRecipient;

/// The failed recipients when the mail is a delivery report (an empty
/// list when none failed), none when it is not one.
pub(super) fn failed_recipients(message: &Message<'_>) -> Option<Vec<FailedRecipient>> {
    if !is_delivery_report(message.root_part()) {
        return None;
    }
    let failed = message
        .parts
        .iter()
        .filter(|part| is_status_part(part))
        .flat_map(|part| recipients_of(&status_text(part)))
        .collect();
    Some(failed)
}

fn is_delivery_report(root: &MessagePart<'_>) -> bool {
    root.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct
                .attribute("report-type")
                .is_some_and(|t| t.eq_ignore_ascii_case("delivery-status"))
    })
}

fn is_status_part(part: &MessagePart<'_>) -> bool {
    part.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("message")
            && ct.subtype().is_some_and(|s| {
                s.eq_ignore_ascii_case("delivery-status")
                    || s.eq_ignore_ascii_case("global-delivery-status")
            })
    })
}

fn status_text(part: &MessagePart<'_>) -> String {
    match &part.body {
        PartType::Text(text) | PartType::Html(text) => text.to_string(),
        PartType::Binary(bytes) | PartType::InlineBinary(bytes) => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        _ => String::new(),
    }
}

/// The failed recipients of a delivery-status body: blocks of fields
/// separated by blank lines, the first about the message, the others
/// one per recipient.
fn recipients_of(status: &str) -> Vec<FailedRecipient> {
    let status = status.replace("\r\n", "\n");
    status
        .split("\n\n")
        .filter_map(|block| failed(&fields(block)))
        .collect()
}

/// A block's fields, names in lower case, folded lines joined.
fn fields(block: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    fields
}

fn failed(fields: &[(String, String)]) -> Option<FailedRecipient> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let action = field("action")?;
    if !action.to_ascii_lowercase().starts_with("failed") {
        return None;
    }
    let recipient = field("final-recipient").or_else(|| field("original-recipient"))?;
    let address = after_type(recipient)
        .trim_matches(['<', '>'])
        .to_lowercase();
    let status = field("status")
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_default();
    let diagnostic = field("diagnostic-code")
        .map(after_type)
        .filter(|d| !d.is_empty());
    Some(FailedRecipient {
        address,
        status: status.to_owned(),
        diagnostic: diagnostic.map(str::to_owned),
    })
}

/// A typed value (`rfc822; a@b`, `smtp; 550 ...`) without its type.
fn after_type(value: &str) -> &str {
    value.split_once(';').map_or(value, |(_, rest)| rest).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_failed_recipients_are_read_with_folded_diagnostics() {
        let status = "Reporting-MTA: dns; mx.ystad.example\r\n\r\n\
            Final-Recipient: rfc822; Nobody@Ystad.example\r\n\
            Action: failed\r\n\
            Status: 5.1.1\r\n\
            Diagnostic-Code: smtp; 550 5.1.1 <nobody@ystad.example>:\r\n    User unknown\r\n\r\n\
            Final-Recipient: rfc822; sen@ystad.example\r\n\
            Action: delayed\r\n\
            Status: 4.4.1\r\n";
        assert_eq!(
            recipients_of(status),
            vec![FailedRecipient {
                address: "nobody@ystad.example".into(),
                status: "5.1.1".into(),
                diagnostic: Some("550 5.1.1 <nobody@ystad.example>: User unknown".into()),
            }]
        );
    }

    #[test]
    fn a_recipient_without_a_diagnostic_is_still_failed() {
        let status = "Original-Recipient: rfc822;<borta@ystad.example>\nAction: Failed\nStatus: 5.2.1 (mailbox disabled)\n";
        let failed = recipients_of(status);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].address, "borta@ystad.example");
        assert_eq!(failed[0].status, "5.2.1");
        assert_eq!(failed[0].diagnostic, None);
    }
}
