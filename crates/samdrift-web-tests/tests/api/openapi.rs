//! The OpenAPI document is served and matches the committed snapshot, so it
//! never changes by accident. After an intended change, regenerate it with
//! `UPDATE_SNAPSHOTS=1 cargo test -p samdrift-web --test api openapi`.

use crate::harness::backends;
use axum::body::Body;
use axum::http::{Method, StatusCode};

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/openapi.json");

#[tokio::test]
async fn openapi_document_matches_the_snapshot() {
    let t = backends().await.remove(0);
    let r = t
        .request(
            Method::GET,
            "/api/v1/openapi.json",
            None,
            Body::empty(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/v1/tickets",
        "/api/v1/tickets/{id}",
        "/api/v1/import/tickets",
        "/api/v1/members",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    let pretty = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    if std::env::var("UPDATE_SNAPSHOTS").is_ok() {
        std::fs::create_dir_all(std::path::Path::new(SNAPSHOT).parent().unwrap()).unwrap();
        std::fs::write(SNAPSHOT, &pretty).unwrap();
    }
    let expected = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        expected == pretty,
        "the OpenAPI document changed; review and regenerate the snapshot ({SNAPSHOT})"
    );
}

/// What client generators and fuzzers rely on: every path parameter of
/// every operation declared (by the name in the path), unique operation
/// ids, and every error answer a problem+json.
#[tokio::test]
async fn every_operation_declares_its_parameters_and_problems() {
    let t = backends().await.remove(0);
    let r = t
        .request(
            Method::GET,
            "/api/v1/openapi.json",
            None,
            Body::empty(),
            &[],
        )
        .await;
    let doc: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    let mut ids = std::collections::BTreeSet::new();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let in_path: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        let unique: std::collections::BTreeSet<&str> = in_path.iter().copied().collect();
        assert_eq!(
            unique.len(),
            in_path.len(),
            "{path}: two parameters of one name"
        );
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(
                ids.insert(id.to_owned()),
                "{method} {path}: operationId {id} twice"
            );
            let declared: Vec<&str> = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter(|p| p["in"] == "path")
                        .filter_map(|p| p["name"].as_str())
                        .collect()
                })
                .unwrap_or_default();
            let mut expected = in_path.clone();
            expected.sort_unstable();
            let mut declared_sorted = declared.clone();
            declared_sorted.sort_unstable();
            assert_eq!(
                declared_sorted, expected,
                "{method} {path}: path parameters"
            );
            let public = op["security"] == serde_json::json!([{}]);
            let responses = op["responses"].as_object().unwrap();
            assert!(
                public || responses.contains_key("401"),
                "{method} {path}: 401 undocumented"
            );
            for (status, response) in responses {
                assert!(
                    response["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status}: no description"
                );
                if status.starts_with('4') || status.starts_with('5') {
                    let content = response["content"].as_object().unwrap();
                    assert_eq!(
                        content.keys().collect::<Vec<_>>(),
                        ["application/problem+json"],
                        "{method} {path} {status}"
                    );
                    assert_eq!(
                        content["application/problem+json"]["schema"]["$ref"],
                        "#/components/schemas/Problem"
                    );
                }
            }
        }
    }
    assert_eq!(operations, 188);
}
