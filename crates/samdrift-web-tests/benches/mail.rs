//! Benchmark: mail through the real Postfix and Dovecot of
//! `tests/mail/start.sh`, on a SQLite file with the demo federation.
//!
//! 1. Incoming: 1,000 mails are put in Ystad's desk mailbox (IMAP APPEND:
//!    800 from 50 of Ystad's people, 200 from strangers), then the desk
//!    is read as the server reads it (IMAP fetch, parse, claim, thread,
//!    ticket, acknowledgement queued, flag). Target: 1,000 a minute.
//! 2. An outage notice to 10,000 people of Ystad (each an end user with an
//!    account whose role defaults to mail at once): the time to store the
//!    notifications and queue the mail (target under 10 s), then the time
//!    to hand all of it to Postfix (target over 100 mails/s) while an
//!    agent loads the queue page over and over (target p99 under 50 ms
//!    meanwhile).
//!
//! Run by hand: `bench/mail.sh` (starts the servers, runs this in
//! release).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use samdrift_app::mail::MailSettings;
use samdrift_app::mail::inbound::{MailboxRef, Received};
use samdrift_app::service_levels::outages::NewOutage;
use samdrift_app::{App, Settings, Store};
use samdrift_integrations::imap::{self, ImapSettings};
use samdrift_integrations::smtp::{Security, SmtpSender, SmtpSettings};
use samdrift_web::{AppState, router};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const DESK: &str = "servicedesk@ystad.example";
const INCOMING: usize = 1_000;
const RECIPIENTS: usize = 10_000;

struct Servers {
    submission: u16,
    imaps: u16,
    ca: String,
    password: String,
}

fn servers() -> Servers {
    let var = |n: &str| std::env::var(n).unwrap_or_else(|_| panic!("{n}: run bench/mail.sh"));
    Servers {
        submission: var("SAMDRIFT_TEST_SUBMISSION_PORT").parse().unwrap(),
        imaps: var("SAMDRIFT_TEST_IMAPS_PORT").parse().unwrap(),
        ca: var("SAMDRIFT_TEST_MAIL_CA"),
        password: std::fs::read_to_string(var("SAMDRIFT_TEST_MAIL_PASSWORD_FILE"))
            .unwrap()
            .trim()
            .to_owned(),
    }
}

fn desk(s: &Servers) -> ImapSettings {
    ImapSettings {
        mailbox: MailboxRef {
            key: "YST bench INBOX".into(),
            member: "YST".into(),
            address: DESK.into(),
        },
        host: "127.0.0.1".into(),
        port: s.imaps,
        security: imap::Security::Tls,
        ca_file: Some(s.ca.clone().into()),
        username: DESK.into(),
        password: s.password.clone(),
        folder: "INBOX".into(),
        poll_seconds: 1,
    }
}

fn sender(s: &Servers) -> SmtpSender {
    SmtpSender::new(&SmtpSettings {
        host: "127.0.0.1".into(),
        port: s.submission,
        security: Security::StartTls,
        ca_file: Some(s.ca.clone().into()),
        username: Some(DESK.into()),
        password: Some(s.password.clone()),
        hello_name: None,
    })
    .unwrap()
}

fn mail(n: usize, from: &str) -> String {
    format!(
        "From: {from}\r\nTo: {DESK}\r\nSubject: =?utf-8?Q?Skrivaren_p=C3=A5_plan_{n}_fungerar_inte?=\r\n\
         Message-ID: <bench.{n}.{}@ystad.example>\r\nDate: Thu, 03 Dec 2026 09:00:00 +0100\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         Hej!\r\n\r\nSkrivaren på plan {n} säger att tonern är slut, och det blinkar rött.\r\n\r\nMed vänlig hälsning\r\n",
        uuid::Uuid::now_v7().simple()
    )
}

/// Puts the bench's mails in the desk mailbox (emptied first).
async fn fill_desk(s: &Servers, senders: &[String]) {
    use futures_util::TryStreamExt as _;
    let mut session = imap::connect(&desk(s)).await.unwrap();
    session.select("INBOX").await.unwrap();
    let _: Vec<_> = session
        .store("1:*", "+FLAGS (\\Deleted)")
        .await
        .map(|s| s.try_collect::<Vec<_>>())
        .unwrap()
        .await
        .unwrap_or_default();
    session
        .expunge()
        .await
        .map(|s| s.try_collect::<Vec<_>>())
        .unwrap()
        .await
        .ok();
    for n in 0..INCOMING {
        // Each known sender stays under the rate limit (20 an hour).
        let from = if n % 5 == 4 || n / 5 * 4 >= senders.len() * 15 {
            format!("Okänd {n} <okand{n}@example.org>")
        } else {
            senders[n % senders.len()].clone()
        };
        session
            .append("INBOX", None, None, mail(n, &from).as_bytes())
            .await
            .unwrap();
    }
    session.logout().await.ok();
}

async fn incoming(app: &App, s: &Servers, people: &[String]) {
    fill_desk(s, people).await;
    let settings = desk(s);
    let started = Instant::now();
    let mut session = imap::connect(&settings).await.unwrap();
    let mut taken: Vec<Received> = Vec::new();
    while taken.len() < INCOMING {
        let round = imap::read_once(app, &settings, &mut session).await.unwrap();
        if round.is_empty() {
            break;
        }
        taken.extend(round);
    }
    let seconds = started.elapsed().as_secs_f64();
    let tickets = taken
        .iter()
        .filter(|r| matches!(r, Received::Ticket(_)))
        .count();
    let mut outcomes: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for r in &taken {
        let name = match r {
            Received::Ticket(_) => "ticket".to_owned(),
            Received::Comment(_) => "comment".to_owned(),
            other => format!("{other:?}"),
        };
        *outcomes.entry(name).or_default() += 1;
    }
    println!("incoming outcomes: {outcomes:?}");
    println!(
        "incoming: {} mails read in {seconds:.1} s = {:.0} mails/min ({tickets} tickets, {:.1} ms a mail)",
        taken.len(),
        taken.len() as f64 * 60.0 / seconds,
        seconds * 1000.0 / taken.len().max(1) as f64
    );
}

/// 10,000 people of Ystad with an end user's account each, their mail to
/// Bo Berg's mailbox by plus addresses, inserted directly (a password
/// hash for each would take minutes and is not what is measured).
async fn recipients(db: &str) {
    let pool = sqlx::SqlitePool::connect(db).await.unwrap();
    let member: uuid::Uuid = sqlx::query_scalar("SELECT id FROM members WHERE code = 'YST'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let mut tx = pool.begin().await.unwrap();
    for n in 0..RECIPIENTS {
        let (person, account) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        sqlx::query("INSERT INTO people (member_id, id, name, email, kind, version) VALUES ($1, $2, $3, $4, 'employee', 1)")
            .bind(member).bind(person).bind(format!("Bänkperson {n}"))
            .bind(format!("bo.berg+b{n}@ystad.example"))
            .execute(&mut *tx).await.unwrap();
        sqlx::query("INSERT INTO accounts (id, username, password_hash, person_member_id, person_id, language, disabled, created_at, version) \
                     VALUES ($1, $2, 'x', $3, $4, 'sv', 0, 0, 1)")
            .bind(account).bind(format!("bench{n}")).bind(member).bind(person)
            .execute(&mut *tx).await.unwrap();
        sqlx::query(
            "INSERT INTO account_roles (account_id, member_id, role) VALUES ($1, $2, 'end_user')",
        )
        .bind(account)
        .bind(member)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn queue_page(web: &axum::Router, cookie: &str) -> f64 {
    let req = Request::builder()
        .uri("/agent?queue=groups")
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let t = Instant::now();
    let resp = web.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), 200);
    let _ = resp.into_body().collect().await.unwrap();
    t.elapsed().as_secs_f64() * 1000.0
}

async fn outage(app: &App, web: &axum::Router, service: uuid::Uuid) {
    let scope = app.system_scope();
    let started = Instant::now();
    app.create_outage(
        &scope,
        NewOutage {
            service_id: service,
            members: vec!["YST".into()],
            starts_at: app.clock.now(),
            ends_at: None,
            planned: false,
            announced_at: None,
            message: "E-posten fungerar inte just nu. Vi arbetar på det.".into(),
        },
    )
    .await
    .unwrap();
    let queued_in = started.elapsed().as_secs_f64();
    let (counts, _) = app.outbox(&scope, Some("queued")).await.unwrap();
    println!("outage: {} mails queued in {queued_in:.2} s", counts.queued);

    let cookie = {
        let s = app
            .login("agent", samdrift_app::demo::DEMO_PASSWORD, None)
            .await
            .unwrap();
        format!("samdrift_session={}", s.token)
    };
    let mut quiet = Vec::new();
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until {
        quiet.push(queue_page(web, &cookie).await);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    quiet.sort_by(f64::total_cmp);
    let q = |p: f64| quiet[((quiet.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "agent queue before (no mail sent): {} loads, p50 {:.1} ms, p99 {:.1} ms",
        quiet.len(),
        q(0.5),
        q(0.99)
    );
    let done = Arc::new(AtomicBool::new(false));
    let load = {
        let (web, done) = (web.clone(), done.clone());
        tokio::spawn(async move {
            let mut times = Vec::new();
            while !done.load(Ordering::Relaxed) {
                times.push(queue_page(&web, &cookie).await);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            times
        })
    };
    let started = Instant::now();
    let mut sent = 0;
    loop {
        sent += app.send_due_mail(200).await.unwrap();
        let (left, _) = app.outbox(&scope, Some("queued")).await.unwrap();
        if left.queued == 0 && left.sending == 0 {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let mut times = load.await.unwrap();
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let (failed_counts, failed) = app.outbox(&scope, Some("failed")).await.unwrap();
    if let Some(f) = failed.first() {
        println!("a failed mail: {} {:?}", f.recipient, f.answer);
    }
    println!(
        "outage: {sent} mails handed to Postfix in {seconds:.1} s = {:.0} mails/s ({} failed)",
        sent as f64 / seconds,
        failed_counts.failed
    );
    println!(
        "agent queue meanwhile: {} loads, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        times.len(),
        pick(0.5),
        pick(0.99),
        pick(1.0)
    );
}

#[tokio::main]
async fn main() {
    let s = servers();
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("mail.db").display());
    let store = Store::connect(&db).await.unwrap();
    store.migrate().await.unwrap();
    let app = App::new(
        store,
        Arc::new(samdrift_app::SystemClock),
        Settings::default(),
    );
    app.load_demo().await.unwrap();
    let app = app.with_mail(MailSettings {
        public_url: "https://samdrift.bench".into(),
        from: DESK.into(),
        desks: HashMap::from([("YST".to_owned(), DESK.to_owned())]),
        sender: Some(Arc::new(sender(&s))),
        trusted_authserv_id: None,
    });
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .build_recorder()
        .handle();
    let web = router(AppState {
        app: app.clone(),
        metrics,
        metrics_token: None,
        secure_cookies: false,
        trusted_proxies: vec![],
    });
    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    let people: Vec<String> = sqlx::query_scalar(
        "SELECT p.email FROM people p JOIN members m ON m.id = p.member_id WHERE m.code = 'YST' ORDER BY p.email LIMIT 50",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let service: uuid::Uuid = sqlx::query_scalar("SELECT id FROM services ORDER BY code LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    let cookie = {
        let s = app
            .login("agent", samdrift_app::demo::DEMO_PASSWORD, None)
            .await
            .unwrap();
        format!("samdrift_session={}", s.token)
    };
    let mut first = Vec::new();
    for _ in 0..50 {
        first.push(queue_page(&web, &cookie).await);
    }
    first.sort_by(f64::total_cmp);
    println!(
        "agent queue on the demo alone: p50 {:.1} ms, max {:.1} ms",
        first[25], first[49]
    );
    incoming(&app, &s, &people).await;
    // The acknowledgements of the incoming mails go out first.
    while app.send_due_mail(200).await.unwrap() > 0 {}
    recipients(&db).await;
    outage(&app, &web, service).await;
}
