//! HTTP for samdrift: the JSON API under `/api/v1` (OpenAPI at
//! `/api/v1/openapi.json`), health and metrics. Handlers parse input, call a
//! use case in `samdrift-app` and shape the answer; no SQL here.

pub mod api;
mod auth;
mod client;
mod door;
mod extract;
pub mod messages;
mod openapi;
mod problem;
mod router;
mod scim;
pub mod ui;

pub use openapi::ApiDoc;
pub use router::{AppState, metrics_router, router};
