//! Bad input of every kind gets a 4xx problem+json naming the problem, and
//! nothing is written.

use crate::harness::{backends, federation, report};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::json;

/// Method, path, body, headers, expected status, a word the problem must name.
type Case<'a> = (
    Method,
    String,
    Body,
    Vec<(&'a str, &'a str)>,
    StatusCode,
    &'a str,
);

async fn ticket_count(t: &crate::harness::TestApp, token: &str) -> usize {
    t.get("/api/v1/tickets?limit=200", token).await.json()["items"]
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test]
async fn bad_bodies_paths_and_queries_get_problems_and_write_nothing() {
    for t in backends().await {
        let f = federation(&t).await;
        let agent = f.token("agent");
        let ticket = report(&t, agent, Some("SIM"), "Finns").await;
        let id = ticket["id"].as_str().unwrap();
        let before = ticket_count(&t, agent).await;
        let json_ct = [("content-type", "application/json")];
        let big = "x".repeat(2 * 1024 * 1024);
        let cases: Vec<Case> = vec![
            (Method::POST, "/api/v1/tickets".into(), Body::from("{\"member\": \"SIM\","), json_ct.to_vec(), StatusCode::BAD_REQUEST, "parse"),
            (Method::POST, "/api/v1/tickets".into(), Body::from("{\"member\":\"SIM\",\"type\":\"incident\",\"title\":\"x\",\"impact\":\"två\",\"urgency\":2}"), json_ct.to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "impact"),
            (Method::POST, "/api/v1/tickets".into(), Body::from(json!({"member":"SIM","type":"fault","title":"x","impact":2,"urgency":2}).to_string()), json_ct.to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "type"),
            (Method::POST, "/api/v1/tickets".into(), Body::from(json!({"member":"SIM","type":"incident","title":"x","impact":2,"urgency":2,"colour":"red"}).to_string()), json_ct.to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "colour"),
            (Method::POST, "/api/v1/tickets".into(), Body::from(json!({"member":"NOPE","type":"incident","title":"x","impact":2,"urgency":2}).to_string()), json_ct.to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "NOPE"),
            (Method::POST, "/api/v1/tickets".into(), Body::from(json!({"member":"SIM","type":"incident","title":"","impact":0,"urgency":9}).to_string()), json_ct.to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "urgency"),
            (Method::POST, "/api/v1/tickets".into(), Body::from(vec![b'{', 0xff, 0xfe, b'}']), json_ct.to_vec(), StatusCode::BAD_REQUEST, ""),
            (Method::POST, "/api/v1/tickets".into(), Body::from(format!("{{\"title\":\"{big}\"}}")), json_ct.to_vec(), StatusCode::PAYLOAD_TOO_LARGE, ""),
            (Method::POST, "/api/v1/tickets".into(), Body::from("title=x"), vec![("content-type", "application/x-www-form-urlencoded")], StatusCode::UNSUPPORTED_MEDIA_TYPE, "JSON"),
            (Method::GET, "/api/v1/tickets/not-a-uuid".into(), Body::empty(), vec![], StatusCode::NOT_FOUND, "not-a-uuid"),
            (Method::GET, "/api/v1/tickets?status=open,whatever".into(), Body::empty(), vec![], StatusCode::UNPROCESSABLE_ENTITY, "whatever"),
            (Method::GET, "/api/v1/tickets?limit=many".into(), Body::empty(), vec![], StatusCode::BAD_REQUEST, "limit"),
            (Method::GET, "/api/v1/tickets?cursor=garbage".into(), Body::empty(), vec![], StatusCode::UNPROCESSABLE_ENTITY, "cursor"),
            (Method::GET, "/api/v1/tickets?created_from=yesterday".into(), Body::empty(), vec![], StatusCode::UNPROCESSABLE_ENTITY, "created_from"),
            (Method::PATCH, format!("/api/v1/tickets/{id}"), Body::from(json!({"status":"flying"}).to_string()), vec![("content-type", "application/json"), ("if-match", "\"1\"")], StatusCode::UNPROCESSABLE_ENTITY, "flying"),
            (Method::PATCH, format!("/api/v1/tickets/{id}"), Body::from(json!({"priority":"P1"}).to_string()), vec![("content-type", "application/json"), ("if-match", "\"1\"")], StatusCode::UNPROCESSABLE_ENTITY, "priority_reason"),
            (Method::PATCH, format!("/api/v1/tickets/{id}"), Body::from(json!({"status":"resolved"}).to_string()), vec![("content-type", "application/json"), ("if-match", "\"1\"")], StatusCode::UNPROCESSABLE_ENTITY, "resolution"),
            (Method::PATCH, format!("/api/v1/tickets/{id}"), Body::from(json!({"title":"y"}).to_string()), vec![("content-type", "application/json"), ("if-match", "abc")], StatusCode::UNPROCESSABLE_ENTITY, "If-Match"),
            (Method::DELETE, "/api/v1/tickets".into(), Body::empty(), vec![], StatusCode::METHOD_NOT_ALLOWED, ""),
            (Method::GET, "/api/v1/nothing-here".into(), Body::empty(), vec![], StatusCode::NOT_FOUND, ""),
            (Method::POST, format!("/api/v1/tickets/{id}/attachments?filename=a.exe"), Body::from("MZ\u{90}"), vec![("content-type", "application/x-msdownload")], StatusCode::UNPROCESSABLE_ENTITY, "not accepted"),
            (Method::POST, format!("/api/v1/tickets/{id}/attachments?filename=fake.pdf"), Body::from("not a pdf"), vec![("content-type", "application/pdf")], StatusCode::UNPROCESSABLE_ENTITY, "content"),
            (Method::POST, format!("/api/v1/tickets/{id}/attachments?filename=big.txt"), Body::from("a".repeat(70 * 1024)), vec![("content-type", "text/plain")], StatusCode::PAYLOAD_TOO_LARGE, ""),
        ];
        for (method, path, body, headers, status, mention) in cases {
            let r = t
                .request(method.clone(), &path, Some(agent), body, &headers)
                .await;
            let text = String::from_utf8_lossy(&r.body).to_string();
            assert_eq!(r.status, status, "[{}] {method} {path}: {text}", t.backend);
            assert!(
                r.is_problem(),
                "[{}] {method} {path} is not problem+json: {text}",
                t.backend
            );
            assert!(
                text.contains(mention),
                "[{}] {method} {path}: '{mention}' not named in {text}",
                t.backend
            );
        }
        assert_eq!(
            ticket_count(&t, agent).await,
            before,
            "[{}] nothing written",
            t.backend
        );
        let after = t.get(&format!("/api/v1/tickets/{id}"), agent).await.json();
        assert_eq!(after["version"], 1, "[{}] ticket unchanged", t.backend);
        let files = t
            .get(&format!("/api/v1/tickets/{id}/attachments"), agent)
            .await
            .json();
        assert_eq!(files.as_array().unwrap().len(), 0, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn unauthenticated_and_wrong_credentials_are_refused_alike() {
    for t in backends().await {
        let _f = federation(&t).await;
        let r = t
            .request(Method::GET, "/api/v1/tickets", None, Body::empty(), &[])
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.is_problem());
        let r = t
            .request(
                Method::GET,
                "/api/v1/tickets",
                Some("sd_wrong"),
                Body::empty(),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let login = |user: &str, pw: &str| json!({"username": user, "password": pw});
        let wrong_user = t
            .request(
                Method::POST,
                "/api/v1/session",
                None,
                Body::from(login("nobody", "password-123").to_string()),
                &[("content-type", "application/json")],
            )
            .await;
        let wrong_pw = t
            .request(
                Method::POST,
                "/api/v1/session",
                None,
                Body::from(login("agent", "wrong-password").to_string()),
                &[("content-type", "application/json")],
            )
            .await;
        assert_eq!(wrong_user.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            wrong_user.json()["detail"],
            wrong_pw.json()["detail"],
            "[{}] which part was wrong is not told",
            t.backend
        );
        // Repeated failures from one address are refused for a while.
        let mut last = StatusCode::OK;
        for _ in 0..11 {
            last = t
                .request(
                    Method::POST,
                    "/api/v1/session",
                    None,
                    Body::from(login("agent", "wrong-password").to_string()),
                    &[("content-type", "application/json")],
                )
                .await
                .status;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn browser_sessions_need_the_csrf_token_to_change_anything() {
    for t in backends().await {
        let _f = federation(&t).await;
        let r = t
            .request(
                Method::POST,
                "/api/v1/session",
                None,
                Body::from(
                    json!({"username": "agent", "password": crate::harness::PASSWORD}).to_string(),
                ),
                &[("content-type", "application/json")],
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let cookie = r
            .headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        assert!(
            r.headers
                .get("set-cookie")
                .unwrap()
                .to_str()
                .unwrap()
                .contains("HttpOnly")
        );
        let csrf = r.json()["csrf_token"].as_str().unwrap().to_owned();
        let body = json!({"member": "SIM", "type": "incident", "title": "Via webbläsaren", "impact": 2, "urgency": 2}).to_string();
        let me = t
            .request(
                Method::GET,
                "/api/v1/me",
                None,
                Body::empty(),
                &[("cookie", &cookie)],
            )
            .await;
        assert_eq!(me.json()["username"], "agent");
        let no_csrf = t
            .request(
                Method::POST,
                "/api/v1/tickets",
                None,
                Body::from(body.clone()),
                &[("cookie", &cookie), ("content-type", "application/json")],
            )
            .await;
        assert_eq!(no_csrf.status, StatusCode::FORBIDDEN, "[{}]", t.backend);
        let ok = t
            .request(
                Method::POST,
                "/api/v1/tickets",
                None,
                Body::from(body),
                &[
                    ("cookie", &cookie),
                    ("content-type", "application/json"),
                    ("x-csrf-token", &csrf),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::CREATED, "[{}]", t.backend);
        let out = t
            .request(
                Method::DELETE,
                "/api/v1/session",
                None,
                Body::empty(),
                &[("cookie", &cookie)],
            )
            .await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        let me = t
            .request(
                Method::GET,
                "/api/v1/me",
                None,
                Body::empty(),
                &[("cookie", &cookie)],
            )
            .await;
        assert_eq!(
            me.status,
            StatusCode::UNAUTHORIZED,
            "[{}] logged out",
            t.backend
        );
    }
}
