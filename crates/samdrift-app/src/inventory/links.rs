//! Tickets about configuration items. Staff link a ticket to an item of
//! the ticket's member, or to a federation item that serves it; whoever
//! reads the ticket reads the links it sees.

use crate::{App, AppError};
use samdrift_domain::ids::{MemberId, TicketId};
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::inventory::items::ItemRecord;
use uuid::Uuid;

impl App {
    /// Links a ticket to an item.
    pub async fn link_ticket_item(
        &self,
        scope: &Scope,
        ticket: TicketId,
        item: Uuid,
    ) -> Result<(), AppError> {
        let t = self.ticket(scope, ticket).await?;
        if !scope.may_work_tickets() {
            return Err(AppError::Forbidden(msg!("forbidden.ticket_items")));
        }
        let i = self.readable_item(scope, item).await?;
        let fits = match i.member_id {
            Some(m) => m == t.member_id.0,
            None => self
                .store
                .inventory_served(i.id)
                .await?
                .contains(&t.member_id.0),
        };
        if !fits {
            return Err(AppError::invalid(
                "item",
                msg!("inventory.item_of_other_member"),
            ));
        }
        let by = Some(scope.account.0);
        self.store
            .link_ticket_item(t.member_id.0, t.id.0, i.id, self.now_micros(), by)
            .await?;
        Ok(())
    }

    /// Links a ticket to the item of its member (or a federation item
    /// serving it) named `text`, or with that serial number.
    pub async fn link_ticket_item_named(
        &self,
        scope: &Scope,
        ticket: TicketId,
        text: &str,
    ) -> Result<(), AppError> {
        let t = self.ticket(scope, ticket).await?;
        if !scope.may_work_tickets() {
            return Err(AppError::Forbidden(msg!("forbidden.ticket_items")));
        }
        let wanted = text.trim().to_lowercase();
        if wanted.is_empty() {
            return Err(AppError::invalid("item", msg!("field.required")));
        }
        let filter = samdrift_domain::scope::MemberFilter::Only(vec![t.member_id]);
        let query = samdrift_store::inventory::items::ItemQuery {
            text: Some(wanted.clone()),
            limit: 50,
            ..Default::default()
        };
        let found = self
            .store
            .inventory_items(&filter, &query)
            .await?
            .into_iter()
            .find(|i| {
                i.name.to_lowercase() == wanted
                    || i.serial
                        .as_deref()
                        .is_some_and(|s| s.to_lowercase() == wanted)
            });
        match found {
            Some(i) => self.link_ticket_item(scope, ticket, i.id).await,
            None => Err(AppError::invalid(
                "item",
                msg!("inventory.no_item", name = text.trim()),
            )),
        }
    }

    /// Removes a ticket's link to an item.
    pub async fn unlink_ticket_item(
        &self,
        scope: &Scope,
        ticket: TicketId,
        item: Uuid,
    ) -> Result<(), AppError> {
        let t = self.ticket(scope, ticket).await?;
        if !scope.may_work_tickets() {
            return Err(AppError::Forbidden(msg!("forbidden.ticket_items")));
        }
        if !self
            .store
            .unlink_ticket_item(t.member_id.0, t.id.0, item)
            .await?
        {
            return Err(AppError::NotFound("item"));
        }
        Ok(())
    }

    /// The items a ticket is about, as far as the reader sees them.
    pub async fn ticket_items(
        &self,
        scope: &Scope,
        ticket: TicketId,
    ) -> Result<Vec<ItemRecord>, AppError> {
        let t = self.ticket(scope, ticket).await?;
        let seen = scope.inventory_members();
        let member = MemberId(t.member_id.0);
        Ok(self
            .store
            .items_of_ticket(t.member_id.0, t.id.0)
            .await?
            .into_iter()
            .filter(|i| {
                scope.is_staff()
                    || seen.allows(member)
                    || i.member_id.is_some_and(|m: Uuid| seen.allows(MemberId(m)))
            })
            .collect())
    }
}
