//! Administration pages: members, administrations, people and accounts,
//! groups, suppliers, services, calendars and agreements (what an admin
//! would otherwise do through the API). Managers and admins only.

pub mod i18n;

use crate::router::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}
