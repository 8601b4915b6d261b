//! Service requests from the catalog: the request itself (one per request
//! ticket), its approvals in order and its fulfilment tasks. A request is
//! created with its ticket in one transaction (see `create_tickets`); every
//! later step is one guarded update, so two people deciding at once cannot
//! both win.

use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use samdrift_domain::ids::{MemberId, TicketId};
use uuid::Uuid;

/// The request rows created with a request ticket.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub catalog_item_id: Uuid,
    /// JSON list of [key, label, answer].
    pub answers: String,
    pub price_ore: i64,
    pub state: String,
    /// (kind, approver person) per approval, in order.
    pub approvals: Vec<(String, Option<Uuid>)>,
    /// (id, stage, title, group, state) per task, in order.
    pub tasks: Vec<(Uuid, i64, String, Uuid, String)>,
    pub fulfilled_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RequestRecord {
    pub member_id: Uuid,
    pub ticket_id: Uuid,
    pub catalog_item_id: Uuid,
    pub answers: String,
    pub price_ore: i64,
    pub state: String,
    pub fulfilled_at: Option<i64>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ApprovalRecord {
    pub position: i64,
    pub kind: String,
    pub approver_id: Option<Uuid>,
    pub state: String,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TaskRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub position: i64,
    pub stage: i64,
    pub title: String,
    pub group_id: Uuid,
    pub state: String,
    pub done_by_name: Option<String>,
    pub done_at: Option<i64>,
    pub note: Option<String>,
}

/// An approval waiting for someone, with what they need to decide.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct WaitingApprovalRow {
    pub member_id: Uuid,
    pub ticket_id: Uuid,
    pub number: String,
    pub title: String,
    pub position: i64,
    pub kind: String,
    pub price_ore: i64,
    pub requester_name: Option<String>,
    pub created_at: i64,
}

/// An open fulfilment task with its ticket.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OpenTaskRow {
    pub member_id: Uuid,
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub number: String,
    pub ticket_title: String,
    pub title: String,
    pub group_id: Uuid,
    pub stage: i64,
}

/// A fulfilled request that carries a price, for charging.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ChargedRequestRow {
    pub number: String,
    pub item_name: String,
    pub administration_name: Option<String>,
    pub fulfilled_at: i64,
    pub price_ore: i64,
}

/// One step of a request, written together.
#[derive(Debug, Clone, Default)]
pub struct RequestUpdate {
    /// (position, new state, decided by, at, reason): only a pending approval changes.
    pub approval: Option<(i64, String, String, i64, Option<String>)>,
    /// (task, done by, at, note): only an open task is done.
    pub task_done: Option<(Uuid, String, i64, Option<String>)>,
    /// Other tasks whose state follows (opened, cancelled).
    pub task_states: Vec<(Uuid, String)>,
    /// The request's new state, when it fulfilled at, why it ended.
    pub state: Option<(String, Option<i64>, Option<String>)>,
}

pub(crate) const INSERT_REQUEST: &str = "INSERT INTO service_requests (member_id, ticket_id, catalog_item_id, \
    answers, price_ore, state, fulfilled_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)";
pub(crate) const INSERT_APPROVAL: &str = "INSERT INTO request_approvals (member_id, ticket_id, position, kind, \
    approver_id, state) VALUES ($1, $2, $3, $4, $5, 'pending')";
pub(crate) const INSERT_TASK: &str = "INSERT INTO request_tasks (member_id, id, ticket_id, position, stage, title, \
    group_id, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

impl Store {
    pub async fn get_request(
        &self,
        member: MemberId,
        ticket: TicketId,
    ) -> Result<Option<RequestRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, RequestRecord>(
            "SELECT member_id, ticket_id, catalog_item_id, answers, price_ore, state, fulfilled_at, reason \
             FROM service_requests WHERE member_id = $1 AND ticket_id = $2",
        ).bind(member.0).bind(ticket.0).fetch_optional(p).await?))
    }

    pub async fn request_approvals(
        &self,
        member: MemberId,
        ticket: TicketId,
    ) -> Result<Vec<ApprovalRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ApprovalRecord>(
            "SELECT position, kind, approver_id, state, decided_by_name, decided_at, reason \
             FROM request_approvals WHERE member_id = $1 AND ticket_id = $2 ORDER BY position",
        ).bind(member.0).bind(ticket.0).fetch_all(p).await?))
    }

    pub async fn request_tasks(
        &self,
        member: MemberId,
        ticket: TicketId,
    ) -> Result<Vec<TaskRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, TaskRecord>(
            "SELECT member_id, id, ticket_id, position, stage, title, group_id, state, done_by_name, done_at, note \
             FROM request_tasks WHERE member_id = $1 AND ticket_id = $2 ORDER BY position",
        ).bind(member.0).bind(ticket.0).fetch_all(p).await?))
    }

    /// Writes one step of a request. A decided approval or a finished task
    /// changed by someone else meanwhile gives [`StoreError::Stale`].
    pub async fn update_request(
        &self,
        member: MemberId,
        ticket: TicketId,
        u: &RequestUpdate,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            if let Some((position, state, by, at, reason)) = &u.approval {
                let r = sqlx::query(
                    "UPDATE request_approvals SET state = $1, decided_by_name = $2, decided_at = $3, reason = $4 \
                     WHERE member_id = $5 AND ticket_id = $6 AND position = $7 AND state = 'pending'",
                )
                .bind(state).bind(by).bind(*at).bind(reason).bind(member.0).bind(ticket.0).bind(*position)
                .execute(&mut *tx).await?;
                if r.rows_affected() == 0 {
                    return Err(StoreError::Stale);
                }
            }
            if let Some((task, by, at, note)) = &u.task_done {
                let r = sqlx::query(
                    "UPDATE request_tasks SET state = 'done', done_by_name = $1, done_at = $2, note = $3 \
                     WHERE member_id = $4 AND id = $5 AND ticket_id = $6 AND state = 'open'",
                )
                .bind(by).bind(*at).bind(note).bind(member.0).bind(*task).bind(ticket.0)
                .execute(&mut *tx).await?;
                if r.rows_affected() == 0 {
                    return Err(StoreError::Stale);
                }
            }
            for (task, state) in &u.task_states {
                sqlx::query("UPDATE request_tasks SET state = $1 WHERE member_id = $2 AND id = $3 AND state <> 'done'")
                    .bind(state).bind(member.0).bind(*task).execute(&mut *tx).await?;
            }
            if let Some((state, fulfilled_at, reason)) = &u.state {
                sqlx::query(
                    "UPDATE service_requests SET state = $1, fulfilled_at = $2, reason = $3 \
                     WHERE member_id = $4 AND ticket_id = $5",
                )
                .bind(state).bind(*fulfilled_at).bind(reason).bind(member.0).bind(ticket.0)
                .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Approvals now waiting for this person: as manager or system owner
    /// (named on the approval), or as an orderer of one of `orderer_of`;
    /// never those of a request the person made (separation of duties).
    pub async fn waiting_approvals(
        &self,
        person: Option<(Uuid, Uuid)>,
        orderer_of: &[Uuid],
    ) -> Result<Vec<WaitingApprovalRow>, StoreError> {
        let (pm, pp) = person.unzip();
        let mut sql = String::from(
            "SELECT a.member_id, a.ticket_id, t.number, t.title, a.position, a.kind, r.price_ore, \
             pe.name AS requester_name, t.created_at \
             FROM request_approvals a \
             JOIN service_requests r ON r.member_id = a.member_id AND r.ticket_id = a.ticket_id \
             JOIN tickets t ON t.member_id = a.member_id AND t.id = a.ticket_id \
             LEFT JOIN people pe ON pe.member_id = t.member_id AND pe.id = t.requester_id \
             WHERE r.state = 'awaiting_approval' AND a.state = 'pending' \
             AND a.position = (SELECT MIN(b.position) FROM request_approvals b \
                 WHERE b.member_id = a.member_id AND b.ticket_id = a.ticket_id AND b.state = 'pending') \
             AND (t.requester_id IS NULL OR $2 IS NULL OR t.requester_id <> $2) \
             AND ((a.approver_id IS NOT NULL AND a.member_id = $1 AND a.approver_id = $2)",
        );
        if !orderer_of.is_empty() {
            sql.push_str(" OR (a.approver_id IS NULL AND a.member_id IN (");
            for i in 0..orderer_of.len() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", i + 3));
            }
            sql.push_str("))");
        }
        sql.push_str(") ORDER BY t.created_at, t.number");
        on_pool!(self, p => {
            let mut q = sqlx::query_as::<_, WaitingApprovalRow>(sqlx::AssertSqlSafe(sql.clone())).bind(pm).bind(pp);
            for m in orderer_of {
                q = q.bind(*m);
            }
            Ok(q.fetch_all(p).await?)
        })
    }

    /// Open tasks of these groups (every group when `None`), oldest first.
    pub async fn open_tasks(
        &self,
        groups: Option<&[Uuid]>,
    ) -> Result<Vec<OpenTaskRow>, StoreError> {
        let mut sql = String::from(
            "SELECT k.member_id, k.id, k.ticket_id, t.number, t.title AS ticket_title, k.title, k.group_id, k.stage \
             FROM request_tasks k JOIN tickets t ON t.member_id = k.member_id AND t.id = k.ticket_id \
             WHERE k.state = 'open'",
        );
        if let Some(gs) = groups {
            if gs.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(" AND k.group_id IN (");
            for i in 0..gs.len() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", i + 1));
            }
            sql.push(')');
        }
        sql.push_str(" ORDER BY t.created_at, k.position");
        on_pool!(self, p => {
            let mut q = sqlx::query_as::<_, OpenTaskRow>(sqlx::AssertSqlSafe(sql.clone()));
            for g in groups.unwrap_or_default() {
                q = q.bind(*g);
            }
            Ok(q.fetch_all(p).await?)
        })
    }

    /// Requests of the member fulfilled in [from, to) that carry a price.
    pub async fn charged_requests_between(
        &self,
        member: Uuid,
        from: i64,
        to: i64,
    ) -> Result<Vec<ChargedRequestRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ChargedRequestRow>(
            "SELECT t.number, c.name AS item_name, a.name AS administration_name, r.fulfilled_at, r.price_ore \
             FROM service_requests r \
             JOIN tickets t ON t.member_id = r.member_id AND t.id = r.ticket_id \
             JOIN catalog_items c ON c.id = r.catalog_item_id \
             LEFT JOIN administrations a ON a.member_id = t.member_id AND a.id = t.administration_id \
             WHERE r.member_id = $1 AND r.state = 'fulfilled' AND r.price_ore > 0 \
             AND r.fulfilled_at >= $2 AND r.fulfilled_at < $3 ORDER BY t.number",
        ).bind(member).bind(from).bind(to).fetch_all(p).await?))
    }
}
