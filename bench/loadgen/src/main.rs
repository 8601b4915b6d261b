//! The load generator: drives a running samdrift server over HTTP on
//! loopback with a bounded number of requests per scenario and prints, per
//! scenario, the throughput, the p50/p95/p99 latency, the server's peak
//! resident memory and the server's CPU time per request. Run by hand (see
//! `bench/README.md`); never a timed test.

mod agents;
mod lists;

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
    /// A token of an orderer of one member, for the list shapes an
    /// orderer asks for (left out without it).
    #[arg(long)]
    orderer_token: Option<String>,
    /// A token of an end user, for the list shapes of their own tickets
    /// (left out without it).
    #[arg(long)]
    user_token: Option<String>,
    /// The server's process ids, comma separated (one per node): their
    /// CPU time is summed per scenario; the peak resident memory is the
    /// first one's.
    #[arg(long, value_delimiter = ',')]
    pid: Vec<u32>,
    /// Scenarios to run, comma separated: create, read, comment, status,
    /// queue, member, search, search1, report, burst, lists (default:
    /// all), scim (only when named, with --scim-token) and agents (only
    /// when named, with --agent-keys and --agent-inventory). A list shape's name or a prefix of it (`list:staff`,
    /// `list:user:open:-created`) runs only those shapes.
    #[arg(
        long,
        default_value = "create,read,comment,status,queue,member,search,search1,report,burst,lists"
    )]
    only: String,
    /// Requests per scenario (reads by id twice as many; the queue, member
    /// and search lists a fifth; the report a tenth, 5 to 20).
    #[arg(long, default_value_t = 5_000)]
    requests: usize,
    /// Agent keys, one per line (`samdrift` makes them per member), for
    /// the agents scenario.
    #[arg(long)]
    agent_keys: Option<String>,
    /// An agent's inventory as XML (a request the agent sent), the
    /// template of the agents scenario's machines.
    #[arg(long)]
    agent_inventory: Option<String>,
    /// Tickets the burst creates.
    #[arg(long, default_value_t = 10_000)]
    burst_tickets: usize,
    /// Requests per list shape.
    #[arg(long, default_value_t = 500)]
    list_requests: usize,
    /// Clients per list shape.
    #[arg(long, default_value_t = 32)]
    list_clients: usize,
    /// At most this many seconds per list shape (a slow shape reports the
    /// requests it made by then).
    #[arg(long, default_value_t = 10)]
    list_seconds: u64,
    /// The word of the search1 scenario: one about 1 % of the scaled
    /// demo's tickets hold (in the description of the yearly outage's
    /// tickets).
    #[arg(long, default_value = "varken")]
    search1_word: String,
    /// The year of the report scenario (a member-year and the federation-year).
    #[arg(long)]
    year: Option<i32>,
    /// A member's SCIM token (`samdrift admin scim-token --member YST`), for
    /// the `scim` scenario (left out without it).
    #[arg(long)]
    scim_token: Option<String>,
    /// The people the `scim` scenario looks up by userName:
    /// `p0@bench.example` to `p{N-1}@bench.example` (bench/scim.sh makes them).
    #[arg(long, default_value_t = 1_000_000)]
    scim_users: usize,
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
    /// The same server, asked as another account.
    fn as_token(&self, token: &str) -> Target {
        Target {
            auth: format!("Bearer {token}").into(),
            ..self.clone()
        }
    }

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

    /// p50, p95 and p99 in milliseconds.
    fn percentiles(&self) -> (f64, f64, f64) {
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        (
            Stats::percentile(&sorted, 50.0),
            Stats::percentile(&sorted, 95.0),
            Stats::percentile(&sorted, 99.0),
        )
    }

    /// Requests made, answered or not.
    fn requests(&self) -> usize {
        self.latencies.len() + self.errors
    }
}

/// The server processes a scenario is measured on.
#[derive(Clone)]
struct Probe {
    pids: Arc<[u32]>,
    /// Milliseconds per clock tick of `/proc/PID/stat`.
    tick_ms: f64,
}

/// What a scenario cost the server: its peak resident memory (the first
/// process's) and the CPU time of all of them.
struct Used {
    rss_mib: Option<u64>,
    cpu_ms: Option<f64>,
}

/// Samples the server's resident memory while a scenario runs and reads
/// its CPU time before and after.
struct Watch {
    probe: Probe,
    cpu_ticks: Option<u64>,
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

/// User plus system time of a process, in clock ticks (fields 14 and 15
/// of `/proc/PID/stat`, counted after the command name, which is in
/// parentheses and may hold spaces).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &text[text.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace();
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// Clock ticks per second as `getconf CLK_TCK` says; 100 (Linux's value)
/// if it cannot be asked.
fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|t| *t > 0.0)
        .unwrap_or(100.0)
}

/// CPU milliseconds per request, or `-` without a measurement.
fn per_request(cpu_ms: Option<f64>, requests: usize) -> String {
    match cpu_ms {
        Some(ms) if requests > 0 => format!("{:.2}", ms / requests as f64),
        _ => "-".into(),
    }
}

impl Probe {
    fn cpu_ticks(&self) -> Option<u64> {
        if self.pids.is_empty() {
            return None;
        }
        self.pids.iter().map(|&pid| cpu_ticks(pid)).sum()
    }

    fn start(&self) -> Watch {
        let peak_kib = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        if let Some(&pid) = self.pids.first() {
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
        Watch {
            probe: self.clone(),
            cpu_ticks: self.cpu_ticks(),
            peak_kib,
            stop,
        }
    }
}

impl Watch {
    fn finish(self) -> Used {
        self.stop.store(true, Ordering::Relaxed);
        let cpu_ms = match (self.cpu_ticks, self.probe.cpu_ticks()) {
            (Some(before), Some(after)) => {
                Some(after.saturating_sub(before) as f64 * self.probe.tick_ms)
            }
            _ => None,
        };
        Used {
            rss_mib: (!self.probe.pids.is_empty())
                .then(|| self.peak_kib.load(Ordering::Relaxed) / 1024),
            cpu_ms,
        }
    }
}

/// One row of the scenario table. The CPU time is divided by
/// `cpu_requests`: all requests made while it was measured.
fn report(
    label: &str,
    name: &str,
    clients: usize,
    stats: Stats,
    elapsed: Duration,
    used: &Used,
    cpu_requests: usize,
) {
    let n = stats.latencies.len();
    let rate = n as f64 / elapsed.as_secs_f64();
    let (p50, p95, p99) = stats.percentiles();
    println!(
        "| {label} | {name} | {clients} | {n} | {rate:.0} | {p50:.1} | {p95:.1} | {p99:.1} | {} | {} | {} |",
        stats.errors + stats.conflicts,
        used.rss_mib
            .map(|m| m.to_string())
            .unwrap_or_else(|| "-".into()),
        per_request(used.cpu_ms, cpu_requests),
    );
}

/// Runs a scenario between a probe's start and finish and prints its row.
async fn measured<F, Fut>(
    target: &Target,
    probe: &Probe,
    (label, name): (&str, &str),
    clients: usize,
    total: usize,
    op: F,
) where
    F: Fn(Target, usize, usize) -> Fut + Send + Sync + 'static + Clone,
    Fut: std::future::Future<Output = anyhow::Result<StatusCode>> + Send,
{
    let watch = probe.start();
    let (stats, elapsed) = drive(target, clients, total, None, op).await;
    let used = watch.finish();
    let requests = stats.requests();
    report(label, name, clients, stats, elapsed, &used, requests);
}

/// Runs `clients` workers, each making requests until `total` are made
/// (or, with a `limit`, until it has passed); `op(target, worker, n)`
/// makes request number `n`.
async fn drive<F, Fut>(
    target: &Target,
    clients: usize,
    total: usize,
    limit: Option<Duration>,
    op: F,
) -> (Stats, Duration)
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
                if n >= total || limit.is_some_and(|l| started.elapsed() >= l) {
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

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// What every scenario uses: the server, who asks and what it holds.
struct Run {
    args: Args,
    target: Target,
    probe: Probe,
    members: Arc<Vec<String>>,
    /// (id, code) of every member.
    member_ids: Vec<(String, String)>,
    any: Arc<Vec<String>>,
    open: Arc<Vec<String>>,
    queue_path: Arc<str>,
}

impl Run {
    async fn connect(args: Args) -> anyhow::Result<Run> {
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
        let member_list = target
            .json("/api/v1/members")
            .await
            .context("listing members (is the server up and the token an agent's?)")?;
        let member_ids = lists::member_pairs(&member_list);
        let members: Vec<String> = member_ids.iter().map(|(_, code)| code.clone()).collect();
        if members.is_empty() {
            bail!("the server has no members; load `samdrift demo --scale S` first");
        }
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
        let open = ids(&target
            .json("/api/v1/tickets?status=in_progress&limit=200")
            .await?);
        let any = ids(&target.json("/api/v1/tickets?limit=200").await?);
        let probe = Probe {
            pids: args.pid.clone().into(),
            tick_ms: 1000.0 / ticks_per_second(),
        };
        Ok(Run {
            args,
            target,
            probe,
            members: Arc::new(members),
            member_ids,
            any: Arc::new(any),
            open: Arc::new(open),
            queue_path: format!("/api/v1/tickets?group_id={group}&status=open&sort=due&limit=25")
                .into(),
        })
    }

    fn label(&self) -> &str {
        &self.args.label
    }
}

/// SCIM: a user looked up by userName (`filter=userName eq "..."`), the
/// request an identity provider makes before it creates or changes one,
/// by 1 and 8 clients, each request a different person.
async fn scim_lookups(run: &Run) {
    let Some(token) = run.args.scim_token.as_deref() else {
        return;
    };
    let target = run.target.as_token(token);
    let users = run.args.scim_users.max(1);
    for clients in [1, 8] {
        measured(
            &target,
            &run.probe,
            (run.label(), "SCIM user by userName (filter eq)"),
            clients,
            run.args.requests,
            move |t, _, n| {
                let person = n.wrapping_mul(7_919) % users;
                let path = format!(
                    "/scim/v2/Users?filter=userName%20eq%20%22p{person}%40bench.example%22"
                );
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            },
        )
        .await;
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let run = Run::connect(Args::parse()).await?;
    let only: Vec<String> = run
        .args
        .only
        .split(',')
        .map(|s| s.trim().to_owned())
        .collect();
    let only: Vec<&str> = only.iter().map(String::as_str).collect();
    println!(
        "| run | scenario | clients | requests | per second | p50 ms | p95 ms | p99 ms | errors | peak RSS MiB | server CPU ms/request |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    if only.contains(&"create") {
        create(&run).await;
    }
    if only.contains(&"read") && !run.any.is_empty() {
        for clients in [1, 32] {
            let ids = run.any.clone();
            measured(
                &run.target,
                &run.probe,
                (run.label(), "read ticket by id"),
                clients,
                run.args.requests * 2,
                move |t, _, n| {
                    let path = format!("/api/v1/tickets/{}", ids[n % ids.len()]);
                    async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
                },
            )
            .await;
        }
    }
    if only.contains(&"comment") && !run.any.is_empty() {
        let ids = run.any.clone();
        measured(
            &run.target,
            &run.probe,
            (run.label(), "add comment"),
            32,
            run.args.requests,
            move |t, _, n| {
                let path = format!("/api/v1/tickets/{}/comments", ids[n % ids.len()]);
                let body = json!({"body": format!("Vi tittar på det ({n})."), "public": false});
                async move { Ok(t.call(Method::POST, &path, Some(&body), None).await?.status) }
            },
        )
        .await;
    }
    if only.contains(&"status") && !run.open.is_empty() {
        status_changes(&run).await;
    }
    if only.contains(&"queue") {
        let path = run.queue_path.clone();
        measured(
            &run.target,
            &run.probe,
            (
                run.label(),
                "agent queue: my group, open, by time left, first page",
            ),
            8,
            (run.args.requests / 5).max(100),
            move |t, _, _| {
                let path = path.clone();
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            },
        )
        .await;
    }
    if only.contains(&"member") {
        let m = run.members.clone();
        measured(
            &run.target,
            &run.probe,
            (run.label(), "member filter, first page"),
            8,
            (run.args.requests / 5).max(100),
            move |t, _, n| {
                let path = format!("/api/v1/tickets?member={}&limit=25", m[n % m.len()]);
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            },
        )
        .await;
    }
    if only.contains(&"search") {
        let words = [
            "skrivaren",
            "kontot",
            "wifi",
            "attestknappen",
            "kalender",
            "lönespecifikation",
            "biblioteket",
        ];
        measured(
            &run.target,
            &run.probe,
            (run.label(), "full-text search, first page"),
            8,
            (run.args.requests / 5).max(100),
            move |t, _, n| {
                let path = format!("/api/v1/tickets?q={}&limit=25", words[n % words.len()]);
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            },
        )
        .await;
    }
    if only.contains(&"search1") {
        let path: Arc<str> = format!("/api/v1/tickets?q={}&limit=20", run.args.search1_word).into();
        let name = format!(
            "word search, about 1 % match (\"{}\"), first page",
            run.args.search1_word
        );
        measured(
            &run.target,
            &run.probe,
            (run.label(), &name),
            32,
            (run.args.requests / 5).max(100),
            move |t, _, _| {
                let path = path.clone();
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            },
        )
        .await;
    }
    if only.contains(&"report") {
        reports(&run).await;
    }
    if only.contains(&"scim") {
        scim_lookups(&run).await;
    }
    if only.contains(&"burst") {
        burst(&run).await;
    }
    list_shapes(&run, &only).await?;
    if only.contains(&"agents") {
        agents::agents(&run).await?;
    }
    if let Some(&pid) = run.args.pid.first()
        && let Some(hwm) = status_kib(pid, "VmHWM:")
    {
        println!("\nserver peak RSS since start (VmHWM): {} MiB", hwm / 1024);
    }
    Ok(())
}

async fn create(run: &Run) {
    for clients in [1, 8, 32] {
        let m = run.members.clone();
        measured(
            &run.target,
            &run.probe,
            (run.label(), "create ticket"),
            clients,
            run.args.requests,
            move |t, _, n| {
                let body = new_ticket(&m[n % m.len()], n);
                async move {
                    Ok(t.call(Method::POST, "/api/v1/tickets", Some(&body), None)
                        .await?
                        .status)
                }
            },
        )
        .await;
    }
}

async fn status_changes(run: &Run) {
    let ids = run.open.clone();
    let clients = 32.min(ids.len());
    measured(
        &run.target,
        &run.probe,
        (run.label(), "status change (GET + PATCH If-Match)"),
        clients,
        run.args.requests,
        move |t, w, n| {
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
        },
    )
    .await;
}

async fn reports(run: &Run) {
    let runs = (run.args.requests / 10).clamp(5, 20);
    let year = run.args.year.unwrap_or(2026);
    for (name, member) in [
        ("SLA report, member-year (YST)", Some("YST")),
        ("SLA report, federation-year", None),
    ] {
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
        measured(
            &run.target,
            &run.probe,
            (run.label(), name),
            1,
            runs,
            move |t, _, _| {
                let path = path.clone();
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            },
        )
        .await;
    }
}

/// Agents work the queue; first alone, then while 32 clients create the
/// burst's tickets about one outage as fast as they are taken. The CPU
/// time during the burst is divided by every request made in it (the
/// tickets created and the agents' reads).
async fn burst(run: &Run) {
    let agents = 4;
    let path = run.queue_path.clone();
    measured(
        &run.target,
        &run.probe,
        (run.label(), "burst: agents' queue before"),
        agents,
        2_000,
        move |t, _, _| {
            let path = path.clone();
            async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
        },
    )
    .await;
    let watch = run.probe.start();
    let stop = Arc::new(AtomicBool::new(false));
    let mut agent_workers = Vec::new();
    for _ in 0..agents {
        let (t, stop, path) = (run.target.clone(), stop.clone(), run.queue_path.clone());
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
    let m = run.members.clone();
    let (created, create_elapsed) = drive(
        &run.target,
        32,
        run.args.burst_tickets,
        None,
        move |t, _, n| {
            let mut body = new_ticket(&m[n % m.len()], n);
            body["title"] = json!(format!("E-posten fungerar inte ({n})"));
            async move {
                Ok(t.call(Method::POST, "/api/v1/tickets", Some(&body), None)
                    .await?
                    .status)
            }
        },
    )
    .await;
    stop.store(true, Ordering::Relaxed);
    let mut during = Stats::default();
    for w in agent_workers {
        if let Ok(s) = w.await {
            during.merge(s);
        }
    }
    let used = watch.finish();
    let all = created.requests() + during.requests();
    report(
        run.label(),
        "burst: tickets created",
        32,
        created,
        create_elapsed,
        &used,
        all,
    );
    report(
        run.label(),
        "burst: agents' queue during",
        agents,
        during,
        create_elapsed,
        &used,
        all,
    );
}

/// The list shapes `--only` asks for: the staff's, then an orderer's and
/// an end user's when their tokens are given.
async fn list_shapes(run: &Run, only: &[&str]) -> anyhow::Result<()> {
    let bounds = lists::Bounds {
        clients: run.args.list_clients,
        requests: run.args.list_requests,
        seconds: run.args.list_seconds,
    };
    let staff = lists::FilterValues::find(&run.target, &run.member_ids, None).await?;
    let roles = [
        (lists::Role::Staff, Some(run.args.token.as_str())),
        (lists::Role::Orderer, run.args.orderer_token.as_deref()),
        (lists::Role::EndUser, run.args.user_token.as_deref()),
    ];
    let mut header = false;
    for (role, token) in roles {
        let (some, without_values) = lists::shapes(role, &lists::FilterValues::default(), 20);
        let mut names = some.iter().map(|s| &s.name).chain(&without_values);
        if !names.any(|name| lists::wanted(only, name)) {
            continue;
        }
        let Some(token) = token else {
            eprintln!("no token for the {} list shapes; left out", role.name());
            continue;
        };
        let target = run.target.as_token(token);
        let values = lists::FilterValues::find(&target, &run.member_ids, Some(&staff)).await?;
        let (shapes, missing) = lists::shapes(role, &values, 20);
        for name in missing.iter().filter(|n| lists::wanted(only, n)) {
            eprintln!("{name}: nothing to filter by in what the account sees; left out");
        }
        let shapes: Vec<lists::Shape> = shapes
            .into_iter()
            .filter(|s| lists::wanted(only, &s.name))
            .collect();
        if !header {
            lists::header(run.label());
            header = true;
        }
        lists::run(&target, &shapes, bounds, &run.probe).await;
    }
    Ok(())
}
