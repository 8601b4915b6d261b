//! Ticket lists and search: filters, full text, keyset (cursor) paging, all
//! inside the caller's scope.

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
const NO_DUE: i64 = i64::MAX;

impl TicketSort {
    fn column(self) -> &'static str {
        match self {
            TicketSort::CreatedDesc | TicketSort::CreatedAsc => "t.created_at",
            TicketSort::UpdatedDesc | TicketSort::UpdatedAsc => "t.updated_at",
            TicketSort::DueAsc => "COALESCE(c.due_at, 9223372036854775807)",
        }
    }

    fn descending(self) -> bool {
        matches!(self, TicketSort::CreatedDesc | TicketSort::UpdatedDesc)
    }

    /// The sort value of a row, as a cursor carries it.
    pub fn key(self, row: &TicketRow) -> i64 {
        match self {
            TicketSort::CreatedDesc | TicketSort::CreatedAsc => row.ticket.created_at,
            TicketSort::UpdatedDesc | TicketSort::UpdatedAsc => row.ticket.updated_at,
            TicketSort::DueAsc => row.resolution_due_at.unwrap_or(NO_DUE),
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

    /// Tickets the scope may read that match `f`, at most `f.limit`.
    pub async fn list_tickets(
        &self,
        scope: &Scope,
        f: &TicketFilter,
    ) -> Result<Vec<TicketRow>, StoreError> {
        let backend = self.backend();
        on_pool!(self, p => {
            // When neither the filters nor the order need the clock, the
            // page is chosen first and only its rows are joined to their
            // clocks (a search chooses among `SEARCH_MATCHES` candidates).
            let clock_needed = !f.sla_states.is_empty() || f.at_risk_at.is_some()
                || (f.sort == TicketSort::DueAsc && !f.open_only);
            const CLOCK_JOIN: &str = "LEFT JOIN ticket_clocks c ON c.member_id = t.member_id AND c.ticket_id = t.id \
                AND c.kind = 'resolution'";
            let mut qb = if clock_needed {
                QueryBuilder::new(format!(
                    "SELECT {TICKET_COLUMNS}, c.state AS resolution_state, c.due_at AS resolution_due_at FROM tickets t \
                     {CLOCK_JOIN} WHERE "
                ))
            } else {
                QueryBuilder::new(format!(
                    "SELECT {TICKET_COLUMNS}, c.state AS resolution_state, c.due_at AS resolution_due_at FROM \
                     (SELECT t.* FROM tickets t WHERE "
                ))
            };
            let queue_order = f.open_only && f.sort == TicketSort::DueAsc;
            push_ticket_filters(&mut qb, scope, f, queue_order);
            if !f.sla_states.is_empty() {
                qb.push(" AND c.state IN (");
                let mut list = qb.separated(", ");
                for s in &f.sla_states { list.push_bind(s.clone()); }
                qb.push(")");
            }
            if let Some(at) = f.at_risk_at {
                qb.push(" AND c.stopped_at IS NULL AND c.warning_at <= ").push_bind(at)
                    .push(" AND t.status IN (").push(OPEN_STATUSES.as_str()).push(")");
            }
            if let Some(text) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                // The matching set is computed once (an uncorrelated IN), not
                // once per candidate row: the ticket with that number and
                // the newest matches that the scope may read and that pass
                // the ticket's own filters (see SEARCH_MATCHES), so a filter
                // or a small scope still finds its older matches. One set,
                // not an OR of the two, which made PostgreSQL scan every
                // ticket. Staff searching without filters need no ticket
                // rows to choose the candidates; joining them anyway made
                // PostgreSQL misjudge the join and read every match.
                let filtered = has_ticket_filters(scope, f);
                qb.push(" AND t.id IN (SELECT n.id FROM tickets n WHERE n.number = ").push_bind(text.to_uppercase())
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
                            push_ticket_filters(&mut qb, scope, f, queue_order);
                        }
                        qb.push(" ORDER BY s.rowid DESC LIMIT ").push(SEARCH_MATCHES);
                    }
                    crate::Backend::Postgres => {
                        qb.push("SELECT s.ticket_id FROM ticket_search s ");
                        if filtered {
                            qb.push("JOIN tickets t ON t.member_id = s.member_id AND t.id = s.ticket_id ");
                        }
                        qb.push("WHERE s.document @@ plainto_tsquery('swedish', ").push_bind(text.to_owned()).push(")");
                        if filtered {
                            qb.push(" AND ");
                            push_ticket_filters(&mut qb, scope, f, queue_order);
                        }
                        // Newest first through `ticket_search_recent`
                        // (migration 0006), stopping at the bound.
                        qb.push(" ORDER BY s.ticket_id DESC LIMIT ").push(SEARCH_MATCHES);
                    }
                }
                qb.push(") m)");
            }
            let column = if queue_order { "t.queue_due_at" } else { f.sort.column() };
            let (cmp, dir) = if f.sort.descending() { ("<", "DESC") } else { (">", "ASC") };
            let column = column.to_owned();
            if let Some(c) = f.after {
                // A row-value comparison, which both databases seek on an
                // index of (column, id).
                qb.push(format!(" AND ({column}, t.id) {cmp} (")).push_bind(c.key)
                    .push(", ").push_bind(c.id).push(")");
            }
            qb.push(format!(" ORDER BY {column} {dir}, t.id {dir} LIMIT ")).push_bind(f.limit);
            if !clock_needed {
                qb.push(format!(") t {CLOCK_JOIN} ORDER BY {column} {dir}, t.id {dir}"));
            }
            let rows = qb.build_query_as::<TicketRowColumns>().fetch_all(p).await?;
            Ok(rows.into_iter().map(TicketRow::from).collect())
        })
    }
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
fn push_ticket_filters<DB>(
    qb: &mut QueryBuilder<DB>,
    scope: &Scope,
    f: &TicketFilter,
    queue_order: bool,
) where
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
    if queue_order {
        // Open tickets, by the due time kept on the ticket (see migration
        // 0005): the queue indexes give them in order.
        qb.push(" AND t.queue_due_at IS NOT NULL");
    } else if f.open_only {
        // Named, not excluded, so (group_id, status) and (status,
        // created_at) seek only the open tickets.
        qb.push(" AND t.status IN (")
            .push(OPEN_STATUSES.as_str())
            .push(")");
    }
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
    if let Some(r) = f.requester {
        qb.push(" AND t.requester_id = ").push_bind(r);
    }
    if let Some(from) = f.created_from {
        qb.push(" AND t.created_at >= ").push_bind(from);
    }
    if let Some(to) = f.created_to {
        qb.push(" AND t.created_at < ").push_bind(to);
    }
}
