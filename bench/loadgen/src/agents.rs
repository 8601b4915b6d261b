//! Inventory agents reporting: the captured inventory of a real
//! FusionInventory agent (752 packages, 210 KB of XML, 16 KB compressed),
//! made into distinct machines (device id, serial number, UUID) and sent
//! zlib-compressed with a member's agent key as HTTP basic password, the
//! way the agent sends it. Bodies are prepared before the clock starts.

use super::{Run, Target, measured};
use anyhow::Context;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, StatusCode};
use std::io::Write;
use std::sync::Arc;

/// One machine's requests: its prolog and its inventory, compressed.
struct Machine {
    key: String,
    prolog: Bytes,
    inventory: Bytes,
    /// The same inventory with one package's version changed.
    changed: Bytes,
}

fn zlib(text: &str) -> anyhow::Result<Bytes> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(text.as_bytes())?;
    Ok(Bytes::from(e.finish()?))
}

/// A machine of this run (`run` keeps runs apart, so each run's machines
/// are new to the server).
fn machine(template: &str, key: &str, run: u32, n: usize) -> anyhow::Result<Machine> {
    let device = format!("bench-{run}-{n:06}-2027-01-01-10-00-00");
    let body = template
        .replacen("<SSN></SSN>", &format!("<SSN>BENCH-{run}-{n:06}</SSN>"), 1)
        .replacen(
            "<HARDWARE>",
            &format!("<HARDWARE><UUID>{run:08X}-0000-4000-8000-{n:012}</UUID>"),
            1,
        );
    let start = body
        .find("<DEVICEID>")
        .context("no DEVICEID in the template")?
        + "<DEVICEID>".len();
    let end = body[start..]
        .find("</DEVICEID>")
        .context("no DEVICEID end")?
        + start;
    let body = format!("{}{device}{}", &body[..start], &body[end..]);
    let first_package = body
        .find("<SOFTWARES>")
        .context("no SOFTWARES in the template")?;
    let changed = format!(
        "{}{}",
        &body[..first_package],
        body[first_package..].replacen("</VERSION>", ".1</VERSION>", 1)
    );
    let prolog = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><REQUEST><DEVICEID>{device}</DEVICEID><QUERY>PROLOG</QUERY><TOKEN>12345678</TOKEN></REQUEST>"
    );
    Ok(Machine {
        key: key.to_owned(),
        prolog: zlib(&prolog)?,
        inventory: zlib(&body)?,
        changed: zlib(&changed)?,
    })
}

async fn send(t: &Target, key: &str, body: Bytes) -> anyhow::Result<StatusCode> {
    use base64::Engine;
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("agent:{key}"));
    let req = Request::builder()
        .method(Method::POST)
        .uri(format!("{}/api/v1/inventory/agent", t.nodes[0]))
        .header("authorization", format!("Basic {auth}"))
        .header("content-type", "application/x-compress-zlib")
        .body(Full::new(body))?;
    let response = t.http.request(req).await?;
    let status = response.status();
    response.into_body().collect().await?;
    Ok(status)
}

/// The agents' scenarios: one agent at a time (a new machine, the same
/// machine again with its software unchanged, and changed), then 50
/// agents at once, each with its prolog and its inventory.
pub async fn agents(run: &Run) -> anyhow::Result<()> {
    let keys_file = run
        .args
        .agent_keys
        .as_deref()
        .context("--agent-keys is needed for the agents scenario")?;
    let template_file = run
        .args
        .agent_inventory
        .as_deref()
        .context("--agent-inventory is needed")?;
    let keys: Vec<String> = std::fs::read_to_string(keys_file)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    anyhow::ensure!(!keys.is_empty(), "no agent keys in {keys_file}");
    let template = std::fs::read_to_string(template_file)?;
    let sequential = 200;
    let machines: Arc<Vec<Machine>> = Arc::new(
        (0..sequential + 50)
            .map(|n| machine(&template, &keys[n % keys.len()], std::process::id(), n))
            .collect::<anyhow::Result<_>>()?,
    );
    for (name, pick) in [
        ("agent inventory: a new machine", 0u8),
        ("agent inventory: the same machine, software unchanged", 1),
        ("agent inventory: the same machine, one package changed", 2),
    ] {
        let m = machines.clone();
        measured(
            &run.target,
            &run.probe,
            (run.label(), name),
            1,
            sequential,
            move |t, _, n| {
                let machine = &m[n];
                let body = if pick == 2 {
                    machine.changed.clone()
                } else {
                    machine.inventory.clone()
                };
                let key = machine.key.clone();
                async move { send(&t, &key, body).await }
            },
        )
        .await;
    }
    for (name, pick) in [
        (
            "50 agents at once: prolog, then a new machine's inventory",
            0u8,
        ),
        ("50 agents at once: prolog, then an unchanged inventory", 1),
    ] {
        let m = machines.clone();
        measured(
            &run.target,
            &run.probe,
            (run.label(), name),
            50,
            100,
            move |t, worker, n| {
                let machine = &m[sequential + worker];
                let body = if n < 50 && pick == 0 {
                    machine.prolog.clone()
                } else {
                    machine.inventory.clone()
                };
                let body = if pick == 1 && n % 2 == 0 {
                    machine.prolog.clone()
                } else {
                    body
                };
                let key = machine.key.clone();
                async move { send(&t, &key, body).await }
            },
        )
        .await;
    }
    Ok(())
}
