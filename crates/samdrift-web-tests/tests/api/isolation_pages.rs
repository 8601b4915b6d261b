//! The tenancy matrix for the HTML pages and forms, on the demo federation:
//! every member-side login of Simrishamn against every page and form that
//! takes an id or a member code, with Ystad's ids and code. Each answer must
//! equal the answer for an id or code that does not exist, and no page a
//! Simrishamn login can open may show anything of Ystad's.

use crate::forms::{Browser, html};
use crate::harness::{TestApp, backends};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const MISSING: &str = "01890000-0000-7000-8000-000000000000";

/// Simrishamn's member-side logins of the demo.
const SIM_LOGINS: [&str; 5] = [
    "sim.user",
    "sim.orderer",
    "sim.strategist",
    "sim.chef",
    "sim.systemagare",
];

/// Ystad's ids the probes use.
struct Ystad {
    ticket: String,
    number: String,
    member: String,
    person: String,
    order: String,
    /// One of Ystad's business systems in the demo inventory.
    item: String,
}

async fn api(t: &TestApp, token: &str, method: Method, path: &str, body: Value) -> Value {
    let r = t.send(method, path, token, body).await;
    assert!(
        r.status.is_success(),
        "{path}: {}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

/// A Ystad ticket with a word nobody else uses, and an order of Ystad's.
async fn ystad(t: &TestApp) -> Ystad {
    let user = t.app.create_token("yst.user").await.unwrap();
    let ticket = api(
        t,
        &user,
        Method::POST,
        "/api/v1/tickets",
        json!({"type": "incident", "title": "Hemligt ärende zebrafink", "impact": 3, "urgency": 3}),
    )
    .await;
    let admin = t.app.create_token("admin").await.unwrap();
    let members = t.get("/api/v1/members", &admin).await.json();
    let member = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "YST")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let people = t.get("/api/v1/people?member=YST", &admin).await.json();
    let person = people[0]["id"].as_str().unwrap().to_owned();
    let orderer = t.app.create_token("yst.orderer").await.unwrap();
    let administrations = t
        .get(&format!("/api/v1/members/{member}/administrations"), &admin)
        .await
        .json();
    let catalog = t.get("/api/v1/catalog", &admin).await.json();
    let offering = catalog["services"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["offerings"].as_array().cloned().unwrap_or_default())
        .find(|o| o["active"] != false)
        .unwrap()["code"]
        .clone();
    let order = api(
        t,
        &orderer,
        Method::POST,
        "/api/v1/members/YST/orders",
        json!({"offering": offering, "administration_id": administrations[0]["id"],
               "quantity_change": 1, "effective_on": "2027-04-01"}),
    )
    .await;
    let systems = t
        .get("/api/v1/inventory/systems?member=YST", &admin)
        .await
        .json();
    let item = systems
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Ekonomisystem YST")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Ystad {
        ticket: ticket["id"].as_str().unwrap().to_owned(),
        number: ticket["number"].as_str().unwrap().to_owned(),
        member,
        person,
        order: order["id"].as_str().unwrap().to_owned(),
        item,
    }
}

/// A page or form with `{t}` (ticket), `{m}` (member id), `{p}` (person),
/// `{o}` (order), `{i}` (inventory item) and `{c}` (member code) to fill in.
enum Probe {
    Get(&'static str),
    Post(&'static str, &'static [(&'static str, &'static str)]),
}

const PROBES: &[Probe] = &[
    Probe::Get("/tickets/{t}"),
    Probe::Get("/portal/approvals/{t}"),
    Probe::Get("/admin/members/{m}"),
    Probe::Get("/portal/new?person={p}"),
    Probe::Get("/member?member={c}"),
    Probe::Get("/member/report?member={c}&from=2027-01-01&to=2027-03-01"),
    Probe::Get("/member/subscriptions?member={c}"),
    Probe::Get("/member/invoice?member={c}&month=2027-03"),
    Probe::Get("/member/budget?member={c}&year=2028"),
    Probe::Get("/portal/catalog?member={c}"),
    Probe::Get("/portal/catalog/SW-INSTALL?member={c}"),
    Probe::Get("/member/user-agreement?member={c}"),
    Probe::Get("/admin/user-agreements/{m}"),
    Probe::Get("/inventory/items/{i}"),
    Probe::Get("/inventory?member={c}"),
    Probe::Get("/inventory/items?owner={c}"),
    Probe::Get("/inventory/systems?member={c}"),
    Probe::Get("/inventory/plan?member={c}"),
    Probe::Post("/inventory/items/{i}/outage", &[("message", "intrång")]),
    Probe::Post(
        "/inventory/items/{i}/target",
        &[("entry", "{i}"), ("due", "2027-06-30"), ("version", "")],
    ),
    Probe::Post(
        "/inventory/import",
        &[("csv", "owner,kind,name\n{c},client,Intrång\n")],
    ),
    Probe::Post("/tickets/{t}/comment", &[("body", "intrång")]),
    Probe::Post(
        "/tickets/{t}/update",
        &[
            ("action", "status"),
            ("status", "cancelled"),
            ("version", "1"),
        ],
    ),
    Probe::Post("/tickets/{t}/attach", &[]),
    Probe::Post(
        "/portal/approvals/{t}",
        &[("position", "0"), ("decision", "approve")],
    ),
    Probe::Post(
        "/member/orders/{o}/withdraw",
        &[("member", "{c}"), ("version", "1")],
    ),
    Probe::Post(
        "/member/orders",
        &[
            ("member", "{c}"),
            ("offering", "X"),
            ("quantity_change", "1"),
        ],
    ),
    Probe::Post("/admin/members/{m}/administrations", &[("name", "intrång")]),
    Probe::Post("/admin/orders/{o}/confirm", &[("version", "1")]),
    Probe::Post(
        "/admin/orders/{o}/reject",
        &[("version", "1"), ("reason", "x")],
    ),
    Probe::Post("/portal/catalog/SW-INSTALL", &[("member", "{c}")]),
    Probe::Post("/agreement", &[("member_id", "{m}"), ("version", "1")]),
    Probe::Post(
        "/admin/user-agreements/{m}",
        &[
            ("text_sv", "intrång"),
            ("text_en", "intrång"),
            ("read_version", "1"),
        ],
    ),
];

fn fill(template: &str, y: &Ystad, real: bool) -> String {
    let (t, m, p, o, c) = if real {
        (&*y.ticket, &*y.member, &*y.person, &*y.order, "YST")
    } else {
        (MISSING, MISSING, MISSING, MISSING, "ZZZ")
    };
    template
        .replace("{i}", if real { &y.item } else { MISSING })
        .replace("{t}", t)
        .replace("{m}", m)
        .replace("{p}", p)
        .replace("{o}", o)
        .replace("{c}", c)
}

/// The answer with the probe's own ids and codes blanked, so the answers for
/// Ystad's ids and for missing ones can be compared.
fn blanked(status: StatusCode, body: &str, y: &Ystad) -> (StatusCode, String) {
    let mut text = body.to_owned();
    for id in [&y.ticket, &y.member, &y.person, &y.order, &y.item] {
        text = text.replace(id.as_str(), "ID");
    }
    text = text
        .replace(MISSING, "ID")
        .replace("YST", "CODE")
        .replace("ZZZ", "CODE");
    (status, text)
}

async fn answer(b: &Browser<'_>, probe: &Probe, y: &Ystad, real: bool) -> (StatusCode, String) {
    let r = match probe {
        Probe::Get(path) => b.get(&fill(path, y, real)).await,
        Probe::Post(path, fields) => {
            let filled: Vec<(String, String)> = fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), fill(v, y, real)))
                .collect();
            let refs: Vec<(&str, &str)> = filled
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            b.post(&fill(path, y, real), &refs).await
        }
    };
    blanked(r.status, &html(&r), y)
}

#[tokio::test]
async fn no_member_login_reaches_another_members_pages_or_forms() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let y = ystad(&t).await;
        let staff = t.app.create_token("agent").await.unwrap();
        let before = t
            .get(&format!("/api/v1/tickets/{}", y.ticket), &staff)
            .await
            .json();
        for login in SIM_LOGINS {
            let b = Browser::sign_in(&t, login).await;
            for probe in PROBES {
                let (path, method) = match probe {
                    Probe::Get(p) => (*p, Method::GET),
                    Probe::Post(p, _) => (*p, Method::POST),
                };
                let real = answer(&b, probe, &y, true).await;
                let fake = answer(&b, probe, &y, false).await;
                assert_eq!(
                    real, fake,
                    "[{}] {login} {method} {path}: Ystad answers differently from a missing id",
                    t.backend
                );
                assert!(
                    !real.1.contains("zebrafink") && !real.1.contains(&y.number),
                    "[{}] {login} {method} {path} shows Ystad's ticket",
                    t.backend
                );
                assert!(
                    !real.0.is_success() || matches!(probe, Probe::Get(_)),
                    "[{}] {login} {method} {path}: a form on Ystad's data went through",
                    t.backend
                );
            }
            // The pages a Simrishamn login opens show nothing of Ystad's.
            for path in [
                "/portal",
                "/portal/catalog",
                "/portal/approvals",
                "/member",
                "/member/report",
                "/member/subscriptions",
                "/member/invoice",
                "/member/budget",
                "/member/user-agreement",
                "/agreement",
                "/agent",
                "/agent/callers?q=yst",
                "/agent/lead",
                "/agent/tasks",
                "/admin",
                "/admin/people?q=yst",
                "/inventory",
                "/inventory/items",
                "/inventory/systems",
                "/inventory/plan",
                "/inventory/standard",
                "/inventory/overlap",
                "/inventory/federation",
            ] {
                let r = b.get(path).await;
                let text = html(&r);
                assert!(
                    !text.contains("zebrafink")
                        && !text.contains(&y.number)
                        && !text.contains(&y.ticket)
                        && !text.contains(&y.person)
                        && !text.contains(&y.item)
                        && !text.contains("Ekonomisystem YST"),
                    "[{}] {login} {path} shows Ystad's data",
                    t.backend
                );
            }
        }
        // Nothing of Ystad's was changed by the probes.
        let after = t
            .get(&format!("/api/v1/tickets/{}", y.ticket), &staff)
            .await
            .json();
        assert_eq!(after["version"], before["version"], "[{}]", t.backend);
        let comments = t
            .request(
                Method::GET,
                &format!("/api/v1/tickets/{}/comments", y.ticket),
                Some(&staff),
                Body::empty(),
                &[],
            )
            .await
            .json();
        assert_eq!(comments.as_array().unwrap().len(), 0, "[{}]", t.backend);
    }
}
