//! Keeping personnummer sensitive: sealed (XChaCha20-Poly1305) with a key
//! from the configuration, and matched through a keyed hash (HMAC-SHA256),
//! so the database never holds one in the clear. Two keys are derived from
//! the configured one, so the hash cannot be used to open a seal.

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, KeyInit as _, Mac};
use rand::RngCore;
use samdrift_domain::identity::personnummer::Personnummer;
use sha2::Sha256;

/// The key personnummer are sealed and hashed with. Its bytes never show
/// in `Debug` output.
#[derive(Clone)]
pub struct PersonnummerKey {
    seal: [u8; 32],
    hash: [u8; 32],
}

impl std::fmt::Debug for PersonnummerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonnummerKey(..)")
    }
}

/// Why a key file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the personnummer key must be 64 hexadecimal digits (32 bytes)")]
pub struct BadKey;

fn derive(master: &[u8], purpose: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256>>::new_from_slice(master).unwrap_or_else(|_| unreachable_mac());
    mac.update(purpose.as_bytes());
    mac.finalize().into_bytes().into()
}

/// HMAC takes a key of any length, so this is never reached.
fn unreachable_mac() -> Hmac<Sha256> {
    <Hmac<Sha256>>::new(&Default::default())
}

impl PersonnummerKey {
    /// The key from a key file's text: 64 hexadecimal digits, surrounding
    /// whitespace ignored.
    pub fn from_file_text(text: &str) -> Result<PersonnummerKey, BadKey> {
        let bytes = hex::decode(text.trim()).map_err(|_| BadKey)?;
        if bytes.len() != 32 {
            return Err(BadKey);
        }
        Ok(PersonnummerKey {
            seal: derive(&bytes, "samdrift personnummer seal v1"),
            hash: derive(&bytes, "samdrift personnummer match v1"),
        })
    }

    /// A new random key as a key file's text.
    pub fn generate_file_text() -> String {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        hex::encode(bytes)
    }

    /// The sealed number: a random nonce and the ciphertext, base64.
    pub fn seal(&self, p: &Personnummer) -> String {
        let cipher = XChaCha20Poly1305::new(&self.seal.into());
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(&XNonce::from(nonce), p.digits().as_bytes())
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend(sealed);
        STANDARD_NO_PAD.encode(out)
    }

    /// The twelve digits of a sealed number; none if it was sealed with
    /// another key or altered.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = STANDARD_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, body) = bytes.split_at(24);
        let cipher = XChaCha20Poly1305::new(&self.seal.into());
        let nonce: [u8; 24] = nonce.try_into().ok()?;
        let plain = cipher.decrypt(&XNonce::from(nonce), body).ok()?;
        String::from_utf8(plain).ok()
    }

    /// The keyed hash two deliveries' numbers are matched by (hex).
    pub fn hash(&self, p: &Personnummer) -> String {
        let mut mac =
            <Hmac<Sha256>>::new_from_slice(&self.hash).unwrap_or_else(|_| unreachable_mac());
        mac.update(p.digits().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn number() -> Personnummer {
        Personnummer::parse("19811218-9876", date(2026, 12, 2)).unwrap()
    }

    #[test]
    fn a_sealed_number_opens_only_with_its_key_and_holds_no_digits() {
        let key = PersonnummerKey::from_file_text(&PersonnummerKey::generate_file_text()).unwrap();
        let other =
            PersonnummerKey::from_file_text(&PersonnummerKey::generate_file_text()).unwrap();
        let sealed = key.seal(&number());
        assert!(!sealed.contains("9876"));
        assert_eq!(key.open(&sealed).as_deref(), Some("198112189876"));
        assert_eq!(other.open(&sealed), None);
        assert_ne!(key.seal(&number()), sealed, "each seal has its own nonce");
    }

    #[test]
    fn the_hash_is_the_same_for_the_same_number_and_key_only() {
        let text = PersonnummerKey::generate_file_text();
        let a = PersonnummerKey::from_file_text(&text).unwrap();
        let b = PersonnummerKey::from_file_text(&format!("  {text}\n")).unwrap();
        let other =
            PersonnummerKey::from_file_text(&PersonnummerKey::generate_file_text()).unwrap();
        assert_eq!(a.hash(&number()), b.hash(&number()));
        assert_ne!(a.hash(&number()), other.hash(&number()));
        assert_eq!(a.hash(&number()).len(), 64);
    }

    #[test]
    fn a_key_file_that_is_not_32_hex_bytes_is_refused() {
        for bad in ["", "abc", &"0".repeat(62), &"g".repeat(64)] {
            assert_eq!(PersonnummerKey::from_file_text(bad).unwrap_err(), BadKey);
        }
        assert!(
            format!(
                "{:?}",
                PersonnummerKey::from_file_text(&"1".repeat(64)).unwrap()
            ) == "PersonnummerKey(..)"
        );
    }
}
