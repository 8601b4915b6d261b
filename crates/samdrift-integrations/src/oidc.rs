//! OpenID Connect: the client of one identity provider, on the
//! `openidconnect` crate. Discovery gives the endpoints and the signing
//! keys (kept for an hour, and fetched again at once when a token is
//! signed with a key the cached set does not hold, so a provider's key
//! rotation needs nothing from us). A login is the authorization code flow
//! with PKCE (S256), state and nonce; the ID token's signature, issuer,
//! audience (each audience must be ours), expiry and nonce are checked as
//! of the application's clock. The HTTP client follows no redirects.

use openidconnect::core::{
    CoreClient, CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm, CoreResponseType,
};
use openidconnect::{
    AdditionalClaims, AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, ClientId,
    ClientSecret, CsrfToken, IdToken, IdTokenVerifier, IssuerUrl, JsonWebKeySet, LogoutRequest,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, Scope, TokenResponse,
};
use samdrift_app::sso::{
    Authorization, BoxFuture, OidcProvider, ProviderConfig, ProviderError, TokenProblem,
    VerifiedToken,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::str::FromStr;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// How long discovered metadata and keys are used before they are read
/// again.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// How long a request to the provider may take.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Every claim of an ID token beyond the standard ones, by name.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct OtherClaims(HashMap<String, serde_json::Value>);

impl AdditionalClaims for OtherClaims {}

/// An ID token with all its claims readable.
pub type RawIdToken = IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// One provider as configured, with its secret read.
#[derive(Clone)]
pub struct OidcSettings {
    pub provider: ProviderConfig,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Scopes asked for besides `openid`.
    pub scopes: Vec<String>,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("provider", &self.provider)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

/// The client of one provider.
pub struct OidcClient {
    settings: OidcSettings,
    issuer: IssuerUrl,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(ProviderMetadataWithLogout, Instant)>>,
}

impl OidcClient {
    /// A client for `settings`; nothing is fetched until the first login.
    pub fn new(settings: OidcSettings) -> Result<OidcClient, String> {
        let issuer = IssuerUrl::new(settings.issuer.clone())
            .map_err(|e| format!("issuer {:?} is not a URL: {e}", settings.issuer))?;
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .build()
            .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
        Ok(OidcClient {
            settings,
            issuer,
            http,
            metadata: RwLock::new(None),
        })
    }

    /// The provider's metadata: cached, or discovered when missing, older
    /// than an hour, or `fresh` is asked for.
    async fn metadata(&self, fresh: bool) -> Result<ProviderMetadataWithLogout, ProviderError> {
        if !fresh
            && let Some((m, at)) = self.metadata.read().await.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(m.clone());
        }
        let m = ProviderMetadataWithLogout::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| ProviderError::Unreachable(error_chain(&e)))?;
        *self.metadata.write().await = Some((m.clone(), Instant::now()));
        Ok(m)
    }

    fn client_id(&self) -> ClientId {
        ClientId::new(self.settings.client_id.clone())
    }

    fn secret(&self) -> ClientSecret {
        ClientSecret::new(self.settings.client_secret.clone())
    }

    async fn begin(&self, redirect_uri: &str) -> Result<Authorization, ProviderError> {
        let metadata = self.metadata(false).await?;
        let redirect = RedirectUrl::new(redirect_uri.to_owned())
            .map_err(|e| ProviderError::Refused(format!("redirect URI: {e}")))?;
        let client =
            CoreClient::from_provider_metadata(metadata, self.client_id(), Some(self.secret()))
                .set_redirect_uri(redirect);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    async fn exchange(
        &self,
        code: &str,
        pending: &Authorization,
        redirect_uri: &str,
        now: jiff::Timestamp,
    ) -> Result<VerifiedToken, ProviderError> {
        let metadata = self.metadata(false).await?;
        let redirect = RedirectUrl::new(redirect_uri.to_owned())
            .map_err(|e| ProviderError::Refused(format!("redirect URI: {e}")))?;
        let client =
            CoreClient::from_provider_metadata(metadata, self.client_id(), Some(self.secret()))
                .set_redirect_uri(redirect);
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| ProviderError::Unreachable(error_chain(&e)))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| ProviderError::Refused(error_chain(&e)))?;
        let raw = response
            .id_token()
            .map(ToString::to_string)
            .ok_or_else(|| ProviderError::Token(TokenProblem::Malformed, "no ID token".into()))?;
        self.verify(&raw, &pending.nonce, now).await
    }

    /// Checks an ID token as received from the token endpoint: signature
    /// (fetching the keys again once if none fits), issuer, audience,
    /// expiry as of `now`, nonce; and reads the configured claim.
    pub async fn verify(
        &self,
        raw: &str,
        nonce: &str,
        now: jiff::Timestamp,
    ) -> Result<VerifiedToken, ProviderError> {
        let token = RawIdToken::from_str(raw)
            .map_err(|e| ProviderError::Token(TokenProblem::Malformed, e.to_string()))?;
        let metadata = self.metadata(false).await?;
        match self.check(&token, raw, nonce, now, metadata.jwks().clone()) {
            Err(ProviderError::Token(TokenProblem::Signature, _)) => {
                // The provider may have rotated its keys since we read them.
                let fresh = self.metadata(true).await?;
                self.check(&token, raw, nonce, now, fresh.jwks().clone())
            }
            other => other,
        }
    }

    fn check(
        &self,
        token: &RawIdToken,
        raw: &str,
        nonce: &str,
        now: jiff::Timestamp,
        keys: JsonWebKeySet<CoreJsonWebKey>,
    ) -> Result<VerifiedToken, ProviderError> {
        let at =
            chrono::DateTime::<chrono::Utc>::from_timestamp(now.as_second(), 0).unwrap_or_default();
        let verifier: IdTokenVerifier<CoreJsonWebKey> = IdTokenVerifier::new_confidential_client(
            self.client_id(),
            self.secret(),
            self.issuer.clone(),
            keys,
        )
        .set_allowed_algs([
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
            CoreJwsSigningAlgorithm::RsaSsaPssSha256,
            CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            CoreJwsSigningAlgorithm::EcdsaP384Sha384,
            CoreJwsSigningAlgorithm::EdDsa,
        ])
        .set_time_fn(move || at);
        let claims = token
            .claims(&verifier, &Nonce::new(nonce.to_owned()))
            .map_err(|e| ProviderError::Token(problem(&e), e.to_string()))?;
        let name = self.settings.provider.claim_name.as_str();
        let claim = match name {
            "sub" => Some(claims.subject().to_string()),
            "email" => claims.email().map(|e| e.to_string()),
            "preferred_username" => claims.preferred_username().map(|u| u.to_string()),
            other => claims.additional_claims().0.get(other).and_then(claim_text),
        };
        Ok(VerifiedToken {
            subject: claims.subject().to_string(),
            claim,
            raw: raw.to_owned(),
        })
    }

    async fn logout_url(&self, id_token: &str, after: &str) -> Option<String> {
        let metadata = self.metadata(false).await.ok()?;
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let mut request = LogoutRequest::from(endpoint).set_client_id(self.client_id());
        if let Ok(token) = RawIdToken::from_str(id_token) {
            request = request.set_id_token_hint(&token);
        }
        if let Ok(after) = PostLogoutRedirectUrl::new(after.to_owned()) {
            request = request.set_post_logout_redirect_uri(after);
        }
        Some(request.http_get_url().to_string())
    }
}

/// A claim's value as text: a string, or a number (employee numbers).
fn claim_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Which check a verification error is about.
fn problem(e: &ClaimsVerificationError) -> TokenProblem {
    match e {
        ClaimsVerificationError::Expired(_) => TokenProblem::Expired,
        ClaimsVerificationError::InvalidAudience(_) => TokenProblem::Audience,
        ClaimsVerificationError::InvalidIssuer(_) => TokenProblem::Issuer,
        ClaimsVerificationError::InvalidNonce(_) => TokenProblem::Nonce,
        ClaimsVerificationError::SignatureVerification(_) => TokenProblem::Signature,
        _ => TokenProblem::Malformed,
    }
}

/// An error with its causes, for the log and the refusal's detail.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

impl OidcProvider for OidcClient {
    fn config(&self) -> &ProviderConfig {
        &self.settings.provider
    }

    fn authorize<'a>(
        &'a self,
        redirect_uri: &'a str,
    ) -> BoxFuture<'a, Result<Authorization, ProviderError>> {
        Box::pin(self.begin(redirect_uri))
    }

    fn redeem<'a>(
        &'a self,
        code: &'a str,
        pending: &'a Authorization,
        redirect_uri: &'a str,
        now: jiff::Timestamp,
    ) -> BoxFuture<'a, Result<VerifiedToken, ProviderError>> {
        Box::pin(self.exchange(code, pending, redirect_uri, now))
    }

    fn end_session_url<'a>(
        &'a self,
        id_token: &'a str,
        after: &'a str,
    ) -> BoxFuture<'a, Option<String>> {
        Box::pin(self.logout_url(id_token, after))
    }
}
