//! A member's subscriptions (periods of a quantity of an offering for an
//! administration) and the orders that change them, with each order's
//! history. Applying an order rewrites the periods of one offering and
//! administration in one transaction, and only if they are still as the
//! caller read them.

use crate::connect::BeginWrite;
use crate::scope_sql::push_member_filter;
use crate::{Backend, Store, StoreError};
use samdrift_domain::catalog::order::{Hold, OrderStatus};
use samdrift_domain::scope::MemberFilter;
use sqlx::QueryBuilder;
use uuid::Uuid;

/// A subscription period with what charging and the views need.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SubscriptionRow {
    pub member_id: Uuid,
    pub id: Uuid,
    pub offering_id: Uuid,
    pub offering_code: String,
    pub offering_name: String,
    pub unit: String,
    pub service_code: String,
    pub administration_id: Uuid,
    pub administration_name: String,
    pub quantity: i64,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub order_id: Option<Uuid>,
}

/// A stored period as the order plan sees it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PeriodRow {
    pub id: Uuid,
    pub quantity: i64,
    pub starts_on: String,
    pub ends_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OrderRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub offering_id: Uuid,
    pub administration_id: Uuid,
    pub quantity_change: i64,
    pub effective_on: String,
    pub yearly_change_ore: i64,
    pub status: String,
    pub note: String,
    pub ordered_by: Option<Uuid>,
    pub ordered_by_name: String,
    pub ordered_at: i64,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub decision_reason: Option<String>,
    pub version: i64,
    /// Why it waits for the manager, as placed (see the domain's
    /// `catalog::order::Hold`): earlier orders added to it, the yearly
    /// change counted, the threshold. `None` when it applied at once.
    pub hold_others: Option<i64>,
    pub hold_total_ore: Option<i64>,
    pub hold_threshold_ore: Option<i64>,
}

impl OrderRecord {
    /// Why the order waited for the manager, when it did.
    pub fn hold(&self) -> Option<Hold> {
        Some(Hold {
            others: self.hold_others?,
            total_ore: self.hold_total_ore?,
            threshold_ore: self.hold_threshold_ore?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OrderEventRecord {
    pub seq: i64,
    pub at: i64,
    pub actor_name: String,
    pub status: String,
    pub note: String,
}

/// The changes an applied order makes to the periods (see the domain's
/// order plan).
#[derive(Debug, Clone, Default)]
pub struct PeriodChanges {
    pub end: Vec<(Uuid, String)>,
    pub requantify: Vec<(Uuid, i64)>,
    pub remove: Vec<Uuid>,
    /// (new id, quantity, first day, last day).
    pub insert: Vec<(Uuid, i64, String, Option<String>)>,
}

/// How an order's status changes, with its history line.
#[derive(Debug, Clone)]
pub struct OrderDecision {
    pub status: String,
    pub actor_name: String,
    pub at: i64,
    pub note: String,
    /// Set on a manager's confirmation or rejection.
    pub decided: bool,
}

const SUBSCRIPTION_SELECT: &str = "SELECT s.member_id, s.id, s.offering_id, o.code AS offering_code, \
    o.name AS offering_name, o.unit, sv.code AS service_code, s.administration_id, \
    a.name AS administration_name, s.quantity, s.starts_on, s.ends_on, s.order_id \
    FROM subscriptions s JOIN offerings o ON o.id = s.offering_id \
    JOIN services sv ON sv.id = o.service_id \
    JOIN administrations a ON a.member_id = s.member_id AND a.id = s.administration_id";

const ORDER_COLUMNS: &str = "member_id, id, offering_id, administration_id, quantity_change, effective_on, \
    yearly_change_ore, status, note, ordered_by, ordered_by_name, ordered_at, decided_by_name, decided_at, \
    decision_reason, version, hold_others, hold_total_ore, hold_threshold_ore";

impl Store {
    /// The member's subscription periods that overlap [from, to] (ISO
    /// dates, inclusive), in a stable order.
    pub async fn subscriptions_between(
        &self,
        member: Uuid,
        from: &str,
        to: &str,
    ) -> Result<Vec<SubscriptionRow>, StoreError> {
        let only = MemberFilter::Only(vec![samdrift_domain::ids::MemberId(member)]);
        self.subscriptions_between_for(&only, from, to).await
    }

    /// The subscription periods of the filtered members that overlap
    /// [from, to] (ISO dates, inclusive), by member, then by service,
    /// offering, administration and start.
    pub async fn subscriptions_between_for(
        &self,
        filter: &MemberFilter,
        from: &str,
        to: &str,
    ) -> Result<Vec<SubscriptionRow>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("{SUBSCRIPTION_SELECT} WHERE "));
            push_member_filter(&mut qb, "s.member_id", filter);
            qb.push(" AND s.starts_on <= ").push_bind(to)
                .push(" AND (s.ends_on IS NULL OR s.ends_on >= ").push_bind(from)
                .push(") ORDER BY s.member_id, sv.code, o.code, a.name, s.starts_on");
            Ok(qb.build_query_as::<SubscriptionRow>().fetch_all(p).await?)
        })
    }

    /// Every subscription period of the member, ended ones too.
    pub async fn list_subscriptions(
        &self,
        member: Uuid,
    ) -> Result<Vec<SubscriptionRow>, StoreError> {
        self.subscriptions_between(member, "0000-01-01", "9999-12-31")
            .await
    }

    /// The periods of one offering for one administration.
    pub async fn subscription_periods(
        &self,
        member: Uuid,
        offering: Uuid,
        administration: Uuid,
    ) -> Result<Vec<PeriodRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, PeriodRow>(
            "SELECT id, quantity, starts_on, ends_on FROM subscriptions \
             WHERE member_id = $1 AND offering_id = $2 AND administration_id = $3 ORDER BY starts_on, id",
        ).bind(member).bind(offering).bind(administration).fetch_all(p).await?))
    }

    /// Whether the member subscribes to any offering of `service` on `day`.
    pub async fn subscribes_to_service(
        &self,
        member: Uuid,
        service: Uuid,
        day: &str,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM subscriptions s JOIN offerings o ON o.id = s.offering_id \
                 WHERE s.member_id = $1 AND o.service_id = $2 AND s.starts_on <= $3 \
                 AND (s.ends_on IS NULL OR s.ends_on >= $3) AND s.quantity > 0",
            ).bind(member).bind(service).bind(day).fetch_one(p).await?;
            Ok(n > 0)
        })
    }

    /// Records a new order with its first history line. In the same
    /// transaction, with the member's other orders held still, it reads
    /// the yearly changes of the member's orders placed since `since`
    /// (applied or awaiting confirmation) and asks `hold` whether the new
    /// one waits for the manager; the answer is stored with the order,
    /// which is returned as stored. Two orders placed at once therefore
    /// each see the other: one of them is read as earlier.
    pub async fn insert_order(
        &self,
        o: &OrderRecord,
        since: i64,
        hold: impl FnOnce(&[i64]) -> Option<Hold>,
    ) -> Result<OrderRecord, StoreError> {
        let lock = match self.backend() {
            // NO KEY UPDATE: orders of one member queue here, while the
            // key-share locks of foreign-key checks on the member pass.
            Backend::Postgres => Some("SELECT 1 FROM members WHERE id = $1 FOR NO KEY UPDATE"),
            // The write transaction (BEGIN IMMEDIATE) already runs alone.
            Backend::Sqlite => None,
        };
        let mut stored = o.clone();
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            if let Some(sql) = lock {
                sqlx::query(sql).bind(o.member_id).execute(&mut *tx).await?;
            }
            let earlier: Vec<i64> = sqlx::query_scalar(
                "SELECT yearly_change_ore FROM orders WHERE member_id = $1 AND ordered_at >= $2 \
                 AND status IN ($3, $4) ORDER BY ordered_at, id",
            )
            .bind(o.member_id).bind(since)
            .bind(OrderStatus::Applied.as_str()).bind(OrderStatus::AwaitingConfirmation.as_str())
            .fetch_all(&mut *tx).await?;
            let held = hold(&earlier);
            stored.hold_others = held.map(|h| h.others);
            stored.hold_total_ore = held.map(|h| h.total_ore);
            stored.hold_threshold_ore = held.map(|h| h.threshold_ore);
            let o = &stored;
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO orders ({ORDER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $18)"
            )))
            .bind(o.member_id).bind(o.id).bind(o.offering_id).bind(o.administration_id).bind(o.quantity_change)
            .bind(&o.effective_on).bind(o.yearly_change_ore).bind(&o.status).bind(&o.note).bind(o.ordered_by)
            .bind(&o.ordered_by_name).bind(o.ordered_at).bind(&o.decided_by_name).bind(o.decided_at)
            .bind(&o.decision_reason).bind(o.hold_others).bind(o.hold_total_ore).bind(o.hold_threshold_ore)
            .execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO order_events (member_id, order_id, seq, at, actor_name, status, note) \
                 VALUES ($1, $2, 1, $3, $4, $5, $6)",
            )
            .bind(o.member_id).bind(o.id).bind(o.ordered_at).bind(&o.ordered_by_name).bind(&o.status).bind(&o.note)
            .execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(stored)
    }

    /// Moves an order on (if still at `version`), and when `changes` are
    /// given rewrites its periods, provided they are still `expected`.
    pub async fn decide_order(
        &self,
        member: Uuid,
        order: Uuid,
        version: i64,
        decision: &OrderDecision,
        periods: Option<(&[PeriodRow], &PeriodChanges)>,
    ) -> Result<(), StoreError> {
        let lock = match self.backend() {
            Backend::Postgres => {
                Some("SELECT 1 FROM administrations WHERE member_id = $1 AND id = $2 FOR UPDATE")
            }
            Backend::Sqlite => None,
        };
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let row: Option<(Uuid, Uuid)> = sqlx::query_as(
                "UPDATE orders SET status = $1, version = version + 1, \
                 decided_by_name = CASE WHEN $2 THEN $3 ELSE decided_by_name END, \
                 decided_at = CASE WHEN $2 THEN $4 ELSE decided_at END, \
                 decision_reason = CASE WHEN $2 THEN $5 ELSE decision_reason END \
                 WHERE member_id = $6 AND id = $7 AND version = $8 RETURNING offering_id, administration_id",
            )
            .bind(&decision.status).bind(decision.decided).bind(&decision.actor_name).bind(decision.at)
            .bind(&decision.note).bind(member).bind(order).bind(version)
            .fetch_optional(&mut *tx).await?;
            let Some((offering, administration)) = row else {
                return Err(StoreError::Stale);
            };
            let seq: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM order_events WHERE member_id = $1 AND order_id = $2",
            ).bind(member).bind(order).fetch_one(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO order_events (member_id, order_id, seq, at, actor_name, status, note) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(member).bind(order).bind(seq).bind(decision.at).bind(&decision.actor_name)
            .bind(&decision.status).bind(&decision.note)
            .execute(&mut *tx).await?;
            if let Some((expected, changes)) = periods {
                if let Some(sql) = lock {
                    sqlx::query(sql).bind(member).bind(administration).execute(&mut *tx).await?;
                }
                let current = sqlx::query_as::<_, PeriodRow>(
                    "SELECT id, quantity, starts_on, ends_on FROM subscriptions \
                     WHERE member_id = $1 AND offering_id = $2 AND administration_id = $3 ORDER BY starts_on, id",
                ).bind(member).bind(offering).bind(administration).fetch_all(&mut *tx).await?;
                if current.as_slice() != expected {
                    return Err(StoreError::Stale);
                }
                for (id, day) in &changes.end {
                    sqlx::query("UPDATE subscriptions SET ends_on = $1 WHERE member_id = $2 AND id = $3")
                        .bind(day).bind(member).bind(*id).execute(&mut *tx).await?;
                }
                for (id, quantity) in &changes.requantify {
                    sqlx::query("UPDATE subscriptions SET quantity = $1, order_id = $2 WHERE member_id = $3 AND id = $4")
                        .bind(*quantity).bind(order).bind(member).bind(*id).execute(&mut *tx).await?;
                }
                for id in &changes.remove {
                    sqlx::query("DELETE FROM subscriptions WHERE member_id = $1 AND id = $2")
                        .bind(member).bind(*id).execute(&mut *tx).await?;
                }
                for (id, quantity, from, to) in &changes.insert {
                    sqlx::query(
                        "INSERT INTO subscriptions (member_id, id, offering_id, administration_id, quantity, starts_on, ends_on, order_id) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(member).bind(*id).bind(offering).bind(administration).bind(*quantity)
                    .bind(from).bind(to).bind(order)
                    .execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn get_order(
        &self,
        member: Uuid,
        id: Uuid,
    ) -> Result<Option<OrderRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, OrderRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {ORDER_COLUMNS} FROM orders WHERE member_id = $1 AND id = $2")),
        ).bind(member).bind(id).fetch_optional(p).await?))
    }

    /// Orders of the given members (all when `None`), newest first,
    /// optionally only those in `status`.
    pub async fn list_orders(
        &self,
        members: Option<&[Uuid]>,
        status: Option<&str>,
    ) -> Result<Vec<OrderRecord>, StoreError> {
        let mut sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE 1 = 1");
        if let Some(ms) = members {
            if ms.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(" AND member_id IN (");
            for i in 0..ms.len() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", i + 2));
            }
            sql.push(')');
        }
        sql.push_str(" AND ($1 IS NULL OR status = $1) ORDER BY ordered_at DESC, id DESC");
        on_pool!(self, p => {
            let mut q = sqlx::query_as::<_, OrderRecord>(sqlx::AssertSqlSafe(sql.clone())).bind(status);
            for m in members.unwrap_or_default() {
                q = q.bind(*m);
            }
            Ok(q.fetch_all(p).await?)
        })
    }

    pub async fn order_events(
        &self,
        member: Uuid,
        order: Uuid,
    ) -> Result<Vec<OrderEventRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, OrderEventRecord>(
            "SELECT seq, at, actor_name, status, note FROM order_events WHERE member_id = $1 AND order_id = $2 ORDER BY seq",
        ).bind(member).bind(order).fetch_all(p).await?))
    }
}

impl Store {
    /// Inserts a subscription period as it stands (loading a federation's
    /// existing subscriptions; members change them through orders).
    pub async fn insert_subscription(&self, s: &SubscriptionRow) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO subscriptions (member_id, id, offering_id, administration_id, quantity, starts_on, ends_on, order_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(s.member_id).bind(s.id).bind(s.offering_id).bind(s.administration_id).bind(s.quantity)
            .bind(&s.starts_on).bind(&s.ends_on).bind(s.order_id)
            .execute(p).await?;
        });
        Ok(())
    }
}
