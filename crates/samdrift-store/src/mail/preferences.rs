//! What each user wants to hear by mail, where their mail goes, the
//! texts each member writes, and when each user's digest last went.

use crate::{Store, StoreError};
use uuid::Uuid;

/// What a mail to an account needs: the address, the language, and
/// whether it is staff (for the default channels).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MailAccount {
    pub id: Uuid,
    /// The account's own address, else its person's.
    pub email: Option<String>,
    pub name: String,
    pub language: String,
    pub staff: bool,
}

/// A member's own text for an event in a language.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TemplateRecord {
    pub member_id: Uuid,
    pub event: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub updated_at: i64,
    pub updated_by: String,
}

impl Store {
    /// The mail details of `accounts` (enabled ones only).
    pub async fn mail_accounts(&self, accounts: &[Uuid]) -> Result<Vec<MailAccount>, StoreError> {
        let mut out = Vec::with_capacity(accounts.len());
        for chunk in accounts.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT a.id, COALESCE(a.email, p.email) AS email, COALESCE(p.name, a.username) AS name, \
                 a.language, (a.staff_role IS NOT NULL) AS staff \
                 FROM accounts a LEFT JOIN people p ON p.member_id = a.person_member_id AND p.id = a.person_id \
                 WHERE NOT a.disabled AND a.id IN ({})",
                marks.join(", ")
            );
            let rows: Vec<MailAccount> = on_pool!(self, p => {
                let mut q = sqlx::query_as::<_, MailAccount>(sqlx::AssertSqlSafe(sql));
                for a in chunk {
                    q = q.bind(a);
                }
                q.fetch_all(p).await?
            });
            out.extend(rows);
        }
        Ok(out)
    }

    /// The channels `account` chose, by kind (kinds it never chose are
    /// absent: their default holds).
    pub async fn notification_channels(
        &self,
        account: Uuid,
    ) -> Result<Vec<(String, String)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, (String, String)>(
            "SELECT kind, channel FROM notification_channels WHERE account_id = $1 ORDER BY kind",
        ).bind(account).fetch_all(p).await?))
    }

    /// The channels chosen for `kind` by any of `accounts`.
    pub async fn channels_for_kind(
        &self,
        accounts: &[Uuid],
        kind: &str,
    ) -> Result<Vec<(Uuid, String)>, StoreError> {
        let mut out = Vec::new();
        for chunk in accounts.chunks(500) {
            let marks: Vec<String> = (2..=chunk.len() + 1).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT account_id, channel FROM notification_channels WHERE kind = $1 AND account_id IN ({})",
                marks.join(", ")
            );
            let rows: Vec<(Uuid, String)> = on_pool!(self, p => {
                let mut q = sqlx::query_as::<_, (Uuid, String)>(sqlx::AssertSqlSafe(sql)).bind(kind);
                for a in chunk {
                    q = q.bind(a);
                }
                q.fetch_all(p).await?
            });
            out.extend(rows);
        }
        Ok(out)
    }

    /// Replaces `account`'s chosen channels.
    pub async fn set_notification_channels(
        &self,
        account: Uuid,
        channels: &[(String, String)],
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = crate::connect::BeginWrite::begin_write(p).await?;
            sqlx::query("DELETE FROM notification_channels WHERE account_id = $1")
                .bind(account).execute(&mut *tx).await?;
            for (kind, channel) in channels {
                sqlx::query("INSERT INTO notification_channels (account_id, kind, channel) VALUES ($1, $2, $3)")
                    .bind(account).bind(kind).bind(channel).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// A member's texts.
    pub async fn mail_templates(&self, member: Uuid) -> Result<Vec<TemplateRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, TemplateRecord>(
            "SELECT member_id, event, language, subject, body, updated_at, updated_by FROM mail_templates \
             WHERE member_id = $1 ORDER BY event, language",
        ).bind(member).fetch_all(p).await?))
    }

    /// A member's text for an event and language, if it wrote one.
    pub async fn mail_template(
        &self,
        member: Uuid,
        event: &str,
        language: &str,
    ) -> Result<Option<TemplateRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, TemplateRecord>(
            "SELECT member_id, event, language, subject, body, updated_at, updated_by FROM mail_templates \
             WHERE member_id = $1 AND event = $2 AND language = $3",
        ).bind(member).bind(event).bind(language).fetch_optional(p).await?))
    }

    /// Keeps a member's text (replacing the one it had).
    pub async fn save_mail_template(&self, t: &TemplateRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO mail_templates (member_id, event, language, subject, body, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (member_id, event, language) \
                 DO UPDATE SET subject = $4, body = $5, updated_at = $6, updated_by = $7",
            ).bind(t.member_id).bind(&t.event).bind(&t.language).bind(&t.subject).bind(&t.body)
            .bind(t.updated_at).bind(&t.updated_by).execute(p).await?;
        });
        Ok(())
    }

    /// Drops a member's text (samdrift's own holds again).
    pub async fn delete_mail_template(
        &self,
        member: Uuid,
        event: &str,
        language: &str,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("DELETE FROM mail_templates WHERE member_id = $1 AND event = $2 AND language = $3")
                .bind(member).bind(event).bind(language).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// Accounts with unread notifications newer than their last digest
    /// (or than `since` for those never sent one), with the time their
    /// digest last covered.
    pub async fn digest_candidates(&self, since: i64) -> Result<Vec<(Uuid, i64)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, (Uuid, i64)>(
            "SELECT n.account_id, COALESCE(d.sent_through, $1) FROM notifications n \
             LEFT JOIN mail_digests d ON d.account_id = n.account_id \
             WHERE n.read_at IS NULL AND n.created_at > COALESCE(d.sent_through, $1) \
             GROUP BY n.account_id, d.sent_through",
        ).bind(since).fetch_all(p).await?))
    }

    /// Moves an account's digest mark from `from` to `through`; false
    /// when another node moved it first.
    pub async fn claim_digest(
        &self,
        account: Uuid,
        from: Option<i64>,
        through: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = match from {
                Some(f) => sqlx::query("UPDATE mail_digests SET sent_through = $3 WHERE account_id = $1 AND sent_through = $2")
                    .bind(account).bind(f).bind(through).execute(p).await?,
                None => sqlx::query("INSERT INTO mail_digests (account_id, sent_through) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING")
                    .bind(account).bind(through).execute(p).await?,
            };
            Ok(r.rows_affected() == 1)
        })
    }

    /// The last digest mark of an account.
    pub async fn digest_mark(&self, account: Uuid) -> Result<Option<i64>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, i64>(
            "SELECT sent_through FROM mail_digests WHERE account_id = $1",
        ).bind(account).fetch_optional(p).await?))
    }

    /// An account's unread notifications in (from, through].
    pub async fn unread_between(
        &self,
        account: Uuid,
        from: i64,
        through: i64,
    ) -> Result<Vec<crate::service_levels::notifications::NotificationRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as(
            "SELECT id, account_id, member_id, ticket_id, kind, message, created_at, read_at FROM notifications \
             WHERE account_id = $1 AND read_at IS NULL AND created_at > $2 AND created_at <= $3 ORDER BY created_at LIMIT 200",
        ).bind(account).bind(from).bind(through).fetch_all(p).await?))
    }
}
