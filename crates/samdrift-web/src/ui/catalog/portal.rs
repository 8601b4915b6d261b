//! The portal's catalog, request forms and approvals; fulfilment tasks.

use crate::router::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}
