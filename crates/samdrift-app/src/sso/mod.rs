//! Single sign-on through OpenID Connect. The federation and each member
//! may have an identity provider; this module is the port the protocol
//! client (`samdrift-integrations`) plugs into, and `login.rs` the use
//! cases that begin a login at a provider and finish it when the browser
//! comes back. Which account a provider may sign in is the domain's rule
//! (`samdrift_domain::identity::sso`).

mod login;

pub use login::{SsoError, SsoSignedIn, SsoStart};

use samdrift_domain::identity::sso::PersonClaim;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A future a provider's client returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A provider as the configuration describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderConfig {
    /// Names the provider in URLs (`/login/sso/{key}`).
    pub key: String,
    /// Shown on the login page's button.
    pub label: String,
    /// The member whose provider this is (its code); None for the
    /// federation's own provider.
    pub member: Option<String>,
    /// What the claim names.
    pub claim: PersonClaim,
    /// The ID token claim that carries it.
    pub claim_name: String,
}

/// Where to send the browser to sign in, and what the callback needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// An ID token whose signature, issuer, audience, expiry and nonce were
/// checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedToken {
    pub subject: String,
    /// The configured claim's value, when the token carries it.
    pub claim: Option<String>,
    /// The token as received (the hint when signing out at the provider).
    pub raw: String,
}

/// Why a provider's answer was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The provider could not be reached or its discovery document read.
    #[error("the identity provider cannot be reached: {0}")]
    Unreachable(String),
    /// The provider refused the code (expired, used, or not ours).
    #[error("the identity provider refused the login: {0}")]
    Refused(String),
    /// The ID token failed a check.
    #[error("the ID token was refused ({0:?}): {1}")]
    Token(TokenProblem, String),
}

/// Which check an ID token failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Signature,
    Audience,
    Expired,
    Issuer,
    Nonce,
    Malformed,
}

/// The protocol client of one provider.
pub trait OidcProvider: Send + Sync {
    fn config(&self) -> &ProviderConfig;

    /// A new login: the provider's authorization URL with a fresh state,
    /// nonce and PKCE challenge, coming back to `redirect_uri`.
    fn authorize<'a>(
        &'a self,
        redirect_uri: &'a str,
    ) -> BoxFuture<'a, Result<Authorization, ProviderError>>;

    /// Redeems `code` at the token endpoint (with the PKCE verifier) and
    /// checks the ID token as of `now`.
    fn redeem<'a>(
        &'a self,
        code: &'a str,
        pending: &'a Authorization,
        redirect_uri: &'a str,
        now: jiff::Timestamp,
    ) -> BoxFuture<'a, Result<VerifiedToken, ProviderError>>;

    /// The provider's end-session URL for a session that came with
    /// `id_token`, returning to `after`; None when it offers none.
    fn end_session_url<'a>(
        &'a self,
        id_token: &'a str,
        after: &'a str,
    ) -> BoxFuture<'a, Option<String>>;
}

/// The configured providers and the address the browser reaches samdrift
/// at (for the redirect URI).
#[derive(Clone, Default)]
pub struct SsoProviders {
    pub public_url: String,
    pub providers: Vec<Arc<dyn OidcProvider>>,
}

impl std::fmt::Debug for SsoProviders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoProviders")
            .field("public_url", &self.public_url)
            .field(
                "providers",
                &self
                    .providers
                    .iter()
                    .map(|p| p.config().key.clone())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl SsoProviders {
    pub fn get(&self, key: &str) -> Option<&Arc<dyn OidcProvider>> {
        self.providers.iter().find(|p| p.config().key == key)
    }

    /// Where a provider sends the browser back.
    pub fn redirect_uri(&self) -> String {
        format!(
            "{}/login/sso/callback",
            self.public_url.trim_end_matches('/')
        )
    }

    /// Where a provider's sign-out returns.
    pub fn after_logout(&self) -> String {
        format!("{}/login", self.public_url.trim_end_matches('/'))
    }
}
