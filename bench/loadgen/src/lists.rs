//! The list-shape scenarios: the first page of `GET /api/v1/tickets` for
//! every status set, sort and single filter a desk agent, an orderer and
//! an end user can ask for, each shape its own row.

use crate::{Probe, Stats, Target, drive};
use hyper::Method;
use serde_json::Value;
use std::fmt::Write as _;
use std::time::Duration;

/// Status sets: the name in a shape's name and the `status` parameter.
const STATUS_SETS: [(&str, Option<&str>); 3] = [
    ("open", Some("open")),
    ("resolved+closed", Some("resolved,closed")),
    ("any", None),
];

const SORTS: [&str; 5] = ["created", "-created", "updated", "-updated", "due"];

/// At most one filter per shape; `member` only for staff (a member role
/// has its member implicitly).
const FILTERS: [&str; 7] = [
    "none",
    "member",
    "group",
    "assignee",
    "requester",
    "service",
    "unassigned",
];

/// Who asks: the desk agent across all members, an orderer (sees the
/// whole member) or an end user (sees their own tickets).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Staff,
    Orderer,
    EndUser,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Orderer => "orderer",
            Role::EndUser => "user",
        }
    }
}

/// The values the filters use, found in what the role sees.
#[derive(Default, Clone)]
pub struct FilterValues {
    member: Option<String>,
    group: Option<String>,
    assignee: Option<String>,
    requester: Option<String>,
    service: Option<String>,
}

impl FilterValues {
    /// The most common member, group, assignee, requester and service in
    /// the first pages of the newest and of the resolved and closed
    /// tickets the role sees (the newest are seldom assigned yet), each
    /// falling back to `fallback`'s; the assignee, without a fallback, to
    /// the asking account itself.
    pub async fn find(
        target: &Target,
        members: &[(String, String)],
        fallback: Option<&FilterValues>,
    ) -> anyhow::Result<FilterValues> {
        let mut items = Vec::new();
        for path in [
            "/api/v1/tickets?limit=200",
            "/api/v1/tickets?status=resolved,closed&limit=200",
        ] {
            if let Some(page) = target.json(path).await?["items"].as_array() {
                items.extend(page.iter().cloned());
            }
        }
        let most_common = |field: &str| -> Option<String> {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for t in &items {
                if let Some(v) = t[field].as_str() {
                    match counts.iter_mut().find(|(k, _)| k == v) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((v.to_owned(), 1)),
                    }
                }
            }
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            counts.into_iter().next().map(|(k, _)| k)
        };
        let member = most_common("member_id").and_then(|id| {
            members
                .iter()
                .find(|(mid, _)| *mid == id)
                .map(|(_, code)| code.clone())
        });
        let mut found = FilterValues {
            member,
            group: most_common("group_id"),
            assignee: most_common("assignee_id"),
            requester: most_common("requester_id"),
            service: most_common("service_id"),
        };
        if found.assignee.is_none() && fallback.is_none() {
            // Nobody is assigned (the scaled demo assigns no one): the
            // agent's own tickets, the list "assigned to me".
            let me = target.json("/api/v1/me").await?;
            found.assignee = me["account_id"].as_str().map(str::to_owned);
        }
        if let Some(f) = fallback {
            found.member = found.member.or_else(|| f.member.clone());
            found.group = found.group.or_else(|| f.group.clone());
            found.assignee = found.assignee.or_else(|| f.assignee.clone());
            found.requester = found.requester.or_else(|| f.requester.clone());
            found.service = found.service.or_else(|| f.service.clone());
        }
        Ok(found)
    }

    /// The query parameter of a filter; None when there is no value for it.
    fn parameter(&self, filter: &str) -> Option<String> {
        let pair = |name: &str, v: &Option<String>| v.as_ref().map(|v| format!("&{name}={v}"));
        match filter {
            "none" => Some(String::new()),
            "member" => pair("member", &self.member),
            "group" => pair("group_id", &self.group),
            "assignee" => pair("assignee_id", &self.assignee),
            "requester" => pair("requester_id", &self.requester),
            "service" => pair("service_id", &self.service),
            "unassigned" => Some("&unassigned=true".into()),
            _ => None,
        }
    }
}

/// One list shape: its name (`list:ROLE:STATUS:SORT:FILTER`, what
/// `--only` matches) and the path of its first page.
pub struct Shape {
    pub name: String,
    pub path: String,
}

/// Every shape of a role, first page of `limit`; filters without a
/// value are left out and named in the returned list.
pub fn shapes(role: Role, values: &FilterValues, limit: usize) -> (Vec<Shape>, Vec<String>) {
    let mut shapes = Vec::new();
    let mut missing = Vec::new();
    for (status_name, status) in STATUS_SETS {
        for sort in SORTS {
            for filter in FILTERS {
                if filter == "member" && role != Role::Staff {
                    continue;
                }
                let name = format!("list:{}:{status_name}:{sort}:{filter}", role.name());
                let Some(parameter) = values.parameter(filter) else {
                    missing.push(name);
                    continue;
                };
                let mut path = format!("/api/v1/tickets?limit={limit}&sort={sort}");
                if let Some(s) = status {
                    let _ = write!(path, "&status={s}");
                }
                path.push_str(&parameter);
                shapes.push(Shape { name, path });
            }
        }
    }
    (shapes, missing)
}

/// Whether `--only` asks for a shape: `lists` for all, or a prefix of
/// its name such as `list:staff` or `list:user:open:-created`.
pub fn wanted(only: &[&str], name: &str) -> bool {
    only.iter()
        .any(|o| *o == "lists" || (o.starts_with("list:") && name.starts_with(o)))
}

/// How a list run is bounded.
#[derive(Clone, Copy)]
pub struct Bounds {
    pub clients: usize,
    pub requests: usize,
    pub seconds: u64,
}

/// Runs each shape with `bounds` and prints one compact row per shape.
pub async fn run(target: &Target, shapes: &[Shape], bounds: Bounds, probe: &Probe) {
    for shape in shapes {
        let watch = probe.start();
        let path: std::sync::Arc<str> = shape.path.clone().into();
        let (stats, elapsed) = drive(
            target,
            bounds.clients,
            bounds.requests,
            Some(Duration::from_secs(bounds.seconds)),
            move |t, _, _| {
                let path = path.clone();
                async move { Ok(t.call(Method::GET, &path, None, None).await?.status) }
            },
        )
        .await;
        let used = watch.finish();
        row(&shape.name, bounds.clients, stats, elapsed, used.cpu_ms);
    }
}

pub fn header(label: &str) {
    println!("\nList shapes, first page ({label}):\n");
    println!(
        "| shape | clients | requests | per second | p50 ms | p95 ms | p99 ms | errors | server CPU ms/request |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
}

fn row(name: &str, clients: usize, stats: Stats, elapsed: Duration, cpu_ms: Option<f64>) {
    let requests = stats.latencies.len() + stats.errors;
    let errors = stats.errors + stats.conflicts;
    let (p50, p95, p99) = stats.percentiles();
    println!(
        "| {name} | {clients} | {requests} | {:.0} | {p50:.1} | {p95:.1} | {p99:.1} | {errors} | {} |",
        requests as f64 / elapsed.as_secs_f64(),
        crate::per_request(cpu_ms, requests),
    );
}

/// The ticket fields a first page gives, for [`FilterValues::find`].
pub fn member_pairs(members: &Value) -> Vec<(String, String)> {
    members
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| {
                    Some((m["id"].as_str()?.to_owned(), m["code"].as_str()?.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default()
}
