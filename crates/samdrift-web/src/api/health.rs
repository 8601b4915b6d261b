//! Liveness, readiness and metrics.

use crate::problem::Problem;
use crate::router::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samdrift_app::auth::sha256_hex;

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The database answers.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.app.database_answers().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// Prometheus text format, for the bearer of the configured metrics token
/// only: the figures tell an outsider how busy the desk is and which
/// routes exist. Without a configured token there is nothing here.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = &state.metrics_token else {
        return Problem::new(StatusCode::NOT_FOUND, "not-found", "no such resource")
            .into_response();
    };
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let same = sent.is_some_and(|sent| {
        // Compare digests so the time taken says nothing about the token.
        sha256_hex(sent.as_bytes()) == sha256_hex(token.as_bytes())
    });
    if !same {
        return Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "send the metrics token as a bearer token",
        )
        .into_response();
    }
    state.metrics.render().into_response()
}
