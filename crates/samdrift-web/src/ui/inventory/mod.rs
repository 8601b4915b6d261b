//! The inventory pages: a member's (or the federation's) inventory with
//! its compliance and history, the item list and an item's page with its
//! impact and tickets, the application portfolio, the federation side by
//! side, the overlaps across members, the consolidation plan and the
//! common standard. Pages are documents shown through one template, with
//! the forms a reader may use (import, filters, an outage from an item).

mod documents;
mod pages;

use crate::router::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/inventory", get(pages::overview))
        .route("/inventory/import", post(pages::import))
        .route("/inventory/items", get(pages::items))
        .route("/inventory/items/{id}", get(pages::item))
        .route("/inventory/items/{id}/outage", post(pages::start_outage))
        .route("/inventory/items/{id}/target", post(pages::set_target))
        .route("/inventory/systems", get(pages::systems))
        .route("/inventory/federation", get(pages::federation))
        .route("/inventory/overlap", get(pages::overlap))
        .route("/inventory/plan", get(pages::plan))
        .route(
            "/inventory/standard",
            get(pages::standard).post(pages::add_standard),
        )
}
