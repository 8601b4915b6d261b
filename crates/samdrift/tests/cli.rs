//! The binary's commands on a real SQLite database in a temp dir: a bad
//! argument exits non-zero with one line saying why; admin commands work on
//! the database a server would use.

#![cfg(test)]

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
            "Ystad-Kaffe-Kvarn-41",
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
                "Ystad-Kaffe-Kvarn-41",
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
            "at least 12",
        ),
        (
            vec![
                "admin",
                "create-user",
                "--username",
                "x4",
                "--password",
                "password-1234",
                "--role",
                "agent",
            ],
            "most common passwords",
        ),
        (
            vec![
                "admin",
                "set-password",
                "--username",
                "kim",
                "--password",
                "kimkimkimkimkim",
            ],
            "easy to guess",
        ),
        (
            vec![
                "admin",
                "create-user",
                "--username",
                "x3",
                "--password",
                "Ystad-Kaffe-Kvarn-41",
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
                "Ystad-Kaffe-Kvarn-41",
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

#[test]
fn a_scaled_demo_is_deterministic_for_its_seed_and_intact() {
    let runs: Vec<_> = (0..2)
        .map(|_| {
            std::thread::spawn(|| {
                let dir = tempfile::tempdir().unwrap();
                let out = samdrift(dir.path(), &["demo", "--scale", "2", "--seed", "7"]);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let check = samdrift(dir.path(), &["admin", "check"]);
                assert!(
                    check.status.success(),
                    "{}",
                    String::from_utf8_lossy(&check.stderr)
                );
                let summary = String::from_utf8_lossy(&out.stdout).to_string();
                // "demo federation loaded in 9.1 s: 6 members, ..." without the time.
                summary
                    .split_once(": ")
                    .map(|(_, s)| s.trim().to_owned())
                    .unwrap()
            })
        })
        .collect();
    let summaries: Vec<String> = runs.into_iter().map(|r| r.join().unwrap()).collect();
    assert!(summaries[0].starts_with("6 members"), "{}", summaries[0]);
    assert!(summaries[0].contains("20000 tickets"), "{}", summaries[0]);
    assert_eq!(
        summaries[0], summaries[1],
        "the same seed gives the same federation"
    );
    let bad = samdrift(
        tempfile::tempdir().unwrap().path(),
        &["demo", "--scale", "0"],
    );
    assert!(!bad.status.success());
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim().lines().count(),
        1
    );
}

#[test]
fn tokens_are_listed_and_revoked_and_logins_disabled_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = samdrift(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{args:?}: {stderr}");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    run(&[
        "admin",
        "create-user",
        "--username",
        "kim",
        "--password",
        "Ystad-Kaffe-Kvarn-41",
        "--role",
        "agent",
    ]);
    let token = run(&[
        "admin",
        "create-token",
        "--username",
        "kim",
        "--name",
        "Larm",
        "--expires-in-days",
        "30",
    ]);
    assert!(token.trim().starts_with("sd_"));
    let listed = run(&["admin", "list-tokens", "--username", "kim"]);
    let line = listed.lines().find(|l| l.contains("\tLarm\t")).unwrap();
    assert!(line.ends_with('Z') && line.contains("never"), "{line}");
    let id = line.split('\t').next().unwrap();
    run(&["admin", "revoke-token", "--id", id]);
    assert!(!run(&["admin", "list-tokens"]).contains("\tLarm\t"));
    assert!(run(&["admin", "disable-user", "--username", "kim"]).contains("kim disabled"));
    assert!(run(&["admin", "enable-user", "--username", "kim"]).contains("kim enabled"));
    let again = samdrift(dir.path(), &["admin", "revoke-token", "--id", id]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn people_deliveries_are_compared_and_applied_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let demo = samdrift(dir.path(), &["demo"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    assert!(
        dir.path().join("personnummer.key").exists(),
        "the demo makes its key"
    );
    let round2 = dir.path().join("demo-deliveries");
    let hr = round2.join("yst-hr-2.csv");
    let out = samdrift(
        dir.path(),
        &[
            "people",
            "deliver",
            "--member",
            "YST",
            "--source",
            "hr",
            "--full",
            "--apply",
            hr.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("joiners 3, movers 1, updates 1, leavers 2"),
        "{text}"
    );
    assert!(text.contains(": applied"), "{text}");
    // Number 7, an undersköterska in the demo's files, moves out of care
    // (the joiners are no undersköterskor): the demo's rule makes one
    // request ticket, to remove the care system's access. (The demo has
    // 300 tickets and 2 that came by mail.)
    let check = samdrift(dir.path(), &["admin", "check"]);
    assert_eq!(
        String::from_utf8_lossy(&check.stdout).trim(),
        "ok: 303 tickets"
    );

    let school = round2.join("yst-school-2.csv");
    let args = [
        "people",
        "deliver",
        "--member",
        "YST",
        "--source",
        "school",
        "--full",
        "--apply",
        school.to_str().unwrap(),
    ];
    let waits = samdrift(dir.path(), &args);
    assert_eq!(waits.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&waits.stdout);
    let stderr = String::from_utf8_lossy(&waits.stderr);
    assert!(stdout.contains("leavers 10"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("10 of 150 active people would leave"),
        "{stderr}"
    );
    let id = stdout.split_whitespace().nth(1).unwrap();
    let confirmed = samdrift(
        dir.path(),
        &["people", "apply", "--delivery", id, "--confirm"],
    );
    assert!(
        confirmed.status.success(),
        "{}",
        String::from_utf8_lossy(&confirmed.stderr)
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "employee_number,given_name,family_name,email\n1,A,B,a@ystad.se\n2,C,,not-mail\n",
    )
    .unwrap();
    let refused = samdrift(
        dir.path(),
        &[
            "people",
            "deliver",
            "--member",
            "YST",
            "--source",
            "hr",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("line 3: family_name") && stderr.contains("line 3: email"),
        "{stderr}"
    );
}

#[test]
fn the_server_takes_delivery_files_from_the_watched_directory() {
    let dir = tempfile::tempdir().unwrap();
    let demo = samdrift(dir.path(), &["demo"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let drop = dir.path().join("drop");
    std::fs::create_dir_all(&drop).unwrap();
    std::fs::copy(
        dir.path().join("demo-deliveries/yst-hr-2.csv"),
        drop.join("yst-hr-full-0302.csv"),
    )
    .unwrap();
    std::fs::write(
        drop.join("tom-hr-0302.csv"),
        "employee_number,given_name,family_name,email\n1,A,B,not-mail\n",
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env_remove("SAMDRIFT_DATABASE_URL")
        .env("SAMDRIFT_PEOPLE_DELIVERY_DIR", &drop)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let done = drop.join("done/yst-hr-full-0302.csv");
    let failed = drop.join("failed/tom-hr-0302.csv.errors.txt");
    for _ in 0..300 {
        if done.exists() && failed.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = server.kill();
    let _ = server.wait();
    assert!(done.exists(), "the good file is applied and moved to done/");
    let errors = std::fs::read_to_string(&failed).unwrap();
    assert!(errors.contains("line 2: email"), "{errors}");
    assert!(!drop.join("yst-hr-full-0302.csv").exists());
}

#[test]
fn an_admin_changes_a_logins_language_and_roles_from_the_command_line_on_the_version_read() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = samdrift(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{args:?}: {stderr}");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    run(&["demo"]);
    let shown = run(&["admin", "show-user", "--username", "yst.user"]);
    assert!(shown.contains("\nrole\tYST\tend_user\n"), "{shown}");
    assert!(shown.contains("\nlanguage\tsv\n") && shown.contains("\nstaff role\tnone\n"));
    let version: i64 = shown
        .lines()
        .find_map(|l| l.strip_prefix("version\t"))
        .unwrap()
        .parse()
        .unwrap();
    let changed = run(&[
        "admin",
        "edit-user",
        "--username",
        "yst.user",
        "--language",
        "en",
        "--add-role",
        "SIM:orderer",
        "--add-role",
        "YST:strategist",
        "--remove-role",
        "YST:end_user",
    ]);
    assert_eq!(
        changed.trim(),
        format!("yst.user changed (version {})", version + 1)
    );
    let shown = run(&["admin", "show-user", "--username", "yst.user"]);
    assert!(shown.contains("\nlanguage\ten\n"), "{shown}");
    assert!(
        shown.contains("\nrole\tSIM\torderer\nrole\tYST\tstrategist\n"),
        "{shown}"
    );
    assert!(!shown.contains("end_user"), "{shown}");

    for (args, says) in [
        (
            vec![
                "--staff-role",
                "agent",
                "--expect-version",
                &*version.to_string(),
            ],
            "was changed since version",
        ),
        (vec!["--add-role", "YST"], "CODE:ROLE"),
        (
            vec!["--remove-role", "TOM:orderer"],
            "holds no role TOM:orderer",
        ),
        (vec!["--add-role", "YST:wizard"], "wizard"),
        (vec!["--add-role", "NOPE:orderer"], "NOPE"),
        (vec!["--language", "de"], "sv or en"),
        (
            vec!["--email", "inte en adress"],
            "email: must be an e-mail address",
        ),
    ] {
        let mut all = vec!["admin", "edit-user", "--username", "yst.user"];
        all.extend(args.iter().map(|a| &**a));
        let out = samdrift(dir.path(), &all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{all:?}: {stderr}");
        assert!(stderr.contains(says), "{all:?}: {stderr}");
    }
    let shown = run(&["admin", "show-user", "--username", "yst.user"]);
    assert!(
        shown.contains("\nstaff role\tnone\n"),
        "nothing changed: {shown}"
    );
    let staff = run(&[
        "admin",
        "edit-user",
        "--username",
        "agent",
        "--staff-role",
        "none",
    ]);
    assert!(staff.contains("agent changed"));
    assert!(run(&["admin", "show-user", "--username", "agent"]).contains("\nstaff role\tnone\n"));

    // A staff login's own address, kept in lower case, and taken away.
    let shown = run(&["admin", "show-user", "--username", "agent"]);
    assert!(shown.contains("\nemail\tnone\n"), "{shown}");
    run(&[
        "admin",
        "edit-user",
        "--username",
        "agent",
        "--email",
        "Agent.Andersson@GSIT.example",
    ]);
    let shown = run(&["admin", "show-user", "--username", "agent"]);
    assert!(
        shown.contains("\nemail\tagent.andersson@gsit.example\n"),
        "{shown}"
    );
    run(&[
        "admin",
        "edit-user",
        "--username",
        "agent",
        "--email",
        "none",
    ]);
    assert!(run(&["admin", "show-user", "--username", "agent"]).contains("\nemail\tnone\n"));
}

/// Writes a configuration file beside the data and returns its path.
fn config_file(dir: &std::path::Path, text: &str) -> String {
    let path = dir.join("samdrift-test.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn a_members_directory_is_read_from_the_command_line_and_a_bad_configuration_stops_in_one_line() {
    let Ok(url) = std::env::var("SAMDRIFT_TEST_LDAPS_URL") else {
        assert!(
            std::env::var("SAMDRIFT_REQUIRE_LDAP").is_err() && std::env::var("CI").is_err(),
            "SAMDRIFT_TEST_LDAPS_URL is required here: start tests/ldap/start.sh"
        );
        eprintln!("no directory (tests/ldap/start.sh): not tested");
        return;
    };
    let ca = std::env::var("SAMDRIFT_TEST_LDAP_CA").unwrap();
    let password = std::env::var("SAMDRIFT_TEST_LDAP_PASSWORD_FILE").unwrap();
    let dir = tempfile::tempdir().unwrap();
    assert!(samdrift(dir.path(), &["demo"]).status.success());
    let ldap = format!(
        "[[ldap]]\nmember = \"YST\"\nurl = \"{url}\"\nca_file = \"{ca}\"\n\
         bind_dn = \"cn=svc-samdrift,dc=ystad,dc=example\"\nbind_password_file = \"{password}\"\n\
         base_dn = \"dc=ystad,dc=example\"\nflavour = \"active_directory\"\n"
    );
    let config = config_file(dir.path(), &ldap);
    let args = [
        "--config",
        &config,
        "people",
        "read-directory",
        "--member",
        "YST",
    ];
    let out = samdrift(dir.path(), &args);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("read 3 users and 2 groups"), "{text}");

    for (bad, says) in [
        (ldap.replace("active_directory", "novell"), "flavour"),
        (ldap.replace("ldaps://", "http://"), "ldaps://"),
        (
            format!(
                "[[sso]]\nkey = \"Ystad kommun\"\nlabel = \"Ystad\"\nissuer = \"https://idp.example\"\n\
                 client_id = \"samdrift\"\nclient_secret_file = \"{password}\"\n"
            ),
            "sso",
        ),
    ] {
        let config = config_file(dir.path(), &bad);
        let args = [
            "--config",
            &config,
            "people",
            "read-directory",
            "--member",
            "YST",
        ];
        let out = samdrift(dir.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{bad}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(says), "{err}");
    }
}

#[test]
fn an_admin_creates_a_members_scim_token_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    assert!(samdrift(dir.path(), &["demo"]).status.success());
    let out = samdrift(
        dir.path(),
        &[
            "admin",
            "scim-token",
            "--member",
            "YST",
            "--name",
            "Entra ID",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(token.starts_with("scim_") && token.len() > 40, "{token}");
    let unknown = samdrift(dir.path(), &["admin", "scim-token", "--member", "NOPE"]);
    assert!(!unknown.status.success());
    let says = String::from_utf8_lossy(&unknown.stderr);
    assert_eq!(says.trim().lines().count(), 1, "{says}");
}
