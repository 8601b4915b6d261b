//! Signing in with a password, and the limits that keep it from being
//! guessed or used against the server:
//!
//! - Input no account can have is refused before anything is stored or
//!   hashed: a username over `USERNAME_MAX_BYTES` or with control
//!   characters, a password over `PASSWORD_MAX_BYTES`.
//! - Each attempt reserves a slot in the database (`login_throttle`)
//!   before its password is checked, in one statement, so the limit holds
//!   however many attempts arrive at once and on however many nodes.
//! - Attempts are counted per username and client address: after
//!   `login_free_attempts` failures each further attempt from that address
//!   waits (1 s, doubling), and at most `login_attempts` are checked in 15
//!   minutes. Another address is not slowed, so an attacker cannot lock
//!   the owner out. A ceiling per username from all addresses together
//!   (`login_account_ceiling`, ten times higher) holds against guessing
//!   spread over many addresses. A success forgets its address's failures.
//! - The throttle stores a keyed hash (HMAC-SHA-256 under a server secret)
//!   of the normalised username, never the typed text; the sweep deletes
//!   rows whose window has passed.
//! - An unknown or disabled username costs the same Argon2 check as a
//!   known one, so the answer's time does not tell which usernames exist.

use crate::auth::{NewSession, hash_password, random_secret, sha256_hex, verify_password};
use crate::{App, AppError};
use hmac::{Hmac, KeyInit, Mac};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::AccountId;
use samdrift_store::accounts::{AccountRecord, SessionRecord, ThrottleRule};
use sha2::Sha256;
use std::net::IpAddr;

/// The window a login limit counts attempts in: 15 minutes.
pub const LOGIN_WINDOW_MICROS: i64 = 15 * 60 * 1_000_000;

/// The longest username a login accepts, in bytes (an e-mail address's
/// limit; account names are at most 64).
pub const USERNAME_MAX_BYTES: usize = 254;

/// The longest password accepted anywhere, in bytes.
pub const PASSWORD_MAX_BYTES: usize = 1024;

/// The wait after the first attempt past the free ones; it doubles.
const FIRST_WAIT_MICROS: i64 = 1_000_000;

/// A login's two throttle keys: the username from this client address,
/// and the username from anywhere.
struct ThrottleKeys {
    address: String,
    account: String,
}

/// How an account signed in, as its login log says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginMethod {
    /// Username and password.
    Password,
    /// Through an identity provider (OpenID Connect).
    SingleSignOn,
}

impl LoginMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            LoginMethod::Password => "password",
            LoginMethod::SingleSignOn => "sso",
        }
    }
}

/// The server secret the throttle's keys are made with.
const THROTTLE_SECRET: &str = "login_throttle";

/// An Argon2id hash (with the parameters of every password hash) of a
/// random password no one knows, made once per process: what a login for
/// an unknown or disabled account is checked against.
async fn dummy_hash() -> Result<&'static str, AppError> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| hash_password(random_secret()))
        .await
        .map(String::as_str)
}

/// Refuses what no account can have, before anything is stored or hashed.
fn check_login_input(username: &str, password: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    if username.len() > USERNAME_MAX_BYTES {
        errors.push(
            "username",
            samdrift_domain::msg!("auth.username_too_long", max = USERNAME_MAX_BYTES as i64),
        );
    } else if username.chars().any(char::is_control) {
        errors.push("username", samdrift_domain::msg!("auth.username_control"));
    }
    if password.len() > PASSWORD_MAX_BYTES {
        errors.push(
            "password",
            samdrift_domain::msg!("auth.password_too_long", max = PASSWORD_MAX_BYTES as i64),
        );
    }
    errors.into_result(()).map_err(AppError::Invalid)
}

/// The username as the throttle counts it: "Admin " and "admin" are one.
fn normalised(username: &str) -> String {
    username.trim().to_lowercase()
}

impl App {
    /// Signs in with username and password from the client at `client`
    /// (None when unknown). Wrong username and wrong password give the
    /// same answer. Failures are counted per username and client address,
    /// with growing waits, so no one can lock another's account from their
    /// own address; a much higher ceiling per username holds against
    /// guesses spread over many addresses.
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        client: Option<IpAddr>,
    ) -> Result<NewSession, AppError> {
        check_login_input(username, password)?;
        let now = self.now_micros();
        let keys = self.throttle_keys(username, client).await?;
        self.reserve_attempt(&keys, now).await?;
        let account = self.checked_account(username, password).await?;
        let Some(account) = account else {
            return Err(AppError::Unauthenticated);
        };
        self.store.clear_login_attempts(&keys.address).await?;
        self.store.release_login_attempt(&keys.account).await?;
        self.open_session(&account, now, LoginMethod::Password)
            .await
    }

    /// Reserves the attempt under both keys, the client's first: refused
    /// (before any password is checked) when either is used up.
    async fn reserve_attempt(&self, keys: &ThrottleKeys, now: i64) -> Result<(), AppError> {
        let s = &self.settings;
        let window_begins = now - LOGIN_WINDOW_MICROS;
        let by_address = ThrottleRule {
            window_begins,
            cap: s.login_attempts,
            free: s.login_free_attempts,
            base_wait: FIRST_WAIT_MICROS,
        };
        let by_account = ThrottleRule {
            window_begins,
            cap: s.login_account_ceiling,
            free: s.login_account_ceiling,
            base_wait: FIRST_WAIT_MICROS,
        };
        for (key, rule) in [(&keys.address, by_address), (&keys.account, by_account)] {
            if self
                .store
                .reserve_login_attempt(key, now, &rule)
                .await?
                .is_none()
            {
                return Err(AppError::TooManyAttempts);
            }
        }
        Ok(())
    }

    /// The account `username` names if `password` is its password. An
    /// unknown or disabled account, or one without a password (it signs in
    /// through single sign-on), costs the same password check (against a
    /// hash no password matches), so the time taken tells nothing.
    async fn checked_account(
        &self,
        username: &str,
        password: &str,
    ) -> Result<Option<AccountRecord>, AppError> {
        let dummy = dummy_hash().await?;
        let account = self.store.account_by_username(username).await?;
        let (hash, usable) = match &account {
            Some(a) if !a.disabled && a.password_hash != crate::identity::apply::NO_PASSWORD => {
                (a.password_hash.clone(), true)
            }
            _ => (dummy.to_owned(), false),
        };
        self.password_checks
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let ok = verify_password(password.to_owned(), hash).await && usable;
        Ok(account.filter(|_| ok))
    }

    /// A new browser session for `account`, signed in by `method`: every
    /// way of signing in ends here. The login is noted on the account,
    /// and the session learns the user agreements it must accept before
    /// anything else (`user_agreements::gate`).
    pub(crate) async fn open_session(
        &self,
        account: &AccountRecord,
        now: i64,
        method: LoginMethod,
    ) -> Result<NewSession, AppError> {
        let token = random_secret();
        let csrf_token = random_secret();
        self.store
            .insert_session(&SessionRecord {
                token_hash: sha256_hex(token.as_bytes()),
                account_id: account.id,
                csrf_token: csrf_token.clone(),
                created_at: now,
                expires_at: now + self.settings.session_hours * 3600 * 1_000_000,
            })
            .await?;
        let id = crate::ids::new_id(self.clock.as_ref());
        self.store
            .record_login(id, AccountId(account.id), now, method.as_str())
            .await?;
        let scope = self.scope_of(account).await?;
        Ok(NewSession {
            token,
            csrf_token,
            pending_agreements: self.pending_members(&scope).await?,
            scope,
        })
    }

    /// The throttle's keys for a login as `username` from `client`.
    async fn throttle_keys(
        &self,
        username: &str,
        client: Option<IpAddr>,
    ) -> Result<ThrottleKeys, AppError> {
        let name = normalised(username);
        let address = client.map_or_else(|| "unknown".to_owned(), |a| a.to_string());
        Ok(ThrottleKeys {
            address: self
                .throttle_key(&format!("address\n{name}\n{address}"))
                .await?,
            account: self.throttle_key(&format!("account\n{name}")).await?,
        })
    }

    /// The throttle's key for `subject`: HMAC-SHA-256 under the server
    /// secret, hex (64 characters whatever was typed).
    async fn throttle_key(&self, subject: &str) -> Result<String, AppError> {
        let secret = self
            .login_secret
            .get_or_try_init(|| async {
                self.store
                    .server_secret(THROTTLE_SECRET, &random_secret())
                    .await
            })
            .await?;
        // HMAC takes a key of any length, so this is never refused.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
            return Err(AppError::Unauthenticated);
        };
        mac.update(subject.as_bytes());
        Ok(hex::encode(mac.finalize().into_bytes()))
    }

    /// Deletes the login throttle's rows whose window has passed; the
    /// server's sweep calls this. Returns how many went.
    pub async fn forget_old_login_attempts(&self) -> Result<u64, AppError> {
        let window_begins = self.now_micros() - LOGIN_WINDOW_MICROS;
        Ok(self
            .store
            .forget_login_attempts_before(window_begins)
            .await?)
    }
}
