//! Authentication: passwords (Argon2id, hashed off the async threads),
//! bearer tokens and browser sessions (stored as SHA-256 hashes), and the
//! `Scope` an account acts with. Signing in with a password, and its
//! limits, live in `login.rs`.

use crate::{App, AppError};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rand::RngCore;
use samdrift_domain::ids::{AccountId, MemberId, PersonId};
use samdrift_domain::role::{MemberRole, StaffRole};
use samdrift_domain::scope::Scope;
use samdrift_store::accounts::AccountRecord;
use sha2::{Digest, Sha256};

/// A signed-in browser session: the cookie value and its CSRF token, and
/// the members whose user agreement it must accept before anything else
/// (`user_agreements::gate`).
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub scope: Scope,
    pub pending_agreements: Vec<MemberId>,
}

/// A principal with the CSRF token its session requires (None for tokens),
/// and for a session the members whose user agreement it has still to
/// accept (always none for tokens, which are not gated).
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub scope: Scope,
    pub language: String,
    pub csrf_token: Option<String>,
    pub pending_agreements: Vec<MemberId>,
}

/// How exactly a token's last use is kept: it is written at most once a
/// minute, so a busy integration does not write on every request.
const TOKEN_USE_PRECISION_MICROS: i64 = 60 * 1_000_000;

/// 32 random bytes, hex.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Hashes a password with Argon2id on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        Argon2::default()
            .hash_password_with_salt(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|_| AppError::invalid("password", samdrift_domain::msg!("auth.cannot_hash")))
    })
    .await
    .map_err(|_| AppError::invalid("password", samdrift_domain::msg!("auth.cannot_hash")))?
}

pub(crate) async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// The fewest characters a password may have.
pub const PASSWORD_MIN_CHARS: usize = 12;

/// The lowest zxcvbn score (0-4) a new password may have: 3 is "safely
/// unguessable" (about 10^10 guesses), what an offline attack on a
/// stolen hash would need.
const PASSWORD_MIN_SCORE: u8 = 3;

/// Words everyone who attacks this service knows, besides the username.
const CONTEXT_WORDS: [&str; 3] = ["samdrift", "samverkan", "kommun"];

/// How much of a password the strength estimate reads: its cost grows
/// quickly with length, and a long password is not made weak by its tail.
const PASSWORD_ESTIMATE_CHARS: usize = 100;

/// Checks a new password: at least `PASSWORD_MIN_CHARS` characters, at
/// most `PASSWORD_MAX_BYTES` bytes, and not common or guessable by the
/// zxcvbn estimate (dictionaries of common passwords, words and names,
/// keyboard patterns, repeats, sequences and dates; `user_inputs` such as
/// the username, and the service's own name, count as known words). The
/// refusal says which.
pub fn check_password_rules(password: &str, user_inputs: &[&str]) -> Result<(), AppError> {
    let max = crate::login::PASSWORD_MAX_BYTES;
    let refuse = |message| Err(AppError::invalid("password", message));
    if password.chars().count() < PASSWORD_MIN_CHARS {
        return refuse(samdrift_domain::msg!(
            "auth.password_length",
            min = PASSWORD_MIN_CHARS as i64
        ));
    }
    if password.len() > max {
        return refuse(samdrift_domain::msg!(
            "auth.password_too_long",
            max = max as i64
        ));
    }
    let estimated: String = password.chars().take(PASSWORD_ESTIMATE_CHARS).collect();
    let known: Vec<&str> = user_inputs.iter().copied().chain(CONTEXT_WORDS).collect();
    let entropy = zxcvbn::zxcvbn(&estimated, &known);
    if u8::from(entropy.score()) >= PASSWORD_MIN_SCORE {
        return Ok(());
    }
    use zxcvbn::feedback::Warning;
    let common = matches!(
        entropy.feedback().and_then(|f| f.warning()),
        Some(
            Warning::ThisIsATop10Password
                | Warning::ThisIsATop100Password
                | Warning::ThisIsACommonPassword
                | Warning::ThisIsSimilarToACommonlyUsedPassword
        )
    );
    if common {
        refuse(samdrift_domain::msg!("auth.password_common"))
    } else {
        refuse(samdrift_domain::msg!("auth.password_guessable"))
    }
}

impl App {
    /// The scope an account acts with.
    pub async fn scope_of(&self, account: &AccountRecord) -> Result<Scope, AppError> {
        let roles = self.store.account_roles(AccountId(account.id)).await?;
        let member_roles = roles
            .into_iter()
            .filter_map(|r| {
                r.role
                    .parse::<MemberRole>()
                    .ok()
                    .map(|role| (MemberId(r.member_id), role))
            })
            .collect();
        Ok(Scope {
            account: AccountId(account.id),
            username: account.username.clone(),
            person: account.person_id.map(PersonId),
            staff: account
                .staff_role
                .as_deref()
                .and_then(|r| r.parse::<StaffRole>().ok()),
            member_roles,
        })
    }

    pub async fn logout(&self, session_token: &str) -> Result<(), AppError> {
        let key = sha256_hex(session_token.as_bytes());
        self.store.delete_session(&key).await?;
        self.auth_cache.forget(&format!("session:{key}"));
        Ok(())
    }

    /// The principal behind a session cookie, if the session is live,
    /// with the user agreements it has still to accept.
    pub async fn authenticate_session(&self, token: &str) -> Result<Authenticated, AppError> {
        let hash = sha256_hex(token.as_bytes());
        let now = self.now_micros();
        self.remembered(format!("session:{hash}"), now, async {
            let session = self
                .store
                .live_session(&hash, now)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let account = self
                .store
                .get_account(AccountId(session.account_id))
                .await?
                .filter(|a| !a.disabled)
                .ok_or(AppError::Unauthenticated)?;
            let scope = self.scope_of(&account).await?;
            let who = Authenticated {
                pending_agreements: self.pending_members(&scope).await?,
                scope,
                language: account.language,
                csrf_token: Some(session.csrf_token),
            };
            Ok((who, Some(session.expires_at)))
        })
        .await
    }

    /// The principal behind a bearer token that is neither revoked nor
    /// expired, of an account that is not disabled. Its last use is noted
    /// (to the minute).
    pub async fn authenticate_token(&self, token: &str) -> Result<Authenticated, AppError> {
        let hash = sha256_hex(token.as_bytes());
        let now = self.now_micros();
        self.remembered(format!("token:{hash}"), now, async {
            let touch_before = now - TOKEN_USE_PRECISION_MICROS;
            let owner = self
                .store
                .account_by_token(&hash, now, touch_before)
                .await?
                .filter(|o| !o.account.disabled)
                .ok_or(AppError::Unauthenticated)?;
            let who = Authenticated {
                scope: self.scope_of(&owner.account).await?,
                language: owner.account.language,
                csrf_token: None,
                pending_agreements: Vec::new(),
            };
            Ok((who, owner.expires_at))
        })
        .await
    }

    /// The principal remembered under `key`, or the one `load` finds (with
    /// the expiry of its session, if any), remembered for next time. The
    /// loading future does nothing unless the key is not remembered.
    async fn remembered(
        &self,
        key: String,
        now: i64,
        load: impl std::future::Future<Output = Result<(Authenticated, Option<i64>), AppError>>,
    ) -> Result<Authenticated, AppError> {
        if let Some(who) = self.auth_cache.get(&key, now) {
            return Ok(who);
        }
        let (who, expires_at) = load.await?;
        self.auth_cache.put(key, who.clone(), now, expires_at);
        Ok(who)
    }

    /// Forgets every recently checked credential: an account's roles or
    /// language changed.
    pub(crate) fn accounts_changed(&self) {
        self.auth_cache.clear();
    }

    /// Sets a new password for `username` (the command line) and ends
    /// every session of the account.
    pub async fn set_password(&self, username: &str, password: &str) -> Result<(), AppError> {
        check_password_rules(password, &[username])?;
        let account = self
            .store
            .account_by_username(username)
            .await?
            .ok_or(AppError::NotFound("account"))?;
        let hash = hash_password(password.to_owned()).await?;
        self.store
            .set_password_hash(AccountId(account.id), &hash)
            .await?;
        self.store
            .end_sessions_except(AccountId(account.id), None)
            .await?;
        self.accounts_changed();
        Ok(())
    }

    /// Remembers the language a user chose (`sv` or `en`).
    pub async fn set_language(&self, scope: &Scope, language: &str) -> Result<(), AppError> {
        if !matches!(language, "sv" | "en") {
            return Err(AppError::invalid(
                "language",
                samdrift_domain::msg!("person.language"),
            ));
        }
        self.store.set_language(scope.account, language).await?;
        self.accounts_changed();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check_password_rules;

    fn refusal(password: &str) -> Option<&'static str> {
        match check_password_rules(password, &["agent", "samdrift"]) {
            Ok(()) => None,
            Err(crate::AppError::Invalid(e)) => Some(e[0].message.code),
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn short_common_and_guessable_passwords_are_refused_with_the_reason() {
        assert_eq!(refusal("12345678"), Some("auth.password_length"));
        assert_eq!(refusal("password"), Some("auth.password_length"));
        assert_eq!(refusal("password-123"), Some("auth.password_common"));
        assert_eq!(refusal("qwertyuiopasdf"), Some("auth.password_common"));
        assert_eq!(refusal("passwordpassword"), Some("auth.password_guessable"));
        assert_eq!(refusal("agentagentagent1"), Some("auth.password_guessable"));
        assert_eq!(refusal("samdrift-demo"), Some("auth.password_guessable"));
        assert_eq!(refusal(&"x".repeat(1025)), Some("auth.password_too_long"));
    }

    #[test]
    fn long_unusual_passwords_are_accepted() {
        for ok in [
            "Kaffe-och-kanelbulle",
            "Ystad-Kaffe-Kvarn-41",
            "correcthorsebatterystaple",
            crate::demo::DEMO_PASSWORD,
        ] {
            assert_eq!(refusal(ok), None, "{ok}");
        }
    }
}
