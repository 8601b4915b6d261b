//! What inventory agents write: the keys they report with (hashed), and an
//! inventory applied to its machine's item in one transaction, software
//! replaced whole in a few multi-row statements.

use super::items::{INSERT_ITEM, ITEM, ItemRecord, SoftwareRecord, UPDATE_ITEM, bind_item};
use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AgentKeyRecord {
    pub id: Uuid,
    pub member_id: Uuid,
    pub label: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

/// An inventory as an agent sent it, waiting to be applied.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct InboxRecord {
    pub id: Uuid,
    pub member_id: Uuid,
    pub key_id: Uuid,
    pub received_at: i64,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

const INBOX: &str = "id, member_id, key_id, received_at, content_type, body";

/// Rows of software per statement (7 parameters each, well under the
/// backends' limits).
const SOFTWARE_CHUNK: usize = 500;

impl Store {
    pub async fn insert_agent_key(
        &self,
        k: &AgentKeyRecord,
        key_hash: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO agent_keys (id, member_id, label, key_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(k.id).bind(k.member_id).bind(&k.label).bind(key_hash).bind(k.created_at)
            .execute(p).await?;
        });
        Ok(())
    }

    /// The key with this hash, unless revoked.
    pub async fn agent_key_by_hash(
        &self,
        key_hash: &str,
    ) -> Result<Option<AgentKeyRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AgentKeyRecord>(
            "SELECT id, member_id, label, created_at, revoked_at, last_used_at FROM agent_keys \
             WHERE key_hash = $1 AND revoked_at IS NULL",
        ).bind(key_hash).fetch_optional(p).await?))
    }

    /// A member's keys (`None`: every member's).
    pub async fn agent_keys(
        &self,
        member: Option<Uuid>,
    ) -> Result<Vec<AgentKeyRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AgentKeyRecord>(
            "SELECT id, member_id, label, created_at, revoked_at, last_used_at FROM agent_keys \
             WHERE ($1 IS NULL OR member_id = $1) ORDER BY created_at",
        ).bind(member).fetch_all(p).await?))
    }

    pub async fn revoke_agent_key(
        &self,
        member: Uuid,
        id: Uuid,
        at: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "UPDATE agent_keys SET revoked_at = $3 WHERE id = $1 AND member_id = $2 AND revoked_at IS NULL",
            ).bind(id).bind(member).bind(at).execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The member's item a reporting machine is: by hardware UUID, then
    /// serial number, then the agent's device id.
    pub async fn item_by_machine(
        &self,
        member: Uuid,
        uuid: Option<&str>,
        serial: Option<&str>,
        device_id: &str,
    ) -> Result<Option<ItemRecord>, StoreError> {
        on_pool!(self, p => {
            let rows = sqlx::query_as::<_, ItemRecord>(sqlx::AssertSqlSafe(format!(
                "SELECT {ITEM} FROM inventory_items i WHERE i.member_id = $1 \
                 AND (i.hardware_uuid = $2 OR i.serial = $3 OR i.agent_device_id = $4)"
            )))
            .bind(member).bind(uuid).bind(serial).bind(device_id)
            .fetch_all(p).await?;
            let pick = |f: &dyn Fn(&ItemRecord) -> bool| rows.iter().find(|r| f(r)).cloned();
            Ok(pick(&|r| uuid.is_some() && r.hardware_uuid.as_deref() == uuid)
                .or_else(|| pick(&|r| serial.is_some() && r.serial.as_deref() == serial))
                .or_else(|| pick(&|r| r.agent_device_id.as_deref() == Some(device_id))))
        })
    }

    /// Writes a machine's item (new, or on the version read) and replaces
    /// its software unless `software` is `None` (unchanged), and notes the
    /// key's use, in one transaction.
    pub async fn apply_agent_inventory(
        &self,
        item: &ItemRecord,
        existing: bool,
        software: Option<&[SoftwareRecord]>,
        key: Uuid,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            if existing {
                let q = sqlx::query(UPDATE_ITEM);
                let done = bind_item!(q, item).bind(item.version).execute(&mut *tx).await?;
                if done.rows_affected() != 1 {
                    return Err(StoreError::Stale);
                }
                if software.is_some() {
                    sqlx::query("DELETE FROM inventory_software WHERE item_id = $1")
                        .bind(item.id).execute(&mut *tx).await?;
                }
            } else {
                let q = sqlx::query(INSERT_ITEM);
                bind_item!(q, item).execute(&mut *tx).await?;
            }
            for (n, chunk) in software.unwrap_or_default().chunks(SOFTWARE_CHUNK).enumerate() {
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO inventory_software (item_id, position, name, version, publisher, product_key) ",
                );
                qb.push_values(chunk.iter().enumerate(), |mut b, (i, s)| {
                    b.push_bind(item.id).push_bind((n * SOFTWARE_CHUNK + i) as i64)
                        .push_bind(s.name.clone()).push_bind(s.version.clone())
                        .push_bind(s.publisher.clone()).push_bind(s.product_key.clone());
                });
                qb.build().execute(&mut *tx).await?;
            }
            sqlx::query("UPDATE agent_keys SET last_used_at = $2 WHERE id = $1")
                .bind(key).bind(item.updated_at).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Keeps an agent's report until it is applied.
    pub async fn queue_agent_report(&self, r: &InboxRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO agent_inbox (id, member_id, key_id, received_at, content_type, body, state) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'waiting')",
            )
            .bind(r.id).bind(r.member_id).bind(r.key_id).bind(r.received_at).bind(&r.content_type).bind(&r.body)
            .execute(p).await?;
        });
        Ok(())
    }

    /// Claims up to `limit` reports waiting (or applying with a lapsed
    /// lease), oldest first, until `lease_until`; each by one caller only.
    pub async fn claim_agent_reports(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> Result<Vec<InboxRecord>, StoreError> {
        let pick = "SELECT id FROM agent_inbox WHERE state = 'waiting' \
                    OR (state = 'applying' AND lease_until < $2) ORDER BY received_at";
        let sql = match self.backend() {
            crate::Backend::Sqlite => format!(
                "UPDATE agent_inbox SET state = 'applying', lease_until = $1 \
                 WHERE id IN ({pick} LIMIT {limit}) RETURNING {INBOX}"
            ),
            crate::Backend::Postgres => format!(
                "UPDATE agent_inbox SET state = 'applying', lease_until = $1 \
                 WHERE id IN ({pick} LIMIT {limit} FOR UPDATE SKIP LOCKED) RETURNING {INBOX}"
            ),
        };
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let rows = sqlx::query_as::<_, InboxRecord>(sqlx::AssertSqlSafe(sql))
                .bind(lease_until).bind(now)
                .fetch_all(&mut *tx).await?;
            tx.commit().await?;
            Ok(rows)
        })
    }

    /// Forgets an applied report.
    pub async fn remove_agent_report(&self, id: Uuid) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("DELETE FROM agent_inbox WHERE id = $1").bind(id).execute(p).await?;
        });
        Ok(())
    }

    /// Sets a report that cannot be read aside, with the reason.
    pub async fn set_aside_agent_report(&self, id: Uuid, error: &str) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("UPDATE agent_inbox SET state = 'unreadable', error = $2, lease_until = NULL WHERE id = $1")
                .bind(id).bind(error).execute(p).await?;
        });
        Ok(())
    }

    /// Reports waiting or being applied, and those set aside.
    pub async fn agent_inbox_counts(&self) -> Result<(i64, i64), StoreError> {
        on_pool!(self, p => {
            let (waiting, aside): (i64, i64) = sqlx::query_as(
                "SELECT CAST(COALESCE(SUM(CASE WHEN state <> 'unreadable' THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN state = 'unreadable' THEN 1 ELSE 0 END), 0) AS BIGINT) FROM agent_inbox",
            ).fetch_one(p).await?;
            Ok((waiting, aside))
        })
    }
}
