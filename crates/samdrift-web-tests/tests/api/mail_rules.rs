//! The rules of mail, on the router and a real database (the servers'
//! part is `mail_servers.rs`): each user's channels with role defaults;
//! notification mail queued only for those who want it; members' texts
//! refused with the line of their mistake; and incoming mail taken once,
//! from unknown senders as unverified contacts, never across members by a
//! forged token, with bounces marking addresses and unreadable mail set
//! aside for administrators.

use crate::harness::{TestApp, backends, federation, report};
use axum::http::{Method, StatusCode};
use samdrift_app::mail::MailSettings;
use samdrift_app::mail::inbound::{MailboxRef, Received};
use samdrift_integrations::mail_parse;
use samdrift_integrations::smtp::{Security, SmtpSender, SmtpSettings};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) fn with_mail(t: TestApp) -> TestApp {
    // Mail is queued, never sent here: the sender is never asked.
    let sender = SmtpSender::new(&SmtpSettings {
        host: "127.0.0.1".into(),
        port: 9,
        security: Security::StartTls,
        ca_file: None,
        username: None,
        password: None,
        hello_name: None,
    })
    .unwrap();
    let settings = MailSettings {
        public_url: "https://samdrift.test".into(),
        from: "servicedesk@gsit.example".into(),
        desks: HashMap::from([
            ("YST".to_owned(), "servicedesk@yst.example".to_owned()),
            ("SIM".to_owned(), "servicedesk@sim.example".to_owned()),
        ]),
        sender: Some(Arc::new(sender)),
        trusted_authserv_id: None,
    };
    let app = t.app.clone().with_mail(settings);
    t.with_app(app)
}

fn desk(member: &str) -> MailboxRef {
    MailboxRef {
        key: format!("{member} desk INBOX"),
        member: member.into(),
        address: format!("servicedesk@{}.example", member.to_lowercase()),
    }
}

pub(crate) async fn receive(t: &TestApp, member: &str, uid: u32, raw: &str) -> Received {
    t.app
        .receive_mail(
            &desk(member),
            7,
            uid,
            raw.as_bytes(),
            mail_parse::read(raw.as_bytes()),
        )
        .await
        .unwrap()
}

pub(crate) fn mail(from: &str, to: &str, subject: &str, extra: &str) -> String {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{}@example.org>\r\n{extra}\
         Content-Type: text/plain; charset=utf-8\r\n\r\nSkrivaren fungerar inte.\r\n",
        uuid::Uuid::now_v7().simple()
    )
}

#[tokio::test]
async fn channels_have_role_defaults_and_each_user_chooses_their_own() {
    for t in backends().await {
        let f = federation(&t).await;
        let (agent, user) = (f.token("agent"), f.token("yst.end_user"));
        let mine = t.get("/api/v1/notification-channels", agent).await.json();
        let channel = |list: &serde_json::Value, kind: &str| {
            list.as_array()
                .unwrap()
                .iter()
                .find(|c| c["kind"] == kind)
                .map(|c| c["channel"].clone())
                .unwrap()
        };
        assert_eq!(
            channel(&mine, "ticket_assigned"),
            "immediate",
            "{}",
            t.backend
        );
        assert_eq!(channel(&mine, "group_assigned"), "digest");
        assert_eq!(channel(&mine, "ticket_comment"), "product");
        let theirs = t.get("/api/v1/notification-channels", user).await.json();
        assert_eq!(channel(&theirs, "ticket_comment"), "immediate");

        let r = t
            .send(
                Method::PUT,
                "/api/v1/notification-channels",
                user,
                json!({"channels": {"ticket_comment": "digest", "status_message": "product"}}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let now = t.get("/api/v1/notification-channels", user).await.json();
        assert_eq!(channel(&now, "ticket_comment"), "digest");
        assert_eq!(channel(&now, "status_message"), "product");
        assert_eq!(
            channel(&now, "ticket_status"),
            "immediate",
            "untouched kinds keep theirs"
        );
        let again = t.get("/api/v1/notification-channels", agent).await.json();
        assert_eq!(
            again, mine,
            "{}: another user's choice is not mine",
            t.backend
        );

        let bad = t
            .send(
                Method::PUT,
                "/api/v1/notification-channels",
                user,
                json!({"channels": {"ticket_comment": "pigeon"}}),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.is_problem());
        assert!(String::from_utf8_lossy(&bad.body).contains("pigeon"));
    }
}

#[tokio::test]
async fn notification_mail_is_queued_for_those_who_want_it_and_the_outbox_is_for_administrators() {
    for t in backends().await {
        let f = federation(&t).await;
        let t = with_mail(t);
        let (agent, user, admin) = (f.token("agent"), f.token("yst.end_user"), f.token("admin"));
        let ticket = report(&t, user, None, "Skrivaren skriver inte").await;
        let id = ticket["id"].as_str().unwrap();
        let r = t
            .post(
                &format!("/api/v1/tickets/{id}/comments"),
                agent,
                json!({"body": "Vi tittar på det.", "public": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let outbox = t.get("/api/v1/mail/outbox?state=queued", admin).await;
        assert_eq!(
            outbox.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&outbox.body)
        );
        let outbox = outbox.json();
        let items = outbox["items"].as_array().unwrap();
        assert_eq!(
            items.len(),
            1,
            "{}: only the requester wants it by mail: {outbox}",
            t.backend
        );
        assert_eq!(items[0]["recipient"], "end_user@yst.example");
        assert_eq!(
            items[0]["sender"], "servicedesk@yst.example",
            "the member's desk sends"
        );
        assert!(
            items[0]["subject"]
                .as_str()
                .unwrap()
                .contains(ticket["number"].as_str().unwrap())
        );
        assert_eq!(outbox["queued"], 1);

        for who in [user, agent] {
            let r = t.get("/api/v1/mail/outbox", who).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", t.backend);
        }
        let r = t.get("/api/v1/mail/outbox?state=lost", admin).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn a_member_text_with_a_mistake_is_refused_with_its_line() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let path = "/api/v1/members/YST/mail-texts/ticket_comment/sv";
        let bad = t
            .send(Method::PUT, path, admin, json!({"subject": "[{{ ticket }}] Svar", "body": "Hej {{ recipient }},\n\n{{ personnummer }}\n"}))
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            t.backend
        );
        let text = String::from_utf8_lossy(&bad.body);
        assert!(
            text.contains("Line 3") && text.contains("\"body\""),
            "{text}"
        );
        let good = t
            .send(Method::PUT, path, admin, json!({"subject": "[{{ ticket }}] Svar från {{ member }}", "body": "Hej {{ recipient }}!\n{{ text }}"}))
            .await;
        assert_eq!(
            good.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&good.body)
        );
        assert_eq!(
            good.json()["subject"],
            "[YST-2026-000123] Svar från Ystad kommun"
        );
        let user = t
            .send(
                Method::PUT,
                path,
                f.token("yst.orderer"),
                json!({"subject": "x", "body": "y"}),
            )
            .await;
        assert_eq!(user.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn incoming_mail_is_taken_once_and_never_crosses_members() {
    for t in backends().await {
        let f = federation(&t).await;
        let t = with_mail(t);
        let admin = f.token("admin");

        // A known person's mail: their ticket; the same UID again: taken.
        let known = mail(
            "End User <end_user@yst.example>",
            "servicedesk@yst.example",
            "Skrivaren",
            "",
        );
        let Received::Ticket(number) = receive(&t, "YST", 1, &known).await else {
            panic!("no ticket")
        };
        assert_eq!(
            receive(&t, "YST", 1, &known).await,
            Received::AlreadyTaken,
            "{}",
            t.backend
        );

        // A reply to it once it is resolved reopens it (the sender is its
        // requester, who names it in the subject).
        let agent = f.token("agent");
        let list = t.get("/api/v1/tickets?limit=200", agent).await.json();
        let ticket = list["items"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["number"] == number.as_str()))
            .cloned()
            .unwrap();
        let id = ticket["id"].as_str().unwrap();
        let r = t
            .patch(
                &format!("/api/v1/tickets/{id}"),
                agent,
                ticket["version"].as_i64().unwrap(),
                json!({"status": "resolved", "resolution": "Bytt toner"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let answer = mail(
            "End User <end_user@yst.example>",
            "servicedesk@yst.example",
            &format!("SV: [{number}] Skrivaren"),
            "",
        );
        assert_eq!(
            receive(&t, "YST", 10, &answer).await,
            Received::Comment(number.clone()),
            "{}",
            t.backend
        );
        let now = t.get(&format!("/api/v1/tickets/{id}"), agent).await.json();
        assert_ne!(
            now["status"], "resolved",
            "{}: the answer reopened it",
            t.backend
        );

        // An unknown sender: a ticket from an unverified contact.
        let stranger = mail(
            "Okänd <okand@example.org>",
            "servicedesk@yst.example",
            "Hjälp",
            "",
        );
        assert!(matches!(
            receive(&t, "YST", 2, &stranger).await,
            Received::Ticket(_)
        ));

        // Our reply's token sent to another member's desk reaches nothing
        // there: it becomes that member's own new ticket.
        let forged = mail(
            "End User <end_user@sim.example>",
            "servicedesk@sim.example",
            &format!("SV: [{number}] Skrivaren"),
            &format!(
                "In-Reply-To: <samdrift.0.{}.0a1b2c3d4e5f@yst.example>\r\n",
                number.to_lowercase()
            ),
        );
        let Received::Ticket(other) = receive(&t, "SIM", 3, &forged).await else {
            panic!("forged reply joined a ticket")
        };
        assert!(other.starts_with("SIM-"), "{other}");

        // A delivery report marks the address failing; junk is set aside.
        let bounce = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samdrift-integrations/tests/mail/postfix_bounce.eml"
        ))
        .unwrap();
        assert!(matches!(
            receive(&t, "YST", 4, &bounce).await,
            Received::Bounce(_)
        ));
        let failing = t.get("/api/v1/mail/failing-addresses", admin).await.json();
        assert!(
            failing.to_string().contains("nobody@ystad.example"),
            "{failing}"
        );
        assert!(matches!(
            receive(&t, "YST", 5, "\u{0}\u{1}junk").await,
            Received::SetAside(_)
        ));
        let aside = t
            .get("/api/v1/mail/inbound?state=set_aside", admin)
            .await
            .json();
        assert_eq!(aside.as_array().map(Vec::len), Some(1), "{aside}");
        let auto = mail(
            "End User <end_user@yst.example>",
            "servicedesk@yst.example",
            "Frånvaro",
            "Auto-Submitted: auto-replied\r\n",
        );
        assert_eq!(
            receive(&t, "YST", 6, &auto).await,
            Received::Ignored("auto_submitted".into())
        );
        let r = t
            .get("/api/v1/mail/inbound", f.token("yst.strategist"))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_demo_has_mail_born_tickets_and_its_staff_find_the_bell_lit() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let admin = t.app.create_token("admin").await.unwrap();
        let inbound = t.get("/api/v1/mail/inbound", &admin).await.json();
        let states: Vec<&str> = inbound
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["state"].as_str().unwrap())
            .collect();
        assert_eq!(
            states.iter().filter(|s| **s == "ticket").count(),
            2,
            "{}: {inbound}",
            t.backend
        );
        assert_eq!(
            states.iter().filter(|s| **s == "comment").count(),
            1,
            "{inbound}"
        );
        for (user, kind) in [
            ("tekniker", "ticket_assigned"),
            ("gruppledare", "group_assigned"),
            ("agent", "ticket_comment"),
            ("yst.user", "status_message"),
        ] {
            let token = t.app.create_token(user).await.unwrap();
            let mine = t.get("/api/v1/notifications", &token).await.json();
            assert!(
                mine.as_array().unwrap().iter().any(|n| n["kind"] == kind),
                "{}: {user} has no {kind}: {mine}",
                t.backend
            );
        }
    }
}

/// The id of the ticket numbered `number` (the agent lists them all).
async fn ticket_id(t: &TestApp, agent: &str, number: &str) -> String {
    let list = t.get("/api/v1/tickets?limit=200", agent).await.json();
    list["items"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["number"] == number))
        .and_then(|x| x["id"].as_str())
        .unwrap_or_else(|| panic!("no ticket {number}: {list}"))
        .to_owned()
}

#[tokio::test]
async fn a_mails_attachments_join_its_ticket_and_a_failed_dmarc_never_links_a_privileged_person() {
    for t in backends().await {
        let f = federation(&t).await;
        let t = with_mail(t);
        let agent = f.token("agent");
        let with_pdf = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samdrift-integrations/tests/mail/alternative_with_pdf.eml"
        ))
        .unwrap();
        let Received::Ticket(number) = receive(&t, "YST", 1, &with_pdf).await else {
            panic!("no ticket")
        };
        let id = ticket_id(&t, agent, &number).await;
        let files = t
            .get(&format!("/api/v1/tickets/{id}/attachments"), agent)
            .await
            .json();
        let names: Vec<&str> = files
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["filename"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 1, "{}: {files}", t.backend);
        assert!(names[0].ends_with(".pdf"), "{names:?}");

        // The orderer's own address, but DMARC failed at our server: the
        // ticket is from an unverified contact, not from the orderer.
        let forged = mail(
            "Orderer YST <orderer@yst.example>",
            "servicedesk@yst.example",
            "Beställ 40 datorer",
            "Authentication-Results: mx.yst.example; dmarc=fail (p=reject) header.from=yst.example\r\n",
        );
        let Received::Ticket(number) = receive(&t, "YST", 2, &forged).await else {
            panic!("no ticket")
        };
        let id = ticket_id(&t, agent, &number).await;
        let ticket = t.get(&format!("/api/v1/tickets/{id}"), agent).await.json();
        assert_eq!(
            ticket["requester_id"],
            serde_json::Value::Null,
            "{}: {ticket}",
            t.backend
        );
        let contact = t
            .get(&format!("/api/v1/tickets/{id}/mail-contact"), agent)
            .await
            .json();
        assert_eq!(contact["state"], "unverified", "{contact}");
        // The same mail with DMARC passing is the orderer's.
        let genuine = mail(
            "Orderer YST <orderer@yst.example>",
            "servicedesk@yst.example",
            "Beställ 40 datorer",
            "",
        );
        let Received::Ticket(number) = receive(&t, "YST", 3, &genuine).await else {
            panic!("no ticket")
        };
        let id = ticket_id(&t, agent, &number).await;
        let ticket = t.get(&format!("/api/v1/tickets/{id}"), agent).await.json();
        assert_ne!(
            ticket["requester_id"],
            serde_json::Value::Null,
            "{}",
            t.backend
        );
    }
}
