//! The mail parser on a hand-written corpus of what a municipal service
//! desk receives (`tests/mail/*.eml`: people writing in Swedish from
//! Outlook and other programs, out-of-office replies, a newsletter, a
//! bounce, a reply to a ticket, a forged sender), each checked on what a
//! user would notice; then properties: no bytes make it panic, a broken
//! corpus mail still reads, and a generated mail reads back as written.

#![cfg(test)]

use proptest::prelude::*;
use std::cell::Cell;
use std::sync::Once;

use samdrift_domain::mail::inbound::{
    Disposition, FailedRecipient, Ignored, InboundMail, Ours, classify, dmarc_failed,
};
use samdrift_integrations::mail_parse::{CUT_MARKER, MAX_TEXT_CHARS, read};

const PRINTER: &[u8] = include_bytes!("mail/printer_quoted_printable.eml");
const BASE64_SUBJECT: &[u8] = include_bytes!("mail/subject_base64_utf8.eml");
const LATIN1: &[u8] = include_bytes!("mail/latin1_without_charset.eml");
const HTML_ONLY: &[u8] = include_bytes!("mail/html_only.eml");
const WITH_PDF: &[u8] = include_bytes!("mail/alternative_with_pdf.eml");
const WINMAIL: &[u8] = include_bytes!("mail/outlook_winmail_dat.eml");
const LONG_LINE: &[u8] = include_bytes!("mail/long_line.eml");
const OUT_OF_OFFICE: &[u8] = include_bytes!("mail/out_of_office.eml");
const NEWSLETTER: &[u8] = include_bytes!("mail/newsletter_bulk.eml");
const BOUNCE: &[u8] = include_bytes!("mail/postfix_bounce.eml");
const REPLY: &[u8] = include_bytes!("mail/reply_plus_address.eml");
const DMARC_FAIL: &[u8] = include_bytes!("mail/dmarc_fail.eml");

fn mail(raw: &[u8]) -> InboundMail {
    read(raw).expect("a corpus mail reads")
}

/// What the service desk at Ystad decides with.
fn decide(mail: &InboundMail) -> Disposition {
    let addresses = vec!["servicedesk@ystad.example".to_owned()];
    classify(
        mail,
        &Ours {
            addresses: &addresses,
            message_id_domain: "mail.samdrift.example",
        },
    )
}

#[test]
fn a_quoted_printable_mail_with_latin1_encoded_words_reads_in_swedish() {
    let m = mail(PRINTER);
    assert_eq!(m.subject, "Skrivaren på plan 2");
    let from = m.from.clone().expect("from");
    assert_eq!(from.address, "asa.oberg@ystad.example");
    assert_eq!(from.name.as_deref(), Some("Åsa Öberg"));
    assert_eq!(
        m.recipients,
        ["servicedesk@ystad.example", "jonas.lindqvist@ystad.example"]
    );
    assert_eq!(
        m.message_id.as_deref(),
        Some("6f1c2a9e-3b7d-4e0a-9c55-1d2e3f4a5b6c@mail.ystad.example")
    );
    assert!(m.text.starts_with("Hej!\n\nSkrivaren på plan 2 fungerar inte. Den står och blinkar orange och skriver inte ut något, även efter omstart."), "{}", m.text);
    assert!(m.text.contains("Vi har nämndmöte i eftermiddag."));
    assert!(m.text.ends_with("Socialförvaltningen, Ystads kommun"));
    assert!(!m.text.contains('\r'));
    assert!(m.attachments.is_empty() && m.delivery_report.is_none() && !m.null_sender);
    assert_eq!(decide(&m), Disposition::Accept);
}

#[test]
fn a_base64_encoded_utf8_subject_and_name_are_decoded() {
    let m = mail(BASE64_SUBJECT);
    assert_eq!(m.subject, "Lösenordet för Visma har gått ut");
    assert_eq!(m.from.and_then(|f| f.name).as_deref(), Some("Per Nyström"));
    assert!(m.text.contains("Mitt lösenord för Visma har gått ut"));
}

#[test]
fn an_8bit_latin1_mail_without_charset_reads_as_latin1() {
    let m = mail(LATIN1);
    assert_eq!(m.subject, "Telefonen i receptionen på Stadshuset");
    assert!(
        m.text
            .contains("Telefonen i receptionen på Stadshuset ringer inte när någon söker växeln."),
        "{}",
        m.text
    );
    assert!(m.text.ends_with("Kerstin Åhlgren"));
    assert!(!m.text.contains(char::REPLACEMENT_CHARACTER));
}

#[test]
fn an_html_only_mail_becomes_readable_text_without_its_script() {
    let m = mail(HTML_ONLY);
    assert_eq!(m.subject, "Skärmen flimrar");
    assert!(
        m.text.contains(
            "Skärmen på mitt skrivbord i rum 214 flimrar hela tiden, särskilt när jag öppnar Excel."
        ),
        "{}",
        m.text
    );
    assert!(
        m.text.contains(
            "Jag har provat att byta kabel.\n\n- Dator: YST-PC-0412\n- Skärm: Dell P2419H"
        ),
        "{}",
        m.text
    );
    assert!(m.text.ends_with("Tack på förhand\nMikael Sjöberg"));
    for hidden in [
        "document",
        "cookie",
        "alert",
        "font-family",
        "Felanmälan",
        "<",
    ] {
        assert!(!m.text.contains(hidden), "{hidden} in {}", m.text);
    }
}

#[test]
fn the_plain_alternative_is_the_text_and_the_pdf_keeps_its_encoded_name() {
    let m = mail(WITH_PDF);
    assert_eq!(m.subject, "Faktura går inte att öppna");
    assert_eq!(
        m.text,
        "Hej!\n\nBifogad faktura går inte att öppna i Adobe Reader, den säger att filen är skadad.\n\nLena"
    );
    assert_eq!(m.attachments.len(), 1);
    let pdf = &m.attachments[0];
    assert_eq!(pdf.filename, "Faktura för januari.pdf");
    assert_eq!(pdf.content_type, "application/pdf");
    assert_eq!(pdf.data.len(), 142);
    assert!(pdf.data.starts_with(b"%PDF-1.4\n") && pdf.data.ends_with(b"%%EOF\n"));
}

#[test]
fn outlook_winmail_dat_is_an_attachment_and_the_text_still_reads() {
    let m = mail(WINMAIL);
    assert_eq!(m.subject, "VPN från hemmet");
    assert_eq!(
        m.from.as_ref().and_then(|f| f.name.as_deref()),
        Some("Göran Månsson")
    );
    assert!(m.text.contains("Jag kommer inte åt VPN hemifrån sedan i fredags. Klienten säger \"Anslutningen nekades\"."), "{}", m.text);
    assert_eq!(m.attachments.len(), 1);
    let tnef = &m.attachments[0];
    assert_eq!(
        (tnef.filename.as_str(), tnef.content_type.as_str()),
        ("winmail.dat", "application/ms-tnef")
    );
    assert_eq!(tnef.data.len(), 26);
    assert!(tnef.data.starts_with(&[0x78, 0x9f, 0x3e, 0x22]));
    // X-Auto-Response-Suppress is on ordinary Outlook mail too.
    assert!(!m.auto_reply_header);
    assert_eq!(decide(&m), Disposition::Accept);
}

#[test]
fn a_line_of_100_000_characters_is_kept_whole() {
    let m = mail(LONG_LINE);
    let lines: Vec<&str> = m.text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1].chars().count(), 100_000);
    assert!(lines[1].starts_with("Felloggen från kassasystemet: ERR_TIMEOUT"));
    assert_eq!(lines[2], "Mvh Ola");
}

#[test]
fn an_out_of_office_reply_is_ignored_by_its_headers() {
    let mut m = mail(OUT_OF_OFFICE);
    assert_eq!(m.subject, "Automatiskt svar: Ärende YST-2026-000117");
    assert_eq!(m.auto_submitted.as_deref(), Some("auto-replied"));
    assert!(m.auto_reply_header && m.null_sender);
    assert!(
        m.text
            .contains("Jag är på semester till och med 2 februari")
    );
    assert_eq!(decide(&m), Disposition::Ignore(Ignored::AutoSubmitted));
    // Without Auto-Submitted, Exchange's own headers still give it away.
    m.auto_submitted = None;
    assert_eq!(decide(&m), Disposition::Ignore(Ignored::AutoReplyHeader));
}

#[test]
fn a_bulk_newsletter_is_ignored() {
    let m = mail(NEWSLETTER);
    assert_eq!(
        m.from.as_ref().and_then(|f| f.name.as_deref()),
        Some("Kommunförbundet Skåne")
    );
    assert_eq!(m.precedence.as_deref(), Some("bulk"));
    assert_eq!(
        m.list_id.as_deref(),
        Some("Nyhetsbrev <nyhetsbrev.kommunforbundet.example>")
    );
    assert_eq!(decide(&m), Disposition::Ignore(Ignored::Bulk));
}

#[test]
fn a_postfix_bounce_names_the_failed_recipient_and_keeps_the_returned_mail() {
    let m = mail(BOUNCE);
    let failed = vec![FailedRecipient {
        address: "nobody@ystad.example".into(),
        status: "5.1.1".into(),
        diagnostic: Some(
            "550 5.1.1 <nobody@ystad.example>: Recipient address rejected: User unknown".into(),
        ),
    }];
    assert_eq!(m.delivery_report.as_ref(), Some(&failed));
    assert!(m.null_sender);
    assert!(
        m.text
            .starts_with("This is the mail system at host mx.ystad.example.")
    );
    assert_eq!(decide(&m), Disposition::Bounce(failed));
    let returned = m
        .attachments
        .iter()
        .find(|a| a.content_type == "message/rfc822")
        .expect("the returned mail");
    assert_eq!(
        returned.filename,
        "Ärende YST-2026-000130 är registrerat.eml"
    );
    assert!(
        returned
            .data
            .starts_with(b"Return-Path: <servicedesk@ystad.example>")
    );
    let returned = read(&returned.data).expect("the returned mail reads");
    assert_eq!(
        returned.message_id.as_deref(),
        Some("samdrift.9f8e7d6c5b4a@mail.samdrift.example")
    );
    assert_eq!(returned.text, "Ditt ärende YST-2026-000130 är registrerat.");
}

#[test]
fn a_reply_carries_its_thread_and_the_plus_address() {
    let m = mail(REPLY);
    assert_eq!(m.subject, "SV: Ärende YST-2026-000123: Skrivaren på plan 2");
    assert_eq!(
        m.in_reply_to,
        ["samdrift.0a1b2c3d4e5f.3@mail.samdrift.example"]
    );
    assert_eq!(
        m.references,
        [
            "6f1c2a9e-3b7d-4e0a-9c55-1d2e3f4a5b6c@mail.ystad.example",
            "samdrift.0a1b2c3d4e5f.1@mail.samdrift.example",
            "samdrift.0a1b2c3d4e5f.3@mail.samdrift.example",
        ]
    );
    assert_eq!(
        m.recipients,
        [
            "servicedesk+yst-2026-000123.0a1b2c3d4e5f@ystad.example",
            "servicedesk@ystad.example"
        ]
    );
    let reply_to = m.reply_to.clone().expect("reply-to");
    assert_eq!(
        (reply_to.address.as_str(), reply_to.name.as_deref()),
        ("socialkontoret@ystad.example", Some("Socialkontoret"))
    );
    assert!(
        m.text
            .starts_with("Tack, nu fungerar skrivaren igen!\n\n/Åsa\n\n> Tekniker")
    );
    assert_eq!(decide(&m), Disposition::Accept);
}

#[test]
fn a_forged_sender_fails_dmarc_by_our_own_servers_header() {
    let m = mail(DMARC_FAIL);
    assert_eq!(
        m.authentication_results,
        [
            "mx.ystad.example; dmarc=fail (p=reject) header.from=ystad.se",
            "relay.forged.example; dmarc=pass header.from=ystad.se",
        ]
    );
    assert!(dmarc_failed(
        &m.authentication_results,
        Some("mx.ystad.example")
    ));
    assert!(!dmarc_failed(
        &m.authentication_results,
        Some("relay.forged.example")
    ));
    assert_eq!(m.subject, "Brådskande: ändra bankgiro för leverantör");
}

/// A short mail from Åsa with these extra header lines and this text.
fn with_headers(extra: &str, text: &str) -> Vec<u8> {
    format!(
        "From: asa.oberg@ystad.example\r\nTo: servicedesk@ystad.example\r\nSubject: Hej\r\n\
         {extra}Content-Type: text/plain; charset=utf-8\r\n\r\n{text}"
    )
    .into_bytes()
}

#[test]
fn only_the_headers_of_automatic_replies_mark_one() {
    for (header, automatic) in [
        ("X-Autoreply: yes\r\n", true),
        ("X-Autorespond: Frånvaro\r\n", true),
        ("X-AUTO-REPLY: 1\r\n", true),
        ("X-Autoresponder: on\r\n", true),
        ("X-Autogenerated: Reply\r\n", true),
        ("X-Autogenerated: Forward\r\n", false),
        (
            "X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent\r\n",
            true,
        ),
        (
            "X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply\r\n",
            false,
        ),
        ("", false),
    ] {
        let m = mail(&with_headers(header, "Hej"));
        assert_eq!(m.auto_reply_header, automatic, "{header}");
    }
}

#[test]
fn a_text_of_more_than_a_million_characters_is_cut_with_a_marker() {
    let line = "Åäö ".repeat(25);
    let text = format!("{line}\r\n").repeat(12_000);
    let m = mail(&with_headers("", &text));
    assert!(m.text.ends_with(&format!("\n\n{CUT_MARKER}")));
    let kept = m
        .text
        .strip_suffix(CUT_MARKER)
        .unwrap_or_default()
        .trim_end();
    assert!(kept.chars().count() <= MAX_TEXT_CHARS);
    assert!(kept.chars().count() > MAX_TEXT_CHARS - 200);
    assert!(kept.starts_with("Åäö Åäö"));
}

#[test]
fn bytes_without_a_header_line_are_not_a_mail() {
    for junk in [
        &b""[..],
        b"\x00\x01\x02\x03\xff\xfe",
        b"hej hej utan kolon",
        b"Hejsan",
        b"\r\n\r\n",
    ] {
        assert!(read(junk).is_err(), "{junk:?}");
    }
}

#[test]
fn a_cut_off_mail_still_gives_its_headers_and_text() {
    let cut = &WITH_PDF[..WITH_PDF.len() - 120];
    let m = mail(cut);
    assert_eq!(m.subject, "Faktura går inte att öppna");
    assert!(m.text.contains("Bifogad faktura går inte att öppna"));
}

const CORPUS: [&[u8]; 12] = [
    PRINTER,
    BASE64_SUBJECT,
    LATIN1,
    HTML_ONLY,
    WITH_PDF,
    WINMAIL,
    LONG_LINE,
    OUT_OF_OFFICE,
    NEWSLETTER,
    BOUNCE,
    REPLY,
    DMARC_FAIL,
];

thread_local! {
    static PANICKED: Cell<bool> = const { Cell::new(false) };
}

/// Reads a mail and tells whether anything panicked on the way, even a
/// panic `read` caught itself (it must not need to).
fn read_watching_panics(raw: &[u8]) -> (Result<InboundMail, String>, bool) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICKED.with(|p| p.set(true));
            default(info);
        }));
    });
    PANICKED.with(|p| p.set(false));
    let read = read(raw);
    (read, PANICKED.with(Cell::get))
}

/// Heads that steer arbitrary bytes into the deeper parts of the parser.
const HEADS: [&str; 4] = [
    "",
    "From: a@ystad.example\r\nSubject: x\r\n\r\n",
    "From: a@ystad.example\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n",
];

/// A way to break a corpus mail.
#[derive(Debug, Clone)]
enum Damage {
    /// Bytes replaced at these places (as a fraction of the length).
    Flips(Vec<(f64, u8)>),
    /// The mail cut at this fraction of its length.
    Truncate(f64),
    /// A header line inserted at the start of the line at this fraction.
    Header(f64, String),
    /// One MIME boundary line taken out (picked by this fraction).
    NoBoundary(f64),
}

fn damage() -> impl Strategy<Value = Damage> {
    let header = ("[A-Za-z-]{1,20}", "[ -~åäöÅÄÖ=?:;<>\"]{0,60}")
        .prop_map(|(name, value)| format!("{name}: {value}\r\n"));
    prop_oneof![
        proptest::collection::vec((0.0..1.0f64, any::<u8>()), 1..20).prop_map(Damage::Flips),
        (0.0..1.0f64).prop_map(Damage::Truncate),
        (0.0..1.0f64, header).prop_map(|(at, line)| Damage::Header(at, line)),
        (0.0..1.0f64).prop_map(Damage::NoBoundary),
    ]
}

fn at(fraction: f64, len: usize) -> usize {
    ((fraction * len as f64) as usize).min(len)
}

fn damaged(mail: &[u8], damage: &Damage) -> Vec<u8> {
    let mut bytes = mail.to_vec();
    match damage {
        Damage::Flips(flips) => {
            for (place, byte) in flips {
                if let Some(b) = bytes.get_mut(at(*place, mail.len())) {
                    *b = *byte;
                }
            }
        }
        Damage::Truncate(place) => bytes.truncate(at(*place, mail.len())),
        Damage::Header(place, line) => {
            let start = bytes[..at(*place, mail.len())]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |n| n + 1);
            bytes.splice(start..start, line.bytes());
        }
        Damage::NoBoundary(pick) => {
            let lines: Vec<usize> = line_starts(&bytes)
                .filter(|&s| bytes[s..].starts_with(b"--"))
                .collect();
            if let Some(&start) = lines.get(at(*pick, lines.len().saturating_sub(1))) {
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| start + n + 1);
                bytes.drain(start..end);
            }
        }
    }
    bytes
}

fn line_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1),
    )
}

/// Q-encoded words of at most 75 characters, folded onto lines.
fn q_encoded(text: &str) -> String {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let mut utf8 = [0u8; 4];
        let encoded: String = match c {
            ' ' => "_".to_owned(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            c => c
                .encode_utf8(&mut utf8)
                .bytes()
                .map(|b| format!("={b:02X}"))
                .collect(),
        };
        if word.len() + encoded.len() > 60 {
            words.push(format!("=?utf-8?Q?{word}?="));
            word.clear();
        }
        word.push_str(&encoded);
    }
    words.push(format!("=?utf-8?Q?{word}?="));
    words.join("\r\n ")
}

/// Quoted-printable with soft line breaks at 76 characters.
fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push_str("\r\n");
        }
        let mut width = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let plain = (b.is_ascii_graphic() && b != b'=') || (b == b' ' && !last);
            let piece = if plain {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            };
            if width + piece.len() > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            width += piece.len();
            out.push_str(&piece);
        }
    }
    out
}

/// A mail with this subject and text, as a mail program would write it:
/// the text alone, or with an HTML alternative after it.
fn written(subject: &str, text: &str, with_html: bool) -> Vec<u8> {
    let head = format!(
        "From: =?utf-8?Q?=C3=85sa?= <asa@ystad.example>\r\nTo: servicedesk@ystad.example\r\n\
         Subject: {}\r\nMessage-ID: <gen@ystad.example>\r\nMIME-Version: 1.0\r\n",
        q_encoded(subject)
    );
    let plain = format!(
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}",
        quoted_printable(text)
    );
    let mail = if with_html {
        format!(
            "{head}Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n\r\n--=_alt\r\n{plain}\r\n\
             --=_alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>annat</p>\r\n--=_alt--\r\n"
        )
    } else {
        format!("{head}{plain}")
    };
    mail.into_bytes()
}

fn swedish_line() -> impl Strategy<Value = String> {
    "[A-Za-zåäöÅÄÖé0-9 ,.!?:;()=_-]{0,90}"
}

fn long_line() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        ("[a-zåäö ]{1,8}", 1_000usize..12_000)
            .prop_map(|(piece, n)| piece.repeat(n / piece.len().max(1) + 1)),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any bytes, alone or after a head that leads into MIME parts,
    /// give a mail or a reason, never a panic.
    #[test]
    fn any_bytes_read_or_are_refused(head in 0..HEADS.len(), bytes in proptest::collection::vec(any::<u8>(), 0..65_536)) {
        let mut raw = HEADS[head].as_bytes().to_vec();
        raw.extend_from_slice(&bytes);
        let (_, panicked) = read_watching_panics(&raw);
        prop_assert!(!panicked);
    }

    /// A corpus mail with flipped bytes, cut short, with a stray header
    /// or a missing boundary still reads without a panic, and when it
    /// still has a header it still is a mail.
    #[test]
    fn a_damaged_corpus_mail_still_reads(which in 0..CORPUS.len(), damage in damage()) {
        let raw = damaged(CORPUS[which], &damage);
        let (read, panicked) = read_watching_panics(&raw);
        prop_assert!(!panicked);
        if let Damage::Header(..) | Damage::NoBoundary(_) = damage {
            prop_assert!(read.is_ok());
        }
    }

    /// A mail written with an encoded subject and a quoted-printable
    /// text reads back as written, line ends and trailing whitespace aside.
    #[test]
    fn a_written_mail_reads_back(
        subject in "[A-Za-zåäöÅÄÖ0-9 ,.!?:-]{0,70}",
        lines in proptest::collection::vec(swedish_line(), 0..30),
        long in long_line(),
        with_html in any::<bool>(),
    ) {
        let mut lines = lines;
        if let Some(long) = long {
            let middle = lines.len() / 2;
            lines.insert(middle, long);
        }
        let text = lines.join("\n");
        let mail = read(&written(&subject, &text, with_html)).map_err(TestCaseError::fail)?;
        prop_assert_eq!(mail.subject, subject.trim());
        // A blank plain part gives way to the HTML alternative.
        let expected = if with_html && text.trim().is_empty() { "annat" } else { text.trim_end() };
        prop_assert_eq!(mail.text, expected);
    }
}
