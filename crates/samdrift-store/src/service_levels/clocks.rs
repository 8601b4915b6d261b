//! The computed clocks of each ticket. They are derived data: recomputed
//! from the ticket's history, agreement and calendar on every change, and
//! kept here so lists sort by time left, timers find what is due, and
//! reports read outcomes without replaying every history. Each warning and
//! breach is marked fired by one conditional update, so it fires once
//! however many nodes run.

use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::ids::{MemberId, TicketId};
use samdrift_domain::scope::MemberFilter;
use serde::Deserialize;
use sqlx::QueryBuilder;
use std::borrow::Cow;
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

/// The columns of an upsert of clocks, in the order [`upsert_clocks!`] binds them.
pub(crate) const UPSERT_INTO: &str = "INSERT INTO ticket_clocks (member_id, ticket_id, kind, priority, service_code, agreement_id, entry, \
    calendar_id, target_seconds, elapsed_seconds, state, started_at, stopped_at, due_at, warning_at, breached_at, computed_at, number) ";

/// What an upsert does to a clock that is already stored: takes the new
/// values, and keeps which crossings already fired unless the recomputed
/// clock has not crossed them any more.
pub(crate) const UPSERT_ON_CONFLICT: &str = " ON CONFLICT (member_id, ticket_id, kind) DO UPDATE SET priority = excluded.priority, number = excluded.number, \
    service_code = excluded.service_code, agreement_id = excluded.agreement_id, entry = excluded.entry, \
    calendar_id = excluded.calendar_id, target_seconds = excluded.target_seconds, \
    elapsed_seconds = excluded.elapsed_seconds, state = excluded.state, started_at = excluded.started_at, \
    stopped_at = excluded.stopped_at, due_at = excluded.due_at, warning_at = excluded.warning_at, \
    breached_at = excluded.breached_at, computed_at = excluded.computed_at, \
    warned_fired_at = CASE WHEN excluded.warning_at > excluded.computed_at THEN NULL ELSE ticket_clocks.warned_fired_at END, \
    breach_fired_at = CASE WHEN excluded.due_at > excluded.computed_at THEN NULL ELSE ticket_clocks.breach_fired_at END";

/// Stores clocks (a slice of [`ClockRecord`]) with one multi-row upsert in
/// the open transaction `$tx`; nothing for an empty slice. The clocks of
/// one statement must be of different tickets or kinds (a ticket's
/// response and resolution clock).
macro_rules! upsert_clocks {
    ($tx:expr, $clocks:expr) => {{
        let clocks: &[$crate::service_levels::clocks::ClockRecord] = $clocks;
        if !clocks.is_empty() {
            let mut qb = sqlx::QueryBuilder::new($crate::service_levels::clocks::UPSERT_INTO);
            qb.push_values(clocks, |mut b, c| {
                b.push_bind(c.member_id)
                    .push_bind(c.ticket_id)
                    .push_bind(&c.kind)
                    .push_bind(&c.priority)
                    .push_bind(&c.service_code)
                    .push_bind(c.agreement_id)
                    .push_bind(&c.entry)
                    .push_bind(c.calendar_id)
                    .push_bind(c.target_seconds)
                    .push_bind(c.elapsed_seconds)
                    .push_bind(&c.state)
                    .push_bind(c.started_at)
                    .push_bind(c.stopped_at)
                    .push_bind(c.due_at)
                    .push_bind(c.warning_at)
                    .push_bind(c.breached_at)
                    .push_bind(c.computed_at)
                    .push_bind(&c.number);
            });
            qb.push($crate::service_levels::clocks::UPSERT_ON_CONFLICT);
            qb.build().execute(&mut *$tx).await?;
        }
    }};
}
pub(crate) use upsert_clocks;

/// Clocks per upsert statement: 18 parameters each, under SQLite's limit
/// of 32,766 parameters.
const UPSERT_CHUNK: usize = 1_000;

/// What a compliance report reads of a clock, borrowed from the chunk of
/// rows it came in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportClock<'a> {
    pub member_id: Uuid,
    pub number: &'a str,
    pub kind: &'a str,
    pub priority: &'a str,
    pub service_code: Option<&'a str>,
    pub target_seconds: i64,
    pub elapsed_seconds: i64,
    pub stopped_at: Option<i64>,
    pub breached_at: Option<i64>,
}

/// Clocks per query of [`Store::each_clock_for_report`]: large enough that
/// the queries cost little more than one, small enough that a chunk's JSON
/// (about 110 bytes a clock) stays near a megabyte. The text is built on
/// the connection's own thread, and the allocator keeps what each such
/// thread once used: with chunks of 50,000 the server kept about 40 MB
/// more after reports had run on every connection.
const REPORT_CHUNK: i64 = 10_000;

/// The page cache of a connection while it reads a report's clocks, as
/// `PRAGMA cache_size` takes it (negative: KiB).
const SCAN_CACHE_SIZE: i64 = -4096;

/// A text of a JSON document, borrowed from the document unless it holds
/// an escape (serde's own `Cow<str>` always copies).
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<Text<'a>>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(Visitor(std::marker::PhantomData))
    }
}

/// One clock of a chunk as the database writes it: member id, number,
/// kind, priority, service code, target, elapsed, stop, breach and, on
/// PostgreSQL only, the ticket id the next chunk starts after.
#[derive(Deserialize)]
struct ChunkRow<'a>(
    #[serde(borrow)] Text<'a>,
    #[serde(borrow)] Text<'a>,
    #[serde(borrow)] Text<'a>,
    #[serde(borrow)] Text<'a>,
    #[serde(borrow)] Option<Text<'a>>,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    #[serde(borrow, default)] Option<Text<'a>>,
);

/// Where the next chunk of a report's clocks starts: after a row id on
/// SQLite, after a primary key on PostgreSQL.
enum After {
    Start,
    RowId(i64),
    Key(Uuid, Uuid, String),
}

fn decode_error(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(Box::new(e)))
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
            for chunk in clocks.chunks(UPSERT_CHUNK) {
                upsert_clocks!(tx, chunk);
            }
            tx.commit().await?;
        });
        Ok(())
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
        // The limit is written into the text: SQLite prepares a statement
        // again whenever a bound LIMIT is bound anew.
        let sql = sql
            .replace("{C}", COLUMNS)
            .replace("$2", &limit.to_string());
        on_pool!(self, p => Ok(sqlx::query_as::<_, ClockRecord>(sqlx::AssertSqlSafe(sql))
            .bind(now).fetch_all(p).await?))
    }

    /// Marks a timer fired; true for exactly one caller.
    pub async fn claim_timer(
        &self,
        kind: TimerKind,
        member: MemberId,
        ticket: TicketId,
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
            let r = sqlx::query(sql).bind(now).bind(member.0).bind(ticket.0).bind(clock).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// Clock outcomes for a compliance report over [from, to): clocks that
    /// stopped in the period, and clocks still running at its end that had
    /// breached before it ended. Only the columns a report needs, handed to
    /// `each` one by one in no particular order.
    ///
    /// The clocks come in chunks of [`REPORT_CHUNK`], each one JSON array
    /// built by the database: decoding a document is several times faster
    /// than reading row by row, and chunks keep the text of a
    /// federation-year (close to 80 MB at a million tickets) from ever
    /// being held at once. All chunks are read in one transaction, so the
    /// report sees one state of the clocks, as a single query would.
    ///
    /// SQLite pages by row id: the rows of a chunk are then neighbours in
    /// the table, where paging by the primary key read them in key order
    /// from all over the file (15 s instead of 2 s for a federation-year
    /// at a million tickets, mostly waiting on reads). PostgreSQL has no
    /// stable row id and pages by the primary key.
    pub async fn each_clock_for_report(
        &self,
        filter: &MemberFilter,
        member: Option<Uuid>,
        from: i64,
        to: i64,
        mut each: impl FnMut(ReportClock<'_>),
    ) -> Result<(), StoreError> {
        // One member's clocks on SQLite: one kind after the other, so each
        // chunk seeks its rows in the (member, kind) index in row id order.
        // With both kinds at once every chunk read and sorted all of the
        // member's clocks (3 s instead of 0.3 s for 100,000 tickets).
        let kinds: &[Option<&str>] = match (self.backend(), member) {
            (crate::Backend::Sqlite, Some(_)) => &[Some("response"), Some("resolution")],
            _ => &[None],
        };
        on_pool!(self, p => {
            let mut tx = match self.backend() {
                crate::Backend::Sqlite => p.begin().await?,
                crate::Backend::Postgres => p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?,
            };
            // The scan reads every page of the clocks once. Through the
            // connection's own page cache it would leave 24 MiB of them in
            // each pooled connection that ever ran a report (96 MiB over
            // four), so it runs with a small cache and the
            // connection gets its own size back afterwards.
            let cache_size: Option<i64> = match self.backend() {
                crate::Backend::Sqlite => {
                    let size = sqlx::query_scalar("PRAGMA cache_size").fetch_one(&mut *tx).await?;
                    sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA cache_size = {SCAN_CACHE_SIZE}")))
                        .execute(&mut *tx).await?;
                    Some(size)
                }
                crate::Backend::Postgres => None,
            };
            let scanned: Result<(), StoreError> = async { for kind in kinds { let mut after = After::Start; loop {
                let mut qb = QueryBuilder::new(match self.backend() {
                    crate::Backend::Sqlite => {
                        "SELECT COUNT(*), MAX(rid), COALESCE(json_group_array(json_array(hex(member_id), number, kind, \
                         priority, service_code, target_seconds, elapsed_seconds, stopped_at, breached_at)), '[]') \
                         FROM (SELECT rowid AS rid, member_id, number, kind, priority, service_code, target_seconds, \
                         elapsed_seconds, stopped_at, breached_at FROM ticket_clocks WHERE "
                    }
                    crate::Backend::Postgres => {
                        "SELECT COUNT(*), CAST(NULL AS BIGINT), COALESCE(json_agg(json_build_array(member_id::text, number, kind, \
                         priority, service_code, target_seconds, elapsed_seconds, stopped_at, breached_at, ticket_id::text) \
                         ORDER BY member_id, ticket_id, kind)::text, '[]') \
                         FROM (SELECT member_id, ticket_id, number, kind, priority, service_code, target_seconds, \
                         elapsed_seconds, stopped_at, breached_at FROM ticket_clocks WHERE "
                    }
                });
                push_member_filter(&mut qb, "member_id", filter);
                if let Some(m) = member {
                    qb.push(" AND member_id = ").push_bind(m);
                }
                if let Some(k) = kind {
                    qb.push(" AND kind = ").push_bind(*k);
                }
                qb.push(" AND ((stopped_at >= ").push_bind(from).push(" AND stopped_at < ").push_bind(to)
                    .push(") OR ((stopped_at IS NULL OR stopped_at >= ").push_bind(to)
                    .push(") AND breached_at < ").push_bind(to).push("))");
                match &after {
                    After::Start => {}
                    After::RowId(id) => {
                        qb.push(" AND rowid > ").push_bind(*id);
                    }
                    After::Key(m, t, k) => {
                        qb.push(" AND (member_id, ticket_id, kind) > (").push_bind(*m).push(", ")
                            .push_bind(*t).push(", ").push_bind(k.clone()).push(")");
                    }
                }
                qb.push(match self.backend() {
                    crate::Backend::Sqlite => " ORDER BY rowid LIMIT ",
                    crate::Backend::Postgres => " ORDER BY member_id, ticket_id, kind LIMIT ",
                });
                qb.push_bind(REPORT_CHUNK).push(") chunk");
                let (count, last_row, json): (i64, Option<i64>, String) =
                    qb.build_query_as().fetch_one(&mut *tx).await?;
                let rows: Vec<ChunkRow<'_>> = serde_json::from_str(&json).map_err(decode_error)?;
                for r in &rows {
                    each(ReportClock {
                        member_id: Uuid::parse_str(&r.0.0).map_err(decode_error)?,
                        number: &r.1.0,
                        kind: &r.2.0,
                        priority: &r.3.0,
                        service_code: r.4.as_ref().map(|s| &*s.0),
                        target_seconds: r.5,
                        elapsed_seconds: r.6,
                        stopped_at: r.7,
                        breached_at: r.8,
                    });
                }
                if count < REPORT_CHUNK {
                    break;
                }
                after = match (last_row, rows.last()) {
                    (Some(id), _) => After::RowId(id),
                    (None, Some(ChunkRow(m, _, k, .., Some(t)))) => After::Key(
                        Uuid::parse_str(&m.0).map_err(decode_error)?,
                        Uuid::parse_str(&t.0).map_err(decode_error)?,
                        k.0.to_string(),
                    ),
                    _ => break,
                };
            } } Ok(()) }.await;
            if let Some(size) = cache_size {
                sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA cache_size = {size}")))
                    .execute(&mut *tx).await?;
            }
            scanned?;
            tx.rollback().await?;
        });
        Ok(())
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
