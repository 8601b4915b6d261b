//! The demo's mail and notifications: a few tickets that came by mail to
//! the members' desks (one from a known person, one from a stranger
//! waiting for the desk to confirm them, and a reply that joined its
//! ticket), and a notification for every staff role (a ticket assigned to
//! the technician, a ticket come to the group, a reply for the agent), so
//! every demo login finds the bell lit. The members' roles already hear of
//! the demo's outages.

use crate::mail::inbound::MailboxRef;
use crate::{App, AppError};
use samdrift_domain::ids::TicketId;
use samdrift_domain::mail::inbound::{Address, InboundMail};
use samdrift_domain::scope::Scope;

fn desk(member: &str) -> MailboxRef {
    MailboxRef {
        key: format!("{member} demo"),
        member: member.into(),
        address: format!("servicedesk@{}.example", domain(member)),
    }
}

fn domain(member: &str) -> &'static str {
    match member {
        "SIM" => "simrishamn",
        "TOM" => "tomelilla",
        _ => "ystad",
    }
}

/// A demo mail, as the parser would read it, and its bytes.
fn demo_mail(
    from: (&str, &str),
    to: &str,
    subject: &str,
    id: &str,
    answers: Option<&str>,
    body: &str,
) -> (Vec<u8>, InboundMail) {
    let threading = answers
        .map(|a| format!("In-Reply-To: <{a}>\r\nReferences: <{a}>\r\n"))
        .unwrap_or_default();
    let raw = format!(
        "From: {} <{}>\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\n{threading}\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
        from.0, from.1
    );
    let mail = InboundMail {
        from: Some(Address {
            address: from.1.to_owned(),
            name: Some(from.0.to_owned()),
        }),
        recipients: vec![to.to_owned()],
        subject: subject.to_owned(),
        message_id: Some(id.to_owned()),
        in_reply_to: answers.map(str::to_owned).into_iter().collect(),
        references: answers.map(str::to_owned).into_iter().collect(),
        text: body.to_owned(),
        ..InboundMail::default()
    };
    (raw.into_bytes(), mail)
}

impl App {
    /// The demo's mail-born tickets and staff notifications (module docs).
    pub(crate) async fn load_demo_mail(&self, scope: &Scope) -> Result<(), AppError> {
        let Some(member) = self.store.member_by_code("YST").await? else {
            return Ok(());
        };
        let people = self
            .store
            .people_of_member(samdrift_domain::ids::MemberId(member.id))
            .await?;
        let Some(person) = people.iter().find(|p| p.kind == "employee") else {
            return Ok(());
        };
        let known = (person.name.as_str(), person.email.as_str());
        let ystad = desk("YST");
        let simrishamn = desk("SIM");
        let mails = [
            (
                &ystad,
                demo_mail(
                    known,
                    &ystad.address,
                    "Skrivaren på plan 2 fungerar inte",
                    "demo.1@ystad.example",
                    None,
                    "Hej!\n\nSkrivaren på plan 2 säger att tonern är slut.\n\nTack på förhand",
                ),
            ),
            (
                &ystad,
                demo_mail(
                    known,
                    &ystad.address,
                    "SV: Skrivaren på plan 2 fungerar inte",
                    "demo.2@ystad.example",
                    Some("demo.1@ystad.example"),
                    "Den skriver ut igen, men randigt.",
                ),
            ),
            (
                &simrishamn,
                demo_mail(
                    ("Lena Leverantör", "lena@konsult.example"),
                    &simrishamn.address,
                    "Behörighet till lönesystemet",
                    "demo.3@konsult.example",
                    None,
                    "Hej, jag är ny konsult hos lönekontoret och behöver behörighet till lönesystemet.",
                ),
            ),
        ];
        for (uid, (mailbox, (raw, mail))) in mails.into_iter().enumerate() {
            let uid = u32::try_from(uid).unwrap_or(0) + 1;
            self.receive_mail(mailbox, 1, uid, &raw, Ok(mail)).await?;
        }
        self.demo_staff_notifications(scope).await
    }

    async fn demo_staff_notifications(&self, scope: &Scope) -> Result<(), AppError> {
        let list = self
            .list_tickets(
                scope,
                crate::tickets::TicketQuery {
                    member: None,
                    filter: samdrift_store::tickets::TicketFilter {
                        limit: 30,
                        ..Default::default()
                    },
                },
            )
            .await?;
        let open: Vec<_> = list
            .tickets
            .into_iter()
            .filter(|t| !t.ticket.status.is_final())
            .collect();
        let technician = self
            .store
            .account_by_username("tekniker")
            .await?
            .map(|a| a.id);
        let agent = self.store.account_by_username("agent").await?.map(|a| a.id);
        if let (Some(t), Some(tech)) = (open.first(), technician) {
            let patch = crate::tickets::TicketPatch {
                assignee_id: Some(Some(tech)),
                ..Default::default()
            };
            self.update_ticket(
                scope,
                TicketId(t.ticket.id.uuid()),
                Some(t.ticket.version),
                patch,
            )
            .await?;
        }
        if let (Some(t), Some(agent)) = (open.get(1), agent) {
            let patch = crate::tickets::TicketPatch {
                assignee_id: Some(Some(agent)),
                ..Default::default()
            };
            let assigned = self
                .update_ticket(
                    scope,
                    TicketId(t.ticket.id.uuid()),
                    Some(t.ticket.version),
                    patch,
                )
                .await?;
            self.add_comment(
                scope,
                assigned.id,
                "Användaren har ringt och frågar hur det går.",
                false,
            )
            .await?;
        }
        self.demo_group_ticket(scope, technician, &open).await
    }

    /// A ticket comes to the technicians' group with nobody named: the
    /// group (the technician and the group lead) hears of it.
    async fn demo_group_ticket(
        &self,
        scope: &Scope,
        technician: Option<uuid::Uuid>,
        open: &[samdrift_store::tickets::TicketRow],
    ) -> Result<(), AppError> {
        let group = match technician {
            Some(tech) => self
                .store
                .groups_of(samdrift_domain::ids::AccountId(tech))
                .await?
                .into_iter()
                .next(),
            None => None,
        };
        let elsewhere = group.and_then(|g| {
            open.iter()
                .skip(2)
                .find(|t| t.ticket.group_id.map(|x| x.0) != Some(g))
                .map(|t| (t, g))
        });
        if let Some((t, g)) = elsewhere {
            let patch = crate::tickets::TicketPatch {
                group_id: Some(Some(g)),
                assignee_id: Some(None),
                ..Default::default()
            };
            self.update_ticket(
                scope,
                TicketId(t.ticket.id.uuid()),
                Some(t.ticket.version),
                patch,
            )
            .await?;
        }
        Ok(())
    }
}
