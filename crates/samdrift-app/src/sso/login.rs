//! Beginning a single sign-on login at a provider and finishing it when the
//! browser comes back:
//!
//! - The state, nonce and PKCE verifier of a login wait in the database
//!   (`sso_logins`, ten minutes; the state only as its hash), so any node
//!   can finish it, and the callback takes the row in the statement that
//!   deletes it: a state is used at most once.
//! - The browser that began the login must be the one that finishes it:
//!   the web layer keeps the state in a cookie and hands both to
//!   `sso_finish`, which refuses a mismatch before anything is taken.
//! - The provider's client redeems the code with the PKCE verifier and
//!   checks the ID token (signature against the provider's keys, issuer,
//!   audience, expiry, nonce); then the configured claim names a person,
//!   the domain decides which account signs in
//!   (`samdrift_domain::identity::sso::decide`), and the session opens
//!   through `open_session` like every other login, so the user agreement
//!   gate holds.
//! - Nothing here makes an account: a person the provider knows and
//!   samdrift does not gets a clear answer. Claim values are never logged.

use super::{Authorization, ProviderError};
use crate::auth::{NewSession, sha256_hex};
use crate::login::LoginMethod;
use crate::{App, AppError};
use samdrift_domain::identity::personnummer::Personnummer;
use samdrift_domain::identity::sso::{Candidate, Decision, PersonClaim, decide};
use samdrift_domain::ids::AccountId;
use samdrift_store::sso::{SsoLoginRecord, SsoMatch};

/// How long a login begun at a provider may take: ten minutes.
const LOGIN_TTL_MICROS: i64 = 10 * 60 * 1_000_000;

/// A login begun: send the browser to `url`, and keep `state` for the
/// callback (the web layer puts it in a cookie).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoStart {
    pub url: String,
    pub state: String,
}

/// A login finished: the new session, where the user was going, and the
/// provider's label.
#[derive(Debug)]
pub struct SsoSignedIn {
    pub session: NewSession,
    pub next: String,
}

/// Why a single sign-on login did not sign anyone in.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    #[error("no such identity provider")]
    UnknownProvider,
    /// The state is unknown: used already, expired, or never issued.
    #[error("this login was already used or has expired")]
    UnknownState,
    /// The callback came to another browser than the one that began.
    #[error("this login was begun in another browser")]
    OtherBrowser,
    /// The provider answered with an error (the user cancelled, say).
    #[error("the identity provider did not sign you in: {0}")]
    Cancelled(String),
    #[error(transparent)]
    Provider(#[from] ProviderError),
    /// The ID token lacks the claim that names the person.
    #[error("the identity provider did not say who you are")]
    MissingClaim,
    /// The provider knows the user; samdrift has no account for them.
    #[error("you have no account in samdrift")]
    UnknownUser,
    #[error("your account is disabled")]
    Disabled,
    /// Several accounts answer to the claim.
    #[error("several accounts answer to your identity")]
    Ambiguous,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<samdrift_store::StoreError> for SsoError {
    fn from(e: samdrift_store::StoreError) -> Self {
        SsoError::App(e.into())
    }
}

impl App {
    /// The providers the login page offers: (key, label), in the order
    /// configured.
    pub fn sso_providers(&self) -> Vec<(String, String)> {
        self.sso
            .providers
            .iter()
            .map(|p| (p.config().key.clone(), p.config().label.clone()))
            .collect()
    }

    /// The configured providers, as the administration lists them.
    pub fn sso_provider_configs(&self) -> Vec<super::ProviderConfig> {
        self.sso
            .providers
            .iter()
            .map(|p| p.config().clone())
            .collect()
    }

    /// Begins a login at provider `key`; `next` (a path on this site,
    /// checked by the caller) is where the user goes after signing in.
    pub async fn sso_begin(&self, key: &str, next: &str) -> Result<SsoStart, SsoError> {
        let provider = self.sso.get(key).ok_or(SsoError::UnknownProvider)?;
        let auth = provider.authorize(&self.sso.redirect_uri()).await?;
        let now = self.now_micros();
        self.store
            .insert_sso_login(&SsoLoginRecord {
                state_hash: sha256_hex(auth.state.as_bytes()),
                provider: key.to_owned(),
                nonce: auth.nonce.clone(),
                pkce_verifier: auth.pkce_verifier.clone(),
                next_path: next.to_owned(),
                created_at: now,
                expires_at: now + LOGIN_TTL_MICROS,
            })
            .await?;
        Ok(SsoStart {
            url: auth.url,
            state: auth.state,
        })
    }

    /// Finishes a login: `state` and `code` as the provider sent them back,
    /// `browser_state` the state the browser kept when it began.
    pub async fn sso_finish(
        &self,
        state: &str,
        code: &str,
        browser_state: Option<&str>,
    ) -> Result<SsoSignedIn, SsoError> {
        if browser_state != Some(state) {
            return Err(SsoError::OtherBrowser);
        }
        let now = self.now_micros();
        let pending = self
            .store
            .take_sso_login(&sha256_hex(state.as_bytes()))
            .await?
            .filter(|p| p.expires_at > now)
            .ok_or(SsoError::UnknownState)?;
        let provider = self
            .sso
            .get(&pending.provider)
            .ok_or(SsoError::UnknownProvider)?;
        let auth = Authorization {
            url: String::new(),
            state: state.to_owned(),
            nonce: pending.nonce.clone(),
            pkce_verifier: pending.pkce_verifier.clone(),
        };
        let token = provider
            .redeem(code, &auth, &self.sso.redirect_uri(), self.clock.now())
            .await?;
        let config = provider.config();
        let value = token.claim.as_deref().ok_or(SsoError::MissingClaim)?;
        let account = self
            .sso_account(config.member.as_deref(), config.claim, value)
            .await;
        let account = match account {
            Ok(a) => a,
            Err(e) => {
                tracing::info!(provider = %config.key, outcome = %e, "single sign-on refused");
                return Err(e);
            }
        };
        let session = self
            .open_session(&account, now, LoginMethod::SingleSignOn)
            .await?;
        self.store
            .set_session_provider(
                &sha256_hex(session.token.as_bytes()),
                &config.key,
                &token.raw,
            )
            .await?;
        tracing::info!(provider = %config.key, account = %account.id, "signed in through single sign-on");
        Ok(SsoSignedIn {
            session,
            next: pending.next_path,
        })
    }

    /// The account a provider's claim names, by the domain's rule.
    async fn sso_account(
        &self,
        member_code: Option<&str>,
        claim: PersonClaim,
        value: &str,
    ) -> Result<samdrift_store::accounts::AccountRecord, SsoError> {
        let member = match member_code {
            Some(code) => Some(
                self.store
                    .member_by_code(code)
                    .await?
                    .ok_or(SsoError::UnknownUser)?
                    .id,
            ),
            None => None,
        };
        let value = value.trim();
        let lower = value.to_lowercase();
        let hash;
        let by = match claim {
            PersonClaim::Email => SsoMatch::Email(&lower),
            PersonClaim::EmployeeNumber => SsoMatch::EmployeeNumber(value),
            PersonClaim::Personnummer => {
                let key = self
                    .settings
                    .personnummer_key
                    .as_ref()
                    .ok_or(SsoError::UnknownUser)?;
                let today = self.stockholm_today();
                let pnr = Personnummer::parse(value, today).map_err(|_| SsoError::UnknownUser)?;
                hash = key.hash(&pnr);
                SsoMatch::PersonnummerHash(&hash)
            }
        };
        let found = self.store.sso_candidates(member, by).await?;
        let candidates: Vec<Candidate<uuid::Uuid>> = found
            .iter()
            .map(|c| Candidate {
                account: c.account_id,
                disabled: c.disabled,
                staff: c.staff_role.is_some(),
                in_member: c.in_member,
            })
            .collect();
        match decide(member.is_some(), &candidates) {
            Decision::SignIn(id) => self
                .store
                .get_account(AccountId(id))
                .await?
                .ok_or(SsoError::UnknownUser),
            Decision::Unknown => Err(SsoError::UnknownUser),
            Decision::Disabled => Err(SsoError::Disabled),
            Decision::Ambiguous => Err(SsoError::Ambiguous),
        }
    }

    /// Where the browser goes to end the provider's session too, for a
    /// session opened through single sign-on (call before `logout`).
    pub async fn sso_logout_url(&self, session_token: &str) -> Option<String> {
        let hash = sha256_hex(session_token.as_bytes());
        let (key, id_token) = self.store.session_provider(&hash).await.ok()??;
        let provider = self.sso.get(&key)?;
        provider
            .end_session_url(
                id_token.as_deref().unwrap_or_default(),
                &self.sso.after_logout(),
            )
            .await
    }

    /// Deletes logins begun at a provider that were never finished and
    /// have expired. Returns how many went.
    pub async fn forget_expired_sso_logins(&self) -> Result<u64, AppError> {
        Ok(self
            .store
            .forget_sso_logins_before(self.now_micros())
            .await?)
    }
}
