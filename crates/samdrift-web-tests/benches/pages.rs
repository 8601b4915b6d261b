//! Benchmark: server time of the web UI's pages (target: every page of
//! the demo under 100 ms; the agent queue with 100,000 tickets under
//! 200 ms). Requests go through the real router on a real SQLite file
//! (no network), signed in as each demo role.
//!
//! Run by hand: `cargo bench -p samdrift-web --bench pages`
//! (`SAMDRIFT_BENCH_TICKETS` changes the bulk count).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use samdrift_app::{App, Settings, Store};
use samdrift_domain::ids::{GroupId, MemberId, ServiceId, TicketId};
use samdrift_domain::priority::Priority;
use samdrift_domain::ticket::{Status, TicketType};
use samdrift_domain::time::Clock;
use samdrift_store::service_levels::clocks::ClockRecord;
use samdrift_store::tickets::{NewTicket, TicketRecord};
use samdrift_web::{AppState, router};
use std::sync::Arc;
use std::time::Instant;
use tower::ServiceExt;

struct Fixed(jiff::Timestamp);
impl Clock for Fixed {
    fn now(&self) -> jiff::Timestamp {
        self.0
    }
}

async fn time_page(app: &axum::Router, cookie: &str, path: &str) -> (f64, f64, u16) {
    let mut times = Vec::new();
    let mut status = 0;
    for _ in 0..15 {
        let req = Request::builder()
            .uri(path)
            .header("cookie", cookie)
            .body(Body::empty())
            .unwrap();
        let t = Instant::now();
        let resp = app.clone().oneshot(req).await.unwrap();
        status = resp.status().as_u16();
        let _ = resp.into_body().collect().await.unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[7], times[14], status)
}

async fn session(app: &App, user: &str) -> String {
    let s = app
        .login(user, samdrift_app::demo::DEMO_PASSWORD, None)
        .await
        .unwrap();
    format!("samdrift_session={}", s.token)
}

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("SAMDRIFT_BENCH_TICKETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!(
        "sqlite://{}",
        dir.path().join("pages.db").display()
    ))
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let now: jiff::Timestamp = "2027-01-15T12:00:00Z".parse().unwrap();
    let app = App::new(store.clone(), Arc::new(Fixed(now)), Settings::default());
    app.load_demo().await.unwrap();
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
    let scope = app.system_scope();
    let some_ticket = store
        .list_tickets(
            &scope,
            &samdrift_store::tickets::TicketFilter {
                limit: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap()[0]
        .ticket
        .id;

    let pages = [
        ("yst.user", "/portal".to_owned()),
        ("yst.user", "/portal/new".to_owned()),
        ("agent", format!("/tickets/{some_ticket}")),
        ("agent", "/agent?queue=groups".to_owned()),
        ("agent", "/agent?queue=all".to_owned()),
        ("agent", "/agent?queue=risk".to_owned()),
        ("agent", "/agent/lead".to_owned()),
        ("agent", "/agent/callers?q=berg".to_owned()),
        ("yst.orderer", "/member".to_owned()),
        ("yst.orderer", "/member/report".to_owned()),
        ("admin", "/admin/people".to_owned()),
        ("admin", "/admin/agreements".to_owned()),
    ];
    println!("demo federation ({} tickets):", 300);
    for (user, path) in &pages {
        let cookie = session(&app, user).await;
        let (median, worst, status) = time_page(&web, &cookie, path).await;
        println!("  {user:12} {path:40} {status}  median {median:6.1} ms  worst {worst:6.1} ms");
    }

    // Bulk: tickets spread over 2026, one in twenty still open with a running clock.
    let started = Instant::now();
    let members = store.list_members(&scope).await.unwrap();
    let services = store.list_services().await.unwrap();
    let groups = store.list_groups().await.unwrap();
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    let year_start: jiff::Timestamp = "2026-01-01T00:00:00+01:00".parse().unwrap();
    let mut batch = Vec::new();
    let mut clocks = Vec::new();
    for i in 0..count {
        let member = &members[(next() % members.len() as u64) as usize];
        let service = &services[(next() % services.len() as u64) as usize];
        let open = next() % 20 == 0;
        let created = year_start.as_microsecond() + (next() % (379 * 86_400)) as i64 * 1_000_000;
        let id = uuid::Uuid::now_v7();
        batch.push(NewTicket {
            member_code: member.code.clone(),
            year: 2026,
            ticket: TicketRecord {
                member_id: MemberId(member.id),
                id: TicketId(id),
                number: String::new(),
                ticket_type: TicketType::Incident,
                administration_id: None,
                requester_id: None,
                service_id: Some(ServiceId(service.id)),
                title: format!("Massärende {i} {}", service.name),
                description: "Genererat för mätning".into(),
                impact: 2,
                urgency: 2,
                priority: Priority::P3,
                priority_overridden: false,
                status: if open {
                    Status::InProgress
                } else {
                    Status::Closed
                },
                group_id: Some(GroupId(service.owning_group_id.unwrap_or(groups[0].id))),
                assignee_id: None,
                supplier_id: None,
                supplier_reference: None,
                created_at: created,
                updated_at: created,
                resolved_at: None,
                version: 1,
            },
            comments: vec![],
            attachments: vec![],
            events: vec![],
            request: None,
            clocks: vec![],
        });
        if open {
            clocks.push(ClockRecord {
                member_id: member.id,
                ticket_id: id,
                kind: "resolution".into(),
                number: String::new(),
                priority: "P3".into(),
                service_code: Some(service.code.clone()),
                agreement_id: None,
                entry: None,
                calendar_id: None,
                target_seconds: 83_700,
                elapsed_seconds: 1000,
                state: "running".into(),
                started_at: created,
                stopped_at: None,
                due_at: Some(created + 5 * 86_400 * 1_000_000),
                warning_at: Some(created + 4 * 86_400 * 1_000_000),
                breached_at: None,
                computed_at: created,
            });
        }
        if batch.len() == 2_000 || i + 1 == count {
            store
                .create_tickets(std::mem::take(&mut batch))
                .await
                .unwrap();
            store
                .save_clocks(&std::mem::take(&mut clocks))
                .await
                .unwrap();
        }
    }
    println!(
        "loaded {count} more tickets in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let cookie = session(&app, "agent").await;
    for path in [
        "/agent?queue=groups",
        "/agent?queue=all",
        "/agent?queue=risk",
        "/agent?queue=unassigned",
        "/agent?queue=all&q=skrivare",
    ] {
        let (median, worst, status) = time_page(&web, &cookie, path).await;
        println!("  agent        {path:40} {status}  median {median:6.1} ms  worst {worst:6.1} ms");
    }
}
