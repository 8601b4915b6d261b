//! Mail through the real Postfix and Dovecot that `tests/mail/start.sh`
//! starts. A user's mail to Ystad's desk address arrives in the desk
//! mailbox and becomes a ticket; the agent's public reply leaves through
//! Postfix and arrives in the user's mailbox with threading headers and a
//! reply address carrying the ticket's token; the user's reply to it
//! becomes a comment on the same ticket and ends the wait for them; an
//! automatic reply to that does nothing; a mail to an unknown address is
//! refused by the server and the address is marked failing.

use crate::harness::{TestApp, backends, federation};
use axum::http::StatusCode;
use samdrift_app::mail::MailSettings;
use samdrift_app::mail::inbound::{MailboxRef, Received};
use samdrift_integrations::imap::{self, ImapSettings};
use samdrift_integrations::mail_parse;
use samdrift_integrations::smtp::{Security, SmtpSender, SmtpSettings};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

const DESK: &str = "servicedesk@ystad.example";
const ANNA: &str = "anna.andersson@ystad.example";

struct Servers {
    smtp_port: u16,
    submission_port: u16,
    imaps_port: u16,
    imap_port: u16,
    ca: String,
    password: String,
}

fn servers() -> Option<Servers> {
    let Ok(port) = std::env::var("SAMDRIFT_TEST_SMTP_PORT") else {
        assert!(
            std::env::var("SAMDRIFT_REQUIRE_MAIL").is_err() && std::env::var("CI").is_err(),
            "SAMDRIFT_TEST_SMTP_PORT is required here: start tests/mail/start.sh"
        );
        eprintln!("no mail servers (tests/mail/start.sh): mail not tested end to end");
        return None;
    };
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name}"));
    Some(Servers {
        smtp_port: port.parse().unwrap(),
        submission_port: var("SAMDRIFT_TEST_SUBMISSION_PORT").parse().unwrap(),
        imaps_port: var("SAMDRIFT_TEST_IMAPS_PORT").parse().unwrap(),
        imap_port: var("SAMDRIFT_TEST_IMAP_PORT").parse().unwrap(),
        ca: var("SAMDRIFT_TEST_MAIL_CA"),
        password: std::fs::read_to_string(var("SAMDRIFT_TEST_MAIL_PASSWORD_FILE"))
            .unwrap()
            .trim()
            .to_owned(),
    })
}

/// The desk's client: sends through submission as the desk.
fn desk_sender(s: &Servers) -> SmtpSender {
    SmtpSender::new(&SmtpSettings {
        host: "127.0.0.1".into(),
        port: s.submission_port,
        security: Security::StartTls,
        ca_file: Some(s.ca.clone().into()),
        username: Some(DESK.into()),
        password: Some(s.password.clone()),
        hello_name: None,
    })
    .unwrap()
}

/// A user's mail program: hands mail to the MX port like any other server.
fn user_sender(s: &Servers) -> SmtpSender {
    SmtpSender::new(&SmtpSettings {
        host: "127.0.0.1".into(),
        port: s.smtp_port,
        security: Security::StartTls,
        ca_file: Some(s.ca.clone().into()),
        username: None,
        password: None,
        hello_name: None,
    })
    .unwrap()
}

fn mailbox(s: &Servers, user: &str, implicit_tls: bool, key: &str) -> ImapSettings {
    ImapSettings {
        mailbox: MailboxRef {
            key: key.into(),
            member: "YST".into(),
            address: DESK.into(),
        },
        host: "127.0.0.1".into(),
        port: if implicit_tls {
            s.imaps_port
        } else {
            s.imap_port
        },
        security: if implicit_tls {
            imap::Security::Tls
        } else {
            imap::Security::StartTls
        },
        ca_file: Some(s.ca.clone().into()),
        username: user.into(),
        password: s.password.clone(),
        folder: "INBOX".into(),
        poll_seconds: 1,
    }
}

/// A mail as a user's program writes it: its Message-ID and its bytes.
fn user_mail(
    subject: &str,
    body: &str,
    to: &str,
    in_reply_to: Option<&str>,
    extra: &str,
) -> (String, Vec<u8>) {
    use base64::Engine as _;
    let id = format!("{}@ystad.example", uuid::Uuid::now_v7().simple());
    let subject = base64::engine::general_purpose::STANDARD.encode(subject);
    let threading = in_reply_to
        .map(|r| format!("In-Reply-To: <{r}>\r\nReferences: <{r}>\r\n"))
        .unwrap_or_default();
    let raw = format!(
        "From: Anna Andersson <{ANNA}>\r\nTo: {to}\r\nSubject: =?utf-8?B?{subject}?=\r\n\
         Message-ID: <{id}>\r\nDate: Thu, 03 Dec 2026 09:00:00 +0100\r\n{threading}{extra}\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    );
    (id, raw.into_bytes())
}

/// Anna's program hands a mail to the MX port.
async fn anna_sends(s: &Servers, to: &str, raw: &[u8]) {
    user_sender(s).send_raw(ANNA, &[to], raw).await.unwrap();
}

/// Deletes everything in a mailbox's INBOX.
async fn empty_inbox(settings: &ImapSettings) {
    use futures_util::TryStreamExt as _;
    let mut session = imap::connect(settings).await.unwrap();
    let inbox = session.select("INBOX").await.unwrap();
    if inbox.exists > 0 {
        let _: Vec<_> = session
            .store("1:*", "+FLAGS (\\Deleted)")
            .await
            .unwrap()
            .try_collect()
            .await
            .unwrap();
        let _: Vec<_> = session
            .expunge()
            .await
            .unwrap()
            .try_collect()
            .await
            .unwrap();
    }
    session.logout().await.ok();
}

/// Reads the desk mailbox until something new is taken (Postfix hands
/// mail to Dovecot within moments).
async fn take_desk_mail(t: &TestApp, desk: &ImapSettings) -> Vec<Received> {
    for _ in 0..100 {
        let mut session = imap::connect(desk).await.unwrap();
        let taken = imap::read_once(&t.app, desk, &mut session).await.unwrap();
        if !taken.is_empty() {
            return taken;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("nothing arrived in the desk mailbox");
}

/// The newest mail in `user`'s inbox whose subject contains `needle`.
async fn newest_mail_to(
    s: &Servers,
    user: &str,
    needle: &str,
) -> (Vec<u8>, samdrift_domain::mail::inbound::InboundMail) {
    use futures_util::TryStreamExt as _;
    for _ in 0..100 {
        let settings = mailbox(s, user, true, "reader");
        let mut session = imap::connect(&settings).await.unwrap();
        session.select("INBOX").await.unwrap();
        let fetched: Vec<_> = session
            .fetch("1:*", "BODY.PEEK[]")
            .await
            .unwrap()
            .try_collect()
            .await
            .unwrap();
        let found = fetched
            .iter()
            .rev()
            .filter_map(|f| f.body().map(<[u8]>::to_vec))
            .find_map(|raw| {
                let mail = mail_parse::read(&raw).ok()?;
                mail.subject.contains(needle).then_some((raw, mail))
            });
        if let Some(f) = found {
            return f;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail about {needle} reached {user}");
}

#[tokio::test]
async fn a_mail_becomes_a_ticket_the_reply_goes_out_threaded_and_the_answer_becomes_a_comment() {
    let Some(s) = servers() else { return };
    for (n, t) in backends().await.into_iter().enumerate() {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let yst = &f.members["YST"];
        let adm = t
            .post(
                &format!(
                    "/api/v1/members/{}/administrations",
                    yst["id"].as_str().unwrap()
                ),
                admin,
                json!({"name": "Vård och omsorg"}),
            )
            .await
            .json();
        let anna = t
            .post("/api/v1/people", admin, json!({"member": "YST", "administration_id": adm["id"], "name": "Anna Andersson", "email": ANNA, "kind": "employee"}))
            .await;
        assert_eq!(anna.status, StatusCode::CREATED);
        let settings = MailSettings {
            public_url: "https://samdrift.test".into(),
            from: DESK.into(),
            desks: HashMap::from([("YST".to_owned(), DESK.to_owned())]),
            sender: Some(Arc::new(desk_sender(&s))),
            trusted_authserv_id: None,
        };
        let t = {
            let app = t.app.clone().with_mail(settings);
            t.with_app(app)
        };
        // Each backend reads the desk mailbox under its own key: the
        // claims are per database, the mailbox is shared.
        let desk = mailbox(&s, DESK, n % 2 == 0, &format!("YST desk {}", t.backend));
        // What was in the desk mailbox before is someone else's.
        empty_inbox(&desk).await;

        // 1. Anna mails the desk.
        let subject = format!("Skrivaren på plan 2 fungerar inte ({})", t.backend);
        let (first, raw) = user_mail(
            &subject,
            "Hej!\r\n\r\nSkrivaren säger att tonern är slut.\r\n\r\nAnna",
            DESK,
            None,
            "",
        );
        anna_sends(&s, DESK, &raw).await;
        let taken = take_desk_mail(&t, &desk).await;
        let Some(Received::Ticket(number)) = taken.last().cloned() else {
            panic!("{}: the mail became {taken:?}", t.backend)
        };
        let agent = f.token("agent");
        let found = t.get("/api/v1/tickets?limit=200", agent).await;
        assert_eq!(
            found.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&found.body)
        );
        let found = found.json();
        let ticket = found["items"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["number"] == number.as_str()))
            .cloned()
            .unwrap_or_else(|| panic!("{found}"));
        let id = ticket["id"].as_str().unwrap().to_owned();
        assert_eq!(ticket["title"], subject.as_str());
        assert_eq!(
            ticket["requester_id"],
            anna.json()["id"],
            "{}: Anna is the requester",
            t.backend
        );

        // Anna is told the number (the acknowledgement).
        t.app.send_due_mail(50).await.unwrap();
        let (_, ack) = newest_mail_to(&s, ANNA, &format!("[{number}] Vi har tagit emot")).await;
        assert_eq!(ack.in_reply_to, vec![first.clone()], "{}", t.backend);

        // 2. The agent answers publicly and waits for Anna.
        let r = t
            .post(
                &format!("/api/v1/tickets/{id}/comments"),
                agent,
                json!({"body": "Vi byter tonern i dag. Fungerar den nu?", "public": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let version = t.get(&format!("/api/v1/tickets/{id}"), agent).await.json()["version"]
            .as_i64()
            .unwrap();
        let r = t
            .patch(
                &format!("/api/v1/tickets/{id}"),
                agent,
                version,
                json!({"status": "waiting_for_customer"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert!(
            t.app.send_due_mail(50).await.unwrap() >= 2,
            "{}: the reply and the wait went out",
            t.backend
        );
        let (_, reply) = newest_mail_to(&s, ANNA, &format!("[{number}] Nytt svar")).await;
        assert!(
            reply.text.contains("Vi byter tonern i dag."),
            "{}",
            reply.text
        );
        let our_id = reply.message_id.clone().unwrap();
        assert!(our_id.starts_with("samdrift."), "{our_id}");
        assert!(
            reply.references.contains(&first),
            "{}: threaded under Anna's mail",
            t.backend
        );
        let reply_to = reply.reply_to.clone().unwrap().address;
        assert!(
            reply_to.starts_with("servicedesk+") && reply_to.contains(&number.to_lowercase()),
            "{reply_to}"
        );

        // 3. Anna answers the reply: a comment on the same ticket.
        let (_, answer) = user_mail(
            &format!("SV: {}", reply.subject),
            "Ja, nu fungerar den. Tack!",
            &reply_to,
            Some(&our_id),
            "",
        );
        anna_sends(&s, &reply_to, &answer).await;
        let taken = take_desk_mail(&t, &desk).await;
        assert_eq!(
            taken.last(),
            Some(&Received::Comment(number.clone())),
            "{}",
            t.backend
        );
        let now = t.get(&format!("/api/v1/tickets/{id}"), agent).await.json();
        assert_eq!(
            now["status"], "in_progress",
            "{}: Anna's answer ends the wait",
            t.backend
        );
        let comments = t
            .get(&format!("/api/v1/tickets/{id}/comments"), agent)
            .await
            .json();
        let last = comments
            .as_array()
            .and_then(|c| c.last())
            .cloned()
            .unwrap_or_default();
        assert_eq!(last["body"], "Ja, nu fungerar den. Tack!", "{comments}");
        assert_eq!(
            last["by_staff"], false,
            "{}: written by the requester",
            t.backend
        );

        // 4. An automatic reply to our mail does nothing.
        let (_, auto) = user_mail(
            &format!("Frånvaro: {}", reply.subject),
            "Jag är på semester.",
            &reply_to,
            Some(&our_id),
            "Auto-Submitted: auto-replied\r\n",
        );
        anna_sends(&s, &reply_to, &auto).await;
        let taken = take_desk_mail(&t, &desk).await;
        assert_eq!(
            taken.last(),
            Some(&Received::Ignored("auto_submitted".into())),
            "{}",
            t.backend
        );
        let after = t
            .get(&format!("/api/v1/tickets/{id}/comments"), agent)
            .await
            .json();
        assert_eq!(
            after.as_array().map(Vec::len),
            comments.as_array().map(Vec::len)
        );

        // 5. Two nodes send the outbox at once: every mail is claimed by
        // one of them, once.
        let second = t.second_node().await.with_mail(MailSettings {
            public_url: "https://samdrift.test".into(),
            from: DESK.into(),
            desks: HashMap::from([("YST".to_owned(), DESK.to_owned())]),
            sender: Some(Arc::new(desk_sender(&s))),
            trusted_authserv_id: None,
        });
        for n in 0..12 {
            let r = t
                .post(
                    &format!("/api/v1/tickets/{id}/comments"),
                    agent,
                    json!({"body": format!("Svar {n}"), "public": true}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED);
        }
        let (a, b) = tokio::join!(t.app.send_due_mail(5), second.send_due_mail(5));
        let (c, d) = tokio::join!(t.app.send_due_mail(5), second.send_due_mail(5));
        let handed = a.unwrap() + b.unwrap() + c.unwrap() + d.unwrap();
        assert_eq!(
            handed, 12,
            "{}: twelve replies, each handed over once",
            t.backend
        );
        let admin = f.token("admin");
        let outbox = t.get("/api/v1/mail/outbox", admin).await.json();
        assert_eq!(outbox["queued"], 0, "{outbox}");
        assert!(
            outbox["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["attempts"] == 1),
            "{}: no mail was claimed twice: {outbox}",
            t.backend
        );

        // 6. A mail the server refuses (no such mailbox) fails at once and
        // marks its address failing.
        let (_, raw) = user_mail("Test", "Test", "nobody@ystad.example", None, "");
        let outcome = desk_sender(&s)
            .send_raw(DESK, &["nobody@ystad.example"], &raw)
            .await;
        assert!(outcome.as_ref().is_err_and(|e| e.permanent), "{outcome:?}");
    }
}
