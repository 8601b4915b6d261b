//! The load generator: drives a running samdrift server over HTTP on
//! loopback with a bounded number of requests per scenario and prints, per
//! scenario, the throughput, the p50/p95/p99 latency and the server's peak
//! resident memory. Run by hand (see `bench/README.md`); never a timed test.

use anyhow::{Context, bail};
use bytes::Bytes;
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(about = "Drive a samdrift server and report throughput and latency")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080; several nodes comma
    /// separated (requests go round-robin).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    base: String,
    /// An API token of a service desk agent (`samdrift admin create-token --username agent`).
    #[arg(long)]
    token: String,
    /// The server's process id, to report its peak resident memory (the
    /// first node's, with several).
    #[arg(long)]
    pid: Option<u32>,
    /// Scenarios to run, comma separated: create, read, comment, status,
    /// queue, member, search, report, burst (default: all).
    #[arg(
        long,
        default_value = "create,read,comment,status,queue,member,search,report,burst"
    )]
    only: String,
    /// Requests per scenario (reads by id twice as many; the queue, member
    /// and search lists a fifth; the report a tenth, 5 to 20).
    #[arg(long, default_value_t = 5_000)]
    requests: usize,
    /// Tickets the burst creates.
    #[arg(long, default_value_t = 10_000)]
    burst_tickets: usize,
    /// The year of the report scenario (a member-year and the federation-year).
    #[arg(long)]
    year: Option<i32>,
    /// A label for the result lines (e.g. "sqlite 1M").
    #[arg(long, default_value = "")]
    label: String,
}

type Http = Client<HttpConnector, Full<Bytes>>;

#[derive(Clone)]
struct Target {
    http: Http,
    nodes: Arc<[String]>,
    turn: Arc<AtomicUsize>,
    auth: Arc<str>,
}

struct Answer {
    status: StatusCode,
    etag: Option<String>,
    body: Bytes,
}

impl Target {
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        if_match: Option<&str>,
    ) -> anyhow::Result<Answer> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!(
                "{}{path}",
                self.nodes[self.turn.fetch_add(1, Ordering::Relaxed) % self.nodes.len()]
            ))
            .header("authorization", &*self.auth);
        if body.is_some() {
            req = req.header("content-type", "application/json");
        }
        if let Some(v) = if_match {
            req = req.header("if-match", v);
        }
        let body = body.map(|b| Bytes::from(b.to_string())).unwrap_or_default();
        let response = self.http.request(req.body(Full::new(body))?).await?;
        let status = response.status();
        let etag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.into_body().collect().await?.to_bytes();
        Ok(Answer { status, etag, body })
    }

    async fn json(&self, path: &str) -> anyhow::Result<Value> {
        let a = self.call(Method::GET, path, None, None).await?;
        if !a.status.is_success() {
            bail!("GET {path}: {}", a.status);
        }
        Ok(serde_json::from_slice(&a.body)?)
    }
}

/// Latencies of one scenario, in microseconds.
#[derive(Default)]
struct Stats {
    latencies: Vec<u64>,
    errors: usize,
    conflicts: usize,
}

impl Stats {
    fn merge(&mut self, other: Stats) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        self.conflicts += other.conflicts;
    }

    fn percentile(sorted: &[u64], p: f64) -> f64 {
        if sorted.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
    }
}

/// Samples the server's resident memory while a scenario runs.
struct Memory {
    pid: Option<u32>,
    peak_kib: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

impl Memory {
    fn start(pid: Option<u32>) -> Memory {
        let peak_kib = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        if let Some(pid) = pid {
            let (peak, stop) = (peak_kib.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(kib) = status_kib(pid, "VmRSS:") {
                        peak.fetch_max(kib, Ordering::Relaxed);
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            });
        }
        Memory {
            pid,
            peak_kib,
            stop,
        }
    }

    fn finish(self) -> Option<u64> {
        self.stop.store(true, Ordering::Relaxed);
        self.pid
            .map(|_| self.peak_kib.load(Ordering::Relaxed) / 1024)
    }
}

fn report(
    label: &str,
    name: &str,
    clients: usize,
    stats: Stats,
    elapsed: Duration,
    rss_mib: Option<u64>,
) {
    let mut sorted = stats.latencies;
    sorted.sort_unstable();
    let n = sorted.len();
    let rate = n as f64 / elapsed.as_secs_f64();
    println!(
        "| {label} | {name} | {clients} | {n} | {rate:.0} | {:.1} | {:.1} | {:.1} | {} | {} |",
        Stats::percentile(&sorted, 50.0),
        Stats::percentile(&sorted, 95.0),
        Stats::percentile(&sorted, 99.0),
        stats.errors + stats.conflicts,
        rss_mib.map(|m| m.to_string()).unwrap_or_else(|| "-".into()),
    );
}

/// Runs `clients` workers, each making requests until `total` are made;
/// `op(target, worker, n)` makes request number `n`.
async fn drive<F, Fut>(target: &Target, clients: usize, total: usize, op: F) -> (Stats, Duration)
where
    F: Fn(Target, usize, usize) -> Fut + Send + Sync + 'static + Clone,
    Fut: std::future::Future<Output = anyhow::Result<StatusCode>> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..clients {
        let (target, next, op) = (target.clone(), next.clone(), op.clone());
        workers.push(tokio::spawn(async move {
            let mut stats = Stats::default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= total {
                    break;
                }
                let t = Instant::now();
                match op(target.clone(), w, n).await {
                    Ok(s) if s.is_success() => stats.latencies.push(t.elapsed().as_micros() as u64),
                    Ok(StatusCode::PRECONDITION_FAILED) | Ok(StatusCode::CONFLICT) => {
                        stats.latencies.push(t.elapsed().as_micros() as u64);
                        stats.conflicts += 1
                    }
                    _ => stats.errors += 1,
                }
            }
            stats
        }));
    }
    let mut all = Stats::default();
    for w in workers {
        if let Ok(s) = w.await {
            all.merge(s);
        }
    }
    (all, started.elapsed())
}

fn new_ticket(member: &str, n: usize) -> Value {
    json!({"member": member, "type": "incident",
        "title": format!("Skrivaren på plan {} skriver inte ut ({n})", n % 7),
        "description": "Utskrifter fastnar i kön, skrivaren visar inget fel.",
        "impact": 2, "urgency": 2})
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(256)
        .build(connector);
    let target = Target {
        http,
        nodes: args
            .base
            .split(',')
            .map(|b| b.trim().trim_end_matches('/').to_owned())
            .collect(),
        turn: Arc::new(AtomicUsize::new(0)),
        auth: format!("Bearer {}", args.token).into(),
    };
    let only: Vec<&str> = args.only.split(',').map(str::trim).collect();
    let members: Vec<String> = target
        .json("/api/v1/members")
        .await
        .context("listing members (is the server up and the token an agent's?)")?
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| m["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if members.is_empty() {
        bail!("the server has no members; load `samdrift demo --scale S` first");
    }
    let members = Arc::new(members);
    let groups = target.json("/api/v1/groups").await?;
    let group = groups
        .as_array()
        .and_then(|g| {
            g.iter()
                .find(|g| g["name"] == "Klient & arbetsplats")
                .or(g.first())
        })
        .and_then(|g| g["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    let open: Vec<String> = target
        .json("/api/v1/tickets?status=in_progress&limit=200")
        .await?["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let any: Vec<String> = target.json("/api/v1/tickets?limit=200").await?["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let any = Arc::new(any);
    let open = Arc::new(open);
    let queue_path: Arc<str> =
        format!("/api/v1/tickets?group_id={group}&status=open&sort=due&limit=25").into();
    let year = args.year.unwrap_or(2026);
    let label = args.label.clone();
    let total = args.requests;

    println!(
        "| run | scenario | clients | requests | per second | p50 ms | p95 ms | p99 ms | errors | peak RSS MiB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    if only.contains(&"create") {
        for clients in [1, 8, 32] {
            let mem = Memory::start(args.pid);
            let m = members.clone();
            let (stats, elapsed) = drive(&target, clients, total, move |t, _, n| {
                let body = new_ticket(&m[n % m.len()], n);
                async move {
                    Ok(t.call(Method::POST, "/api/v1/tickets", Some(&body), None)
                        .await?
                        .status)
                }
            })
            .await;
            report(
                &label,
                "create ticket",
                clients,
                stats,
                elapsed,
                mem.finish(),
            );
        }
    }
    if only.contains(&"read") && !any.is_empty() {
        for clients in [1, 32] {
            let mem = Memory::start(args.pid);
            let ids = any.clone();
            let (stats, elapsed) = drive(&target, clients, total * 2, move |t, _, n| {
                let path = format!("/api/v1/tickets/{}", ids[n % ids.len()]);
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            })
            .await;
            report(
                &label,
                "read ticket by id",
                clients,
                stats,
                elapsed,
                mem.finish(),
            );
        }
    }
    if only.contains(&"comment") && !any.is_empty() {
        let mem = Memory::start(args.pid);
        let ids = any.clone();
        let (stats, elapsed) = drive(&target, 32, total, move |t, _, n| {
            let path = format!("/api/v1/tickets/{}/comments", ids[n % ids.len()]);
            let body = json!({"body": format!("Vi tittar på det ({n})."), "public": false});
            async move { Ok(t.call(Method::POST, &path, Some(&body), None).await?.status) }
        })
        .await;
        report(&label, "add comment", 32, stats, elapsed, mem.finish());
    }
    if only.contains(&"status") && !open.is_empty() {
        let mem = Memory::start(args.pid);
        let ids = open.clone();
        let clients = 32.min(ids.len());
        let (stats, elapsed) = drive(&target, clients, total, move |t, w, n| {
            // Each worker changes its own tickets, so conflicts are real ones.
            let mine: Vec<String> = ids.iter().skip(w).step_by(clients).cloned().collect();
            let id = mine[n % mine.len().max(1)].clone();
            async move {
                let path = format!("/api/v1/tickets/{id}");
                let current = t.call(Method::GET, &path, None, None).await?;
                let ticket: Value = serde_json::from_slice(&current.body).unwrap_or(Value::Null);
                let next = if ticket["status"] == "in_progress" {
                    "waiting_for_customer"
                } else {
                    "in_progress"
                };
                let body = json!({"status": next});
                Ok(
                    t.call(Method::PATCH, &path, Some(&body), current.etag.as_deref())
                        .await?
                        .status,
                )
            }
        })
        .await;
        report(
            &label,
            "status change (GET + PATCH If-Match)",
            clients,
            stats,
            elapsed,
            mem.finish(),
        );
    }
    if only.contains(&"queue") {
        let mem = Memory::start(args.pid);
        let path = queue_path.clone();
        let (stats, elapsed) = drive(&target, 8, (total / 5).max(100), move |t, _, _| {
            let path = path.clone();
            async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
        })
        .await;
        report(
            &label,
            "agent queue: my group, open, by time left, first page",
            8,
            stats,
            elapsed,
            mem.finish(),
        );
    }
    if only.contains(&"member") {
        let mem = Memory::start(args.pid);
        let m = members.clone();
        let (stats, elapsed) = drive(&target, 8, (total / 5).max(100), move |t, _, n| {
            let path = format!("/api/v1/tickets?member={}&limit=25", m[n % m.len()]);
            async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
        })
        .await;
        report(
            &label,
            "member filter, first page",
            8,
            stats,
            elapsed,
            mem.finish(),
        );
    }
    if only.contains(&"search") {
        let mem = Memory::start(args.pid);
        let words = [
            "skrivaren",
            "kontot",
            "wifi",
            "attestknappen",
            "kalender",
            "lönespecifikation",
            "biblioteket",
        ];
        let (stats, elapsed) = drive(&target, 8, (total / 5).max(100), move |t, _, n| {
            let path = format!("/api/v1/tickets?q={}&limit=25", words[n % words.len()]);
            async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
        })
        .await;
        report(
            &label,
            "full-text search, first page",
            8,
            stats,
            elapsed,
            mem.finish(),
        );
    }
    if only.contains(&"report") {
        let runs = (total / 10).clamp(5, 20);
        for (name, member) in [
            ("SLA report, member-year (YST)", Some("YST")),
            ("SLA report, federation-year", None),
        ] {
            let mem = Memory::start(args.pid);
            let path: Arc<str> = match member {
                Some(m) => format!(
                    "/api/v1/reports/sla?member={m}&from={year}-01-01&to={}-01-01",
                    year + 1
                ),
                None => format!(
                    "/api/v1/reports/sla?from={year}-01-01&to={}-01-01",
                    year + 1
                ),
            }
            .into();
            let (stats, elapsed) = drive(&target, 1, runs, move |t, _, _| {
                let path = path.clone();
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            })
            .await;
            report(&label, name, 1, stats, elapsed, mem.finish());
        }
    }
    if only.contains(&"burst") {
        // Agents work the queue; first alone, then while 32 clients create
        // the burst's tickets about one outage as fast as they are taken.
        let agents = 4;
        let baseline_requests = 2_000;
        let path = queue_path.clone();
        let (stats, elapsed) = drive(&target, agents, baseline_requests, move |t, _, _| {
            let path = path.clone();
            async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
        })
        .await;
        report(
            &label,
            "burst: agents' queue before",
            agents,
            stats,
            elapsed,
            None,
        );
        let mem = Memory::start(args.pid);
        let stop = Arc::new(AtomicBool::new(false));
        let mut agent_workers = Vec::new();
        for _ in 0..agents {
            let (t, stop, path) = (target.clone(), stop.clone(), queue_path.clone());
            agent_workers.push(tokio::spawn(async move {
                let mut stats = Stats::default();
                while !stop.load(Ordering::Relaxed) {
                    let started = Instant::now();
                    match t.call(Method::GET, &path, None, None).await {
                        Ok(a) if a.status.is_success() => {
                            stats.latencies.push(started.elapsed().as_micros() as u64)
                        }
                        _ => stats.errors += 1,
                    }
                }
                stats
            }));
        }
        let m = members.clone();
        let (created, create_elapsed) = drive(&target, 32, args.burst_tickets, move |t, _, n| {
            let mut body = new_ticket(&m[n % m.len()], n);
            body["title"] = json!(format!("E-posten fungerar inte ({n})"));
            async move {
                Ok(t.call(Method::POST, "/api/v1/tickets", Some(&body), None)
                    .await?
                    .status)
            }
        })
        .await;
        stop.store(true, Ordering::Relaxed);
        let mut during = Stats::default();
        for w in agent_workers {
            if let Ok(s) = w.await {
                during.merge(s);
            }
        }
        let rss = mem.finish();
        report(
            &label,
            "burst: tickets created",
            32,
            created,
            create_elapsed,
            rss,
        );
        report(
            &label,
            "burst: agents' queue during",
            agents,
            during,
            create_elapsed,
            rss,
        );
    }
    if let Some(pid) = args.pid
        && let Some(hwm) = status_kib(pid, "VmHWM:")
    {
        println!("\nserver peak RSS since start (VmHWM): {} MiB", hwm / 1024);
    }
    Ok(())
}
