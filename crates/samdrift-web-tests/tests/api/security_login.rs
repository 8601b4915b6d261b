//! Logging in under attack: the login limit holds however many guesses
//! arrive at once and on however many nodes, on both databases.

use crate::harness::{PASSWORD, Response, TestApp, backends, federation, request_to};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::json;
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
