//! How a reply finds its ticket, and why a forged one cannot.
//!
//! Every mail about a ticket carries the ticket's *token*: its number and
//! a MAC over the member and the ticket (HMAC-SHA-256 under a server
//! secret, the first 48 bits in hex), e.g. `yst-2026-000123.0a1b2c3d4e5f`.
//! The token is in the reply address (`servicedesk+TOKEN@ystad.se`) and in
//! the mail's Message-ID (`samdrift.RANDOM.TOKEN@ystad.se`), which a reply
//! names again in In-Reply-To and References. Knowing a ticket's number is
//! therefore not enough to write to it: the MAC must match the ticket and
//! the member whose mailbox received the reply, so a token of one member's
//! ticket sent to another member's mailbox reaches nothing.
//!
//! A ticket number in the subject (`[YST-2026-000123]`) is only a hint:
//! the application follows it only for the ticket's own requester.

use super::inbound::InboundMail;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use uuid::Uuid;

/// How many bytes of the MAC a token keeps (48 bits: guessing one takes
/// 2^47 mails on average).
const MAC_BYTES: usize = 6;

/// The longest local part an address may have (RFC 5321).
const LOCAL_PART_MAX: usize = 64;

/// A ticket's token, read back from a mail: the ticket number (upper
/// case, as stored) and the MAC it came with (not yet checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub number: String,
    pub mac: String,
}

fn mac_of(key: &[u8], member: Uuid, ticket: Uuid) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
    mac.update(b"samdrift ticket reply\n");
    mac.update(member.as_bytes());
    mac.update(ticket.as_bytes());
    Some(mac)
}

/// The token of ticket `ticket` (number `number`) of `member`.
pub fn ticket_token(key: &[u8], member: Uuid, ticket: Uuid, number: &str) -> String {
    let tag = mac_of(key, member, ticket)
        .map(|m| hex::encode(&m.finalize().into_bytes()[..MAC_BYTES]))
        .unwrap_or_default();
    format!("{}.{tag}", number.to_ascii_lowercase())
}

/// Whether `token` was made for ticket `ticket` of `member` (compared in
/// constant time).
pub fn verify(key: &[u8], member: Uuid, ticket: Uuid, token: &Token) -> bool {
    let (Ok(given), Some(mac)) = (hex::decode(&token.mac), mac_of(key, member, ticket)) else {
        return false;
    };
    given.len() == MAC_BYTES && mac.verify_truncated_left(&given).is_ok()
}

/// Reads a token (`yst-2026-000123.0a1b2c3d4e5f`), or None.
pub fn parse_token(text: &str) -> Option<Token> {
    let (number, mac) = text.rsplit_once('.')?;
    let number_ok = !number.is_empty()
        && number.len() <= 40
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    let mac_ok = mac.len() == MAC_BYTES * 2 && mac.chars().all(|c| c.is_ascii_hexdigit());
    (number_ok && mac_ok).then(|| Token {
        number: number.to_ascii_uppercase(),
        mac: mac.to_ascii_lowercase(),
    })
}

/// The reply address of `token` at the desk address `desk`
/// (`servicedesk@ystad.se` → `servicedesk+TOKEN@ystad.se`), or None when
/// it would be longer than an address may be.
pub fn reply_address(desk: &str, token: &str) -> Option<String> {
    let (local, domain) = desk.rsplit_once('@')?;
    let local = local.split('+').next().unwrap_or(local);
    let tagged = format!("{local}+{token}");
    (tagged.len() <= LOCAL_PART_MAX).then(|| format!("{tagged}@{domain}"))
}

/// The Message-ID of a mail we send (without angle brackets): unique by
/// `unique`, carrying the ticket's token when it is about one.
pub fn message_id(unique: Uuid, token: Option<&str>, domain: &str) -> String {
    match token {
        Some(t) => format!("samdrift.{}.{t}@{domain}", unique.simple()),
        None => format!("samdrift.{}@{domain}", unique.simple()),
    }
}

/// The tokens a mail carries: in a plus address it was sent to, and in
/// the Message-IDs it answers (In-Reply-To, then References, newest
/// first). Unchecked; the first that verifies wins.
pub fn tokens_in(mail: &InboundMail) -> Vec<Token> {
    let from_addresses = mail.recipients.iter().filter_map(|a| {
        let (local, _) = a.rsplit_once('@')?;
        let (_, tag) = local.split_once('+')?;
        parse_token(tag)
    });
    let answered = mail
        .in_reply_to
        .iter()
        .chain(mail.references.iter().rev())
        .filter_map(|id| {
            let (left, _) = id.rsplit_once('@')?;
            let rest = left.strip_prefix("samdrift.")?;
            let (_, token) = rest.split_once('.')?;
            parse_token(token)
        });
    let mut out: Vec<Token> = Vec::new();
    for t in from_addresses.chain(answered) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Ticket numbers named in a subject in brackets (`[YST-2026-000123]`),
/// in upper case.
pub fn subject_numbers(subject: &str) -> Vec<String> {
    subject
        .split('[')
        .skip(1)
        .filter_map(|part| part.split_once(']').map(|(inside, _)| inside.trim()))
        .filter(|inside| looks_like_number(inside))
        .map(str::to_ascii_uppercase)
        .collect()
}

/// `CODE-YYYY-NNNNNN`: a member code of letters, a year, a sequence.
fn looks_like_number(text: &str) -> bool {
    let mut parts = text.split('-');
    let (Some(code), Some(year), Some(seq), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    (2..=5).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphabetic())
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && !seq.is_empty()
        && seq.len() <= 9
        && seq.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"a server secret";

    fn ids() -> (Uuid, Uuid, Uuid) {
        (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3))
    }

    fn token_of(text: &str) -> Token {
        parse_token(text).unwrap_or(Token {
            number: String::new(),
            mac: String::new(),
        })
    }

    #[test]
    fn a_token_verifies_for_its_ticket_and_member_only() {
        let (member, ticket, other) = ids();
        let token = ticket_token(KEY, member, ticket, "YST-2026-000123");
        assert!(token.starts_with("yst-2026-000123."));
        assert_eq!(token.len(), "yst-2026-000123.".len() + 12);
        let t = token_of(&token);
        assert_eq!(t.number, "YST-2026-000123");
        assert!(verify(KEY, member, ticket, &t));
        assert!(!verify(KEY, other, ticket, &t), "another member's mailbox");
        assert!(!verify(KEY, member, other, &t), "another ticket");
        assert!(!verify(b"another key", member, ticket, &t));
    }

    #[test]
    fn a_forged_or_broken_mac_is_refused() {
        let (member, ticket, _) = ids();
        let token = ticket_token(KEY, member, ticket, "YST-2026-000123");
        let mut t = token_of(&token);
        let flipped = if t.mac.starts_with('0') { "1" } else { "0" };
        t.mac.replace_range(0..1, flipped);
        assert!(!verify(KEY, member, ticket, &t));
        for bad in [
            "yst-2026-000123",
            "yst-2026-000123.xyz",
            ".0a1b2c3d4e5f",
            "a b.0a1b2c3d4e5f",
        ] {
            assert_eq!(parse_token(bad), None, "{bad}");
        }
    }

    #[test]
    fn reply_addresses_carry_the_token_within_the_length_limit() {
        assert_eq!(
            reply_address("servicedesk@ystad.se", "yst-2026-000123.0a1b2c3d4e5f").as_deref(),
            Some("servicedesk+yst-2026-000123.0a1b2c3d4e5f@ystad.se")
        );
        assert_eq!(
            reply_address("servicedesk+old@ystad.se", "t.0a1b2c3d4e5f").as_deref(),
            Some("servicedesk+t.0a1b2c3d4e5f@ystad.se")
        );
        let long = format!("{}@ystad.se", "a".repeat(40));
        assert_eq!(reply_address(&long, "yst-2026-000123.0a1b2c3d4e5f"), None);
        assert_eq!(reply_address("no-at-sign", "t.0a1b2c3d4e5f"), None);
    }

    #[test]
    fn tokens_are_found_in_plus_addresses_and_answered_message_ids() {
        let (member, ticket, _) = ids();
        let token = ticket_token(KEY, member, ticket, "YST-2026-000123");
        let other = ticket_token(KEY, member, ticket, "YST-2026-000007");
        let mail = InboundMail {
            recipients: vec![
                "anna@ystad.se".into(),
                format!("servicedesk+{token}@ystad.se"),
            ],
            in_reply_to: vec![message_id(Uuid::from_u128(9), Some(&token), "ystad.se")],
            references: vec![
                message_id(Uuid::from_u128(8), Some(&other), "ystad.se"),
                "CAF=x@mail.gmail.com".into(),
            ],
            ..InboundMail::default()
        };
        let found = tokens_in(&mail);
        assert_eq!(found.len(), 2, "the same token twice counts once");
        assert_eq!(found[0].number, "YST-2026-000123");
        assert_eq!(found[1].number, "YST-2026-000007");
        assert!(tokens_in(&InboundMail::default()).is_empty());
    }

    #[test]
    fn message_ids_without_a_ticket_carry_no_token() {
        let id = message_id(Uuid::from_u128(5), None, "ystad.se");
        assert!(id.starts_with("samdrift.") && id.ends_with("@ystad.se"));
        let mail = InboundMail {
            in_reply_to: vec![id],
            ..InboundMail::default()
        };
        assert!(tokens_in(&mail).is_empty());
    }

    #[test]
    fn subject_numbers_are_read_from_brackets() {
        assert_eq!(
            subject_numbers("SV: [YST-2026-000123] Skrivaren på plan 2"),
            vec!["YST-2026-000123"]
        );
        assert_eq!(
            subject_numbers("Re: [sim-2025-42] och [x]"),
            vec!["SIM-2025-42"]
        );
        assert!(subject_numbers("YST-2026-000123 utan klamrar").is_empty());
        assert!(subject_numbers("[YST-26-000123]").is_empty());
        assert!(subject_numbers("[").is_empty());
    }
}
