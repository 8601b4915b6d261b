//! Attachments: size limited, content type checked against the bytes,
//! stored with a SHA-256 checksum, readable only within scope.

use super::events::{EventActor, EventLog};
use crate::auth::sha256_hex;
use crate::{App, AppError};
use samdrift_domain::ids::{AttachmentId, TicketId};
use samdrift_domain::scope::Scope;
use samdrift_store::tickets::{AttachmentMeta, AttachmentRecord, TicketChange, TicketWrite};

/// An uploaded file.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
    pub public: bool,
}

/// Content types accepted, with the leading bytes a file of that type has
/// (empty: any text without NUL bytes).
const ACCEPTED: &[(&str, &[u8])] = &[
    ("application/pdf", b"%PDF"),
    ("image/png", b"\x89PNG"),
    ("image/jpeg", b"\xFF\xD8\xFF"),
    ("image/gif", b"GIF8"),
    ("application/zip", b"PK\x03\x04"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK\x03\x04",
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        b"PK\x03\x04",
    ),
    ("text/plain", b""),
    ("text/csv", b""),
    ("message/rfc822", b""),
];

/// Checks the declared type against the accepted list and the bytes.
pub fn check_content(
    content_type: &str,
    data: &[u8],
) -> Result<&'static str, samdrift_domain::messages::Message> {
    let declared = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let Some((name, magic)) = ACCEPTED.iter().find(|(name, _)| *name == declared) else {
        return Err(samdrift_domain::msg!(
            "attachment.type_refused",
            content_type = declared
        ));
    };
    let matches = if magic.is_empty() {
        !data.contains(&0) && std::str::from_utf8(data).is_ok()
    } else {
        data.starts_with(magic)
    };
    if matches {
        Ok(name)
    } else {
        Err(samdrift_domain::msg!(
            "attachment.content_mismatch",
            content_type = declared
        ))
    }
}

/// Characters that reorder the text around them (U+202A-U+202E embeddings
/// and overrides, U+2066-U+2069 isolates, the marks U+200E, U+200F and
/// U+061C): in a file name they make `gpj.exe` read as `exe.jpg`.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A file name without directories, control characters or bidirectional
/// controls, as it is stored, listed and sent in Content-Disposition.
pub fn clean_filename(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect();
    let cleaned: String = cleaned.trim().chars().take(200).collect();
    (!cleaned.is_empty() && cleaned != "." && cleaned != "..").then_some(cleaned)
}

impl App {
    pub async fn add_attachment(
        &self,
        scope: &Scope,
        id: TicketId,
        file: NewAttachment,
    ) -> Result<AttachmentMeta, AppError> {
        let ticket = self.ticket(scope, id).await?;
        if !file.public && !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.internal_attachment"
            )));
        }
        if file.data.len() > self.settings.attachment_max_bytes {
            return Err(AppError::invalid(
                "file",
                samdrift_domain::msg!(
                    "attachment.too_large",
                    mb = self.settings.attachment_max_bytes / (1024 * 1024)
                ),
            ));
        }
        if file.data.is_empty() {
            return Err(AppError::invalid(
                "file",
                samdrift_domain::msg!("attachment.empty"),
            ));
        }
        let filename = clean_filename(&file.filename).ok_or_else(|| {
            AppError::invalid("filename", samdrift_domain::msg!("attachment.filename"))
        })?;
        let content_type = check_content(&file.content_type, &file.data)
            .map_err(|e| AppError::invalid("content_type", e))?;
        let status = ticket.status;
        if status.is_final() {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.ticket_final",
                status = samdrift_domain::messages::Arg::Word("status", status.as_str().into())
            )));
        }
        let at = self.now_micros();
        let meta = AttachmentMeta {
            member_id: ticket.member_id,
            id: AttachmentId(crate::ids::new_id(self.clock.as_ref())),
            ticket_id: ticket.id,
            filename,
            content_type: content_type.to_owned(),
            size: file.data.len() as i64,
            sha256: sha256_hex(&file.data),
            public: file.public,
            uploaded_by: Some(scope.account),
            at,
        };
        let mut log = EventLog::new(&ticket, EventActor::of(scope), at, self.clock.as_ref());
        log.push("attachment", None, Some(meta.filename.clone()), file.public);
        let mut touched = ticket.clone();
        touched.updated_at = at;
        let write = TicketWrite {
            change: TicketChange::Touch {
                ticket: touched,
                expected_version: None,
            },
            comments: vec![],
            attachments: vec![AttachmentRecord {
                meta: meta.clone(),
                data: file.data,
            }],
            events: log.events,
            clocks: vec![],
            text_changed: false,
        };
        self.store.write_ticket(write).await?;
        Ok(meta)
    }

    pub async fn attachment(
        &self,
        scope: &Scope,
        ticket: TicketId,
        id: AttachmentId,
    ) -> Result<AttachmentRecord, AppError> {
        let t = self.ticket(scope, ticket).await?;
        self.store
            .ticket_attachment(t.member_id, ticket, id, scope.sees_internal())
            .await?
            .ok_or(AppError::NotFound("attachment"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_type_must_match_the_bytes() {
        assert!(check_content("application/pdf", b"%PDF-1.7 ...").is_ok());
        assert!(check_content("application/pdf", b"MZ\x90\x00").is_err());
        assert!(check_content("text/plain; charset=utf-8", "hej då".as_bytes()).is_ok());
        assert!(check_content("text/plain", b"\x00\x01").is_err());
        assert!(check_content("application/x-msdownload", b"MZ").is_err());
    }

    #[test]
    fn file_names_lose_their_directories() {
        assert_eq!(
            clean_filename("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_filename("C:\\Users\\a\\skärmdump.png").as_deref(),
            Some("skärmdump.png")
        );
        assert_eq!(clean_filename(".."), None);
    }

    #[test]
    fn file_names_lose_bidirectional_controls() {
        assert_eq!(
            clean_filename("faktura\u{202E}gpj.exe").as_deref(),
            Some("fakturagpj.exe")
        );
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert_eq!(
                clean_filename(&format!("{c}rapport{c}.pdf{c}")).as_deref(),
                Some("rapport.pdf"),
                "U+{:04X}",
                c as u32
            );
        }
        assert_eq!(clean_filename("\u{202E}\u{2066}"), None, "nothing left");
        assert_eq!(
            clean_filename(" \u{200F} skärmdump.png ").as_deref(),
            Some("skärmdump.png")
        );
    }
}
