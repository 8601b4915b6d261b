//! The files attached to a mail: every part `mail-parser` counts as an
//! attachment (not the text chosen as the body, not an HTML alternative
//! of it), nested multiparts flattened. An attached mail
//! (`message/rfc822`) is kept whole as an `.eml` file; Outlook's
//! `winmail.dat` (`application/ms-tnef`) is kept like any other file.

use super::body::transfer_decoded;
use mail_parser::{Message, MessagePart, MimeHeaders, PartType};
use samdrift_domain::mail::inbound::InboundAttachment;

/// The longest file name kept, in characters.
const MAX_NAME_CHARS: usize = 200;

pub(super) fn attachments(message: &Message<'_>, raw: &[u8]) -> Vec<InboundAttachment> {
    message
        .attachments()
        .enumerate()
        .map(|(index, part)| attachment(part, index + 1, raw))
        .collect()
}

/// One attachment, numbered from 1 for a name when it has none.
fn attachment(part: &MessagePart<'_>, number: usize, raw: &[u8]) -> InboundAttachment {
    let content_type = content_type(part);
    let named = part
        .attachment_name()
        .or_else(|| attached_mail_subject(part));
    let filename = named
        .and_then(clean_filename)
        .map(|name| with_eml_extension(name, &content_type))
        .unwrap_or_else(|| format!("attachment-{number}.{}", extension(&content_type)));
    InboundAttachment {
        filename,
        content_type,
        data: bytes(part, raw),
    }
}

/// `type/subtype` in lower case without parameters; what `mail-parser`
/// made of the part when it has no Content-Type.
fn content_type(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => match ct.subtype() {
            Some(subtype) => format!("{}/{}", ct.ctype(), subtype).to_lowercase(),
            None => ct.ctype().to_lowercase(),
        },
        None => match part.body {
            PartType::Text(_) => "text/plain".to_owned(),
            PartType::Html(_) => "text/html".to_owned(),
            PartType::Message(_) => "message/rfc822".to_owned(),
            _ => "application/octet-stream".to_owned(),
        },
    }
}

/// The bytes as sent: decoded binary as `mail-parser` gives it; text
/// parts and attached mails from the raw mail, with only the transfer
/// encoding undone (not turned into UTF-8).
fn bytes(part: &MessagePart<'_>, raw: &[u8]) -> Vec<u8> {
    match &part.body {
        PartType::Binary(data) | PartType::InlineBinary(data) => data.to_vec(),
        PartType::Text(_) | PartType::Html(_) | PartType::Message(_) => transfer_decoded(part, raw),
        PartType::Multipart(_) => Vec::new(),
    }
}

/// An attached mail without a file name is named after its subject.
fn attached_mail_subject<'a>(part: &'a MessagePart<'_>) -> Option<&'a str> {
    match &part.body {
        PartType::Message(mail) => mail.subject(),
        _ => None,
    }
}

/// The last path segment, without control characters, surrounding
/// spaces or leading dots, at most [`MAX_NAME_CHARS`]; none when nothing
/// is left.
fn clean_filename(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let printable: String = last.chars().filter(|c| !c.is_control()).collect();
    let trimmed = printable.trim().trim_start_matches('.').trim();
    let kept: String = trimmed.chars().take(MAX_NAME_CHARS).collect();
    (!kept.is_empty()).then_some(kept)
}

fn with_eml_extension(name: String, content_type: &str) -> String {
    let is_mail = content_type == "message/rfc822";
    if is_mail && !name.to_lowercase().ends_with(".eml") {
        format!("{name}.eml")
    } else {
        name
    }
}

/// A file name extension for a content type, for unnamed attachments.
fn extension(content_type: &str) -> &'static str {
    match content_type {
        "message/rfc822" | "message/global" => "eml",
        "application/pdf" => "pdf",
        "application/ms-tnef" | "application/vnd.ms-tnef" => "dat",
        "application/zip" => "zip",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "text/html" => "html",
        "text/calendar" => "ics",
        "text/csv" => "csv",
        t if t.starts_with("text/") || t.starts_with("message/") => "txt",
        _ => "bin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_only_its_last_segment_without_control_characters() {
        assert_eq!(
            clean_filename("C:\\Users\\asa\\Faktura 12.pdf").as_deref(),
            Some("Faktura 12.pdf")
        );
        assert_eq!(
            clean_filename("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_filename(" ..\u{0}dold.txt ").as_deref(),
            Some("dold.txt")
        );
        assert_eq!(clean_filename(" .. "), None);
        assert_eq!(
            clean_filename(&"å".repeat(300)).map(|n| n.chars().count()),
            Some(200)
        );
    }

    #[test]
    fn an_unnamed_attachment_gets_an_extension_from_its_type() {
        assert_eq!(extension("application/pdf"), "pdf");
        assert_eq!(extension("message/delivery-status"), "txt");
        assert_eq!(extension("application/x-unknown"), "bin");
    }
}
