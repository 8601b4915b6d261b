//! `If-Match: *` (RFC 9110, 13.1.1): it matches any current representation,
//! so the change applies to the record as it is now and never answers 412,
//! even when someone changed the record after the client last read it or
//! at the same moment. It still needs the record to exist (404), and a
//! value that is neither `*` nor an ETag is invalid (422).

use crate::harness::{TestApp, backends, federation, report};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn patch_any(t: &TestApp, path: &str, token: &str, body: Value) -> crate::harness::Response {
    t.request(
        Method::PATCH,
        path,
        Some(token),
        Body::from(body.to_string()),
        &[("content-type", "application/json"), ("if-match", "*")],
    )
    .await
}

#[tokio::test]
async fn if_match_star_changes_the_current_version_and_never_gets_412() {
    for t in backends().await {
        let f = federation(&t).await;
        let ticket = report(&t, f.token("agent"), Some("YST"), "Stjärnan").await;
        let path = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());

        // Someone changes the ticket after we read version 1 ...
        let r = t
            .patch(&path, f.token("technician"), 1, json!({"title": "Ändrad"}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "[{}]", t.backend);
        // ... so version 1 is stale, but `*` applies to the current version.
        let stale = t
            .patch(&path, f.token("agent"), 1, json!({"title": "Gammal"}))
            .await;
        assert_eq!(
            stale.status,
            StatusCode::PRECONDITION_FAILED,
            "[{}]",
            t.backend
        );
        let r = patch_any(&t, &path, f.token("agent"), json!({"title": "Stjärna"})).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "[{}] {}",
            t.backend,
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.json()["title"], "Stjärna");
        assert_eq!(r.json()["version"], 3);
        assert_eq!(r.headers.get("etag").unwrap(), "\"3\"");

        // Two `*` changes at once: both apply, one after the other.
        let (a, b) = tokio::join!(
            patch_any(&t, &path, f.token("agent"), json!({"title": "Ett"})),
            patch_any(
                &t,
                &path,
                f.token("technician"),
                json!({"description": "Två"})
            ),
        );
        assert_eq!(
            [a.status, b.status],
            [StatusCode::OK, StatusCode::OK],
            "[{}] {} / {}",
            t.backend,
            String::from_utf8_lossy(&a.body),
            String::from_utf8_lossy(&b.body)
        );
        let now = t.get(&path, f.token("agent")).await.json();
        assert_eq!(now["version"], 5, "[{}]", t.backend);
        assert_eq!(now["title"], "Ett");
        assert_eq!(now["description"], "Två");

        // `*` needs a current representation: no ticket, no change.
        let missing = patch_any(
            &t,
            "/api/v1/tickets/01890000-0000-7000-8000-000000000000",
            f.token("agent"),
            json!({"title": "Ingen"}),
        )
        .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "[{}]", t.backend);
        assert!(missing.is_problem());

        // Anything else than `*` or an ETag is invalid input.
        let bad = t
            .request(
                Method::PATCH,
                &path,
                Some(f.token("agent")),
                Body::from(json!({"title": "X"}).to_string()),
                &[
                    ("content-type", "application/json"),
                    ("if-match", "*, \"5\""),
                ],
            )
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        assert!(bad.is_problem());
    }
}

#[tokio::test]
async fn if_match_star_works_on_every_conditional_change() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let calendar = t
            .post(
                "/api/v1/calendars",
                admin,
                json!({"name": "Kontor", "weekly_hours": {"mon": [["08:00", "17:00"]]}}),
            )
            .await;
        assert_eq!(calendar.status, StatusCode::CREATED, "[{}]", t.backend);
        let path = format!(
            "/api/v1/calendars/{}",
            calendar.json()["id"].as_str().unwrap()
        );
        let put = |name: &'static str, etag: &'static str| {
            let path = path.clone();
            let t = &t;
            async move {
                t.request(
                    Method::PUT,
                    &path,
                    Some(admin),
                    Body::from(
                        json!({"name": name, "weekly_hours": {"mon": [["08:00", "17:00"]]}})
                            .to_string(),
                    ),
                    &[("content-type", "application/json"), ("if-match", etag)],
                )
                .await
            }
        };
        let r = put("Kontor 2", "\"1\"").await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "[{}] {}",
            t.backend,
            String::from_utf8_lossy(&r.body)
        );
        let r = put("Kontor 3", "*").await;
        assert_eq!(r.status, StatusCode::OK, "[{}]", t.backend);
        assert_eq!(r.json()["name"], "Kontor 3");
        assert_eq!(r.json()["version"], 3);
        assert_eq!(
            put("Kontor 4", "\"1\"").await.status,
            StatusCode::PRECONDITION_FAILED
        );
    }
}
