//! Forums, their seats and their meetings with attendance and minutes.

use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ForumRecord {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub member_id: Option<Uuid>,
    pub quorum_bp: i64,
    pub majority: String,
    pub created_at: i64,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SeatRecord {
    pub id: Uuid,
    pub forum_id: Uuid,
    pub member_id: Option<Uuid>,
    pub account_id: Option<Uuid>,
    pub holder: String,
    pub role: String,
    pub weight: i64,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MeetingRecord {
    pub id: Uuid,
    pub forum_id: Uuid,
    pub held_on: String,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    pub created_at: i64,
    pub version: i64,
}

const FORUM: &str = "id, kind, name, member_id, quorum_bp, majority, created_at, version";
const SEAT: &str = "id, forum_id, member_id, account_id, holder, role, weight, version";
const MEETING: &str = "id, forum_id, held_on, title, agenda, minutes, created_at, version";

impl Store {
    pub async fn insert_forum(&self, f: &ForumRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO forums (id, kind, name, member_id, quorum_bp, majority, created_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
            )
            .bind(f.id).bind(&f.kind).bind(&f.name).bind(f.member_id).bind(f.quorum_bp)
            .bind(&f.majority).bind(f.created_at)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn forums(&self) -> Result<Vec<ForumRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ForumRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {FORUM} FROM forums ORDER BY kind, name"
        ))).fetch_all(p).await?))
    }

    pub async fn forum(&self, id: Uuid) -> Result<Option<ForumRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ForumRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {FORUM} FROM forums WHERE id = $1"
        ))).bind(id).fetch_optional(p).await?))
    }

    pub async fn insert_seat(&self, s: &SeatRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO forum_seats (id, forum_id, member_id, account_id, holder, role, weight, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
            )
            .bind(s.id).bind(s.forum_id).bind(s.member_id).bind(s.account_id).bind(&s.holder)
            .bind(&s.role).bind(s.weight)
            .execute(p).await?;
        });
        Ok(())
    }

    /// The seats of a forum (`None`: of every forum).
    pub async fn seats(&self, forum: Option<Uuid>) -> Result<Vec<SeatRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SeatRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {SEAT} FROM forum_seats WHERE ($1 IS NULL OR forum_id = $1) ORDER BY forum_id, role, holder"
        ))).bind(forum).fetch_all(p).await?))
    }

    /// Adds a meeting with the seats that attended.
    pub async fn insert_meeting(
        &self,
        m: &MeetingRecord,
        attended: &[Uuid],
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(
                "INSERT INTO meetings (id, forum_id, held_on, title, agenda, minutes, created_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
            )
            .bind(m.id).bind(m.forum_id).bind(&m.held_on).bind(&m.title).bind(&m.agenda)
            .bind(&m.minutes).bind(m.created_at)
            .execute(&mut *tx).await?;
            for seat in attended {
                sqlx::query("INSERT INTO meeting_attendance (meeting_id, seat_id) VALUES ($1, $2)")
                    .bind(m.id).bind(seat).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The meetings of a forum (`None`: of every forum), latest first.
    pub async fn meetings(&self, forum: Option<Uuid>) -> Result<Vec<MeetingRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, MeetingRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {MEETING} FROM meetings WHERE ($1 IS NULL OR forum_id = $1) ORDER BY held_on DESC, created_at DESC"
        ))).bind(forum).fetch_all(p).await?))
    }

    pub async fn meeting(&self, id: Uuid) -> Result<Option<MeetingRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, MeetingRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {MEETING} FROM meetings WHERE id = $1"
        ))).bind(id).fetch_optional(p).await?))
    }

    /// The seats that attended a meeting.
    pub async fn attendance(&self, meeting: Uuid) -> Result<Vec<Uuid>, StoreError> {
        on_pool!(self, p => {
            let rows: Vec<(Uuid,)> = sqlx::query_as("SELECT seat_id FROM meeting_attendance WHERE meeting_id = $1")
                .bind(meeting).fetch_all(p).await?;
            Ok(rows.into_iter().map(|r| r.0).collect())
        })
    }

    /// Writes a meeting's minutes over the version its writer read.
    pub async fn set_minutes(
        &self,
        id: Uuid,
        version: i64,
        minutes: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query("UPDATE meetings SET minutes = $3, version = version + 1 WHERE id = $1 AND version = $2")
                .bind(id).bind(version).bind(minutes).execute(p).await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Stale);
            }
        });
        Ok(())
    }
}
