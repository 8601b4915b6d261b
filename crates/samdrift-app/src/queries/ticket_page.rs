//! Everything a ticket's page shows, read in one use case: the ticket with
//! its conversation and history, the names of its group and assignee, its
//! service-level clocks, its catalog request, its logged work, and (for
//! staff) what it can be routed to. Who sees what is decided here.

use super::lookups::{Names, StaffLookups};
use super::records::WorkRecord;
use crate::catalog::requests::RequestView;
use crate::service_levels::clocks::TicketSla;
use crate::tickets::TicketDetail;
use crate::{App, AppError};
use samdrift_domain::ids::TicketId;
use samdrift_domain::scope::Scope;
use samdrift_domain::ticket::TicketType;

#[derive(Debug, Clone)]
pub struct TicketPage {
    pub detail: TicketDetail,
    /// The ticket's group and assignee by name (empty when none).
    pub group: String,
    pub assignee: String,
    /// The names the page shows for the ids on the ticket and its history.
    pub names: Names,
    pub sla: TicketSla,
    /// The catalog request behind a request ticket.
    pub request: Option<RequestView>,
    /// Logged work the caller may see (none for end users).
    pub work: Vec<WorkRecord>,
    /// Whether the caller is the ticket's requester.
    pub is_requester: bool,
    /// For staff: whom and where the ticket can be routed.
    pub staff: StaffLookups,
    /// The requester's rating of the resolved ticket, or the form for it.
    pub rating: crate::satisfaction::TicketRating,
}

impl App {
    pub async fn ticket_page(&self, scope: &Scope, id: TicketId) -> Result<TicketPage, AppError> {
        let detail = self.ticket_detail(scope, id).await?;
        let sla = self.compute_ticket_sla(&detail.ticket).await?;
        let request = match detail.ticket.ticket_type {
            TicketType::Request => self.request_view(scope, id).await?,
            TicketType::Incident => None,
        };
        let work = self.work_on_ticket(scope, id).await?;
        let assignee = match detail.ticket.assignee_id {
            Some(a) => self.store.get_account(a).await?.map(|a| a.username),
            None => None,
        };
        let names = self.names(scope, &[]).await?;
        let rating = self.ticket_rating(scope, &detail.ticket).await?;
        let is_requester =
            detail.ticket.requester_id.is_some() && detail.ticket.requester_id == scope.person;
        Ok(TicketPage {
            group: names.group(detail.ticket.group_id),
            assignee: assignee.unwrap_or_default(),
            names,
            staff: self.staff_lookups(scope).await?,
            detail,
            sla,
            request,
            work,
            is_requester,
            rating,
        })
    }
}
