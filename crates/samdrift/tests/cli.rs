//! The binary's commands on a real SQLite database in a temp dir: a bad
//! argument exits non-zero with one line saying why; admin commands work on
//! the database a server would use.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn samdrift(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("SAMDRIFT_DATABASE_URL")
        .output()
        .unwrap()
}

#[test]
fn admin_commands_create_users_and_tokens_and_refuse_bad_input_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let ok = samdrift(
        dir.path(),
        &[
            "admin",
            "create-user",
            "--username",
            "kim",
            "--password",
            "long-enough",
            "--role",
            "agent",
        ],
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let token = samdrift(dir.path(), &["admin", "create-token", "--username", "kim"]);
    assert!(
        String::from_utf8_lossy(&token.stdout)
            .trim()
            .starts_with("sd_")
    );

    for (args, says) in [
        (
            vec![
                "admin",
                "create-user",
                "--username",
                "x1",
                "--password",
                "long-enough",
                "--role",
                "wizard",
            ],
            "unknown role",
        ),
        (
            vec![
                "admin",
                "create-user",
                "--username",
                "x2",
                "--password",
                "short",
                "--role",
                "agent",
            ],
            "at least 8",
        ),
        (
            vec![
                "admin",
                "create-user",
                "--username",
                "x3",
                "--password",
                "long-enough",
                "--role",
                "orderer",
                "--member",
                "NOPE",
            ],
            "NOPE",
        ),
        (
            vec!["admin", "create-token", "--username", "nobody"],
            "not found",
        ),
        (
            vec![
                "admin",
                "create-user",
                "--username",
                "kim",
                "--password",
                "long-enough",
                "--role",
                "agent",
            ],
            "already exists",
        ),
    ] {
        let out = samdrift(dir.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr.trim().lines().count(),
            1,
            "{args:?}: one line: {stderr}"
        );
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

#[test]
fn demo_loads_once_and_import_reads_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    assert!(samdrift(dir.path(), &["demo"]).status.success());
    let again = samdrift(dir.path(), &["demo"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "the demo loads only into an empty database"
    );
    let file = dir.path().join("tickets.jsonl");
    std::fs::write(
        &file,
        r#"{"member":"YST","type":"incident","service":"EMAIL","title":"Importerad","requester":"anna.berg@ystad.example","impact":2,"urgency":2,"events":[{"at":"2027-03-01T08:05:00+01:00","type":"created"}]}"#,
    )
    .unwrap();
    let out = samdrift(dir.path(), &["import", "tickets", file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("YST-2027-000001"), "{stdout}");
}
