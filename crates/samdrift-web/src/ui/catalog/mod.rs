//! Pages of the service catalog: the portal's catalog, request forms and
//! approvals, the staff's fulfilment tasks (`portal`), and the member's
//! subscriptions, orders, invoice basis and budget (`accounts`).

pub mod accounts;
pub mod i18n;
pub mod portal;

use crate::router::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(portal::routes())
        .merge(accounts::routes())
}
