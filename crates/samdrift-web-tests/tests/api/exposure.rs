//! What the server shows to someone who has not signed in, and what it lets
//! a browser or proxy keep: the metrics only for the scraper's token, pages
//! and exports with personal data never cached.

use crate::harness::{METRICS_TOKEN, backends};
use axum::http::StatusCode;

#[tokio::test]
async fn metrics_need_the_scrapers_token() {
    for t in backends().await {
        let r = t
            .request(
                axum::http::Method::GET,
                "/metrics",
                None,
                axum::body::Body::empty(),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
        assert!(r.is_problem());
        let r = t.get("/metrics", "a-guess-of-the-token").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
        let r = t.get("/metrics", METRICS_TOKEN).await;
        assert_eq!(r.status, StatusCode::OK, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn pages_exports_and_answers_are_never_kept_in_a_cache() {
    for t in backends().await {
        let f = crate::harness::federation(&t).await;
        let admin = f.token("admin");
        t.app
            .set_password("agent", samdrift_app::demo::DEMO_PASSWORD)
            .await
            .unwrap();
        let browser = crate::forms::Browser::sign_in(&t, "agent").await;
        let page = browser.get("/agent").await;
        let export = t
            .get("/api/v1/members/YST/invoices/2027-03?format=csv", admin)
            .await;
        let answer = t.get("/api/v1/tickets", admin).await;
        for (what, r) in [("page", &page), ("export", &export), ("answer", &answer)] {
            assert_eq!(
                r.headers.get("cache-control").and_then(|v| v.to_str().ok()),
                Some("no-store"),
                "[{}] {what} ({})",
                t.backend,
                r.status
            );
        }
        let style = browser.get("/static/app.css").await;
        assert_ne!(
            style
                .headers
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "[{}] the style sheet may be kept",
            t.backend
        );
    }
}

/// The session cookie a sign-in sets, from `peer` with `X-Forwarded-Proto`.
async fn session_cookie_from(
    t: &crate::harness::TestApp,
    peer: &str,
    proto: Option<&str>,
) -> String {
    let body = serde_json::json!({"username": "agent", "password": crate::harness::PASSWORD});
    let mut req = axum::http::Request::builder()
        .method(axum::http::Method::POST)
        .uri("/api/v1/session")
        .header("content-type", "application/json");
    if let Some(proto) = proto {
        req = req.header("x-forwarded-proto", proto);
    }
    let mut req = req.body(axum::body::Body::from(body.to_string())).unwrap();
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    let r = crate::harness::send_request(&t.router, req).await;
    assert!(r.status.is_success(), "[{}] {}", t.backend, r.status);
    r.headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

#[tokio::test]
async fn the_session_cookie_is_secure_whenever_the_browser_came_over_tls() {
    for t in backends().await {
        let _f = crate::harness::federation(&t).await;
        let secure = |cookie: &str| {
            cookie
                .split(';')
                .any(|p| p.trim().eq_ignore_ascii_case("secure"))
        };
        // The trusted proxy says the browser used TLS.
        let cookie = session_cookie_from(&t, crate::harness::TRUSTED_PROXY, Some("https")).await;
        assert!(secure(&cookie), "[{}] {cookie}", t.backend);
        // Plain HTTP through the proxy, and a client claiming TLS itself.
        let cookie = session_cookie_from(&t, crate::harness::TRUSTED_PROXY, Some("http")).await;
        assert!(!secure(&cookie), "[{}] {cookie}", t.backend);
        let cookie = session_cookie_from(&t, "203.0.113.7", Some("https")).await;
        assert!(!secure(&cookie), "[{}] {cookie}", t.backend);
    }
}
