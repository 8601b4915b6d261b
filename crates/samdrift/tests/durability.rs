//! Durability with the real binary: tickets are created by several clients
//! while the server is killed with SIGKILL; after a restart every ticket
//! that got a 201 is there, complete, and the database passes its integrity
//! check. A backup taken while the server is under load restores into an
//! empty database and holds every ticket acknowledged before it began.
//! SQLite always; PostgreSQL when `SAMDRIFT_TEST_PG_URL` is set (required
//! in CI). Bounded: a few hundred tickets per run.

#![cfg(test)]

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Db {
    name: &'static str,
    url: String,
    _dir: tempfile::TempDir,
}

fn samdrift(dir: &Path, url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--data-dir")
        .arg(dir)
        .arg("--database-url")
        .arg(url)
        .args(args)
        .output()
        .unwrap()
}

fn must(out: std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A fresh database on each backend under test.
fn databases() -> Vec<Db> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("samdrift.db").display());
    let mut dbs = vec![Db {
        name: "sqlite",
        url,
        _dir: dir,
    }];
    match std::env::var("SAMDRIFT_TEST_PG_URL") {
        Ok(base) => dbs.push(Db {
            name: "postgres",
            url: fresh_pg(&base),
            _dir: tempfile::tempdir().unwrap(),
        }),
        Err(_) => assert!(
            std::env::var("SAMDRIFT_REQUIRE_PG").is_err() && std::env::var("CI").is_err(),
            "SAMDRIFT_TEST_PG_URL is required here: PostgreSQL tests must not be skipped"
        ),
    }
    dbs
}

fn fresh_pg(base: &str) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let name = format!("samdrift_dur_{}", uuid::Uuid::new_v4().simple());
    rt.block_on(async {
        let admin = sqlx::PgPool::connect(base).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
    });
    let (prefix, _) = base.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(dir: &Path, url: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_samdrift"))
            .arg("--data-dir")
            .arg(dir)
            .arg("--database-url")
            .arg(url)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(r) = agent().get(&format!("{base}/healthz")).call()
                && r.status() == 200
            {
                return Server { child, base };
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        panic!("the server did not come up on {base}");
    }

    /// SIGKILL: no shutdown, no flushing.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

fn get(base: &str, path: &str, token: &str) -> (u16, Value) {
    let mut r = agent()
        .get(&format!("{base}{path}"))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Clients creating tickets until `stop`; every acknowledged (201) ticket
/// is recorded with its title.
fn load(
    base: &str,
    token: &str,
    clients: usize,
    stop: Arc<AtomicBool>,
    acked: Arc<Mutex<Vec<(String, String)>>>,
) -> Vec<std::thread::JoinHandle<()>> {
    (0..clients)
        .map(|c| {
            let (base, token, stop, acked) = (
                base.to_owned(),
                token.to_owned(),
                stop.clone(),
                acked.clone(),
            );
            std::thread::spawn(move || {
                let agent = agent();
                let mut i = 0;
                while !stop.load(Ordering::SeqCst) {
                    i += 1;
                    let title = format!("Last {c}-{i}");
                    let body = json!({"member": "YST", "type": "incident", "title": title,
                        "description": "Skapad under last", "impact": 2, "urgency": 2});
                    let sent = agent
                        .post(&format!("{base}/api/v1/tickets"))
                        .header("Authorization", &format!("Bearer {token}"))
                        .content_type("application/json")
                        .send(body.to_string());
                    let Ok(mut r) = sent else { break };
                    if r.status() == 201 {
                        let text = r.body_mut().read_to_string().unwrap_or_default();
                        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                        if let Some(id) = v["id"].as_str() {
                            acked.lock().unwrap().push((id.to_owned(), title));
                        }
                    }
                }
            })
        })
        .collect()
}

fn wait_for(acked: &Arc<Mutex<Vec<(String, String)>>>, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while acked.lock().unwrap().len() < n {
        assert!(Instant::now() < deadline, "the load made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The demo federation and an agent's token.
fn prepare(db: &Db) -> String {
    let dir = db._dir.path();
    must(samdrift(dir, &db.url, &["demo"]), "demo");
    must(
        samdrift(
            dir,
            &db.url,
            &["admin", "create-token", "--username", "agent"],
        ),
        "token",
    )
}

#[test]
fn every_acknowledged_ticket_survives_sigkill() {
    for db in databases() {
        let dir = db._dir.path();
        let token = prepare(&db);
        let server = Server::start(dir, &db.url);
        let stop = Arc::new(AtomicBool::new(false));
        let acked = Arc::new(Mutex::new(Vec::new()));
        let clients = load(&server.base, &token, 8, stop.clone(), acked.clone());
        wait_for(&acked, 150);
        server.kill(); // mid-load: requests are in flight
        stop.store(true, Ordering::SeqCst);
        for c in clients {
            c.join().unwrap();
        }
        let acked = acked.lock().unwrap().clone();
        assert!(acked.len() >= 150, "[{}]", db.name);
        let server = Server::start(dir, &db.url);
        for (id, title) in &acked {
            let (status, ticket) = get(&server.base, &format!("/api/v1/tickets/{id}"), &token);
            assert_eq!(status, 200, "[{}] acknowledged ticket {id} lost", db.name);
            assert_eq!(ticket["title"], title.as_str(), "[{}]", db.name);
            let (_, history) = get(
                &server.base,
                &format!("/api/v1/tickets/{id}/history"),
                &token,
            );
            assert!(
                history
                    .as_array()
                    .is_some_and(|h| h.iter().any(|e| e["kind"] == "created")),
                "[{}] {id} lost its history",
                db.name
            );
        }
        server.kill();
        let checked = must(samdrift(dir, &db.url, &["admin", "check"]), "check");
        assert!(checked.starts_with("ok: "), "[{}] {checked}", db.name);
    }
}

#[test]
fn a_backup_taken_under_load_restores_whole() {
    for db in databases() {
        let dir = db._dir.path();
        let token = prepare(&db);
        let server = Server::start(dir, &db.url);
        let stop = Arc::new(AtomicBool::new(false));
        let acked = Arc::new(Mutex::new(Vec::new()));
        let clients = load(&server.base, &token, 4, stop.clone(), acked.clone());
        wait_for(&acked, 50);
        let before: Vec<(String, String)> = acked.lock().unwrap().clone();
        let file = dir.join("backup.bin");
        let file_text = file.display().to_string();
        must(
            samdrift(dir, &db.url, &["admin", "backup", "--to", &file_text]),
            "backup",
        );
        wait_for(&acked, before.len() + 20);
        stop.store(true, Ordering::SeqCst);
        for c in clients {
            c.join().unwrap();
        }
        server.kill();
        let refused = samdrift(dir, &db.url, &["admin", "backup", "--to", &file_text]);
        assert!(
            !refused.status.success(),
            "an existing file is never overwritten"
        );

        // Restore into an empty database and read the tickets through a server.
        let target_dir = tempfile::tempdir().unwrap();
        let target = match db.name {
            "sqlite" => format!(
                "sqlite://{}",
                target_dir.path().join("restored.db").display()
            ),
            _ => fresh_pg(&std::env::var("SAMDRIFT_TEST_PG_URL").unwrap()),
        };
        must(
            samdrift(
                target_dir.path(),
                &target,
                &["admin", "restore", "--from", &file_text],
            ),
            "restore",
        );
        let again = samdrift(
            target_dir.path(),
            &target,
            &["admin", "restore", "--from", &file_text],
        );
        assert!(
            !again.status.success(),
            "[{}] a federation is replaced only with --force",
            db.name
        );
        let checked = must(
            samdrift(target_dir.path(), &target, &["admin", "check"]),
            "check",
        );
        let restored: usize = checked
            .trim_start_matches("ok: ")
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(restored >= 300 + before.len(), "[{}] {checked}", db.name);
        let server = Server::start(target_dir.path(), &target);
        for (id, title) in &before {
            let (status, ticket) = get(&server.base, &format!("/api/v1/tickets/{id}"), &token);
            assert_eq!(status, 200, "[{}] {id} missing from the backup", db.name);
            assert_eq!(ticket["title"], title.as_str());
        }
        server.kill();
    }
}
