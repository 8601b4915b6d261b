//! Reading a member's desk mailbox (async-imap over TLS: IMAPS, or
//! STARTTLS on the plain port). A read selects the folder, asks for the
//! UIDs above the highest this mailbox has claimed at its UIDVALIDITY
//! (all of them after the server renumbered the folder), fetches each
//! mail without marking it, hands it to `App::receive_mail` (which claims
//! it in the database, so only one node takes it), and then flags it
//! `\Seen`. Between reads the connection waits in IDLE where the server
//! offers it, so a new mail is taken within a second; otherwise it polls.

use crate::mail_parse;
use async_imap::Session;
use futures_util::TryStreamExt as _;
use samdrift_app::App;
use samdrift_app::mail::inbound::{MailboxRef, Received};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// How a connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// STARTTLS on the plain port (143), required.
    StartTls,
    /// TLS from the first byte (993).
    Tls,
}

/// One mailbox folder to read.
#[derive(Debug, Clone)]
pub struct ImapSettings {
    pub mailbox: MailboxRef,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub ca_file: Option<PathBuf>,
    pub username: String,
    pub password: String,
    pub folder: String,
    /// Seconds between looks when the server has no IDLE (and the
    /// longest an IDLE waits before looking anyway).
    pub poll_seconds: u64,
}

type Imap = Session<TlsStream<TcpStream>>;

/// How many mails one read takes at most (the rest wait for the next).
const BATCH: usize = 500;

fn tls_config(s: &ImapSettings) -> Result<Arc<rustls::ClientConfig>, String> {
    let config = match &s.ca_file {
        Some(file) => crate::ldap::tls_config(file)?,
        None => {
            let roots =
                rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .with_root_certificates(roots)
                .with_no_client_auth()
        }
    };
    Ok(Arc::new(config))
}

/// Connects, secures and logs in.
pub async fn connect(s: &ImapSettings) -> Result<Imap, String> {
    let io = |e: std::io::Error| format!("{}:{}: {e}", s.host, s.port);
    let tcp = TcpStream::connect((s.host.as_str(), s.port))
        .await
        .map_err(io)?;
    let tcp = match s.security {
        Security::Tls => tcp,
        Security::StartTls => {
            let mut plain = async_imap::Client::new(tcp);
            plain.read_response().await.map_err(io)?;
            plain
                .run_command_and_check_ok("STARTTLS", None)
                .await
                .map_err(|e| format!("STARTTLS: {e}"))?;
            plain.into_inner()
        }
    };
    let name = rustls_pki_types::ServerName::try_from(s.host.clone()).map_err(|e| e.to_string())?;
    let tls = tokio_rustls::TlsConnector::from(tls_config(s)?)
        .connect(name, tcp)
        .await
        .map_err(io)?;
    let mut client = async_imap::Client::new(tls);
    if s.security == Security::Tls {
        client.read_response().await.map_err(io)?;
    }
    client
        .login(&s.username, &s.password)
        .await
        .map_err(|(e, _)| format!("login as {}: {e}", s.username))
}

/// Takes the new mail of the folder once; what became of each.
pub async fn read_once(
    app: &App,
    s: &ImapSettings,
    session: &mut Imap,
) -> Result<Vec<Received>, String> {
    let folder = session
        .select(&s.folder)
        .await
        .map_err(|e| format!("select {}: {e}", s.folder))?;
    let validity = folder.uid_validity.unwrap_or(0);
    let last = app
        .last_inbound_uid(&s.mailbox.key, validity)
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or(0);
    let next = u32::try_from(last).unwrap_or(u32::MAX).saturating_add(1);
    let mut uids: Vec<u32> = session
        .uid_search(format!("UID {next}:*"))
        .await
        .map_err(|e| format!("search: {e}"))?
        .into_iter()
        .filter(|u| *u >= next)
        .collect();
    uids.sort_unstable();
    uids.truncate(BATCH);
    let mut out = Vec::with_capacity(uids.len());
    for uid in uids {
        out.push(take(app, s, session, validity, uid).await?);
    }
    Ok(out)
}

async fn take(
    app: &App,
    s: &ImapSettings,
    session: &mut Imap,
    validity: u32,
    uid: u32,
) -> Result<Received, String> {
    let raw: Vec<u8> = {
        let fetches: Vec<_> = session
            .uid_fetch(uid.to_string(), "(UID BODY.PEEK[])")
            .await
            .map_err(|e| format!("fetch {uid}: {e}"))?
            .try_collect()
            .await
            .map_err(|e| format!("fetch {uid}: {e}"))?;
        fetches
            .iter()
            .find_map(|f| f.body().map(<[u8]>::to_vec))
            .unwrap_or_default()
    };
    let parsed = mail_parse::read(&raw);
    let received = app
        .receive_mail(&s.mailbox, validity, uid, &raw, parsed)
        .await
        .map_err(|e| format!("mail {uid}: {e}"))?;
    let _: Vec<_> = session
        .uid_store(uid.to_string(), "+FLAGS (\\Seen)")
        .await
        .map_err(|e| format!("flag {uid}: {e}"))?
        .try_collect()
        .await
        .map_err(|e| format!("flag {uid}: {e}"))?;
    Ok(received)
}

/// Reads the mailbox until the server stops: a read, then IDLE (or a
/// pause) until something arrives, again and again. Errors end the
/// connection; the caller connects again after a pause.
pub async fn watch(app: &App, s: &ImapSettings) -> Result<(), String> {
    let mut session = connect(s).await?;
    let idle = session
        .capabilities()
        .await
        .map_err(|e| format!("capabilities: {e}"))?
        .has_str("IDLE");
    loop {
        let taken = read_once(app, s, &mut session).await?;
        if taken.len() >= BATCH {
            continue;
        }
        let wait = Duration::from_secs(s.poll_seconds.max(1));
        if idle {
            let mut handle = session.idle();
            handle.init().await.map_err(|e| format!("idle: {e}"))?;
            let (done, _stop) = handle.wait_with_timeout(wait);
            done.await.map_err(|e| format!("idle: {e}"))?;
            session = handle.done().await.map_err(|e| format!("idle done: {e}"))?;
        } else {
            tokio::time::sleep(wait).await;
        }
    }
}
