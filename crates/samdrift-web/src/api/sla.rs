//! A ticket's service-level clocks with their segments: why each stretch
//! of time did or did not count.

use crate::auth::Principal;
use crate::extract::Id;
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use samdrift_domain::ids::TicketId;
use samdrift_domain::sla::Clock;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct SourceView {
    pub agreement_id: Uuid,
    pub agreement: String,
    /// The entry used: a service code or `default`.
    pub entry: String,
    pub calendar_id: Uuid,
    pub calendar: String,
}

#[derive(Serialize, ToSchema)]
pub struct TicketSlaView {
    pub ticket_id: Uuid,
    pub number: String,
    /// Where the targets came from; null when no agreement covers the ticket.
    pub source: Option<SourceView>,
    /// The response and resolution clocks, each with its segments.
    #[schema(value_type = Vec<super::specs::ClockDoc>)]
    pub clocks: Vec<Clock>,
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/sla", operation_id = "sla_show", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id")), responses((status = 200, body = TicketSlaView), (status = 404, body = crate::problem::Problem)))]
pub async fn show(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<TicketSlaView>> {
    let (ticket, sla) = s.app.ticket_sla(&p.scope, TicketId(id)).await?;
    Ok(Json(TicketSlaView {
        ticket_id: ticket.id.uuid(),
        number: ticket.number,
        source: sla.source.map(|src| SourceView {
            agreement_id: src.agreement_id,
            agreement: src.agreement_name,
            entry: src.entry,
            calendar_id: src.calendar_id,
            calendar: src.calendar_name,
        }),
        clocks: sla.clocks,
    }))
}
