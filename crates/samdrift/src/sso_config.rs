//! The single sign-on providers of the configuration file:
//!
//! ```toml
//! public_url = "https://samdrift.example.se"   # what browsers reach us at
//!
//! [[sso]]
//! key = "ystad"                     # /login/sso/ystad
//! label = "Ystads kommun"           # the login page's button
//! member = "YST"                    # absent: the federation's provider
//! issuer = "https://idp.ystad.se"   # discovery at /.well-known/openid-configuration
//! client_id = "samdrift"
//! client_secret_file = "/etc/samdrift/ystad-oidc.secret"
//! scopes = ["email", "profile"]     # besides openid
//! claim = "email"                   # email | employee_number | personnummer
//! claim_name = "email"              # the ID token claim that carries it
//! ```
//!
//! A mistake (a bad key, a key given twice, an unknown claim kind, an
//! unreadable or empty secret file, an issuer that is not a URL) stops the
//! start with a one-line reason.

use samdrift_app::sso::{OidcProvider, ProviderConfig, SsoProviders};
use samdrift_domain::identity::sso::{PersonClaim, is_provider_key};
use samdrift_integrations::oidc::{OidcClient, OidcSettings};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

/// One `[[sso]]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct SsoConfig {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub member: Option<String>,
    pub issuer: String,
    pub client_id: String,
    pub client_secret_file: PathBuf,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    #[serde(default = "default_claim")]
    pub claim: String,
    #[serde(default)]
    pub claim_name: Option<String>,
}

fn default_scopes() -> Vec<String> {
    vec!["email".into(), "profile".into()]
}

fn default_claim() -> String {
    "email".into()
}

/// The providers, each with its client, and the public address.
pub fn providers(public_url: &str, configs: &[SsoConfig]) -> anyhow::Result<SsoProviders> {
    let mut providers: Vec<Arc<dyn OidcProvider>> = Vec::new();
    for c in configs {
        anyhow::ensure!(
            is_provider_key(&c.key),
            "sso: key {:?} must be 1-32 of a-z, 0-9 and -",
            c.key
        );
        anyhow::ensure!(
            !providers.iter().any(|p| p.config().key == c.key),
            "sso: key {:?} is given twice",
            c.key
        );
        let claim = PersonClaim::parse(&c.claim).map_err(|_| {
            anyhow::anyhow!(
                "sso {}: claim {:?} must be email, employee_number or personnummer",
                c.key,
                c.claim
            )
        })?;
        let secret = std::fs::read_to_string(&c.client_secret_file).map_err(|e| {
            anyhow::anyhow!(
                "sso {}: cannot read client_secret_file {}: {e}",
                c.key,
                c.client_secret_file.display()
            )
        })?;
        let secret = secret.trim().to_owned();
        anyhow::ensure!(
            !secret.is_empty(),
            "sso {}: client_secret_file {} is empty",
            c.key,
            c.client_secret_file.display()
        );
        let settings = OidcSettings {
            provider: ProviderConfig {
                key: c.key.clone(),
                label: c.label.clone(),
                member: c.member.clone(),
                claim,
                claim_name: c
                    .claim_name
                    .clone()
                    .unwrap_or_else(|| claim.default_claim_name().to_owned()),
            },
            issuer: c.issuer.clone(),
            client_id: c.client_id.clone(),
            client_secret: secret,
            scopes: c.scopes.clone(),
        };
        let client =
            OidcClient::new(settings).map_err(|e| anyhow::anyhow!("sso {}: {e}", c.key))?;
        providers.push(Arc::new(client));
    }
    Ok(SsoProviders {
        public_url: public_url.trim_end_matches('/').to_owned(),
        providers,
    })
}
