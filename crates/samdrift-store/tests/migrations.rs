//! The two backends' migrations stay in step: the same file names in the
//! same order, so a schema change is never made on one database only.

#[test]
fn sqlite_and_postgres_migrations_have_the_same_names() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations");
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(format!("{root}/{dir}"))
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty(), "no migrations found");
    assert_eq!(sqlite, names("postgres"));
}
