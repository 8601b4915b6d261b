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
