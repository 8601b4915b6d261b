//! Incoming mail. Each mail of a mailbox is claimed by its IMAP identity
//! (mailbox, UIDVALIDITY, UID) before anything is done with it: the
//! claim is a row that only one node can insert, so a mail is handled
//! exactly once however many nodes read the mailbox. The row then keeps
//! what became of it; a mail that could not be read keeps its bytes, for
//! an administrator to look at.

use crate::{Store, StoreError};
use uuid::Uuid;

/// What became of an incoming mail.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InboundRecord {
    pub mailbox: String,
    pub uidvalidity: i64,
    pub uid: i64,
    pub member_id: Uuid,
    pub received_at: i64,
    /// `claimed`, `ticket`, `comment`, `bounce`, `ignored` or `set_aside`.
    pub state: String,
    pub reason: Option<String>,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub message_id: Option<String>,
    pub ticket_id: Option<Uuid>,
}

/// The outcome to record for a claimed mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundOutcome<'a> {
    pub state: &'a str,
    pub reason: Option<&'a str>,
    pub sender: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub message_id: Option<&'a str>,
    pub ticket_id: Option<Uuid>,
    /// The mail's bytes, kept only when it is set aside.
    pub raw: Option<&'a [u8]>,
}

const COLUMNS: &str = "mailbox, uidvalidity, uid, member_id, received_at, state, reason, sender, subject, message_id, ticket_id";

impl Store {
    /// Claims mail `uid` of `mailbox` (at `uidvalidity`) for `member`;
    /// true for exactly one caller.
    pub async fn claim_inbound(
        &self,
        mailbox: &str,
        uidvalidity: i64,
        uid: i64,
        member: Uuid,
        at: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query(
                "INSERT INTO inbound_mail (mailbox, uidvalidity, uid, member_id, received_at, state) \
                 VALUES ($1, $2, $3, $4, $5, 'claimed') ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING",
            ).bind(mailbox).bind(uidvalidity).bind(uid).bind(member).bind(at).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// Records what became of a claimed mail.
    pub async fn finish_inbound(
        &self,
        mailbox: &str,
        uidvalidity: i64,
        uid: i64,
        o: &InboundOutcome<'_>,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "UPDATE inbound_mail SET state = $4, reason = $5, sender = $6, subject = $7, message_id = $8, \
                 ticket_id = $9, raw = $10 WHERE mailbox = $1 AND uidvalidity = $2 AND uid = $3",
            )
            .bind(mailbox).bind(uidvalidity).bind(uid).bind(o.state).bind(o.reason).bind(o.sender)
            .bind(o.subject).bind(o.message_id).bind(o.ticket_id).bind(o.raw)
            .execute(p).await?;
        });
        Ok(())
    }

    /// The highest UID claimed in `mailbox` at `uidvalidity` (where the
    /// next read starts).
    pub async fn last_inbound_uid(
        &self,
        mailbox: &str,
        uidvalidity: i64,
    ) -> Result<Option<i64>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(uid) FROM inbound_mail WHERE mailbox = $1 AND uidvalidity = $2",
        ).bind(mailbox).bind(uidvalidity).fetch_one(p).await?))
    }

    /// How many mails `sender` sent to `member` since `since` (the rate
    /// limit per sender).
    pub async fn inbound_from_since(
        &self,
        member: Uuid,
        sender: &str,
        since: i64,
    ) -> Result<i64, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM inbound_mail WHERE sender = $1 AND received_at >= $2 AND member_id = $3",
        ).bind(sender).bind(since).bind(member).fetch_one(p).await?))
    }

    /// Incoming mail, newest first, optionally in one state.
    pub async fn inbound_mail(
        &self,
        state: Option<&str>,
        limit: i64,
    ) -> Result<Vec<InboundRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM inbound_mail WHERE ($1 IS NULL OR state = $1) ORDER BY received_at DESC LIMIT {limit}"
        );
        on_pool!(self, p => Ok(sqlx::query_as::<_, InboundRecord>(sqlx::AssertSqlSafe(sql))
            .bind(state).fetch_all(p).await?))
    }

    /// Remembers that `message_id` belongs to a ticket of `member` (a mail
    /// we sent about it, or one that became or joined it).
    pub async fn remember_thread(
        &self,
        member: Uuid,
        message_id: &str,
        ticket: Uuid,
        at: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO mail_threads (message_id, member_id, ticket_id, at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (member_id, message_id) DO NOTHING",
            ).bind(message_id).bind(member).bind(ticket).bind(at).execute(p).await?;
        });
        Ok(())
    }

    /// The ticket of `member` the first of `message_ids` that we know
    /// belongs to.
    pub async fn thread_ticket(
        &self,
        member: Uuid,
        message_ids: &[String],
    ) -> Result<Option<Uuid>, StoreError> {
        for id in message_ids.iter().take(50) {
            let found: Option<Uuid> = on_pool!(self, p => sqlx::query_scalar(
                "SELECT ticket_id FROM mail_threads WHERE member_id = $1 AND message_id = $2",
            ).bind(member).bind(id).fetch_optional(p).await?);
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// The Message-IDs of a ticket's mail, oldest first (a reply's
    /// References).
    pub async fn ticket_message_ids(
        &self,
        member: Uuid,
        ticket: Uuid,
    ) -> Result<Vec<String>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, String>(
            "SELECT message_id FROM mail_threads WHERE member_id = $1 AND ticket_id = $2 ORDER BY at LIMIT 20",
        ).bind(member).bind(ticket).fetch_all(p).await?))
    }
}

/// The sender of a mail-born ticket whom the desk has not yet confirmed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MailContact {
    pub member_id: Uuid,
    pub ticket_id: Uuid,
    pub address: String,
    pub name: String,
    /// `unverified`, `confirmed` or `rejected`.
    pub state: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
}

impl Store {
    /// Records the unverified sender of a ticket.
    pub async fn insert_mail_contact(&self, c: &MailContact) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO mail_contacts (member_id, ticket_id, address, name, state, decided_by, decided_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            ).bind(c.member_id).bind(c.ticket_id).bind(&c.address).bind(&c.name).bind(&c.state)
            .bind(&c.decided_by).bind(c.decided_at).execute(p).await?;
        });
        Ok(())
    }

    /// The mail contact of a ticket, if it came from one.
    pub async fn mail_contact(
        &self,
        member: Uuid,
        ticket: Uuid,
    ) -> Result<Option<MailContact>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, MailContact>(
            "SELECT member_id, ticket_id, address, name, state, decided_by, decided_at FROM mail_contacts \
             WHERE member_id = $1 AND ticket_id = $2",
        ).bind(member).bind(ticket).fetch_optional(p).await?))
    }

    /// Whether the desk rejected `address` as a sender to `member`.
    pub async fn mail_contact_rejected(
        &self,
        member: Uuid,
        address: &str,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM mail_contacts WHERE member_id = $1 AND address = $2 AND state = 'rejected'",
        ).bind(member).bind(address).fetch_one(p).await? > 0))
    }

    /// Decides an unverified contact; false when it was already decided.
    pub async fn decide_mail_contact(
        &self,
        member: Uuid,
        ticket: Uuid,
        state: &str,
        by: &str,
        at: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query(
                "UPDATE mail_contacts SET state = $3, decided_by = $4, decided_at = $5 \
                 WHERE member_id = $1 AND ticket_id = $2 AND state = 'unverified'",
            ).bind(member).bind(ticket).bind(state).bind(by).bind(at).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }
}

impl Store {
    /// Whether a person of `member` holds more than an end user's rights
    /// through any account (staff, orderer, strategist): a mail that
    /// fails DMARC is never linked to such a person.
    pub async fn person_is_privileged(
        &self,
        member: Uuid,
        person: Uuid,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM accounts a LEFT JOIN account_roles r ON r.account_id = a.id \
             WHERE a.person_member_id = $1 AND a.person_id = $2 \
             AND (a.staff_role IS NOT NULL OR r.role IN ('orderer', 'strategist'))",
        ).bind(member).bind(person).fetch_one(p).await? > 0))
    }
}
