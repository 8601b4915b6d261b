//! The members' directories of the configuration file:
//!
//! ```toml
//! [[ldap]]
//! member = "YST"
//! url = "ldaps://dc1.ystad.se"            # or ldap://... (StartTLS, required)
//! ca_file = "/etc/samdrift/ystad-ca.pem"   # absent: the system's roots
//! bind_dn = "CN=svc-samdrift,OU=Tjänstekonton,DC=ystad,DC=se"
//! bind_password_file = "/etc/samdrift/ystad-ldap.secret"
//! base_dn = "DC=ystad,DC=se"
//! flavour = "active_directory"             # or "openldap"
//! every_minutes = 60                       # how often the server reads it
//! # Each of these has the flavour's default:
//! # user_filter, group_filter, login, principal, employee_id, mail, name,
//! # member_of, group_name, group_member
//! ```
//!
//! A mistake (an unknown member flavour, a URL that is neither `ldaps://`
//! nor `ldap://`, an unreadable or empty password file, a CA file without
//! a certificate) stops the start with a one-line reason.

use samdrift_app::identity::directory::{Directories, DirectoryReader};
use samdrift_domain::identity::directory::Flavour;
use samdrift_integrations::ldap::{LdapDirectory, LdapSettings};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

/// One `[[ldap]]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LdapConfig {
    pub member: String,
    pub url: String,
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    pub bind_dn: String,
    pub bind_password_file: PathBuf,
    pub base_dn: String,
    #[serde(default = "default_flavour")]
    pub flavour: String,
    #[serde(default = "default_every")]
    pub every_minutes: u64,
    #[serde(default)]
    pub user_filter: Option<String>,
    #[serde(default)]
    pub group_filter: Option<String>,
    #[serde(default)]
    pub login: Option<String>,
    #[serde(default)]
    pub principal: Option<String>,
    #[serde(default)]
    pub employee_id: Option<String>,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub member_of: Option<String>,
    #[serde(default)]
    pub group_name: Option<String>,
    #[serde(default)]
    pub group_member: Option<String>,
}

fn default_flavour() -> String {
    "active_directory".into()
}

fn default_every() -> u64 {
    60
}

/// The directories, each with its client.
pub fn directories(configs: &[LdapConfig]) -> anyhow::Result<Directories> {
    let mut readers: Vec<Arc<dyn DirectoryReader>> = Vec::new();
    for c in configs {
        anyhow::ensure!(
            !readers.iter().any(|r| r.member() == c.member),
            "ldap: member {} has two directories",
            c.member
        );
        anyhow::ensure!(
            c.every_minutes > 0,
            "ldap {}: every_minutes must be at least 1",
            c.member
        );
        let flavour = Flavour::parse(&c.flavour).ok_or_else(|| {
            anyhow::anyhow!(
                "ldap {}: flavour {:?} must be active_directory or openldap",
                c.member,
                c.flavour
            )
        })?;
        let password = std::fs::read_to_string(&c.bind_password_file).map_err(|e| {
            anyhow::anyhow!(
                "ldap {}: cannot read bind_password_file {}: {e}",
                c.member,
                c.bind_password_file.display()
            )
        })?;
        let password = password.trim_end_matches(['\n', '\r']).to_owned();
        anyhow::ensure!(
            !password.is_empty(),
            "ldap {}: bind_password_file {} is empty",
            c.member,
            c.bind_password_file.display()
        );
        let mut attributes = flavour.attributes();
        let overrides = [
            (&c.login, &mut attributes.login),
            (&c.principal, &mut attributes.principal),
            (&c.employee_id, &mut attributes.employee_id),
            (&c.mail, &mut attributes.mail),
            (&c.name, &mut attributes.name),
            (&c.member_of, &mut attributes.member_of),
            (&c.group_name, &mut attributes.group_name),
            (&c.group_member, &mut attributes.group_member),
        ];
        for (given, attribute) in overrides {
            if let Some(name) = given {
                *attribute = name.clone();
            }
        }
        let settings = LdapSettings {
            member: c.member.clone(),
            url: c.url.clone(),
            ca_file: c.ca_file.clone(),
            bind_dn: c.bind_dn.clone(),
            bind_password: password,
            base_dn: c.base_dn.clone(),
            user_filter: c
                .user_filter
                .clone()
                .unwrap_or_else(|| flavour.user_filter().into()),
            group_filter: c
                .group_filter
                .clone()
                .unwrap_or_else(|| flavour.group_filter().into()),
            attributes,
        };
        let reader =
            LdapDirectory::new(settings).map_err(|e| anyhow::anyhow!("ldap {}: {e}", c.member))?;
        readers.push(Arc::new(reader));
    }
    Ok(Directories(readers))
}
