//! LDAP: reading a member's directory (Active Directory or OpenLDAP) with
//! a service account, on `ldap3` over TLS only: LDAPS (`ldaps://`), or
//! StartTLS on `ldap://` (required; a plain connection is refused). The
//! server's certificate is checked against the configured CA file, or the
//! system's roots without one. Users and groups are read with paged
//! searches (500 a page, so Active Directory's size limit is no limit);
//! which attributes mean what is the flavour's mapping
//! (`samdrift_domain::identity::directory::Flavour`), each attribute
//! replaceable in the configuration.

use ldap3::adapters::{Adapter, EntriesOnly, PagedResults};
use ldap3::{LdapConnAsync, LdapConnSettings, Scope, SearchEntry};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use samdrift_app::identity::directory::{DirectoryContents, DirectoryReader};
use samdrift_app::sso::BoxFuture;
use samdrift_domain::identity::directory::{
    Attributes, DirectoryGroup, DirectoryUser, disabled_by_account_control,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Entries a page of a search asks for.
const PAGE_SIZE: i32 = 500;

/// How long connecting, and each operation, may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// One member's directory as configured, with its password read.
#[derive(Clone)]
pub struct LdapSettings {
    /// The member's code.
    pub member: String,
    /// `ldaps://host:636` or `ldap://host:389` (with StartTLS).
    pub url: String,
    /// A PEM file of the CA(s) the server's certificate must chain to.
    pub ca_file: Option<PathBuf>,
    pub bind_dn: String,
    pub bind_password: String,
    pub base_dn: String,
    pub user_filter: String,
    pub group_filter: String,
    pub attributes: Attributes,
}

impl std::fmt::Debug for LdapSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LdapSettings")
            .field("member", &self.member)
            .field("url", &self.url)
            .field("bind_dn", &self.bind_dn)
            .field("base_dn", &self.base_dn)
            .finish_non_exhaustive()
    }
}

/// The client of one member's directory.
pub struct LdapDirectory {
    settings: LdapSettings,
    tls: Option<Arc<rustls::ClientConfig>>,
    starttls: bool,
}

impl LdapDirectory {
    /// A client for `settings`; refuses a URL that is neither `ldaps://`
    /// nor `ldap://`, and a CA file that holds no certificate.
    pub fn new(settings: LdapSettings) -> Result<LdapDirectory, String> {
        let starttls = if settings.url.starts_with("ldaps://") {
            false
        } else if settings.url.starts_with("ldap://") {
            true
        } else {
            return Err(format!(
                "url {:?} must begin ldaps:// or ldap://",
                settings.url
            ));
        };
        let tls = match &settings.ca_file {
            Some(file) => Some(Arc::new(tls_config(file)?)),
            None => None,
        };
        Ok(LdapDirectory {
            settings,
            tls,
            starttls,
        })
    }

    /// Reads every user and group. Runs in its own task, so a directory
    /// whose answer cannot be decoded fails the read, not the server.
    pub async fn read_all(&self) -> Result<DirectoryContents, String> {
        let settings = self.settings.clone();
        let tls = self.tls.clone();
        let starttls = self.starttls;
        match tokio::spawn(read(settings, tls, starttls)).await {
            Ok(result) => result,
            Err(_) => Err("the directory's answer could not be read".into()),
        }
    }
}

/// A TLS configuration that trusts the CA certificates in `file`.
pub(crate) fn tls_config(file: &std::path::Path) -> Result<rustls::ClientConfig, String> {
    let mut roots = rustls::RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(file)
        .map_err(|e| format!("ca_file {}: {e}", file.display()))?;
    for cert in certs {
        let cert = cert.map_err(|e| format!("ca_file {}: {e}", file.display()))?;
        roots
            .add(cert)
            .map_err(|e| format!("ca_file {}: {e}", file.display()))?;
    }
    if roots.is_empty() {
        return Err(format!("ca_file {} holds no certificate", file.display()));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

async fn read(
    s: LdapSettings,
    tls: Option<Arc<rustls::ClientConfig>>,
    starttls: bool,
) -> Result<DirectoryContents, String> {
    let mut conn_settings = LdapConnSettings::new()
        .set_conn_timeout(TIMEOUT)
        .set_starttls(starttls);
    if let Some(config) = tls {
        conn_settings = conn_settings.set_config(config);
    }
    let (conn, mut ldap) = LdapConnAsync::with_settings(conn_settings, &s.url)
        .await
        .map_err(|e| format!("cannot connect to {}: {e}", s.url))?;
    ldap3::drive!(conn);
    ldap.with_timeout(TIMEOUT)
        .simple_bind(&s.bind_dn, &s.bind_password)
        .await
        .and_then(|r| r.success())
        .map_err(|e| format!("the service account cannot bind: {e}"))?;
    let a = &s.attributes;
    let mut user_attrs = vec![
        &a.login,
        &a.principal,
        &a.employee_id,
        &a.mail,
        &a.name,
        &a.member_of,
    ];
    if let Some(uac) = &a.account_control {
        user_attrs.push(uac);
    }
    let users = search(&mut ldap, &s.base_dn, &s.user_filter, &user_attrs).await?;
    let groups = search(
        &mut ldap,
        &s.base_dn,
        &s.group_filter,
        &[&a.group_name, &a.group_member],
    )
    .await?;
    let _ = ldap.unbind().await;
    Ok(DirectoryContents {
        users: users.iter().map(|e| user(e, a)).collect(),
        groups: groups.iter().map(|e| group(e, a)).collect(),
    })
}

/// A paged subtree search; every entry.
async fn search(
    ldap: &mut ldap3::Ldap,
    base: &str,
    filter: &str,
    attrs: &[&String],
) -> Result<Vec<SearchEntry>, String> {
    let attrs: Vec<String> = attrs.iter().map(|a| (*a).clone()).collect();
    let adapters: Vec<Box<dyn Adapter<'_, String, Vec<String>>>> = vec![
        Box::new(EntriesOnly::new()),
        Box::new(PagedResults::new(PAGE_SIZE)),
    ];
    let mut stream = ldap
        .with_timeout(TIMEOUT)
        .streaming_search_with(adapters, base, Scope::Subtree, filter, attrs)
        .await
        .map_err(|e| format!("search {filter}: {e}"))?;
    let mut entries = Vec::new();
    while let Some(entry) = stream
        .next()
        .await
        .map_err(|e| format!("search {filter}: {e}"))?
    {
        entries.push(SearchEntry::construct(entry));
    }
    stream
        .finish()
        .await
        .success()
        .map_err(|e| format!("search {filter}: {e}"))?;
    Ok(entries)
}

/// An attribute's values, whatever case the server wrote its name in.
fn values<'e>(attrs: &'e HashMap<String, Vec<String>>, name: &str) -> &'e [String] {
    attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_slice())
        .unwrap_or_default()
}

fn first(attrs: &HashMap<String, Vec<String>>, name: &str) -> Option<String> {
    values(attrs, name)
        .first()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn user(e: &SearchEntry, a: &Attributes) -> DirectoryUser {
    DirectoryUser {
        dn: e.dn.clone(),
        login: first(&e.attrs, &a.login),
        principal: first(&e.attrs, &a.principal),
        employee_id: first(&e.attrs, &a.employee_id),
        mail: first(&e.attrs, &a.mail),
        name: first(&e.attrs, &a.name),
        member_of: values(&e.attrs, &a.member_of).to_vec(),
        disabled: a
            .account_control
            .as_deref()
            .and_then(|uac| first(&e.attrs, uac))
            .is_some_and(|v| disabled_by_account_control(&v)),
    }
}

fn group(e: &SearchEntry, a: &Attributes) -> DirectoryGroup {
    DirectoryGroup {
        dn: e.dn.clone(),
        name: first(&e.attrs, &a.group_name).unwrap_or_else(|| e.dn.clone()),
        members: values(&e.attrs, &a.group_member).to_vec(),
    }
}

impl DirectoryReader for LdapDirectory {
    fn member(&self) -> &str {
        &self.settings.member
    }

    fn read(&self) -> BoxFuture<'_, Result<DirectoryContents, String>> {
        Box::pin(self.read_all())
    }
}
