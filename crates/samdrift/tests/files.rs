//! The files samdrift writes hold the members' personal data: the data
//! directory, the SQLite database and a backup are for their owner only,
//! whatever umask the operator's shell had.

#![cfg(test)]
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_database_and_its_backup_are_readable_by_their_owner_only() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let backup = root.path().join("backup.db");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_samdrift"))
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env_remove("SAMDRIFT_DATABASE_URL")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["migrate"]);
    run(&["admin", "check"]);
    run(&["admin", "backup", "--to", backup.to_str().unwrap()]);

    assert_eq!(mode(&data), 0o700, "the data directory");
    let db = data.join("samdrift.db");
    assert_eq!(mode(&db), 0o600, "the database");
    assert_eq!(mode(&backup), 0o600, "the backup");
}
