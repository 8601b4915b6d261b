//! Benchmark: the SLA compliance report over 100,000 tickets of one member
//! in one year (target: under 1 s on the SQLite default), and over the
//! whole federation-year.
//!
//! Run by hand: `cargo bench -p samdrift-app --bench sla_report`
//! (`SAMDRIFT_BENCH_TICKETS` changes the count; `SAMDRIFT_BENCH_DB` a
//! `postgres://` URL runs it on PostgreSQL). The data is the demo
//! federation plus synthetic tickets whose stored clocks are spread over
//! the year, so the report reads what it reads in production: the derived
//! clock rows, agreements, calendars and outages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use samdrift_app::{App, Settings, Store};
use samdrift_domain::ids::{MemberId, ServiceId, TicketId};
use samdrift_domain::priority::Priority;
use samdrift_domain::ticket::{Status, TicketType};
use samdrift_domain::time::Clock;
use samdrift_store::service_levels::clocks::ClockRecord;
use samdrift_store::tickets::{NewTicket, TicketRecord};
use std::sync::Arc;
use std::time::Instant;

struct Fixed(jiff::Timestamp);
impl Clock for Fixed {
    fn now(&self) -> jiff::Timestamp {
        self.0
    }
}

fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("SAMDRIFT_BENCH_TICKETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("SAMDRIFT_BENCH_DB")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let now: jiff::Timestamp = "2027-01-15T12:00:00Z".parse().unwrap();
    let app = App::new(store.clone(), Arc::new(Fixed(now)), Settings::default());
    app.load_demo().await.unwrap();
    let scope = app.system_scope();
    let yst = store.member_by_code("YST").await.unwrap().unwrap();
    let services = store.list_services().await.unwrap();

    let started = Instant::now();
    let year_start: jiff::Timestamp = "2026-01-01T00:00:00+01:00".parse().unwrap();
    let mut seed = 42u64;
    let mut batch = Vec::new();
    let mut clocks = Vec::new();
    for i in 0..count {
        let created =
            year_start.as_microsecond() + (lcg(&mut seed) % (364 * 86_400)) as i64 * 1_000_000;
        let service = &services[(lcg(&mut seed) % services.len() as u64) as usize];
        let priority = Priority::ALL[(lcg(&mut seed) % 4) as usize];
        let id = uuid::Uuid::now_v7();
        batch.push(NewTicket {
            member_code: yst.code.clone(),
            year: 2026,
            ticket: TicketRecord {
                member_id: MemberId(yst.id),
                id: TicketId(id),
                number: String::new(),
                ticket_type: TicketType::Incident,
                administration_id: None,
                requester_id: None,
                service_id: Some(ServiceId(service.id)),
                title: format!("Ärende {i}"),
                description: String::new(),
                impact: 2,
                urgency: 2,
                priority,
                priority_overridden: false,
                status: Status::Closed,
                group_id: None,
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
        for (kind, target) in [("response", 3_600i64), ("resolution", 28_800i64)] {
            let elapsed = (lcg(&mut seed) % (target as u64 * 5 / 4)) as i64;
            let stopped = created + elapsed * 3 * 1_000_000;
            clocks.push(ClockRecord {
                member_id: yst.id,
                ticket_id: id,
                kind: kind.into(),
                number: String::new(),
                priority: priority.as_str().into(),
                service_code: Some(service.code.clone()),
                agreement_id: None,
                entry: None,
                calendar_id: None,
                target_seconds: target,
                elapsed_seconds: elapsed,
                state: if elapsed > target {
                    "breached".into()
                } else {
                    "met".into()
                },
                started_at: created,
                stopped_at: Some(stopped),
                due_at: None,
                warning_at: None,
                breached_at: (elapsed > target).then_some(created + target * 3 * 1_000_000),
                computed_at: stopped,
            });
        }
        if batch.len() == 2_000 || i + 1 == count {
            let created = store
                .create_tickets(std::mem::take(&mut batch))
                .await
                .unwrap();
            for (clock, ticket) in clocks.iter_mut().zip(created.iter().flat_map(|t| [t, t])) {
                clock.number = ticket.number.clone();
            }
            store
                .save_clocks(&std::mem::take(&mut clocks))
                .await
                .unwrap();
        }
    }
    println!("backend: {:?}", store.backend());
    println!(
        "loaded {count} tickets ({} clock rows) in {:.1} s",
        count * 2,
        started.elapsed().as_secs_f64()
    );

    let mut query_times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let mut rows = 0;
        store
            .each_clock_for_report(
                &samdrift_domain::scope::MemberFilter::All,
                Some(yst.id),
                1_767_222_000_000_000,
                1_798_758_000_000_000,
                |_| rows += 1,
            )
            .await
            .unwrap();
        query_times.push((t.elapsed().as_secs_f64() * 1000.0, rows));
    }
    query_times.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "the report's query alone: {} rows, median {:.0} ms",
        query_times[2].1, query_times[2].0
    );
    for (label, member) in [
        ("member-year (YST, 2026)", Some("YST")),
        ("federation-year (2026)", None),
    ] {
        let mut times = Vec::new();
        let mut counted = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let report = app
                .sla_report(&scope, member, "2026-01-01", "2027-01-01")
                .await
                .unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            counted = report
                .compliance
                .totals
                .iter()
                .map(|t| t.counted)
                .sum::<u64>();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label}: {counted} clocks counted; median {:.0} ms, worst {:.0} ms over 5 runs",
            times[2], times[4]
        );
    }
}
