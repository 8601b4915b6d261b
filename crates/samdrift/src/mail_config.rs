//! Mail in the configuration file:
//!
//! ```toml
//! [mail]
//! from = "servicedesk@gsit.se"          # the federation's sender
//! smtp_host = "smtp.gsit.se"
//! smtp_port = 587
//! smtp_security = "starttls"             # or "tls" (465)
//! smtp_username = "samdrift@gsit.se"     # leave out for no authentication
//! smtp_password_file = "/etc/samdrift/smtp.secret"
//! ca_file = "/etc/samdrift/mail-ca.pem"  # absent: the public roots
//! trusted_authserv_id = "mx.gsit.se"     # whose DMARC verdict counts
//!
//! [[mailbox]]                            # one per member desk mailbox
//! member = "YST"
//! address = "servicedesk@ystad.se"       # its sender and reply address
//! imap_host = "imap.ystad.se"
//! imap_port = 993
//! security = "tls"                       # or "starttls" (143)
//! username = "servicedesk@ystad.se"
//! password_file = "/etc/samdrift/ystad-imap.secret"
//! folder = "INBOX"
//! poll_seconds = 60                      # without IDLE; IDLE wakes at once
//! ```
//!
//! Without `[mail]` nothing is mailed and no mailbox is read. A mistake
//! (an unknown security, an unreadable password file, a mailbox of an
//! unknown member or twice) stops the start with a one-line reason.

use samdrift_app::mail::MailSettings;
use samdrift_app::mail::inbound::MailboxRef;
use samdrift_integrations::imap::{self, ImapSettings};
use samdrift_integrations::smtp::{self, SmtpSender, SmtpSettings};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The `[mail]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    pub from: String,
    pub smtp_host: String,
    #[serde(default = "default_smtp_port")]
    pub smtp_port: u16,
    #[serde(default = "default_starttls")]
    pub smtp_security: String,
    #[serde(default)]
    pub smtp_username: Option<String>,
    #[serde(default)]
    pub smtp_password_file: Option<PathBuf>,
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    #[serde(default)]
    pub trusted_authserv_id: Option<String>,
}

/// One `[[mailbox]]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MailboxConfig {
    pub member: String,
    pub address: String,
    pub imap_host: String,
    #[serde(default = "default_imap_port")]
    pub imap_port: u16,
    #[serde(default = "default_tls")]
    pub security: String,
    pub username: String,
    pub password_file: PathBuf,
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    #[serde(default = "default_folder")]
    pub folder: String,
    #[serde(default = "default_poll")]
    pub poll_seconds: u64,
}

fn default_smtp_port() -> u16 {
    587
}
fn default_imap_port() -> u16 {
    993
}
fn default_starttls() -> String {
    "starttls".into()
}
fn default_tls() -> String {
    "tls".into()
}
fn default_folder() -> String {
    "INBOX".into()
}
fn default_poll() -> u64 {
    60
}

fn secret(what: &str, file: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("{what}: cannot read {}: {e}", file.display()))?;
    let text = text.trim_end_matches(['\n', '\r']).to_owned();
    anyhow::ensure!(!text.is_empty(), "{what}: {} is empty", file.display());
    Ok(text)
}

/// The app's mail settings (with the SMTP client), or none without
/// `[mail]`.
pub fn settings(
    public_url: &str,
    mail: Option<&MailConfig>,
    mailboxes: &[MailboxConfig],
) -> anyhow::Result<MailSettings> {
    let Some(m) = mail else {
        anyhow::ensure!(
            mailboxes.is_empty(),
            "mailbox: mail needs a [mail] table to answer from"
        );
        return Ok(MailSettings::default());
    };
    let security = match m.smtp_security.as_str() {
        "starttls" => smtp::Security::StartTls,
        "tls" => smtp::Security::Tls,
        other => anyhow::bail!("mail: smtp_security {other:?} must be starttls or tls"),
    };
    let password = match &m.smtp_password_file {
        Some(f) => Some(secret("mail smtp_password_file", f)?),
        None => None,
    };
    let sender = SmtpSender::new(&SmtpSettings {
        host: m.smtp_host.clone(),
        port: m.smtp_port,
        security,
        ca_file: m.ca_file.clone(),
        username: m.smtp_username.clone(),
        password,
        hello_name: None,
    })
    .map_err(|e| anyhow::anyhow!("mail: {e}"))?;
    let mut desks = HashMap::new();
    for b in mailboxes {
        anyhow::ensure!(
            desks
                .insert(b.member.clone(), b.address.to_lowercase())
                .is_none(),
            "mailbox: member {} has two desk addresses; give one [[mailbox]] per member",
            b.member
        );
    }
    Ok(MailSettings {
        public_url: public_url.to_owned(),
        from: m.from.clone(),
        desks,
        sender: Some(Arc::new(sender)),
        trusted_authserv_id: m.trusted_authserv_id.clone(),
    })
}

/// The mailboxes to read, with their passwords.
pub fn mailboxes(
    mail: Option<&MailConfig>,
    configs: &[MailboxConfig],
) -> anyhow::Result<Vec<ImapSettings>> {
    configs
        .iter()
        .map(|b| {
            let security = match b.security.as_str() {
                "tls" => imap::Security::Tls,
                "starttls" => imap::Security::StartTls,
                other => anyhow::bail!(
                    "mailbox {}: security {other:?} must be tls or starttls",
                    b.member
                ),
            };
            anyhow::ensure!(
                b.poll_seconds > 0,
                "mailbox {}: poll_seconds must be at least 1",
                b.member
            );
            Ok(ImapSettings {
                mailbox: MailboxRef {
                    key: format!("{} {} {}", b.member, b.username, b.folder),
                    member: b.member.clone(),
                    address: b.address.to_lowercase(),
                },
                host: b.imap_host.clone(),
                port: b.imap_port,
                security,
                ca_file: b
                    .ca_file
                    .clone()
                    .or_else(|| mail.and_then(|m| m.ca_file.clone())),
                username: b.username.clone(),
                password: secret(
                    &format!("mailbox {} password_file", b.member),
                    &b.password_file,
                )?,
                folder: b.folder.clone(),
                poll_seconds: b.poll_seconds,
            })
        })
        .collect()
}
