//! The member's subscriptions, orders, invoice basis and budget.

use crate::router::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}
