//! Rating a resolved ticket in one step: the requester on the ticket's
//! page (signed in), or anyone holding the link's token (no login; the
//! token is the permission). Only a ticket whose requester was asked is
//! rated, only once, and only while resolved or closed. The rating keeps
//! the ticket's service, group and assignee as they are when rated.

use crate::{App, AppError};
use samdrift_domain::ids::{MemberId, TicketId};
use samdrift_domain::satisfaction::check_rating;
use samdrift_domain::scope::Scope;
use samdrift_domain::ticket::Status;
use samdrift_store::satisfaction::RatingRecord;
use samdrift_store::tickets::TicketRecord;

/// Where a ticket stands for its requester's rating.
#[derive(Debug, Clone, PartialEq)]
pub enum TicketRating {
    /// Nothing to show: not the requester, not resolved, or not asked.
    None,
    /// The requester was asked and may rate now.
    Open,
    /// Rated, with the rating given.
    Rated(RatingRecord),
}

/// What the link's page shows: the ticket it asks about and, when rated,
/// the rating.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingInvitation {
    pub ticket_number: String,
    pub title: String,
    pub member_name: String,
    pub rated: Option<RatingRecord>,
}

fn rateable(ticket: &TicketRecord) -> bool {
    matches!(ticket.status, Status::Resolved | Status::Closed)
}

impl App {
    /// The ticket's rating as its page shows it to `scope`.
    pub async fn ticket_rating(
        &self,
        scope: &Scope,
        ticket: &TicketRecord,
    ) -> Result<TicketRating, AppError> {
        let requester = ticket.requester_id.is_some() && ticket.requester_id == scope.person;
        if !requester || !rateable(ticket) {
            return Ok(TicketRating::None);
        }
        let member = MemberId(ticket.member_id.uuid());
        if let Some(r) = self
            .store
            .rating_of_ticket(member, ticket.id.uuid())
            .await?
        {
            return Ok(TicketRating::Rated(r));
        }
        let asked = self
            .store
            .rating_request_of_ticket(member, ticket.id.uuid())
            .await?;
        Ok(match asked {
            Some(_) => TicketRating::Open,
            None => TicketRating::None,
        })
    }

    /// The requester rates their resolved ticket (module docs).
    pub async fn rate_ticket(
        &self,
        scope: &Scope,
        id: TicketId,
        rating: i64,
        comment: &str,
    ) -> Result<RatingRecord, AppError> {
        let ticket = self.ticket(scope, id).await?;
        if ticket.requester_id.is_none() || ticket.requester_id != scope.person {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.rating_not_requester"
            )));
        }
        let asked = self
            .store
            .rating_request_of_ticket(MemberId(ticket.member_id.uuid()), id.uuid())
            .await?;
        if asked.is_none() {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.rating_not_asked"
            )));
        }
        self.record_rating(&ticket, rating, comment).await
    }

    /// The request a link's token names; not found for any other token.
    async fn rating_link(&self, token: &str) -> Result<TicketRecord, AppError> {
        let hash = crate::auth::sha256_hex(token.trim().as_bytes());
        let request = self
            .store
            .rating_request_by_token(&hash)
            .await?
            .ok_or(AppError::NotFound("rating"))?;
        self.store
            .get_ticket(&crate::demo::system_scope(), TicketId(request.ticket_id))
            .await?
            .ok_or(AppError::NotFound("rating"))
    }

    /// What the link `/rate/{token}` shows. Reading records nothing.
    pub async fn rating_invitation(&self, token: &str) -> Result<RatingInvitation, AppError> {
        let ticket = self.rating_link(token).await?;
        let member = MemberId(ticket.member_id.uuid());
        let rated = self
            .store
            .rating_of_ticket(member, ticket.id.uuid())
            .await?;
        let member_name = self
            .store
            .get_member(&crate::demo::system_scope(), member)
            .await?
            .map(|m| m.name)
            .unwrap_or_default();
        Ok(RatingInvitation {
            ticket_number: ticket.number,
            title: ticket.title,
            member_name,
            rated,
        })
    }

    /// Rates the ticket a link's token names (no login: the token is the
    /// permission).
    pub async fn rate_by_token(
        &self,
        token: &str,
        rating: i64,
        comment: &str,
    ) -> Result<RatingRecord, AppError> {
        let ticket = self.rating_link(token).await?;
        self.record_rating(&ticket, rating, comment).await
    }

    async fn record_rating(
        &self,
        ticket: &TicketRecord,
        rating: i64,
        comment: &str,
    ) -> Result<RatingRecord, AppError> {
        check_rating(rating, comment).map_err(AppError::Invalid)?;
        if !rateable(ticket) {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.rating_not_resolved"
            )));
        }
        let record = RatingRecord {
            member_id: ticket.member_id.uuid(),
            ticket_id: ticket.id.uuid(),
            rating,
            comment: comment.trim().to_owned(),
            rated_at: self.now_micros(),
            service_id: ticket.service_id.map(|s| s.0),
            group_id: ticket.group_id.map(|g| g.0),
            assignee_id: ticket.assignee_id.map(|a| a.0),
        };
        if !self.store.insert_rating(&record).await? {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.rating_given"
            )));
        }
        Ok(record)
    }
}
