//! Ticket lists and search: filters, full text, keyset (cursor) paging, all
//! inside the caller's scope.

use super::list_arms::{Arm, list_arms, push_bounded_count, push_page_ids};
use super::{TICKET_COLUMNS, TicketColumns, TicketRecord, search_doc};
use crate::scope_sql::push_ticket_scope;
use crate::{Store, StoreError};
use samdrift_domain::ids::TicketId;
use samdrift_domain::scope::Scope;
use samdrift_domain::ticket::Status;
use sqlx::QueryBuilder;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TicketSort {
    #[default]
    CreatedDesc,
    CreatedAsc,
    UpdatedDesc,
    UpdatedAsc,
    /// Least time left on the resolution clock first; tickets without a
    /// running clock last.
    DueAsc,
}

/// A ticket in a list, with its resolution clock's state and due time.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRow {
    pub ticket: TicketRecord,
    pub resolution_state: Option<String>,
    pub resolution_due_at: Option<i64>,
}

/// A list's row as the database gives it.
#[derive(sqlx::FromRow)]
struct TicketRowColumns {
    #[sqlx(flatten)]
    ticket: TicketColumns,
    resolution_state: Option<String>,
    resolution_due_at: Option<i64>,
}

impl From<TicketRowColumns> for TicketRow {
    fn from(r: TicketRowColumns) -> Self {
        TicketRow {
            ticket: r.ticket.into(),
            resolution_state: r.resolution_state,
            resolution_due_at: r.resolution_due_at,
        }
    }
}

/// The open statuses as an SQL list (`'new', 'assigned', ...`), from the
/// domain's one open-ticket rule. Named, not excluded, so indexes on
/// status seek only the open tickets.
pub(crate) static OPEN_STATUSES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    Status::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
});

/// The sort value of "no due time": after every real one.
pub(crate) const NO_DUE: i64 = i64::MAX;

impl TicketSort {
    fn column(self) -> &'static str {
        match self {
            TicketSort::CreatedDesc | TicketSort::CreatedAsc => "t.created_at",
            TicketSort::UpdatedDesc | TicketSort::UpdatedAsc => "t.updated_at",
            TicketSort::DueAsc => "COALESCE(t.queue_due_at, 9223372036854775807)",
        }
    }

    pub(crate) fn descending(self) -> bool {
        matches!(self, TicketSort::CreatedDesc | TicketSort::UpdatedDesc)
    }

    /// The sort value of a row, as a cursor carries it. A ticket that is
    /// not open has no time left: it sorts with those without a clock.
    pub fn key(self, row: &TicketRow) -> i64 {
        match self {
            TicketSort::CreatedDesc | TicketSort::CreatedAsc => row.ticket.created_at,
            TicketSort::UpdatedDesc | TicketSort::UpdatedAsc => row.ticket.updated_at,
            TicketSort::DueAsc if row.ticket.status.is_open() => {
                row.resolution_due_at.unwrap_or(NO_DUE)
            }
            TicketSort::DueAsc => NO_DUE,
        }
    }
}

/// Where the previous page ended: the sort value and id of its last row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketCursor {
    pub key: i64,
    pub id: Uuid,
}

#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    pub member: Option<Uuid>,
    pub statuses: Vec<String>,
    pub open_only: bool,
    pub group: Option<Uuid>,
    pub assignee: Option<Uuid>,
    pub unassigned: bool,
    pub service: Option<Uuid>,
    pub priorities: Vec<String>,
    pub requester: Option<Uuid>,
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
    pub text: Option<String>,
    /// Resolution clock states: running, paused, met, breached.
    pub sla_states: Vec<String>,
    /// Only open tickets whose resolution clock warned (or breached) by this instant.
    pub at_risk_at: Option<i64>,
    pub sort: TicketSort,
    pub after: Option<TicketCursor>,
    pub limit: i64,
}

/// How many of the newest tickets matching a full-text search are
/// considered (then filtered, sorted and paged). A common word matches a
/// tenth of a large desk; sorting every match made search take seconds at a
/// million tickets. The newest come straight from the index: FTS5 rowids
/// and UUIDv7 ticket ids both grow with creation. Older matches are found
/// by adding words or filters.
pub const SEARCH_MATCHES: usize = 1_000;

impl Store {
    /// A ticket the scope may read, by id.
    pub async fn get_ticket(
        &self,
        scope: &Scope,
        id: TicketId,
    ) -> Result<Option<TicketRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.id = "));
            qb.push_bind(id.0).push(" AND ");
            push_ticket_scope(&mut qb, scope);
            let row = qb.build_query_as::<TicketColumns>().fetch_optional(p).await?;
            Ok(row.map(TicketRecord::from))
        })
    }

    /// The ticket of `member` numbered `number` (a reply by mail names
    /// it; the mailbox decides the member).
    pub async fn ticket_by_number(
        &self,
        member: uuid::Uuid,
        number: &str,
    ) -> Result<Option<TicketRecord>, StoreError> {
        let sql = format!(
            "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.number = $1 AND t.member_id = $2"
        );
        on_pool!(self, p => {
            let row = sqlx::query_as::<_, TicketColumns>(sqlx::AssertSqlSafe(sql))
                .bind(number).bind(member).fetch_optional(p).await?;
            Ok(row.map(TicketRecord::from))
        })
    }

    /// Tickets the scope may read that match `f`, at most `f.limit`, in
    /// the filter's order.
    pub async fn list_tickets(
        &self,
        scope: &Scope,
        f: &TicketFilter,
    ) -> Result<Vec<TicketRow>, StoreError> {
        let arms = list_arms(scope, f);
        if arms.as_ref().is_some_and(Vec::is_empty) {
            return Ok(Vec::new());
        }
        let backend = self.backend();
        let mut rows: Vec<TicketRow> = on_pool!(self, p => {
            let mut qb = QueryBuilder::new("");
            push_list_query(&mut qb, backend, scope, f, arms.as_deref());
            qb.build_query_as::<TicketRowColumns>().fetch_all(p).await?
                .into_iter().map(TicketRow::from).collect()
        });
        // The merged page comes joined to its rows in no promised order.
        let sort = f.sort;
        rows.sort_by(|a, b| {
            let order = (sort.key(a), a.ticket.id.uuid()).cmp(&(sort.key(b), b.ticket.id.uuid()));
            if sort.descending() {
                order.reverse()
            } else {
                order
            }
        });
        Ok(rows)
    }

    /// How many tickets the scope may read match `f` (its cursor and limit
    /// aside): exactly up to `bound`, and whether there are more. Counts at
    /// most `bound + 1` index entries per arm, never the whole table.
    pub async fn count_matching_tickets(
        &self,
        scope: &Scope,
        f: &TicketFilter,
        bound: i64,
    ) -> Result<BoundedCount, StoreError> {
        let arms = list_arms(scope, f);
        if arms.as_ref().is_some_and(Vec::is_empty) {
            return Ok(BoundedCount {
                value: 0,
                more: false,
            });
        }
        let backend = self.backend();
        let n: i64 = on_pool!(self, p => {
            let mut qb = QueryBuilder::new("");
            match arms.as_deref() {
                Some(arms) => push_bounded_count(&mut qb, arms, f, bound),
                None => {
                    let unpaged = TicketFilter { after: None, limit: bound + 1, ..f.clone() };
                    qb.push("SELECT CAST(COUNT(*) AS BIGINT) FROM (");
                    push_list_query(&mut qb, backend, scope, &unpaged, None);
                    qb.push(") counted");
                }
            }
            qb.build_query_scalar::<i64>().fetch_one(p).await?
        });
        Ok(BoundedCount {
            value: n.min(bound),
            more: n > bound,
        })
    }

    /// The database's plan for a list (SQLite `EXPLAIN QUERY PLAN`, one
    /// line per step as `id parent detail`; PostgreSQL `EXPLAIN`), to show
    /// that a list shape reads from an index in order. On PostgreSQL,
    /// sequential scans, sorts and joins that read a whole table (hash and
    /// merge joins) are priced out first, so that the plan shows whether an
    /// index can serve the list at all, whatever the size of the table.
    pub async fn explain_list_tickets(
        &self,
        scope: &Scope,
        f: &TicketFilter,
    ) -> Result<Vec<String>, StoreError> {
        let arms = list_arms(scope, f);
        let backend = self.backend();
        match self {
            Store::Sqlite(p) => {
                let mut qb = QueryBuilder::new("EXPLAIN QUERY PLAN ");
                push_list_query(&mut qb, backend, scope, f, arms.as_deref());
                let rows = qb
                    .build_query_as::<(i64, i64, i64, String)>()
                    .fetch_all(p)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, parent, _, detail)| format!("{id} {parent} {detail}"))
                    .collect())
            }
            Store::Postgres(p) => {
                let mut tx = p.begin().await?;
                for off in [
                    "enable_seqscan",
                    "enable_sort",
                    "enable_bitmapscan",
                    "enable_hashjoin",
                    "enable_mergejoin",
                ] {
                    sqlx::query(sqlx::AssertSqlSafe(format!("SET LOCAL {off} = off")))
                        .execute(&mut *tx)
                        .await?;
                }
                let mut qb = QueryBuilder::new("EXPLAIN ");
                push_list_query(&mut qb, backend, scope, f, arms.as_deref());
                let rows = qb
                    .build_query_scalar::<String>()
                    .fetch_all(&mut *tx)
                    .await?;
                tx.rollback().await?;
                Ok(rows)
            }
        }
    }
}

/// A count that stops at a bound: `value` is exact when `more` is false.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoundedCount {
    pub value: i64,
    pub more: bool,
}

/// Appends the list's query: the page's ids from the arms when the filter
/// is a list shape, else the plain query.
fn push_list_query<DB>(
    qb: &mut QueryBuilder<DB>,
    backend: crate::Backend,
    scope: &Scope,
    f: &TicketFilter,
    arms: Option<&[Arm]>,
) where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match arms {
        Some(arms) => {
            qb.push(format!(
                "SELECT {TICKET_COLUMNS}, c.state AS resolution_state, c.due_at AS resolution_due_at FROM "
            ));
            push_page_ids(qb, arms, f);
            // The page's rows by id, the page first: a CROSS JOIN keeps
            // SQLite from reading the scope's tickets through the scope
            // condition below and looking each up in the page. The scope
            // again, on the page's rows: the arms already keep to it; this
            // keeps a join by id from ever leaving it.
            qb.push(format!(
                " CROSS JOIN tickets t {CLOCK_JOIN} WHERE t.id = p.id AND "
            ));
            push_ticket_scope(qb, scope);
        }
        None => push_plain_query(qb, backend, scope, f),
    }
}

const CLOCK_JOIN: &str = "LEFT JOIN ticket_clocks c ON c.member_id = t.member_id AND c.ticket_id = t.id \
    AND c.kind = 'resolution'";

/// A search or a clock filter: the candidates (at most `SEARCH_MATCHES`
/// for a search) filtered, sorted and paged.
fn push_plain_query<DB>(
    qb: &mut QueryBuilder<DB>,
    backend: crate::Backend,
    scope: &Scope,
    f: &TicketFilter,
) where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    // When neither the filters nor the order need the clock, the page is
    // chosen first and only its rows are joined to their clocks.
    let clock_needed = !f.sla_states.is_empty() || f.at_risk_at.is_some();
    if clock_needed {
        qb.push(format!(
            "SELECT {TICKET_COLUMNS}, c.state AS resolution_state, c.due_at AS resolution_due_at FROM tickets t \
             {CLOCK_JOIN} WHERE "
        ));
    } else {
        qb.push(format!(
            "SELECT {TICKET_COLUMNS}, c.state AS resolution_state, c.due_at AS resolution_due_at FROM \
             (SELECT t.* FROM tickets t WHERE "
        ));
    }
    push_ticket_filters(qb, scope, f);
    if !f.sla_states.is_empty() {
        qb.push(" AND c.state IN (");
        let mut list = qb.separated(", ");
        for s in &f.sla_states {
            list.push_bind(s.clone());
        }
        qb.push(")");
    }
    if let Some(at) = f.at_risk_at {
        qb.push(" AND c.stopped_at IS NULL AND c.warning_at <= ")
            .push_bind(at)
            .push(" AND t.status IN (")
            .push(OPEN_STATUSES.as_str())
            .push(")");
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        push_search(qb, backend, scope, f, text);
    }
    push_keyset_page(qb, f.sort.column(), f, f.limit);
    if !clock_needed {
        qb.push(format!(") t {CLOCK_JOIN}"));
    }
}

/// Keeps the tickets matching a full-text search: the ticket with that
/// number and the newest matches (see `SEARCH_MATCHES`).
fn push_search<DB>(
    qb: &mut QueryBuilder<DB>,
    backend: crate::Backend,
    scope: &Scope,
    f: &TicketFilter,
    text: &str,
) where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    // The matching set is computed once (an uncorrelated IN), not once per
    // candidate row: the ticket with that number and the newest matches
    // that the scope may read and that pass the ticket's own filters, so a
    // filter or a small scope still finds its older matches. One set, not
    // an OR of the two, which made PostgreSQL scan every ticket. Staff
    // searching without filters need no ticket rows to choose the
    // candidates; joining them anyway made PostgreSQL misjudge the join
    // and read every match.
    let filtered = has_ticket_filters(scope, f);
    qb.push(" AND t.id IN (SELECT n.id FROM tickets n WHERE n.number = ")
        .push_bind(text.to_uppercase())
        .push(" UNION ALL SELECT m.ticket_id FROM (");
    match backend {
        crate::Backend::Sqlite => {
            let fts = search_doc::fts5_query(text).unwrap_or_default();
            qb.push("SELECT k.ticket_id AS ticket_id FROM ticket_search s JOIN ticket_search_keys k ON k.rowid = s.rowid ");
            if filtered {
                qb.push("JOIN tickets t ON t.member_id = k.member_id AND t.id = k.ticket_id ");
            }
            qb.push("WHERE ticket_search MATCH ").push_bind(fts);
            if filtered {
                qb.push(" AND ");
                push_ticket_filters(qb, scope, f);
            }
            qb.push(" ORDER BY s.rowid DESC LIMIT ")
                .push(SEARCH_MATCHES);
        }
        crate::Backend::Postgres => {
            qb.push("SELECT s.ticket_id FROM ticket_search s ");
            if filtered {
                qb.push("JOIN tickets t ON t.member_id = s.member_id AND t.id = s.ticket_id ");
            }
            qb.push("WHERE s.document @@ plainto_tsquery('swedish', ")
                .push_bind(text.to_owned())
                .push(")");
            if filtered {
                qb.push(" AND ");
                push_ticket_filters(qb, scope, f);
            }
            // Newest first through `ticket_search_recent` (migration
            // 0006), stopping at the bound.
            qb.push(" ORDER BY s.ticket_id DESC LIMIT ")
                .push(SEARCH_MATCHES);
        }
    }
    qb.push(") m)");
}

/// Whether the scope or a filter narrows the tickets (anything
/// [`push_ticket_filters`] would add beyond "every ticket").
fn has_ticket_filters(scope: &Scope, f: &TicketFilter) -> bool {
    !scope.is_staff()
        || f.member.is_some()
        || !f.statuses.is_empty()
        || f.open_only
        || f.group.is_some()
        || f.assignee.is_some()
        || f.unassigned
        || f.service.is_some()
        || !f.priorities.is_empty()
        || f.requester.is_some()
        || f.created_from.is_some()
        || f.created_to.is_some()
}

/// Appends the scope and every filter on the ticket row itself (alias
/// `t`); the clock filters are the caller's.
fn push_ticket_filters<DB>(qb: &mut QueryBuilder<DB>, scope: &Scope, f: &TicketFilter)
where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    push_ticket_scope(qb, scope);
    if let Some(m) = f.member {
        qb.push(" AND t.member_id = ").push_bind(m);
    }
    if !f.statuses.is_empty() {
        qb.push(" AND t.status IN (");
        let mut list = qb.separated(", ");
        for s in &f.statuses {
            list.push_bind(s.clone());
        }
        qb.push(")");
    }
    if f.open_only {
        // Named, not excluded, so the indexes on status seek only the open
        // tickets.
        qb.push(" AND t.status IN (")
            .push(OPEN_STATUSES.as_str())
            .push(")");
    }
    if let Some(r) = f.requester {
        qb.push(" AND t.requester_id = ").push_bind(r);
    }
    push_row_filters(qb, f);
}

/// Appends the filters on the ticket row (alias `t`) that are neither its
/// scope, member, requester nor status.
pub(crate) fn push_row_filters<DB>(qb: &mut QueryBuilder<DB>, f: &TicketFilter)
where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    if let Some(g) = f.group {
        qb.push(" AND t.group_id = ").push_bind(g);
    }
    if let Some(a) = f.assignee {
        qb.push(" AND t.assignee_id = ").push_bind(a);
    }
    if f.unassigned {
        qb.push(" AND t.assignee_id IS NULL");
    }
    if let Some(s) = f.service {
        qb.push(" AND t.service_id = ").push_bind(s);
    }
    if !f.priorities.is_empty() {
        qb.push(" AND t.priority IN (");
        let mut list = qb.separated(", ");
        for s in &f.priorities {
            list.push_bind(s.clone());
        }
        qb.push(")");
    }
    if let Some(from) = f.created_from {
        qb.push(" AND t.created_at >= ").push_bind(from);
    }
    if let Some(to) = f.created_to {
        qb.push(" AND t.created_at < ").push_bind(to);
    }
}

/// Appends the page after the filter's cursor in the order of `column`
/// then id: a row-value comparison, which both databases seek on an index
/// of (column, id), and `ORDER BY ... LIMIT` (written into the text:
/// SQLite prepares a statement again whenever a bound LIMIT is bound anew).
pub(crate) fn push_keyset_page<DB>(
    qb: &mut QueryBuilder<DB>,
    column: &str,
    f: &TicketFilter,
    limit: i64,
) where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let (cmp, dir) = if f.sort.descending() {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    if let Some(c) = f.after {
        qb.push(format!(" AND ({column}, t.id) {cmp} ("))
            .push_bind(c.key)
            .push(", ")
            .push_bind(c.id)
            .push(")");
    }
    qb.push(format!(
        " ORDER BY {column} {dir}, t.id {dir} LIMIT {limit}"
    ));
}
