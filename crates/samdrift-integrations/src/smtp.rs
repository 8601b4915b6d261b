//! Handing mail to the mail server (lettre, over STARTTLS or implicit
//! TLS, with authentication). The connections are pooled, so a burst of
//! mail (an outage notice to every member) does not pay a handshake per
//! mail. An answer of 5xx is permanent (the mail fails and its address is
//! marked failing); anything else is tried again later by the outbox.

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use samdrift_app::mail::{MailSender, OutboxRecord, SendFailure};
use samdrift_app::sso::BoxFuture;
use std::path::PathBuf;
use std::time::Duration;

/// How a connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// STARTTLS on a plain port (587), required.
    StartTls,
    /// TLS from the first byte (465).
    Tls,
}

/// Where and as whom mail is handed over.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// A CA file the server's certificate must chain to (else the public
    /// roots).
    pub ca_file: Option<PathBuf>,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The name we greet the server with (EHLO).
    pub hello_name: Option<String>,
}

/// The SMTP client.
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpSender {
    pub fn new(s: &SmtpSettings) -> Result<SmtpSender, String> {
        let mut tls = TlsParameters::builder(s.host.clone());
        if let Some(file) = &s.ca_file {
            let pem =
                std::fs::read(file).map_err(|e| format!("ca_file {}: {e}", file.display()))?;
            let cert = Certificate::from_pem(&pem)
                .map_err(|e| format!("ca_file {}: {e}", file.display()))?;
            tls = tls.add_root_certificate(cert);
        }
        let tls = tls.build_rustls().map_err(|e| e.to_string())?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host)
            .port(s.port)
            .timeout(Some(Duration::from_secs(30)))
            .tls(match s.security {
                Security::StartTls => Tls::Required(tls),
                Security::Tls => Tls::Wrapper(tls),
            });
        if let Some(name) = &s.hello_name {
            builder = builder.hello_name(lettre::transport::smtp::extension::ClientId::Domain(
                name.clone(),
            ));
        }
        if let (Some(user), Some(password)) = (&s.username, &s.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(SmtpSender {
            transport: builder.build(),
        })
    }

    /// Hands one outbox mail to the server.
    pub async fn deliver(&self, mail: &OutboxRecord) -> Result<String, SendFailure> {
        let message = message(mail).map_err(|answer| SendFailure {
            permanent: true,
            answer,
        })?;
        match self.transport.send(message).await {
            Ok(r) => Ok(answer(&r)),
            Err(e) => Err(failure(&e)),
        }
    }

    /// Hands a mail written elsewhere (`raw`, RFC 5322) to the server for
    /// `to`, from the envelope sender `from`.
    pub async fn send_raw(
        &self,
        from: &str,
        to: &[&str],
        raw: &[u8],
    ) -> Result<String, SendFailure> {
        let address = |a: &str| {
            a.parse::<lettre::Address>().map_err(|e| SendFailure {
                permanent: true,
                answer: format!("{a}: {e}"),
            })
        };
        let recipients = to
            .iter()
            .map(|a| address(a))
            .collect::<Result<Vec<_>, _>>()?;
        let envelope =
            lettre::address::Envelope::new(Some(address(from)?), recipients).map_err(|e| {
                SendFailure {
                    permanent: true,
                    answer: e.to_string(),
                }
            })?;
        match self.transport.send_raw(&envelope, raw).await {
            Ok(r) => Ok(answer(&r)),
            Err(e) => Err(failure(&e)),
        }
    }
}

impl MailSender for SmtpSender {
    fn send<'a>(&'a self, mail: &'a OutboxRecord) -> BoxFuture<'a, Result<String, SendFailure>> {
        Box::pin(self.deliver(mail))
    }
}

fn answer(r: &lettre::transport::smtp::response::Response) -> String {
    format!("{} {}", r.code(), r.message().collect::<Vec<_>>().join(" "))
}

fn failure(e: &lettre::transport::smtp::Error) -> SendFailure {
    SendFailure {
        permanent: e.is_permanent(),
        answer: e.to_string(),
    }
}

fn header(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_owned())
}

/// The mail of an outbox row: plain text in UTF-8, marked as sent
/// automatically (RFC 3834) so that well-behaved auto-responders stay
/// quiet, with the ticket's threading headers.
pub fn message(mail: &OutboxRecord) -> Result<Message, String> {
    let parse = |a: &str| a.parse::<Mailbox>().map_err(|e| format!("{a}: {e}"));
    let mut b = Message::builder()
        .from(parse(&mail.sender)?)
        .to(parse(&mail.recipient)?)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{}>", mail.message_id)))
        .raw_header(header("Auto-Submitted", "auto-generated"))
        .raw_header(header("X-Auto-Response-Suppress", "All"));
    if let Some(r) = &mail.reply_to {
        b = b.reply_to(parse(r)?);
    }
    if let Some(id) = &mail.in_reply_to {
        b = b.in_reply_to(format!("<{id}>"));
    }
    if let Some(refs) = &mail.mail_references {
        let list: Vec<String> = refs.split_whitespace().map(|r| format!("<{r}>")).collect();
        b = b.references(list.join(" "));
    }
    b.header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| e.to_string())
}
