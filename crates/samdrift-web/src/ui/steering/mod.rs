//! The steering pages: the förbundschef's landing page with federation
//! totals and a member picker, the goals with their charts, the forums,
//! proposals and the decision log with voting, the monthly member report
//! and the board pack. Reports and lists are documents shown through one
//! template; the forms (picker, raising a proposal, voting) are its parts.

pub mod charts;
pub mod documents;
mod pages;
pub(crate) mod view;

use crate::router::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/steering", get(pages::overview))
        .route("/steering/goals", get(pages::goals))
        .route("/steering/board-pack", get(pages::board_pack))
        .route("/steering/board-pack.pdf", get(pages::board_pack_pdf))
        .route("/steering/reports", get(pages::member_report))
        .route("/steering/reports/pdf", get(pages::member_report_pdf))
        .route("/steering/forums", get(pages::forums))
        .route("/steering/forums/{id}", get(pages::forum))
        .route(
            "/steering/proposals",
            get(pages::proposals).post(pages::raise),
        )
        .route("/steering/proposals/{id}", get(pages::proposal))
        .route("/steering/proposals/{id}/state", post(pages::move_proposal))
        .route("/steering/decisions", get(pages::decisions))
        .route("/steering/decisions/{id}", get(pages::decision))
        .route("/steering/decisions/{id}/vote", post(pages::vote))
        .route("/steering/decisions/{id}/close", post(pages::close))
}
