//! The computed clocks of each ticket. They are derived data: recomputed
//! from the ticket's history, agreement and calendar on every change, and
//! kept here so lists sort by time left, timers find what is due, and
//! reports read outcomes without replaying every history. Each warning and
//! breach is marked fired by one conditional update, so it fires once
//! however many nodes run.

use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::scope::MemberFilter;
use sqlx::QueryBuilder;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ClockRecord {
    pub member_id: Uuid,
    pub ticket_id: Uuid,
    /// `response` or `resolution`.
    pub kind: String,
    /// The ticket's number (kept for reports).
    pub number: String,
    pub priority: String,
    pub service_code: Option<String>,
    pub agreement_id: Option<Uuid>,
    /// The entry used: a service code or `default`.
    pub entry: Option<String>,
    pub calendar_id: Option<Uuid>,
    pub target_seconds: i64,
    pub elapsed_seconds: i64,
    /// `running`, `paused`, `met` or `breached`.
    pub state: String,
    pub started_at: i64,
    pub stopped_at: Option<i64>,
    pub due_at: Option<i64>,
    pub warning_at: Option<i64>,
    pub breached_at: Option<i64>,
    pub computed_at: i64,
}

const COLUMNS: &str = "member_id, ticket_id, kind, number, priority, service_code, agreement_id, entry, calendar_id, \
    target_seconds, elapsed_seconds, state, started_at, stopped_at, due_at, warning_at, breached_at, computed_at";

pub(crate) const UPSERT: &str = "INSERT INTO ticket_clocks (member_id, ticket_id, kind, priority, service_code, agreement_id, entry, \
    calendar_id, target_seconds, elapsed_seconds, state, started_at, stopped_at, due_at, warning_at, breached_at, computed_at, number) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
    ON CONFLICT (member_id, ticket_id, kind) DO UPDATE SET priority = excluded.priority, number = excluded.number, \
    service_code = excluded.service_code, agreement_id = excluded.agreement_id, entry = excluded.entry, \
    calendar_id = excluded.calendar_id, target_seconds = excluded.target_seconds, \
    elapsed_seconds = excluded.elapsed_seconds, state = excluded.state, started_at = excluded.started_at, \
    stopped_at = excluded.stopped_at, due_at = excluded.due_at, warning_at = excluded.warning_at, \
    breached_at = excluded.breached_at, computed_at = excluded.computed_at, \
    warned_fired_at = CASE WHEN excluded.warning_at > excluded.computed_at THEN NULL ELSE ticket_clocks.warned_fired_at END, \
    breach_fired_at = CASE WHEN excluded.due_at > excluded.computed_at THEN NULL ELSE ticket_clocks.breach_fired_at END";

/// What a compliance report reads of a clock.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReportClock {
    pub member_id: Uuid,
    pub number: String,
    pub kind: String,
    pub priority: String,
    pub service_code: Option<String>,
    pub target_seconds: i64,
    pub elapsed_seconds: i64,
    pub stopped_at: Option<i64>,
    pub breached_at: Option<i64>,
}

/// A warning or breach that is due and not yet fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerKind {
    Warning,
    Breach,
}

impl Store {
    /// Stores a ticket's clocks, keeping which crossings already fired
    /// unless the recomputed clock has not crossed them any more.
    pub async fn save_clocks(&self, clocks: &[ClockRecord]) -> Result<(), StoreError> {
        on_pool!(self, p => {
            use crate::connect::BeginWrite;
            let mut tx = p.begin_write().await?;
            for c in clocks {
                sqlx::query(UPSERT)
                    .bind(c.member_id).bind(c.ticket_id).bind(&c.kind).bind(&c.priority).bind(&c.service_code)
                    .bind(c.agreement_id).bind(&c.entry).bind(c.calendar_id).bind(c.target_seconds)
                    .bind(c.elapsed_seconds).bind(&c.state).bind(c.started_at).bind(c.stopped_at).bind(c.due_at)
                    .bind(c.warning_at).bind(c.breached_at).bind(c.computed_at).bind(&c.number)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn ticket_clock_records(
        &self,
        member: Uuid,
        ticket: Uuid,
    ) -> Result<Vec<ClockRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ClockRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM ticket_clocks WHERE member_id = $1 AND ticket_id = $2 ORDER BY kind")),
        ).bind(member).bind(ticket).fetch_all(p).await?))
    }

    /// Clocks whose warning or breach is due at `now` and not yet fired.
    pub async fn due_timers(
        &self,
        kind: TimerKind,
        now: i64,
        limit: i64,
    ) -> Result<Vec<ClockRecord>, StoreError> {
        let sql = match kind {
            TimerKind::Warning => {
                "SELECT {C} FROM ticket_clocks WHERE warned_fired_at IS NULL AND warning_at <= $1 \
                                   AND state IN ('running', 'breached') AND stopped_at IS NULL ORDER BY warning_at LIMIT $2"
            }
            TimerKind::Breach => {
                "SELECT {C} FROM ticket_clocks WHERE breach_fired_at IS NULL AND due_at <= $1 \
                                  AND stopped_at IS NULL ORDER BY due_at LIMIT $2"
            }
        };
        let sql = sql.replace("{C}", COLUMNS);
        on_pool!(self, p => Ok(sqlx::query_as::<_, ClockRecord>(sqlx::AssertSqlSafe(sql))
            .bind(now).bind(limit).fetch_all(p).await?))
    }

    /// Marks a timer fired; true for exactly one caller.
    pub async fn claim_timer(
        &self,
        kind: TimerKind,
        member: Uuid,
        ticket: Uuid,
        clock: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let sql = match kind {
            TimerKind::Warning => {
                "UPDATE ticket_clocks SET warned_fired_at = $1 \
                                   WHERE member_id = $2 AND ticket_id = $3 AND kind = $4 AND warned_fired_at IS NULL"
            }
            TimerKind::Breach => {
                "UPDATE ticket_clocks SET breach_fired_at = $1 \
                                  WHERE member_id = $2 AND ticket_id = $3 AND kind = $4 AND breach_fired_at IS NULL"
            }
        };
        on_pool!(self, p => {
            let r = sqlx::query(sql).bind(now).bind(member).bind(ticket).bind(clock).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// Clock outcomes for a compliance report over [from, to): clocks that
    /// stopped in the period, and clocks still running at its end that had
    /// breached before it ended. Only the columns a report needs.
    pub async fn clocks_for_report(
        &self,
        filter: &MemberFilter,
        member: Option<Uuid>,
        from: i64,
        to: i64,
    ) -> Result<Vec<ReportClock>, StoreError> {
        // The rows come back as one JSON array built by the database: a
        // report reads hundreds of thousands of clocks, and decoding them
        // as one document is several times faster than row by row.
        let select = match self.backend() {
            crate::Backend::Sqlite => {
                "SELECT COALESCE(json_group_array(json_array(hex(member_id), number, kind, priority, service_code, \
                 target_seconds, elapsed_seconds, stopped_at, breached_at)), '[]') FROM ticket_clocks WHERE "
            }
            crate::Backend::Postgres => {
                "SELECT COALESCE(json_agg(json_build_array(member_id::text, number, kind, priority, service_code, \
                 target_seconds, elapsed_seconds, stopped_at, breached_at))::text, '[]') FROM ticket_clocks WHERE "
            }
        };
        let json: String = on_pool!(self, p => {
            let mut qb = QueryBuilder::new(select);
            push_member_filter(&mut qb, "member_id", filter);
            if let Some(m) = member {
                qb.push(" AND member_id = ").push_bind(m);
            }
            qb.push(" AND ((stopped_at >= ").push_bind(from).push(" AND stopped_at < ").push_bind(to)
                .push(") OR ((stopped_at IS NULL OR stopped_at >= ").push_bind(to)
                .push(") AND breached_at < ").push_bind(to).push("))");
            qb.build_query_scalar::<String>().fetch_one(p).await?
        });
        type Row = (
            String,
            String,
            String,
            String,
            Option<String>,
            i64,
            i64,
            Option<i64>,
            Option<i64>,
        );
        let rows: Vec<Row> = serde_json::from_str(&json)
            .map_err(|e| StoreError::Database(sqlx::Error::Decode(Box::new(e))))?;
        let mut out = Vec::with_capacity(rows.len());
        for (
            member_id,
            number,
            kind,
            priority,
            service_code,
            target_seconds,
            elapsed_seconds,
            stopped_at,
            breached_at,
        ) in rows
        {
            let member_id = Uuid::parse_str(&member_id)
                .map_err(|e| StoreError::Database(sqlx::Error::Decode(Box::new(e))))?;
            out.push(ReportClock {
                member_id,
                number,
                kind,
                priority,
                service_code,
                target_seconds,
                elapsed_seconds,
                stopped_at,
                breached_at,
            });
        }
        Ok(out)
    }

    /// Ids of tickets (member, ticket) whose clocks may need recomputing:
    /// every ticket of a member created from `since` (all members if None).
    pub async fn ticket_keys(
        &self,
        member: Option<Uuid>,
        after: Option<(Uuid, Uuid)>,
        limit: i64,
    ) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new("SELECT member_id, id FROM tickets WHERE 1 = 1");
            if let Some(m) = member {
                qb.push(" AND member_id = ").push_bind(m);
            }
            if let Some((m, id)) = after {
                qb.push(" AND (member_id > ").push_bind(m).push(" OR (member_id = ").push_bind(m)
                    .push(" AND id > ").push_bind(id).push("))");
            }
            qb.push(" ORDER BY member_id, id LIMIT ").push_bind(limit);
            Ok(qb.build_query_as::<(Uuid, Uuid)>().fetch_all(p).await?)
        })
    }
}
