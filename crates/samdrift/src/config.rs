//! Configuration: defaults, then `samdrift.toml`, then `SAMDRIFT_*`
//! environment variables, then command-line flags. Unknown keys in the file
//! are errors; the database URL may come from a file (`database_url_file`).

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub listen: String,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub database_url_file: Option<PathBuf>,
    pub reopen_days: i64,
    pub attachment_max_mb: usize,
    /// Orders changing a member's yearly cost by this many kronor or more
    /// wait for the federation manager's confirmation (0: never).
    pub large_order_kr: i64,
    pub log_format: String,
    pub secure_cookies: bool,
    /// A second address that serves only `/metrics`, without a token (for a
    /// scraper on an internal network). Unset: no such listener.
    pub metrics_listen: Option<String>,
    /// A file holding the bearer token that `/metrics` on the main address
    /// requires. Unset: `/metrics` is not served on the main address.
    pub metrics_token_file: Option<PathBuf>,
    /// Reverse proxies (IP addresses) whose `X-Forwarded-For` names the
    /// client; from any other peer the header is ignored. Used for the
    /// login throttle, which counts failures per client address.
    pub trusted_proxies: Vec<String>,
    /// A file holding the key (64 hexadecimal digits) personnummer are
    /// sealed and matched with. Unset: `personnummer.key` in the data
    /// directory if the demo made one, else deliveries carrying
    /// personnummer are refused.
    pub personnummer_key_file: Option<PathBuf>,
    /// A directory the members' HR and school systems drop delivery files
    /// in (`YST-hr-full-….csv`); the server takes them on its sweep.
    /// Unset: no directory is watched.
    pub people_delivery_dir: Option<PathBuf>,
    /// The address browsers reach samdrift at (the single sign-on
    /// providers send them back to it). Unset: `http://` and `listen`.
    pub public_url: Option<String>,
    /// Single sign-on providers (`[[sso]]` tables; `sso_config.rs`).
    pub sso: Vec<crate::sso_config::SsoConfig>,
    /// The members' directories (`[[ldap]]` tables; `ldap_config.rs`).
    pub ldap: Vec<crate::ldap_config::LdapConfig>,
    /// Outgoing mail (`[mail]`; `mail_config.rs`). Unset: nothing is
    /// mailed.
    pub mail: Option<crate::mail_config::MailConfig>,
    /// The members' desk mailboxes (`[[mailbox]]` tables).
    pub mailbox: Vec<crate::mail_config::MailboxConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./samdrift-data"),
            database_url: None,
            database_url_file: None,
            reopen_days: 10,
            attachment_max_mb: 10,
            large_order_kr: 100_000,
            log_format: "text".into(),
            secure_cookies: false,
            metrics_listen: None,
            metrics_token_file: None,
            trusted_proxies: Vec::new(),
            personnummer_key_file: None,
            people_delivery_dir: None,
            public_url: None,
            sso: Vec::new(),
            ldap: Vec::new(),
            mail: None,
            mailbox: Vec::new(),
        }
    }
}

const KEYS: [&str; 15] = [
    "listen",
    "data_dir",
    "database_url",
    "database_url_file",
    "reopen_days",
    "attachment_max_mb",
    "large_order_kr",
    "log_format",
    "secure_cookies",
    "metrics_listen",
    "metrics_token_file",
    "trusted_proxies",
    "personnummer_key_file",
    "people_delivery_dir",
    "public_url",
];

/// Flags given on the command line (only those set override).
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
}

impl Config {
    pub fn load(file: Option<&std::path::Path>, overrides: Overrides) -> anyhow::Result<Config> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) => {
                anyhow::ensure!(
                    path.exists(),
                    "config file {} does not exist",
                    path.display()
                );
                figment = figment.merge(Toml::file(path));
            }
            None => figment = figment.merge(Toml::file("samdrift.toml")),
        }
        let config: Config = figment
            .merge(Env::prefixed("SAMDRIFT_").only(&KEYS))
            .merge(Serialized::defaults(overrides))
            .extract()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
        Ok(config)
    }

    /// The database URL: given, read from a file, or the SQLite file in the data dir.
    pub fn database_url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        if let Some(file) = &self.database_url_file {
            let url = std::fs::read_to_string(file).map_err(|e| {
                anyhow::anyhow!("cannot read database_url_file {}: {e}", file.display())
            })?;
            return Ok(url.trim().to_owned());
        }
        std::fs::create_dir_all(&self.data_dir).map_err(|e| {
            anyhow::anyhow!("cannot create data dir {}: {e}", self.data_dir.display())
        })?;
        let file = self.data_dir.join("samdrift.db");
        owner_only(&self.data_dir, 0o700)?;
        owner_only(&file, 0o600)?;
        Ok(format!("sqlite://{}", file.display()))
    }

    /// The token `/metrics` on the main address requires, if one is set.
    pub fn metrics_token(&self) -> anyhow::Result<Option<String>> {
        let Some(file) = &self.metrics_token_file else {
            return Ok(None);
        };
        let token = std::fs::read_to_string(file).map_err(|e| {
            anyhow::anyhow!("cannot read metrics_token_file {}: {e}", file.display())
        })?;
        let token = token.trim();
        anyhow::ensure!(
            token.len() >= 16,
            "metrics_token_file {} must hold a token of at least 16 characters",
            file.display()
        );
        Ok(Some(token.to_owned()))
    }

    /// The trusted proxies as addresses; a typo stops the server at start.
    pub fn trusted_proxies(&self) -> anyhow::Result<Vec<std::net::IpAddr>> {
        self.trusted_proxies
            .iter()
            .map(|p| {
                p.trim()
                    .parse()
                    .map_err(|_| anyhow::anyhow!("trusted_proxies: {p:?} is not an IP address"))
            })
            .collect()
    }

    pub fn settings(&self) -> anyhow::Result<samdrift_app::Settings> {
        Ok(samdrift_app::Settings {
            personnummer_key: self.personnummer_key()?,
            reopen_days: self.reopen_days,
            attachment_max_bytes: self.attachment_max_mb * 1024 * 1024,
            large_order_ore: self.large_order_kr.saturating_mul(100).max(0),
            ..samdrift_app::Settings::default()
        })
    }

    /// The address users reach samdrift at.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
    }

    /// The mail settings, with the SMTP client.
    pub fn mail(&self) -> anyhow::Result<samdrift_app::mail::MailSettings> {
        crate::mail_config::settings(&self.public_url(), self.mail.as_ref(), &self.mailbox)
    }

    /// The single sign-on providers, with their clients.
    pub fn sso(&self) -> anyhow::Result<samdrift_app::sso::SsoProviders> {
        let public_url = self
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen));
        crate::sso_config::providers(&public_url, &self.sso)
    }

    /// The demo's key file, beside the database.
    pub fn demo_key_file(&self) -> PathBuf {
        self.data_dir.join("personnummer.key")
    }

    /// The personnummer key from `personnummer_key_file`, or from the
    /// demo's key file if there is one; a bad key stops the start.
    fn personnummer_key(
        &self,
    ) -> anyhow::Result<Option<std::sync::Arc<samdrift_app::identity::sealing::PersonnummerKey>>>
    {
        let demo = self.demo_key_file();
        let file = match &self.personnummer_key_file {
            Some(f) => f.clone(),
            None if demo.exists() => demo,
            None => return Ok(None),
        };
        let text = std::fs::read_to_string(&file).map_err(|e| {
            anyhow::anyhow!("cannot read personnummer_key_file {}: {e}", file.display())
        })?;
        let key = samdrift_app::identity::sealing::PersonnummerKey::from_file_text(&text)
            .map_err(|e| anyhow::anyhow!("personnummer_key_file {}: {e}", file.display()))?;
        Ok(Some(std::sync::Arc::new(key)))
    }
}

/// Tightens a data directory or database file made before the process set
/// its file mask (an older version, or a copy made by hand) to its owner.
fn owner_only(path: &std::path::Path, mode: u32) -> anyhow::Result<()> {
    #[cfg(unix)]
    if path.exists() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| anyhow::anyhow!("cannot restrict {} to its owner: {e}", path.display()))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}
