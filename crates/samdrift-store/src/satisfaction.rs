//! Customer satisfaction (migration 0022): each member's sampling rules,
//! the rating requests of resolved tickets (only the token's hash), the
//! ratings, and the annual surveys with their questions, invitations and
//! anonymous answers. Every function takes the member the use case has
//! resolved through the caller's scope (or a token's hash, which names
//! one row) and filters on it in SQL. A rating and an answer are stored
//! only once, each in one statement or transaction whose condition names
//! what was read, so two submissions at the same moment cannot both win.

use crate::connect::BeginWrite;
use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::MemberFilter;
use sqlx::QueryBuilder;
use uuid::Uuid;

/// A member's sampling rules as stored (none stored: the defaults, at
/// version 1).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SatisfactionSettingsRecord {
    pub member_id: Uuid,
    pub sampling_percent: i64,
    pub quiet_days: i64,
    pub version: i64,
}

/// A rating request: whose resolved ticket, whom it asked and when.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RatingRequestRow {
    pub member_id: Uuid,
    pub ticket_id: Uuid,
    pub person_id: Uuid,
    pub asked_at: i64,
}

/// One rating with the ticket's service, group and assignee when rated.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RatingRecord {
    pub member_id: Uuid,
    pub ticket_id: Uuid,
    pub rating: i64,
    pub comment: String,
    pub rated_at: i64,
    pub service_id: Option<Uuid>,
    pub group_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
}

/// A rating's figures for results (no comment).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RatingRow {
    pub member_id: Uuid,
    pub rating: i64,
    pub rated_at: i64,
    pub service_id: Option<Uuid>,
    pub group_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
}

/// A rating's comment, with its ticket's number.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RatingCommentRow {
    pub member_id: Uuid,
    pub ticket_number: String,
    pub rating: i64,
    pub comment: String,
    pub rated_at: i64,
    pub group_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
}

/// A survey.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SurveyRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub title: String,
    pub year: i64,
    /// `draft`, `open` or `closed`.
    pub state: String,
    pub sample_percent: i64,
    pub created_at: i64,
    pub version: i64,
}

/// One question of a survey, by position (1, 2, ...).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SurveyQuestionRecord {
    pub position: i64,
    /// `scale` or `text`.
    pub kind: String,
    pub text: String,
}

/// An invitation found by its token: which survey, and whether answered.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct InvitationRow {
    pub member_id: Uuid,
    pub survey_id: Uuid,
    pub answered: bool,
}

/// One answer to one question, without any respondent.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SurveyAnswerRow {
    pub position: i64,
    pub grade: Option<i64>,
    pub text: String,
}

/// One answer to store: the question's position, its grade or text.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAnswer {
    pub position: i64,
    pub grade: Option<i64>,
    pub text: String,
}

const SURVEY_COLUMNS: &str =
    "member_id, id, title, year, state, sample_percent, created_at, version";

const RATING_COLUMNS: &str =
    "member_id, ticket_id, rating, comment, rated_at, service_id, group_id, assignee_id";

impl Store {
    /// The member's stored sampling rules, if any.
    pub async fn satisfaction_settings(
        &self,
        member: MemberId,
    ) -> Result<Option<SatisfactionSettingsRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SatisfactionSettingsRecord>(
            "SELECT member_id, sampling_percent, quiet_days, version FROM satisfaction_settings WHERE member_id = $1",
        ).bind(member.0).fetch_optional(p).await?))
    }

    /// Keeps the member's sampling rules on top of `expected` (1: the
    /// defaults, nothing stored yet); stale when another change came first.
    pub async fn save_satisfaction_settings(
        &self,
        member: MemberId,
        percent: i64,
        quiet_days: i64,
        expected: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "INSERT INTO satisfaction_settings (member_id, sampling_percent, quiet_days, version) \
                 SELECT $1, $2, $3, 2 WHERE $4 = 1 \
                 ON CONFLICT (member_id) DO UPDATE SET sampling_percent = excluded.sampling_percent, \
                     quiet_days = excluded.quiet_days, version = satisfaction_settings.version + 1 \
                 WHERE satisfaction_settings.version = $4",
            )
            .bind(member.0).bind(percent).bind(quiet_days).bind(expected)
            .execute(p).await?;
            if done.rows_affected() == 1 {
                return Ok(());
            }
            let updated = sqlx::query(
                "UPDATE satisfaction_settings SET sampling_percent = $2, quiet_days = $3, version = version + 1 \
                 WHERE member_id = $1 AND version = $4",
            )
            .bind(member.0).bind(percent).bind(quiet_days).bind(expected)
            .execute(p).await?;
            if updated.rows_affected() == 1 { Ok(()) } else { Err(StoreError::Stale) }
        })
    }

    /// When `person` of `member` was last asked to rate a ticket.
    pub async fn last_rating_request(
        &self,
        member: MemberId,
        person: Uuid,
    ) -> Result<Option<i64>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(asked_at) FROM satisfaction_requests WHERE member_id = $1 AND person_id = $2",
        ).bind(member.0).bind(person).fetch_one(p).await?))
    }

    /// Records that `r`'s requester is asked to rate its ticket, with the
    /// hash of the link's token. Whether it was new (a ticket is asked once).
    pub async fn insert_rating_request(
        &self,
        r: &RatingRequestRow,
        token_hash: &str,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "INSERT INTO satisfaction_requests (member_id, ticket_id, person_id, token_hash, asked_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(r.member_id).bind(r.ticket_id).bind(r.person_id).bind(token_hash).bind(r.asked_at)
            .execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The request a link's token (by its hash) belongs to.
    pub async fn rating_request_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<RatingRequestRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, RatingRequestRow>(
            "SELECT member_id, ticket_id, person_id, asked_at FROM satisfaction_requests WHERE token_hash = $1",
        ).bind(token_hash).fetch_optional(p).await?))
    }

    /// The request of a ticket, if its requester was asked.
    pub async fn rating_request_of_ticket(
        &self,
        member: MemberId,
        ticket: Uuid,
    ) -> Result<Option<RatingRequestRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, RatingRequestRow>(
            "SELECT member_id, ticket_id, person_id, asked_at FROM satisfaction_requests \
             WHERE member_id = $1 AND ticket_id = $2",
        ).bind(member.0).bind(ticket).fetch_optional(p).await?))
    }

    /// Stores a rating unless its ticket was rated. Whether it was stored.
    pub async fn insert_rating(&self, r: &RatingRecord) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO satisfaction_ratings ({RATING_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (member_id, ticket_id) DO NOTHING"
            )))
            .bind(r.member_id).bind(r.ticket_id).bind(r.rating).bind(&r.comment).bind(r.rated_at)
            .bind(r.service_id).bind(r.group_id).bind(r.assignee_id)
            .execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Stores many ratings in one transaction (the demo), skipping rated
    /// tickets.
    pub async fn insert_ratings(&self, ratings: &[RatingRecord]) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            for chunk in ratings.chunks(500) {
                let mut qb = QueryBuilder::new(format!("INSERT INTO satisfaction_ratings ({RATING_COLUMNS}) "));
                qb.push_values(chunk, |mut b, r| {
                    b.push_bind(r.member_id).push_bind(r.ticket_id).push_bind(r.rating)
                        .push_bind(r.comment.clone()).push_bind(r.rated_at).push_bind(r.service_id)
                        .push_bind(r.group_id).push_bind(r.assignee_id);
                });
                qb.push(" ON CONFLICT (member_id, ticket_id) DO NOTHING");
                qb.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// A ticket's rating, if it was rated.
    pub async fn rating_of_ticket(
        &self,
        member: MemberId,
        ticket: Uuid,
    ) -> Result<Option<RatingRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, RatingRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {RATING_COLUMNS} FROM satisfaction_ratings WHERE member_id = $1 AND ticket_id = $2"
        ))).bind(member.0).bind(ticket).fetch_optional(p).await?))
    }

    /// The ratings of the members in `filter` given in `[from, to)`.
    pub async fn ratings_between(
        &self,
        filter: &MemberFilter,
        from: i64,
        to: i64,
    ) -> Result<Vec<RatingRow>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(
                "SELECT member_id, rating, rated_at, service_id, group_id, assignee_id \
                 FROM satisfaction_ratings WHERE ",
            );
            push_member_filter(&mut qb, "member_id", filter);
            qb.push(" AND rated_at >= ").push_bind(from).push(" AND rated_at < ").push_bind(to);
            Ok(qb.build_query_as::<RatingRow>().fetch_all(p).await?)
        })
    }

    /// The newest `limit` comments of the members in `filter` given in
    /// `[from, to)`, with their tickets' numbers.
    pub async fn rating_comments(
        &self,
        filter: &MemberFilter,
        from: i64,
        to: i64,
        limit: i64,
    ) -> Result<Vec<RatingCommentRow>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(
                "SELECT r.member_id, t.number AS ticket_number, r.rating, r.comment, r.rated_at, r.group_id, r.assignee_id \
                 FROM satisfaction_ratings r JOIN tickets t ON t.member_id = r.member_id AND t.id = r.ticket_id WHERE ",
            );
            push_member_filter(&mut qb, "r.member_id", filter);
            qb.push(" AND r.rated_at >= ").push_bind(from).push(" AND r.rated_at < ").push_bind(to)
                .push(" AND r.comment <> '' ORDER BY r.rated_at DESC, t.number LIMIT ").push_bind(limit);
            Ok(qb.build_query_as::<RatingCommentRow>().fetch_all(p).await?)
        })
    }
}

impl Store {
    pub async fn insert_survey(&self, s: &SurveyRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO surveys ({SURVEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)"
            )))
            .bind(s.member_id).bind(s.id).bind(&s.title).bind(s.year).bind(&s.state)
            .bind(s.sample_percent).bind(s.created_at)
            .execute(p).await?;
            Ok(())
        })
    }

    /// A survey of a member in `filter`.
    pub async fn get_survey(
        &self,
        filter: &MemberFilter,
        id: Uuid,
    ) -> Result<Option<SurveyRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {SURVEY_COLUMNS} FROM surveys WHERE id = "));
            qb.push_bind(id).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            Ok(qb.build_query_as::<SurveyRecord>().fetch_optional(p).await?)
        })
    }

    /// A member's surveys, newest year first.
    pub async fn surveys_of_member(
        &self,
        member: MemberId,
    ) -> Result<Vec<SurveyRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SurveyRecord>(sqlx::AssertSqlSafe(format!(
            "SELECT {SURVEY_COLUMNS} FROM surveys WHERE member_id = $1 ORDER BY year DESC, created_at DESC, id"
        ))).bind(member.0).fetch_all(p).await?))
    }

    /// Appends a question to a draft survey; its position, or None when
    /// the survey is no longer a draft or already holds `max` questions.
    pub async fn add_survey_question(
        &self,
        member: MemberId,
        survey: Uuid,
        kind: &str,
        text: &str,
        max: i64,
    ) -> Result<Option<i64>, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let draft: Option<i64> = sqlx::query_scalar(
                "UPDATE surveys SET version = version + 1 WHERE member_id = $1 AND id = $2 AND state = 'draft' RETURNING version",
            ).bind(member.0).bind(survey).fetch_optional(&mut *tx).await?;
            if draft.is_none() {
                return Ok(None);
            }
            let last: Option<i64> = sqlx::query_scalar(
                "SELECT MAX(position) FROM survey_questions WHERE member_id = $1 AND survey_id = $2",
            ).bind(member.0).bind(survey).fetch_one(&mut *tx).await?;
            let position = last.unwrap_or(0) + 1;
            if position > max {
                return Ok(None);
            }
            sqlx::query(
                "INSERT INTO survey_questions (member_id, survey_id, position, kind, text) VALUES ($1, $2, $3, $4, $5)",
            ).bind(member.0).bind(survey).bind(position).bind(kind).bind(text).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Some(position))
        })
    }

    pub async fn survey_questions(
        &self,
        member: MemberId,
        survey: Uuid,
    ) -> Result<Vec<SurveyQuestionRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SurveyQuestionRecord>(
            "SELECT position, kind, text FROM survey_questions WHERE member_id = $1 AND survey_id = $2 ORDER BY position",
        ).bind(member.0).bind(survey).fetch_all(p).await?))
    }

    /// Opens a draft survey and invites `invitations` (person, token hash)
    /// in one transaction. Whether it was still a draft.
    pub async fn open_survey(
        &self,
        member: MemberId,
        survey: Uuid,
        invitations: &[(Uuid, String)],
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let done = sqlx::query(
                "UPDATE surveys SET state = 'open', version = version + 1 WHERE member_id = $1 AND id = $2 AND state = 'draft'",
            ).bind(member.0).bind(survey).execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Ok(false);
            }
            for chunk in invitations.chunks(500) {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO survey_invitations (member_id, survey_id, person_id, token_hash) ",
                );
                qb.push_values(chunk, |mut b, (person, hash)| {
                    b.push_bind(member.0).push_bind(survey).push_bind(*person).push_bind(hash.clone());
                });
                qb.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Closes an open survey. Whether it was open.
    pub async fn close_survey(&self, member: MemberId, survey: Uuid) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "UPDATE surveys SET state = 'closed', version = version + 1 WHERE member_id = $1 AND id = $2 AND state = 'open'",
            ).bind(member.0).bind(survey).execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The invitation a link's token (by its hash) belongs to.
    pub async fn invitation_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<InvitationRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, InvitationRow>(
            "SELECT member_id, survey_id, answered FROM survey_invitations WHERE token_hash = $1",
        ).bind(token_hash).fetch_optional(p).await?))
    }

    /// Marks the invitation with `token_hash` answered and stores its
    /// answers under `response` (a fresh random id), in one transaction,
    /// only while the invitation is unanswered and its survey open.
    /// Whether they were stored.
    pub async fn answer_survey(
        &self,
        token_hash: &str,
        response: Uuid,
        answers: &[NewAnswer],
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let invitation: Option<(Uuid, Uuid)> = sqlx::query_as(
                "UPDATE survey_invitations SET answered = TRUE \
                 WHERE token_hash = $1 AND answered = FALSE \
                   AND EXISTS (SELECT 1 FROM surveys s WHERE s.member_id = survey_invitations.member_id \
                               AND s.id = survey_invitations.survey_id AND s.state = 'open') \
                 RETURNING member_id, survey_id",
            ).bind(token_hash).fetch_optional(&mut *tx).await?;
            let Some((member, survey)) = invitation else {
                return Ok(false);
            };
            if !answers.is_empty() {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO survey_answers (member_id, survey_id, response_id, position, grade, text) ",
                );
                qb.push_values(answers, |mut b, a| {
                    b.push_bind(member).push_bind(survey).push_bind(response).push_bind(a.position)
                        .push_bind(a.grade).push_bind(a.text.clone());
                });
                qb.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Every answer to a survey by question, in no respondent's order.
    pub async fn survey_answers(
        &self,
        member: MemberId,
        survey: Uuid,
    ) -> Result<Vec<SurveyAnswerRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SurveyAnswerRow>(
            "SELECT position, grade, text FROM survey_answers WHERE member_id = $1 AND survey_id = $2 \
             ORDER BY position, grade, text",
        ).bind(member.0).bind(survey).fetch_all(p).await?))
    }

    /// How many were invited to a survey, and how many answered.
    pub async fn survey_response_counts(
        &self,
        member: MemberId,
        survey: Uuid,
    ) -> Result<(i64, i64), StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, (i64, i64)>(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN answered THEN 1 ELSE 0 END), 0) \
             FROM survey_invitations WHERE member_id = $1 AND survey_id = $2",
        ).bind(member.0).bind(survey).fetch_one(p).await?))
    }
}
