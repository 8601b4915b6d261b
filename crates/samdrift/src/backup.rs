//! `samdrift admin backup|restore|check`: a consistent backup while the
//! server runs, bringing it back, and checking that a database is intact.
//! SQLite is copied with `VACUUM INTO` and restored by replacing the file
//! (the server stopped); PostgreSQL uses `pg_dump` and `pg_restore` in the
//! custom format.

use anyhow::{Context, bail};
use samdrift_app::Store;
use std::path::{Path, PathBuf};
use std::process::Command;

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The file of an SQLite URL (`sqlite://path`, `sqlite:path`).
fn sqlite_file(url: &str) -> PathBuf {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

fn run_tool(mut cmd: Command, tool: &str) -> anyhow::Result<()> {
    let out = cmd.output().map_err(|e| {
        anyhow::anyhow!("cannot run {tool} ({e}); install PostgreSQL's client tools")
    })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!(
            "{tool} failed: {}",
            err.lines().next().unwrap_or("no message")
        );
    }
    Ok(())
}

pub async fn backup(url: &str, to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        bail!("{} exists; name a new file", to.display());
    }
    if is_postgres(url) {
        let mut cmd = Command::new("pg_dump");
        cmd.arg("--format=custom")
            .arg("--no-owner")
            .arg("--file")
            .arg(to)
            .arg(url);
        return run_tool(cmd, "pg_dump");
    }
    let store = Store::connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    let path = to.to_str().context("the backup path must be valid UTF-8")?;
    store
        .backup_sqlite(path)
        .await
        .map_err(|e| anyhow::anyhow!("backup failed: {e}"))?;
    Ok(())
}

/// Restores `from` into the database at `url`. An SQLite database is
/// replaced as a whole (stop the server first); the copy is checked before
/// it replaces anything. A database that holds a federation is replaced
/// only with `force`.
pub async fn restore(url: &str, from: &Path, force: bool) -> anyhow::Result<()> {
    if !from.exists() {
        bail!("{} does not exist", from.display());
    }
    if !force && holds_data(url).await? {
        bail!("the database already holds a federation; add --force to replace it");
    }
    if is_postgres(url) {
        let mut cmd = Command::new("pg_restore");
        cmd.arg("--clean")
            .arg("--if-exists")
            .arg("--no-owner")
            .arg("--single-transaction")
            .arg("--dbname")
            .arg(url)
            .arg(from);
        return run_tool(cmd, "pg_restore");
    }
    // Copy next to the database, check the copy, then move it into place.
    let target = sqlite_file(url);
    let staging = target.with_extension("restoring");
    std::fs::copy(from, &staging).with_context(|| format!("cannot write {}", staging.display()))?;
    let copy = Store::connect(&format!("sqlite://{}", staging.display()))
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the backup: {e}"))?;
    let problems = copy
        .integrity_problems()
        .await
        .map_err(|e| anyhow::anyhow!("cannot check the backup: {e}"));
    copy.close().await;
    let problems = problems?;
    if let Some(p) = problems.first() {
        let _ = std::fs::remove_file(&staging);
        bail!("the backup is damaged: {p}");
    }
    for side in [&staging, &target] {
        for suffix in ["-wal", "-shm"] {
            let path = PathBuf::from(format!("{}{suffix}", side.display()));
            if path.exists() {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
            }
        }
    }
    std::fs::rename(&staging, &target)
        .with_context(|| format!("cannot replace {}", target.display()))?;
    Ok(())
}

async fn holds_data(url: &str) -> anyhow::Result<bool> {
    if !is_postgres(url) && !sqlite_file(url).exists() {
        return Ok(false);
    }
    let store = Store::connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    store
        .migrate()
        .await
        .map_err(|e| anyhow::anyhow!("cannot migrate the database: {e}"))?;
    let app = samdrift_app::App::new(
        store,
        std::sync::Arc::new(samdrift_app::SystemClock),
        samdrift_app::Settings::default(),
    );
    Ok(!app
        .is_empty()
        .await
        .map_err(|e| anyhow::anyhow!("cannot read the database: {e}"))?)
}

/// Checks the database; returns the number of tickets when it is intact.
pub async fn check(url: &str) -> anyhow::Result<i64> {
    let store = Store::connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    let problems = store
        .integrity_problems()
        .await
        .map_err(|e| anyhow::anyhow!("cannot check the database: {e}"))?;
    if !problems.is_empty() {
        bail!("the database is damaged: {}", problems.join("; "));
    }
    store
        .count_tickets()
        .await
        .map_err(|e| anyhow::anyhow!("cannot count tickets: {e}"))
}
