//! Unverified mail contacts. A mail from an address no person of the
//! member has becomes a ticket from an unverified contact; the desk then
//! confirms the sender (who becomes the member's person, or is linked to
//! the person who has that address by then, and the ticket's requester)
//! or rejects them (the ticket is cancelled, and their later mail to the
//! member is ignored).

use crate::tickets::events::{EventActor, EventLog};
use crate::{App, AppError};
use samdrift_domain::ids::{PersonId, TicketId};
use samdrift_domain::scope::Scope;
use samdrift_store::mail::inbound::MailContact;
use samdrift_store::people::PersonRecord;
use samdrift_store::tickets::{TicketChange, TicketWrite};

fn require_desk(scope: &Scope) -> Result<(), AppError> {
    if scope.may_work_tickets() {
        Ok(())
    } else {
        Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.mail_contact"
        )))
    }
}

impl App {
    /// The mail contact a ticket came from, for the desk (None for a
    /// ticket that did not come from one).
    pub async fn ticket_mail_contact(
        &self,
        scope: &Scope,
        id: TicketId,
    ) -> Result<Option<MailContact>, AppError> {
        if !scope.may_work_tickets() {
            return Ok(None);
        }
        let ticket = self.ticket(scope, id).await?;
        Ok(self
            .store
            .mail_contact(ticket.member_id.uuid(), ticket.id.uuid())
            .await?)
    }

    async fn unverified_contact(
        &self,
        scope: &Scope,
        id: TicketId,
    ) -> Result<(samdrift_store::tickets::TicketRecord, MailContact), AppError> {
        require_desk(scope)?;
        let ticket = self.ticket(scope, id).await?;
        let contact = self
            .store
            .mail_contact(ticket.member_id.uuid(), ticket.id.uuid())
            .await?
            .ok_or(AppError::NotFound("mail contact"))?;
        if contact.state != "unverified" {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.mail_contact_decided"
            )));
        }
        Ok((ticket, contact))
    }

    /// Confirms the sender of a ticket: the member's person with their
    /// address (made now, of `kind`, when there is none) becomes its
    /// requester.
    pub async fn confirm_mail_contact(
        &self,
        scope: &Scope,
        id: TicketId,
        kind: &str,
    ) -> Result<PersonRecord, AppError> {
        let (ticket, contact) = self.unverified_contact(scope, id).await?;
        if !crate::registers::PERSON_KINDS.contains(&kind) {
            return Err(AppError::invalid(
                "kind",
                samdrift_domain::msg!(
                    "field.one_of",
                    options = crate::registers::PERSON_KINDS.map(str::to_owned).to_vec()
                ),
            ));
        }
        let member = ticket.member_id;
        let person = match self.store.person_by_email(member, &contact.address).await? {
            Some(p) => p,
            None => {
                let p = PersonRecord {
                    member_id: member.uuid(),
                    id: crate::ids::new_id(self.clock.as_ref()),
                    administration_id: None,
                    name: contact.name.clone(),
                    email: contact.address.clone(),
                    kind: kind.to_owned(),
                    version: 1,
                };
                self.store.insert_person(&p).await?;
                p
            }
        };
        let at = self.now_micros();
        let mut next = ticket.clone();
        next.requester_id = Some(PersonId(person.id));
        next.updated_at = at;
        let mut log = EventLog::new(&ticket, EventActor::of(scope), at, self.clock.as_ref());
        log.push("requester", None, Some(person.name.clone()), false);
        self.write_change(TicketWrite {
            change: TicketChange::Full {
                expected_version: ticket.version,
                ticket: next,
            },
            comments: vec![],
            attachments: vec![],
            events: log.events,
            clocks: vec![],
            text_changed: false,
        })
        .await?;
        self.store
            .decide_mail_contact(
                member.uuid(),
                ticket.id.uuid(),
                "confirmed",
                &scope.username,
                at,
            )
            .await?;
        Ok(person)
    }

    /// Rejects the sender of a ticket: the ticket is cancelled and their
    /// later mail to the member is ignored.
    pub async fn reject_mail_contact(&self, scope: &Scope, id: TicketId) -> Result<(), AppError> {
        let (ticket, _) = self.unverified_contact(scope, id).await?;
        let at = self.now_micros();
        let patch = crate::tickets::TicketPatch {
            status: Some("cancelled".into()),
            ..Default::default()
        };
        if !ticket.status.is_final() {
            self.update_ticket(scope, id, Some(ticket.version), patch)
                .await?;
        }
        self.store
            .decide_mail_contact(
                ticket.member_id.uuid(),
                ticket.id.uuid(),
                "rejected",
                &scope.username,
                at,
            )
            .await?;
        Ok(())
    }
}
