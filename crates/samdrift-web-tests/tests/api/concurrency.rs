//! Optimistic concurrency: two changes made on the same version, one wins
//! and the other gets 412 without changing anything.

use crate::harness::{backends, federation, report};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn two_updates_with_the_same_etag_one_wins_one_gets_412() {
    for t in backends().await {
        let f = federation(&t).await;
        let ticket = report(&t, f.token("agent"), Some("YST"), "Samtidigt").await;
        let path = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());
        let read = t.get(&path, f.token("agent")).await;
        let etag = read
            .headers
            .get("etag")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let send = |title: &'static str| {
            let etag = etag.clone();
            let path = path.clone();
            let t = &t;
            let token = f.token("technician").to_owned();
            async move {
                t.request(
                    Method::PATCH,
                    &path,
                    Some(&token),
                    Body::from(json!({ "title": title }).to_string()),
                    &[("content-type", "application/json"), ("if-match", &etag)],
                )
                .await
            }
        };
        let (a, b) = tokio::join!(send("Första"), send("Andra"));
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::PRECONDITION_FAILED],
            "[{}]",
            t.backend
        );
        let loser = if a.status == StatusCode::OK { &b } else { &a };
        assert!(loser.is_problem());
        let winner = if a.status == StatusCode::OK {
            a.json()
        } else {
            b.json()
        };
        let now = t.get(&path, f.token("agent")).await.json();
        assert_eq!(
            now["title"], winner["title"],
            "[{}] the loser changed nothing",
            t.backend
        );
        assert_eq!(now["version"], 2);
        // Without If-Match a change is refused, not applied blindly.
        let r = t
            .send(
                Method::PATCH,
                &path,
                f.token("agent"),
                json!({"title": "Blint"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::PRECONDITION_REQUIRED,
            "[{}]",
            t.backend
        );
    }
}
