//! Asking the requester of a resolved ticket to rate it: when the ticket
//! is in the member's sample and its requester was not asked within the
//! member's quiet period, a request with a fresh token is kept (its hash
//! only); the link `/rate/{token}` carries the token. Asking is done
//! after the resolution is stored: a failure is logged and never undoes
//! or refuses the resolution.

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::satisfaction::should_ask;
use samdrift_store::satisfaction::RatingRequestRow;
use samdrift_store::tickets::TicketRecord;

impl App {
    /// Asks `ticket`'s requester to rate it, if the rules say so (module
    /// docs). The link's token is not mailed yet: the requester rates on
    /// the ticket's page, and the token waits for the resolution mail.
    pub(crate) async fn ask_for_rating(&self, ticket: &TicketRecord) {
        if let Err(e) = self.try_ask_for_rating(ticket).await {
            tracing::warn!(ticket = %ticket.number, error = %e, "asking for a rating failed");
        }
    }

    /// The link's token when asked.
    async fn try_ask_for_rating(&self, ticket: &TicketRecord) -> Result<Option<String>, AppError> {
        let Some(person) = ticket.requester_id else {
            return Ok(None);
        };
        let member = ticket.member_id.uuid();
        let (rules, _) = self.sampling_rules(MemberId(member)).await?;
        let last = self
            .store
            .last_rating_request(MemberId(member), person.0)
            .await?;
        let now = self.now_micros();
        if !should_ask(rules, ticket.id.uuid(), last, now) {
            return Ok(None);
        }
        let token = crate::auth::random_secret();
        let request = RatingRequestRow {
            member_id: member,
            ticket_id: ticket.id.uuid(),
            person_id: person.0,
            asked_at: now,
        };
        let hash = crate::auth::sha256_hex(token.as_bytes());
        let asked = self.store.insert_rating_request(&request, &hash).await?;
        Ok(asked.then_some(token))
    }
}
