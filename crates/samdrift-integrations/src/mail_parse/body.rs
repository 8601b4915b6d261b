//! The readable text of a mail and its subject.
//!
//! The text is every inline text part `mail-parser` counts as the body,
//! in order, joined by a blank line: usually one text/plain part; the
//! HTML instead when the mail has no plain text or only a blank one
//! (made readable by [`super::html`]); several parts when a mail program split the text
//! around an inline picture. Line ends become `\n`, trailing whitespace
//! goes, and the text is cut at [`MAX_TEXT_CHARS`] characters with
//! [`CUT_MARKER`] as its last line, so that one enormous mail cannot fill
//! a ticket or the database.

use super::html;
use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, HeaderName, Message, MessagePart, MimeHeaders, PartType};
use std::borrow::Cow;

/// The most characters of text kept from one mail.
pub const MAX_TEXT_CHARS: usize = 1_000_000;

/// The last line of a text that was cut at [`MAX_TEXT_CHARS`].
pub const CUT_MARKER: &str = "[Texten är avkortad: bara de första 1 000 000 tecknen är sparade.]";

/// The mail's readable text, normalised and capped.
pub(super) fn text(message: &Message<'_>, raw: &[u8]) -> String {
    let mut pieces = readable_parts(message, &message.text_body, raw);
    if pieces.is_empty() {
        pieces = readable_parts(message, &message.html_body, raw);
    }
    normalise(&pieces.join("\n\n"))
}

/// The text of each text or HTML part among `ids`, skipping the empty.
fn readable_parts(message: &Message<'_>, ids: &[u32], raw: &[u8]) -> Vec<String> {
    ids.iter()
        .filter_map(|&id| message.part(id))
        .filter_map(|part| match &part.body {
            PartType::Text(_) => Some(part_text(part, raw).into_owned()),
            PartType::Html(_) => Some(html::to_text(&part_text(part, raw))),
            _ => None,
        })
        .filter(|text| !text.trim().is_empty())
        .collect()
}

/// A text part's content, read again as windows-1252 when it held bytes
/// that are not UTF-8 and named no charset `mail-parser` knows.
pub(super) fn part_text<'a>(part: &'a MessagePart<'_>, raw: &[u8]) -> Cow<'a, str> {
    let text = match &part.body {
        PartType::Text(text) | PartType::Html(text) => text.as_ref(),
        _ => return Cow::Borrowed(""),
    };
    if !text.contains(char::REPLACEMENT_CHARACTER) || has_known_charset(part) {
        return Cow::Borrowed(text);
    }
    match String::from_utf8(transfer_decoded(part, raw)) {
        // The replacement characters were in the mail itself.
        Ok(_) => Cow::Borrowed(text),
        Err(not_utf8) => Cow::Owned(windows_1252(not_utf8.as_bytes())),
    }
}

fn has_known_charset(part: &MessagePart<'_>) -> bool {
    part.content_type()
        .and_then(|ct| ct.attribute("charset"))
        .is_some_and(|charset| charset_decoder(charset.as_bytes()).is_some())
}

/// A part's body as sent, with only its transfer encoding undone; the raw
/// bytes when that encoding is broken.
pub(super) fn transfer_decoded(part: &MessagePart<'_>, raw: &[u8]) -> Vec<u8> {
    let start = part.offset_body as usize;
    let end = part.offset_end as usize;
    let sent = raw.get(start..end).unwrap_or_default();
    let decoded = match part.encoding {
        Encoding::Base64 => base64_decode(sent),
        Encoding::QuotedPrintable => quoted_printable_decode(sent),
        Encoding::None => None,
    };
    decoded.unwrap_or_else(|| sent.to_vec())
}

/// Windows-1252, a superset of ISO-8859-1 in every printable character:
/// what an 8-bit mail without a charset from a Swedish sender is.
pub(super) fn windows_1252(bytes: &[u8]) -> String {
    match charset_decoder(b"windows-1252") {
        Some(decode) => decode(bytes),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// `\n` line ends, no trailing whitespace, at most [`MAX_TEXT_CHARS`].
fn normalise(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        None => text.trim_end().to_owned(),
        Some((cut, _)) => format!("{}\n\n{CUT_MARKER}", text[..cut].trim_end()),
    }
}

/// The subject, decoded and trimmed; a subject written in 8-bit without
/// encoded words is read as windows-1252 when it is not UTF-8.
pub(super) fn subject(message: &Message<'_>, raw: &[u8]) -> String {
    let subject = message.subject().unwrap_or_default();
    if !subject.contains(char::REPLACEMENT_CHARACTER) {
        return subject.trim().to_owned();
    }
    let Some(header) = message
        .headers()
        .iter()
        .find(|h| h.name == HeaderName::Subject)
    else {
        return subject.trim().to_owned();
    };
    let sent = raw
        .get(header.offset_start as usize..header.offset_end as usize)
        .unwrap_or_default();
    match std::str::from_utf8(sent) {
        Ok(_) => subject.trim().to_owned(),
        Err(_) => unfold(&windows_1252(sent)),
    }
}

/// A header value on one line: folds and runs of whitespace become one
/// space.
fn unfold(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_over_the_limit_is_cut_on_a_character_with_the_marker_last() {
        let long = "å".repeat(MAX_TEXT_CHARS + 10);
        let cut = normalise(&long);
        assert!(cut.ends_with(CUT_MARKER));
        assert_eq!(cut.chars().filter(|&c| c == 'å').count(), MAX_TEXT_CHARS);
    }

    #[test]
    fn line_ends_become_newlines_and_trailing_space_goes() {
        assert_eq!(normalise("Hej\r\nsvar\rnu \r\n\r\n  "), "Hej\nsvar\nnu");
    }
}
