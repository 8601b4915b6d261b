//! Outages (driftstörningar) and planned maintenance, with the status
//! message users of the affected members see.

use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OutageRecord {
    pub id: Uuid,
    pub service_id: Uuid,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub planned: bool,
    pub announced_at: i64,
    pub message: String,
    pub version: i64,
}

impl Store {
    pub async fn insert_outage(
        &self,
        o: &OutageRecord,
        members: &[Uuid],
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(
                "INSERT INTO outages (id, service_id, starts_at, ends_at, planned, announced_at, message, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
            )
            .bind(o.id).bind(o.service_id).bind(o.starts_at).bind(o.ends_at).bind(o.planned).bind(o.announced_at).bind(&o.message)
            .execute(&mut *tx).await?;
            for m in members {
                sqlx::query("INSERT INTO outage_members (outage_id, member_id) VALUES ($1, $2)")
                    .bind(o.id).bind(*m).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Ends an ongoing outage (or moves its end) if `version` is current.
    pub async fn set_outage_end(
        &self,
        id: Uuid,
        ends_at: Option<i64>,
        version: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("UPDATE outages SET ends_at = $1, version = version + 1 WHERE id = $2 AND version = $3")
                .bind(ends_at).bind(id).bind(version).execute(p).await?;
            if r.rows_affected() == 0 {
                return Err(StoreError::Stale);
            }
        });
        Ok(())
    }

    /// Outages affecting any of `members` (all if None) that overlap [from, to).
    pub async fn outages_between(
        &self,
        members: Option<&[Uuid]>,
        from: i64,
        to: i64,
    ) -> Result<Vec<(OutageRecord, Vec<Uuid>)>, StoreError> {
        let rows: Vec<(OutageRecord, Uuid)> = on_pool!(self, p => {
            #[derive(sqlx::FromRow)]
            struct Row {
                #[sqlx(flatten)]
                outage: OutageRecord,
                member_id: Uuid,
            }
            let rows = sqlx::query_as::<_, Row>(
                "SELECT o.id, o.service_id, o.starts_at, o.ends_at, o.planned, o.announced_at, o.message, o.version, m.member_id \
                 FROM outages o JOIN outage_members m ON m.outage_id = o.id \
                 WHERE o.starts_at < $2 AND (o.ends_at IS NULL OR o.ends_at > $1) ORDER BY o.starts_at, o.id",
            ).bind(from).bind(to).fetch_all(p).await?;
            rows.into_iter().map(|r| (r.outage, r.member_id)).collect()
        });
        let mut out: Vec<(OutageRecord, Vec<Uuid>)> = Vec::new();
        for (o, m) in rows {
            match out.last_mut() {
                Some((last, ms)) if last.id == o.id => ms.push(m),
                _ => out.push((o, vec![m])),
            }
        }
        if let Some(filter) = members {
            for (_, ms) in out.iter_mut() {
                ms.retain(|m| filter.contains(m));
            }
            out.retain(|(_, ms)| !ms.is_empty());
        }
        Ok(out)
    }

    pub async fn get_outage(
        &self,
        id: Uuid,
    ) -> Result<Option<(OutageRecord, Vec<Uuid>)>, StoreError> {
        let outage = on_pool!(self, p => sqlx::query_as::<_, OutageRecord>(
            "SELECT id, service_id, starts_at, ends_at, planned, announced_at, message, version FROM outages WHERE id = $1",
        ).bind(id).fetch_optional(p).await?);
        let Some(outage) = outage else {
            return Ok(None);
        };
        let members = on_pool!(self, p => sqlx::query_scalar::<_, Uuid>(
            "SELECT member_id FROM outage_members WHERE outage_id = $1",
        ).bind(id).fetch_all(p).await?);
        Ok(Some((outage, members)))
    }
}
