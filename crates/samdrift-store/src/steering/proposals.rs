//! Proposals with the members they affect and their history; decisions
//! and the votes cast in them.

use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ProposalRecord {
    pub id: Uuid,
    pub number: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub benefit: String,
    pub cost_ore: i64,
    pub member_id: Option<Uuid>,
    pub raised_by: String,
    pub state: String,
    pub forum_id: Option<Uuid>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ProposalEventRecord {
    pub proposal_id: Uuid,
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub state: String,
    pub forum_id: Option<Uuid>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DecisionRecord {
    pub id: Uuid,
    pub number: String,
    pub forum_id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub proposal_id: Option<Uuid>,
    pub title: String,
    pub state: String,
    pub outcome: Option<String>,
    pub explanation: String,
    pub link_kind: Option<String>,
    pub link_ref: Option<String>,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct VoteRecord {
    pub decision_id: Uuid,
    pub seat_id: Uuid,
    pub choice: String,
    pub weight: i64,
    pub reservation: String,
    pub cast_by: Uuid,
    pub cast_at: i64,
}

const PROPOSAL: &str = "id, number, kind, title, description, benefit, cost_ore, member_id, raised_by, state, forum_id, created_at, updated_at, version";
const DECISION: &str = "id, number, forum_id, meeting_id, proposal_id, title, state, outcome, explanation, link_kind, link_ref, opened_at, closed_at, version";

/// How many rows a table has whose number starts with `prefix`, plus one.
macro_rules! next_number {
    ($tx:expr, $table:literal, $prefix:expr) => {{
        let (n,): (i64,) = sqlx::query_as(concat!(
            "SELECT COUNT(*) FROM ",
            $table,
            " WHERE number LIKE $1"
        ))
        .bind(format!("{}%", $prefix))
        .fetch_one(&mut *$tx)
        .await?;
        format!("{}{:03}", $prefix, n + 1)
    }};
}

macro_rules! insert_event {
    ($tx:expr, $e:expr) => {{
        let e: &ProposalEventRecord = $e;
        sqlx::query(
            "INSERT INTO proposal_events (proposal_id, seq, at, actor, state, forum_id, note) \
             SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6 FROM proposal_events WHERE proposal_id = $1",
        )
        .bind(e.proposal_id).bind(e.at).bind(&e.actor).bind(&e.state).bind(e.forum_id).bind(&e.note)
        .execute(&mut *$tx).await?;
    }};
}

impl Store {
    /// Adds a proposal numbered next after `prefix` (e.g. `F-2026-`), with
    /// the members it affects and its first history line. Its number.
    pub async fn insert_proposal(
        &self,
        r: &ProposalRecord,
        prefix: &str,
        members: &[Uuid],
        event: &ProposalEventRecord,
    ) -> Result<String, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let number = next_number!(tx, "proposals", prefix);
            sqlx::query(
                "INSERT INTO proposals (id, number, kind, title, description, benefit, cost_ore, member_id, raised_by, state, forum_id, created_at, updated_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 1)",
            )
            .bind(r.id).bind(&number).bind(&r.kind).bind(&r.title).bind(&r.description).bind(&r.benefit)
            .bind(r.cost_ore).bind(r.member_id).bind(&r.raised_by).bind(&r.state).bind(r.forum_id).bind(r.created_at)
            .execute(&mut *tx).await?;
            for m in members {
                sqlx::query("INSERT INTO proposal_members (proposal_id, member_id) VALUES ($1, $2)")
                    .bind(r.id).bind(m).execute(&mut *tx).await?;
            }
            insert_event!(tx, event);
            tx.commit().await?;
            Ok(number)
        })
    }

    pub async fn proposals(&self) -> Result<Vec<ProposalRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ProposalRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {PROPOSAL} FROM proposals ORDER BY created_at DESC"
        ))).fetch_all(p).await?))
    }

    pub async fn proposal(&self, id: Uuid) -> Result<Option<ProposalRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ProposalRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {PROPOSAL} FROM proposals WHERE id = $1"
        ))).bind(id).fetch_optional(p).await?))
    }

    /// Every proposal's affected members, as (proposal, member).
    pub async fn proposal_members(&self) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as("SELECT proposal_id, member_id FROM proposal_members")
            .fetch_all(p).await?))
    }

    pub async fn proposal_events(&self, id: Uuid) -> Result<Vec<ProposalEventRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ProposalEventRecord>(
            "SELECT proposal_id, seq, at, actor, state, forum_id, note FROM proposal_events WHERE proposal_id = $1 ORDER BY seq",
        ).bind(id).fetch_all(p).await?))
    }

    /// Moves a proposal over the version its mover read, with a history line.
    pub async fn move_proposal(
        &self,
        id: Uuid,
        version: i64,
        event: &ProposalEventRecord,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let done = sqlx::query(
                "UPDATE proposals SET state = $3, forum_id = COALESCE($4, forum_id), updated_at = $5, version = version + 1 \
                 WHERE id = $1 AND version = $2",
            )
            .bind(id).bind(version).bind(&event.state).bind(event.forum_id).bind(event.at)
            .execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Stale);
            }
            insert_event!(tx, event);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Opens a decision numbered next after `prefix`; its proposal (if
    /// any) moves with `event`, over the version read. Its number.
    pub async fn insert_decision(
        &self,
        d: &DecisionRecord,
        prefix: &str,
        proposal: Option<(i64, &ProposalEventRecord)>,
    ) -> Result<String, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let number = next_number!(tx, "decisions", prefix);
            sqlx::query(
                "INSERT INTO decisions (id, number, forum_id, meeting_id, proposal_id, title, state, outcome, explanation, link_kind, link_ref, opened_at, closed_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)",
            )
            .bind(d.id).bind(&number).bind(d.forum_id).bind(d.meeting_id).bind(d.proposal_id).bind(&d.title)
            .bind(&d.state).bind(&d.outcome).bind(&d.explanation).bind(&d.link_kind).bind(&d.link_ref)
            .bind(d.opened_at).bind(d.closed_at)
            .execute(&mut *tx).await?;
            if let (Some(pid), Some((version, event))) = (d.proposal_id, proposal) {
                let done = sqlx::query(
                    "UPDATE proposals SET state = $3, forum_id = $4, updated_at = $5, version = version + 1 WHERE id = $1 AND version = $2",
                )
                .bind(pid).bind(version).bind(&event.state).bind(d.forum_id).bind(event.at)
                .execute(&mut *tx).await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::Stale);
                }
                insert_event!(tx, event);
            }
            tx.commit().await?;
            Ok(number)
        })
    }

    pub async fn decisions(&self) -> Result<Vec<DecisionRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, DecisionRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {DECISION} FROM decisions ORDER BY opened_at DESC"
        ))).fetch_all(p).await?))
    }

    pub async fn decision(&self, id: Uuid) -> Result<Option<DecisionRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, DecisionRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {DECISION} FROM decisions WHERE id = $1"
        ))).bind(id).fetch_optional(p).await?))
    }

    pub async fn votes(&self, decision: Uuid) -> Result<Vec<VoteRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, VoteRecord>(
            "SELECT decision_id, seat_id, choice, weight, reservation, cast_by, cast_at FROM votes WHERE decision_id = $1 ORDER BY cast_at",
        ).bind(decision).fetch_all(p).await?))
    }

    /// Casts a seat's vote while the decision is open and the seat has not
    /// voted. Whether it was cast.
    pub async fn cast_vote(&self, v: &VoteRecord) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "INSERT INTO votes (decision_id, seat_id, choice, weight, reservation, cast_by, cast_at) \
                 SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM decisions WHERE id = $1 AND state = 'open') \
                 ON CONFLICT (decision_id, seat_id) DO NOTHING",
            )
            .bind(v.decision_id).bind(v.seat_id).bind(&v.choice).bind(v.weight).bind(&v.reservation)
            .bind(v.cast_by).bind(v.cast_at)
            .execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Closes an open decision with its outcome; its proposal moves with
    /// `event`. Whether it was still open.
    pub async fn close_decision(
        &self,
        d: &DecisionRecord,
        event: Option<&ProposalEventRecord>,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let done = sqlx::query(
                "UPDATE decisions SET state = 'closed', outcome = $2, explanation = $3, closed_at = $4, version = version + 1 \
                 WHERE id = $1 AND state = 'open'",
            )
            .bind(d.id).bind(&d.outcome).bind(&d.explanation).bind(d.closed_at)
            .execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Ok(false);
            }
            if let (Some(pid), Some(event)) = (d.proposal_id, event) {
                sqlx::query("UPDATE proposals SET state = $2, updated_at = $3, version = version + 1 WHERE id = $1")
                    .bind(pid).bind(&event.state).bind(event.at).execute(&mut *tx).await?;
                insert_event!(tx, event);
            }
            tx.commit().await?;
            Ok(true)
        })
    }
}
