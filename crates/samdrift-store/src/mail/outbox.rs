//! The outbox. A mail is queued in the same breath as the notification it
//! tells of; any node's sender claims due mail (`FOR UPDATE SKIP LOCKED`
//! on PostgreSQL, one `BEGIN IMMEDIATE` statement on SQLite) for a lease,
//! so two nodes never send the same mail, and a node that dies mid-send
//! leaves its mail to be claimed again when the lease runs out.

use crate::{Store, StoreError};
use uuid::Uuid;

/// A mail in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxRecord {
    pub id: Uuid,
    pub member_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    pub event: String,
    pub sender: String,
    pub recipient: String,
    pub reply_to: Option<String>,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    /// Space-separated Message-IDs (without brackets).
    pub mail_references: Option<String>,
    pub subject: String,
    pub body: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub lease_until: Option<i64>,
    /// The mail server's last answer (or why it could not be reached).
    pub answer: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

const COLUMNS: &str = "id, member_id, ticket_id, event, sender, recipient, reply_to, message_id, in_reply_to, \
     mail_references, subject, body, state, attempts, next_attempt_at, lease_until, answer, created_at, sent_at";

/// How many rows one INSERT statement carries.
const INSERT_CHUNK: usize = 500;

/// Counts of the outbox by state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

fn insert_sql(rows: usize) -> String {
    let per = 19;
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=per).map(|c| format!("${}", r * per + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO mail_outbox ({COLUMNS}) VALUES {}",
        values.join(", ")
    )
}

macro_rules! bind_outbox {
    ($q:expr, $m:expr) => {
        $q.bind($m.id)
            .bind($m.member_id)
            .bind($m.ticket_id)
            .bind(&$m.event)
            .bind(&$m.sender)
            .bind(&$m.recipient)
            .bind(&$m.reply_to)
            .bind(&$m.message_id)
            .bind(&$m.in_reply_to)
            .bind(&$m.mail_references)
            .bind(&$m.subject)
            .bind(&$m.body)
            .bind(&$m.state)
            .bind($m.attempts)
            .bind($m.next_attempt_at)
            .bind($m.lease_until)
            .bind(&$m.answer)
            .bind($m.created_at)
            .bind($m.sent_at)
    };
}

impl Store {
    /// Queues mail, many rows to a statement, all in one transaction.
    pub async fn queue_mail(&self, mails: &[OutboxRecord]) -> Result<(), StoreError> {
        if mails.is_empty() {
            return Ok(());
        }
        on_pool!(self, p => {
            let mut tx = crate::connect::BeginWrite::begin_write(p).await?;
            for chunk in mails.chunks(INSERT_CHUNK) {
                let sql = insert_sql(chunk.len());
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for m in chunk {
                    q = bind_outbox!(q, m);
                }
                q.execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Claims up to `limit` mails that are due at `now` (queued and due,
    /// or sending with a lapsed lease) until `lease_until`; each mail is
    /// claimed by one caller only.
    pub async fn claim_mail(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
        let pick = "SELECT id FROM mail_outbox WHERE (state = 'queued' AND next_attempt_at <= $2) \
                    OR (state = 'sending' AND lease_until < $2) ORDER BY next_attempt_at";
        let sql = match self.backend() {
            crate::Backend::Sqlite => format!(
                "UPDATE mail_outbox SET state = 'sending', lease_until = $1, attempts = attempts + 1 \
                 WHERE id IN ({pick} LIMIT {limit}) RETURNING {COLUMNS}"
            ),
            crate::Backend::Postgres => format!(
                "UPDATE mail_outbox SET state = 'sending', lease_until = $1, attempts = attempts + 1 \
                 WHERE id IN ({pick} LIMIT {limit} FOR UPDATE SKIP LOCKED) RETURNING {COLUMNS}"
            ),
        };
        on_pool!(self, p => {
            let mut tx = crate::connect::BeginWrite::begin_write(p).await?;
            let rows = sqlx::query_as::<_, OutboxRecord>(sqlx::AssertSqlSafe(sql))
                .bind(lease_until).bind(now).fetch_all(&mut *tx).await?;
            tx.commit().await?;
            Ok(rows)
        })
    }

    /// Records that a claimed mail was handed to the mail server.
    pub async fn mail_sent(&self, id: Uuid, at: i64, answer: &str) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("UPDATE mail_outbox SET state = 'sent', sent_at = $2, answer = $3, lease_until = NULL WHERE id = $1")
                .bind(id).bind(at).bind(answer).execute(p).await?;
        });
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up
    /// (`retry_at` None).
    pub async fn mail_attempt_failed(
        &self,
        id: Uuid,
        retry_at: Option<i64>,
        answer: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            match retry_at {
                Some(at) => sqlx::query("UPDATE mail_outbox SET state = 'queued', next_attempt_at = $2, answer = $3, lease_until = NULL WHERE id = $1")
                    .bind(id).bind(at).bind(answer).execute(p).await?,
                None => sqlx::query("UPDATE mail_outbox SET state = 'failed', answer = $2, lease_until = NULL WHERE id = $1")
                    .bind(id).bind(answer).execute(p).await?,
            };
        });
        Ok(())
    }

    /// The outbox, newest first, optionally in one state (for the
    /// federation's administrators, who run the mail of every member).
    pub async fn outbox(
        &self,
        state: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM mail_outbox WHERE ($1 IS NULL OR state = $1) ORDER BY created_at DESC, id DESC LIMIT {limit}"
        );
        on_pool!(self, p => Ok(sqlx::query_as::<_, OutboxRecord>(sqlx::AssertSqlSafe(sql))
            .bind(state).fetch_all(p).await?))
    }

    /// How many mails are in each state.
    pub async fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        let rows: Vec<(String, i64)> = on_pool!(self, p => sqlx::query_as(
            "SELECT state, COUNT(*) FROM mail_outbox GROUP BY state",
        ).fetch_all(p).await?);
        let mut c = OutboxCounts::default();
        for (state, n) in rows {
            match state.as_str() {
                "queued" => c.queued = n,
                "sending" => c.sending = n,
                "sent" => c.sent = n,
                _ => c.failed += n,
            }
        }
        Ok(c)
    }
}

/// An address that mail could not be delivered to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FailingAddress {
    pub address: String,
    pub since: i64,
    pub last_at: i64,
    pub reason: String,
    pub failures: i64,
}

impl Store {
    /// Notes that mail to `address` failed permanently (a bounce, or a
    /// refusal at sending).
    pub async fn mark_address_failing(
        &self,
        address: &str,
        reason: &str,
        at: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO mail_failing_addresses (address, since, last_at, reason, failures) VALUES ($1, $2, $2, $3, 1) \
                 ON CONFLICT (address) DO UPDATE SET last_at = $2, reason = $3, failures = mail_failing_addresses.failures + 1",
            ).bind(address).bind(at).bind(reason).execute(p).await?;
        });
        Ok(())
    }

    /// Forgets that an address failed (an administrator fixed it).
    pub async fn clear_failing_address(&self, address: &str) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("DELETE FROM mail_failing_addresses WHERE address = $1")
                .bind(address).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// The failing addresses, most recent first.
    pub async fn failing_addresses(&self, limit: i64) -> Result<Vec<FailingAddress>, StoreError> {
        let sql = format!(
            "SELECT address, since, last_at, reason, failures FROM mail_failing_addresses ORDER BY last_at DESC LIMIT {limit}"
        );
        on_pool!(self, p => Ok(sqlx::query_as::<_, FailingAddress>(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?))
    }

    /// Which of `addresses` are failing.
    pub async fn which_failing(&self, addresses: &[String]) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for chunk in addresses.chunks(INSERT_CHUNK) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT address FROM mail_failing_addresses WHERE address IN ({})",
                marks.join(", ")
            );
            let found: Vec<String> = on_pool!(self, p => {
                let mut q = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
                for a in chunk {
                    q = q.bind(a);
                }
                q.fetch_all(p).await?
            });
            out.extend(found);
        }
        Ok(out)
    }
}
