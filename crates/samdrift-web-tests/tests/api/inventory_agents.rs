//! Inventory agents of the FusionInventory / GLPI family report to
//! samdrift with a member's key: a request without it is answered 401 with
//! a basic challenge (the agent then sends its credentials); an inventory
//! is kept and answered at once, then applied from the inbox (what the
//! server's loop does, called here); a machine is recognised again by its
//! UUID or serial number, and its software is replaced by each inventory;
//! one that cannot be read is set aside. Debian's own `fusioninventory-agent` runs
//! against the real router on a TCP port and its machine appears.

use crate::harness::{TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use base64::Engine;
use serde_json::{Value, json};

const PROLOG: &str = include_str!("../../../samdrift-integrations/tests/fixtures/agent/prolog.xml");
const INVENTORY: &str =
    include_str!("../../../samdrift-integrations/tests/fixtures/agent/inventory.xml");

fn basic(key: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("agent:{key}"))
    )
}

async fn send(t: &TestApp, auth: Option<&str>, body: &str) -> crate::harness::Response {
    let mut headers = vec![("content-type", "application/xml")];
    if let Some(a) = auth {
        headers.push(("authorization", a));
    }
    t.request(
        Method::POST,
        "/api/v1/inventory/agent",
        None,
        Body::from(body.to_owned()),
        &headers,
    )
    .await
}

/// Applies what the agents sent, as the server's loop does.
async fn apply(t: &TestApp) -> usize {
    t.app.apply_agent_inbox(100).await.unwrap().len()
}

pub async fn agent_key(t: &TestApp, manager: &str, member: &str) -> String {
    let r = t
        .post(
            &format!("/api/v1/members/{member}/agent-keys"),
            manager,
            json!({"label": "Klienter"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()["key"].as_str().unwrap().to_owned()
}

async fn machines(t: &TestApp, token: &str) -> Vec<Value> {
    t.get("/api/v1/inventory/items?kind=client", token)
        .await
        .json()["items"]
        .as_array()
        .unwrap()
        .clone()
}

/// The captured inventory with a serial number, a UUID and a device id.
fn inventory(serial: &str, uuid: &str, device: &str, software: usize) -> String {
    let mut text = INVENTORY
        .replace("<SSN></SSN>", &format!("<SSN>{serial}</SSN>"))
        .replacen("<HARDWARE>", &format!("<HARDWARE><UUID>{uuid}</UUID>"), 1);
    let device_start = text.find("<DEVICEID>").unwrap() + "<DEVICEID>".len();
    let device_end = text[device_start..].find("</DEVICEID>").unwrap() + device_start;
    text.replace_range(device_start..device_end, device);
    // Keep only the first `software` packages.
    let mut kept = 0;
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<SOFTWARES>") {
        let end = rest[start..].find("</SOFTWARES>").unwrap() + start + "</SOFTWARES>".len();
        out.push_str(&rest[..start]);
        if kept < software {
            out.push_str(&rest[start..end]);
            kept += 1;
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn an_agent_reports_with_a_members_key_and_its_machine_is_recognised_again() {
    for t in backends().await {
        let f = federation(&t).await;
        let key = agent_key(&t, f.token("manager"), "YST").await;
        let r = send(&t, None, PROLOG).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            r.headers.get("www-authenticate").unwrap(),
            "Basic realm=\"samdrift inventory\""
        );
        assert_eq!(
            send(&t, Some(&basic("sdi_wrong")), PROLOG).await.status,
            StatusCode::UNAUTHORIZED
        );
        let r = send(&t, Some(&basic(&key)), PROLOG).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            r.headers.get("content-type").unwrap(),
            "application/x-compress"
        );
        assert_eq!(r.body.first(), Some(&0x78), "a zlib stream");

        let first = send(
            &t,
            Some(&basic(&key)),
            &inventory(
                "SN-77",
                "4C4C4544-0031-3010-8052-B4C04F4D3732",
                "vm-2027-01-01-10-00-00",
                40,
            ),
        )
        .await;
        assert_eq!(
            first.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&first.body)
        );
        assert!(
            machines(&t, f.token("technician")).await.is_empty(),
            "kept, not yet applied"
        );
        assert_eq!(apply(&t).await, 1);
        assert_eq!(apply(&t).await, 0, "applied once");
        let list = machines(&t, f.token("technician")).await;
        assert_eq!(list.len(), 1);
        let id = list[0]["id"].as_str().unwrap().to_owned();
        assert_eq!(list[0]["owner"], "YST");
        assert_eq!(list[0]["serial"], "SN-77");
        assert_eq!(list[0]["source"], "agent");
        assert_eq!(list[0]["category"], "client_os");
        let page = t
            .get(
                &format!("/api/v1/inventory/items/{id}"),
                f.token("yst.strategist"),
            )
            .await
            .json();
        assert_eq!(page["software"].as_array().unwrap().len(), 40);
        assert!(
            page["item"]["attributes"]["memory_mb"].as_u64().is_some(),
            "{}",
            page["item"]["attributes"]
        );

        // Reinstalled (a new device id), same hardware: the same item, its software replaced.
        let again = send(
            &t,
            Some(&basic(&key)),
            &inventory(
                "SN-77",
                "4C4C4544-0031-3010-8052-B4C04F4D3732",
                "vm-2027-02-01-08-00-00",
                12,
            ),
        )
        .await;
        assert_eq!(again.status, StatusCode::OK);
        // A new motherboard keeps the serial: still the same item.
        let serial = send(
            &t,
            Some(&basic(&key)),
            &inventory("SN-77", "00000000-0000-0000-0000-000000000000", "vm-x", 12),
        )
        .await;
        assert_eq!(serial.status, StatusCode::OK);
        assert_eq!(apply(&t).await, 2, "in the order received");
        let list = machines(&t, f.token("technician")).await;
        assert_eq!(list.len(), 1, "recognised by UUID, then by serial");
        assert_eq!(list[0]["id"], id.as_str());
        let page = t
            .get(
                &format!("/api/v1/inventory/items/{id}"),
                f.token("technician"),
            )
            .await
            .json();
        assert_eq!(page["software"].as_array().unwrap().len(), 12);

        // SIM's key reports SIM's machines: the same serial at SIM is SIM's own item.
        let sim_key = agent_key(&t, f.token("manager"), "SIM").await;
        assert_eq!(
            send(
                &t,
                Some(&basic(&sim_key)),
                &inventory("SN-77", "AA", "vm-sim", 1)
            )
            .await
            .status,
            StatusCode::OK
        );
        apply(&t).await;
        assert_eq!(
            machines(&t, f.token("yst.strategist")).await.len(),
            1,
            "YST sees only its machine"
        );
        assert_eq!(machines(&t, f.token("technician")).await.len(), 2);

        // Unreadable requests are refused without a trace of them stored;
        // an inventory whose content is broken is set aside when applied.
        let r = send(&t, Some(&basic(&key)), "<REQUEST><QUERY>INVENTORY").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let broken = "<REQUEST><CONTENT><HARDWARE></CONTENT><DEVICEID>x</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
        assert_eq!(
            send(&t, Some(&basic(&key)), broken).await.status,
            StatusCode::OK
        );
        assert_eq!(apply(&t).await, 1);
        let inbox = t
            .get("/api/v1/inventory/agent-inbox", f.token("manager"))
            .await
            .json();
        assert_eq!(inbox, json!({"waiting": 0, "set_aside": 1}));
        let r = t
            .get("/api/v1/inventory/agent-inbox", f.token("yst.strategist"))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(
            machines(&t, f.token("technician")).await.len(),
            2,
            "nothing applied of it"
        );
        // Keys are the managers'; a revoked key reports nothing.
        let r = t
            .post(
                "/api/v1/members/YST/agent-keys",
                f.token("yst.strategist"),
                json!({"label": "x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let keys = t
            .get("/api/v1/members/YST/agent-keys", f.token("manager"))
            .await
            .json();
        assert!(
            keys[0]["last_used_at"].is_string() && keys[0]["key"].is_null(),
            "{keys}"
        );
        let kid = keys[0]["id"].as_str().unwrap();
        let r = t
            .request(
                Method::DELETE,
                &format!("/api/v1/members/YST/agent-keys/{kid}"),
                Some(f.token("manager")),
                Body::empty(),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(
            send(&t, Some(&basic(&key)), PROLOG).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
}

/// Runs `tests/inventory/run-agent.sh` against `url`.
fn run_agent(url: &str, key: &str, state: &std::path::Path) -> std::process::Output {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/inventory/run-agent.sh"
    );
    std::process::Command::new("bash")
        .arg(script)
        .arg(url)
        .arg("agent")
        .arg(key)
        .arg(state)
        .output()
        .expect("bash runs")
}

#[tokio::test]
async fn debians_fusioninventory_agent_reports_its_machine_to_samdrift() {
    assert!(
        std::process::Command::new("sh")
            .arg("-c")
            .arg("command -v fusioninventory-agent")
            .output()
            .is_ok_and(|o| o.status.success()),
        "fusioninventory-agent is required (tests/inventory/install-agent.sh installs it from Debian's packages)"
    );
    for t in backends().await {
        let f = federation(&t).await;
        let key = agent_key(&t, f.token("manager"), "YST").await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let router = t.router.clone();
        let server = tokio::spawn(async move { axum::serve(listener, router).await });
        let url = format!("http://127.0.0.1:{port}/api/v1/inventory/agent");
        let state = tempfile::tempdir().unwrap();
        for run in 1..=2 {
            let (url, key, dir) = (url.clone(), key.clone(), state.path().to_owned());
            let out = tokio::task::spawn_blocking(move || run_agent(&url, &key, &dir))
                .await
                .unwrap();
            assert!(
                out.status.success(),
                "[{}] run {run}: {}",
                t.backend,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        server.abort();
        assert_eq!(apply(&t).await, 2, "[{}] each run's inventory", t.backend);
        let list = machines(&t, f.token("technician")).await;
        let all = t
            .get("/api/v1/inventory/items", f.token("technician"))
            .await
            .json();
        let items = all["items"].as_array().unwrap();
        assert_eq!(
            items.len(),
            1,
            "[{}] two runs, one machine: {all}",
            t.backend
        );
        let item = &items[0];
        assert_eq!(item["owner"], "YST");
        assert_eq!(item["source"], "agent");
        assert!(
            !item["product_name"].as_str().unwrap().is_empty(),
            "its operating system: {item}"
        );
        let _ = list;
        let page = t
            .get(
                &format!("/api/v1/inventory/items/{}", item["id"].as_str().unwrap()),
                f.token("technician"),
            )
            .await
            .json();
        let software = page["software"].as_array().unwrap();
        assert!(
            software.len() > 10,
            "[{}] the packages it runs: {}",
            t.backend,
            software.len()
        );
        assert!(
            software
                .iter()
                .any(|s| s["name"] == "fusioninventory-agent"),
            "the agent finds itself among the packages"
        );
        assert!(
            page["item"]["attributes"]["cpus"]
                .as_array()
                .is_some_and(|c| !c.is_empty()),
            "{}",
            page["item"]["attributes"]
        );
    }
}
