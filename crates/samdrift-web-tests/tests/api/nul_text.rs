//! A NUL character (U+0000) is in no text the service keeps: PostgreSQL
//! cannot store it, so it is refused at the door on both databases, as
//! invalid input (a body or query) or as no such resource (a path), never
//! as a database failure. The fuzzer found a comment with one answered 503.

use crate::harness::{backends, federation, report};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn nul_characters_are_refused_as_bad_input() {
    for t in backends().await {
        let f = federation(&t).await;
        let agent = f.token("agent");
        let ticket = report(&t, agent, Some("YST"), "Nolltecken").await;
        let comments = format!(
            "/api/v1/tickets/{}/comments",
            ticket["id"].as_str().unwrap()
        );
        let r = t.post(&comments, agent, json!({"body": "a\u{0}b"})).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        assert!(r.is_problem());
        assert_eq!(r.json()["errors"][0]["field"], "body");
        // The text `\u0000` itself (a backslash and five characters) is fine.
        let r = t.post(&comments, agent, json!({"body": "a\\u0000b"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "[{}]", t.backend);

        let r = t
            .post(
                "/api/v1/tickets",
                agent,
                json!({"member": "YST", "type": "incident", "title": "x", "impact": 2, "urgency": 2, "description": "ok", "priority": null, "service_id": null, "requester_id": null, "administration_id": null, "\u{0}": 1}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );

        for path in ["/api/v1/tickets?q=a%00b", "/api/v1/people?member=Y%00T"] {
            let r = t.get(path, agent).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "[{}] {path}", t.backend);
            assert!(r.is_problem());
        }
        let r = t
            .get("/api/v1/members/Y%00T/orders", f.token("admin"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}]", t.backend);
        assert!(r.is_problem());

        let line = json!({"member": "YST", "type": "incident", "title": "x\u{0}", "impact": 2, "urgency": 2, "events": [{"at": "2027-01-10T09:00:00+01:00", "type": "created"}]});
        let r = t
            .request(
                Method::POST,
                "/api/v1/import/tickets",
                Some(f.token("admin")),
                Body::from(format!("{line}\n")),
                &[("content-type", "application/x-ndjson")],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        assert_eq!(r.json()["errors"][0]["field"], "line 1: title");
    }
}

/// The pages' forms and queries refuse a NUL character before any handler
/// reads them, signed in or not, and nothing is stored: on PostgreSQL it
/// was a 503 and an ERROR in the log.
#[tokio::test]
async fn pages_refuse_a_nul_character_in_forms_and_queries() {
    for t in backends().await {
        let f = federation(&t).await;
        let agent = f.token("agent");
        let ticket = report(&t, agent, Some("YST"), "Nolltecken i formulär").await;
        let id = ticket["id"].as_str().unwrap();
        t.app
            .set_password("agent", samdrift_app::demo::DEMO_PASSWORD)
            .await
            .unwrap();
        let browser = crate::forms::Browser::sign_in(&t, "agent").await;

        let r = browser
            .post(&format!("/tickets/{id}/comment"), &[("body", "a\u{0}b")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "[{}]", t.backend);
        assert!(r.is_problem(), "[{}]", t.backend);
        let comments = t
            .get(&format!("/api/v1/tickets/{id}/comments"), agent)
            .await;
        assert_eq!(comments.json().as_array().map(Vec::len), Some(0));

        // The same text without the NUL goes through.
        let r = browser
            .post(&format!("/tickets/{id}/comment"), &[("body", "a b")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "[{}]", t.backend);

        let r = browser.get("/agent?q=a%00b").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "[{}]", t.backend);

        let login = crate::forms::encode(&[("username", "ag\u{0}ent"), ("password", "x")]);
        let r = t
            .request(
                Method::POST,
                "/login",
                None,
                Body::from(login),
                &[("content-type", "application/x-www-form-urlencoded")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "[{}]", t.backend);
        assert!(r.is_problem(), "[{}]", t.backend);
    }
}
