//! Logging in under attack: the login limit holds however many guesses
//! arrive at once and on however many nodes, on both databases.

use crate::harness::{
    PASSWORD, Response, TRUSTED_PROXY, TestApp, backends, federation, request_to, send_request,
};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, StatusCode};
use samdrift_app::Store;
use serde_json::json;
use std::net::SocketAddr;
use tokio::task::JoinSet;

/// POST /api/v1/session on one node's router.
async fn sign_in(router: &Router, username: &str, password: &str) -> Response {
    let body = json!({"username": username, "password": password}).to_string();
    request_to(
        router,
        Method::POST,
        "/api/v1/session",
        None,
        Body::from(body),
        &[("content-type", "application/json")],
    )
    .await
}

/// `count` sign-ins at once, alternately on the two nodes' routers; the
/// one at `right_at` (if any) with the right password.
async fn burst(
    nodes: [&Router; 2],
    username: &str,
    count: usize,
    right_at: Option<usize>,
) -> Vec<StatusCode> {
    let mut set = JoinSet::new();
    for i in 0..count {
        let router = nodes[i % 2].clone();
        let username = username.to_owned();
        let password = if Some(i) == right_at {
            PASSWORD.to_owned()
        } else {
            format!("wrong-guess-{i}")
        };
        set.spawn(async move { sign_in(&router, &username, &password).await.status });
    }
    set.join_all().await
}

fn count(statuses: &[StatusCode], status: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

async fn password_checks(t: &TestApp, second: &samdrift_app::App) -> u64 {
    t.app.password_checks() + second.password_checks()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_parallel_guesses_check_at_most_ten() {
    for t in backends().await {
        let _f = federation(&t).await;
        let (second, second_router) = t.second_router().await;
        let statuses = burst([&t.router, &second_router], "agent", 60, None).await;
        let checked = count(&statuses, StatusCode::UNAUTHORIZED);
        let refused = count(&statuses, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(checked + refused, 60, "[{}] {statuses:?}", t.backend);
        assert!(
            (1..=10).contains(&checked),
            "[{}] {checked} of 60 parallel guesses were checked",
            t.backend
        );
        assert!(
            password_checks(&t, &second).await <= 10,
            "[{}] more than ten passwords were hashed",
            t.backend
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_right_password_in_a_burst_past_the_limit_does_not_sign_in() {
    for t in backends().await {
        let _f = federation(&t).await;
        let (_second, second_router) = t.second_router().await;
        let nodes = [&t.router, &second_router];
        burst(nodes, "agent", 30, None).await;
        let statuses = burst(nodes, "agent", 30, Some(15)).await;
        assert_eq!(
            count(&statuses, StatusCode::CREATED),
            0,
            "[{}] a password hidden in a burst past the limit signed in",
            t.backend
        );
        assert_eq!(
            count(&statuses, StatusCode::TOO_MANY_REQUESTS),
            30,
            "[{}]",
            t.backend
        );
    }
}

/// The rows of the login throttle, as stored.
async fn throttle_rows(t: &TestApp) -> Vec<String> {
    let sql = "SELECT throttle_key FROM login_throttle";
    match &t.store {
        Store::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await.unwrap(),
        Store::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await.unwrap(),
    }
}

/// POST /login with a form, as a browser without a session.
async fn sign_in_form(t: &TestApp, username: &str, password: &str) -> Response {
    crate::forms::post_login(t, &[("username", username), ("password", password)]).await
}

#[tokio::test]
async fn a_failed_login_stores_no_username_text() {
    for t in backends().await {
        let _f = federation(&t).await;
        let r = sign_in(&t.router, "mallory.was.here", "wrong-guess").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let rows = throttle_rows(&t).await;
        // One row for the name from this address, one for the name.
        assert_eq!(rows.len(), 2, "[{}]", t.backend);
        assert!(
            rows.iter()
                .all(|k| k.len() == 64 && k.chars().all(|c| c.is_ascii_hexdigit())),
            "[{}] the throttle keeps {rows:?}",
            t.backend
        );
        // The same name in other case or with spaces counts against the same key.
        sign_in(&t.router, " Mallory.Was.Here ", "wrong-guess").await;
        assert_eq!(throttle_rows(&t).await.len(), 2, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn an_overlong_username_or_password_is_refused_and_nothing_stored() {
    for t in backends().await {
        let _f = federation(&t).await;
        let long_name = "a".repeat(255);
        let long_password = "p".repeat(1025);
        let huge_name = "m".repeat(900_000);
        for (username, password) in [
            (long_name.as_str(), "wrong-guess"),
            (huge_name.as_str(), "wrong-guess"),
            ("agent", long_password.as_str()),
            ("agent\u{0}", "wrong-guess"),
        ] {
            let r = sign_in(&t.router, username, password).await;
            assert!(
                r.status.is_client_error() && r.status != StatusCode::UNAUTHORIZED,
                "[{}] {} answered {}",
                t.backend,
                username.len(),
                r.status
            );
            assert!(r.is_problem(), "[{}]", t.backend);
            let page = sign_in_form(&t, username, password).await;
            if username.contains('\u{0}') {
                // Refused at the door with every other page's form (door.rs).
                assert_eq!(page.status, StatusCode::BAD_REQUEST, "[{}]", t.backend);
                continue;
            }
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "[{}]",
                t.backend
            );
            let html = String::from_utf8_lossy(&page.body);
            assert!(
                html.contains("högst") || html.contains("styrtecken"),
                "[{}] the login page does not say what is wrong",
                t.backend
            );
            assert!(!html.contains(&"m".repeat(1000)), "[{}]", t.backend);
        }
        assert!(throttle_rows(&t).await.is_empty(), "[{}]", t.backend);
        // The longest allowed username is an ordinary failed login.
        let r = sign_in(&t.router, &"a".repeat(254), "wrong-guess").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn login_attempts_past_their_window_are_deleted() {
    for t in backends().await {
        let _f = federation(&t).await;
        for name in ["agent", "nobody", "someone.else"] {
            sign_in(&t.router, name, "wrong-guess").await;
        }
        assert_eq!(throttle_rows(&t).await.len(), 6, "[{}]", t.backend);
        t.advance(14 * 60);
        assert_eq!(t.app.forget_old_login_attempts().await.unwrap(), 0);
        t.advance(2 * 60);
        // A new window for one of them; the other two have passed.
        sign_in(&t.router, "agent", "wrong-guess").await;
        assert_eq!(
            t.app.forget_old_login_attempts().await.unwrap(),
            4,
            "[{}]",
            t.backend
        );
        t.advance(16 * 60);
        assert_eq!(
            t.app.forget_old_login_attempts().await.unwrap(),
            2,
            "[{}]",
            t.backend
        );
        assert!(throttle_rows(&t).await.is_empty(), "[{}]", t.backend);
    }
}

#[tokio::test]
async fn an_unknown_username_costs_the_same_password_check_as_a_known_one() {
    for t in backends().await {
        let _f = federation(&t).await;
        let sql = "UPDATE accounts SET disabled = $1 WHERE username = 'manager'";
        match &t.store {
            Store::Sqlite(p) => sqlx::query(sql).bind(true).execute(p).await.map(|_| ()),
            Store::Postgres(p) => sqlx::query(sql).bind(true).execute(p).await.map(|_| ()),
        }
        .unwrap();
        for username in ["agent", "no.such.user", "manager"] {
            let before = t.app.password_checks();
            let started = std::time::Instant::now();
            let r = sign_in(&t.router, username, "wrong-guess").await;
            eprintln!(
                "[{}] {username}: {} in {:?}",
                t.backend,
                r.status,
                started.elapsed()
            );
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
            assert_eq!(
                t.app.password_checks() - before,
                1,
                "[{}] {username} did not cost one password check",
                t.backend
            );
        }
        // A disabled account's right password does not sign in either.
        let r = sign_in(&t.router, "manager", PASSWORD).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
    }
}

/// POST /api/v1/session from the TCP peer `peer`, with `X-Forwarded-For`
/// when given.
async fn sign_in_from(
    t: &TestApp,
    peer: &str,
    forwarded: Option<&str>,
    username: &str,
    password: &str,
) -> StatusCode {
    let body = json!({"username": username, "password": password}).to_string();
    let mut req = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/api/v1/session")
        .header("content-type", "application/json");
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    let mut req = req.body(Body::from(body)).unwrap();
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(peer));
    send_request(&t.router, req).await.status
}

const ATTACKER: &str = "203.0.113.66";
const OWNER: &str = "198.51.100.10";

#[tokio::test]
async fn an_attacker_cannot_lock_the_owner_out_from_another_address() {
    for t in backends().await {
        let _f = federation(&t).await;
        let mut refused = 0;
        for i in 0..30 {
            let s = sign_in_from(&t, ATTACKER, None, "admin", &format!("guess-{i}")).await;
            refused += usize::from(s == StatusCode::TOO_MANY_REQUESTS);
        }
        assert!(refused >= 20, "[{}] the attacker was not slowed", t.backend);
        let owner = sign_in_from(&t, OWNER, None, "admin", PASSWORD).await;
        assert_eq!(
            owner,
            StatusCode::CREATED,
            "[{}] the owner was locked out by someone else's guesses",
            t.backend
        );
    }
}

#[tokio::test]
async fn failures_from_one_address_wait_longer_and_longer() {
    for t in backends().await {
        let _f = federation(&t).await;
        let guess = |i: i32| {
            let t = &t;
            async move { sign_in_from(t, ATTACKER, None, "agent", &format!("guess-{i}")).await }
        };
        for i in 0..5 {
            assert_eq!(guess(i).await, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
        }
        // After five failures: wait 1 s, then 2 s, then 4 s.
        for wait in [1, 2, 4] {
            assert_eq!(
                guess(10).await,
                StatusCode::TOO_MANY_REQUESTS,
                "[{}]",
                t.backend
            );
            t.advance(wait - 1);
            if wait > 1 {
                assert_eq!(
                    guess(11).await,
                    StatusCode::TOO_MANY_REQUESTS,
                    "[{}] {wait} s",
                    t.backend
                );
            }
            t.advance(1);
            assert_eq!(
                guess(12).await,
                StatusCode::UNAUTHORIZED,
                "[{}] {wait} s",
                t.backend
            );
        }
        // The right password, after the wait, signs in and forgets the failures.
        t.advance(8);
        let right = sign_in_from(&t, ATTACKER, None, "agent", PASSWORD).await;
        assert_eq!(right, StatusCode::CREATED, "[{}]", t.backend);
        assert_eq!(guess(13).await, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn the_forwarded_address_counts_only_from_a_trusted_proxy() {
    for t in backends().await {
        let _f = federation(&t).await;
        // Through the trusted proxy: the attacker's forwarded address is slowed...
        for i in 0..8 {
            sign_in_from(&t, TRUSTED_PROXY, Some(ATTACKER), "agent", &format!("g{i}")).await;
        }
        let through = sign_in_from(&t, TRUSTED_PROXY, Some(ATTACKER), "agent", "g").await;
        assert_eq!(through, StatusCode::TOO_MANY_REQUESTS, "[{}]", t.backend);
        // ...and the owner behind the same proxy is not.
        let owner = sign_in_from(&t, TRUSTED_PROXY, Some(OWNER), "agent", PASSWORD).await;
        assert_eq!(owner, StatusCode::CREATED, "[{}]", t.backend);
        // From any other peer the header is ignored: naming the owner's
        // address does not give the attacker the owner's allowance.
        for i in 0..8 {
            sign_in_from(&t, ATTACKER, Some(OWNER), "manager", &format!("g{i}")).await;
        }
        let spoofed = sign_in_from(&t, ATTACKER, Some("192.0.2.1"), "manager", "g").await;
        assert_eq!(spoofed, StatusCode::TOO_MANY_REQUESTS, "[{}]", t.backend);
        let owner = sign_in_from(&t, OWNER, None, "manager", PASSWORD).await;
        assert_eq!(owner, StatusCode::CREATED, "[{}]", t.backend);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guesses_spread_over_many_addresses_meet_the_account_ceiling() {
    for t in backends().await {
        let _f = federation(&t).await;
        let ceiling = t.app.settings.login_account_ceiling;
        let per_address = t.app.settings.login_free_attempts;
        let addresses = ceiling / per_address;
        for a in 0..addresses {
            let mut set = JoinSet::new();
            for i in 0..per_address {
                let router = t.router.clone();
                let peer: SocketAddr = format!("203.0.113.{}:40000", a + 1).parse().unwrap();
                set.spawn(async move {
                    let body = json!({"username": "agent", "password": format!("g{i}")});
                    let mut req = axum::http::Request::builder()
                        .method(Method::POST)
                        .uri("/api/v1/session")
                        .header("content-type", "application/json")
                        .body(Body::from(body.to_string()))
                        .unwrap();
                    req.extensions_mut().insert(ConnectInfo(peer));
                    send_request(&router, req).await.status
                });
            }
            let statuses = set.join_all().await;
            assert_eq!(
                count(&statuses, StatusCode::UNAUTHORIZED),
                statuses.len(),
                "[{}]",
                t.backend
            );
        }
        let next = sign_in_from(&t, "192.0.2.77", None, "agent", "another-guess").await;
        assert_eq!(
            next,
            StatusCode::TOO_MANY_REQUESTS,
            "[{}] guessing from {addresses} addresses passed the ceiling",
            t.backend
        );
    }
}

#[tokio::test]
async fn the_login_form_needs_its_own_csrf_token() {
    for t in backends().await {
        let _f = federation(&t).await;
        let form = [("content-type", "application/x-www-form-urlencoded")];
        let forged = crate::forms::encode(&[("username", "agent"), ("password", PASSWORD)]);
        let r = t
            .request(Method::POST, "/login", None, Body::from(forged), &form)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "[{}]", t.backend);
        assert!(
            r.headers
                .get_all("set-cookie")
                .iter()
                .all(|c| !c.to_str().unwrap().starts_with("samdrift_session=")),
            "[{}] a forged login form signed the browser in",
            t.backend
        );
        assert!(String::from_utf8_lossy(&r.body).contains("har gått ut"));
        // A token in the form that is not the browser's cookie is refused too.
        let other = crate::forms::encode(&[
            ("csrf", &"a".repeat(64)),
            ("username", "agent"),
            ("password", PASSWORD),
        ]);
        let cookie = format!("samdrift_login_csrf={}", "b".repeat(64));
        let headers = [form[0], ("cookie", cookie.as_str())];
        let r = t
            .request(Method::POST, "/login", None, Body::from(other), &headers)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "[{}]", t.backend);
        let ok = sign_in_form(&t, "agent", PASSWORD).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn next_leads_only_to_a_path_on_this_site() {
    for t in backends().await {
        let _f = federation(&t).await;
        for bad in [
            "/\\evil.example",
            "//evil.example",
            "https://evil.example",
            "/%0d%0aSet-Cookie:%20x=1",
            "/\r\nSet-Cookie: x=1",
            "/%2f%2fevil.example",
            "\\\\evil.example",
            "evil.example",
            "/\t/evil.example",
        ] {
            let fields = [("username", "agent"), ("password", PASSWORD), ("next", bad)];
            let r = crate::forms::post_login(&t, &fields).await;
            assert!(
                r.status.is_redirection(),
                "[{}] {bad:?}: {}",
                t.backend,
                r.status
            );
            assert_eq!(
                crate::forms::location(&r),
                "/agent",
                "[{}] next={bad:?} was followed",
                t.backend
            );
        }
        let fields = [
            ("username", "agent"),
            ("password", PASSWORD),
            ("next", "/agent/callers?q=anna%20s"),
        ];
        let r = crate::forms::post_login(&t, &fields).await;
        assert_eq!(
            crate::forms::location(&r),
            "/agent/callers?q=anna%20s",
            "[{}]",
            t.backend
        );
    }
}
