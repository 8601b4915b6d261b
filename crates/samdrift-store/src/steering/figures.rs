//! Each member's monthly figures, in revisions. A month still open is
//! updated in place; once closed, a changed figure is added as the next
//! revision and the one the board saw is kept.

use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use samdrift_domain::scope::MemberFilter;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FigureRecord {
    pub member_id: Uuid,
    pub measure: String,
    pub service_code: String,
    pub month: String,
    pub revision: i64,
    pub numerator: i64,
    pub denominator: i64,
    pub month_closed: bool,
    pub computed_at: i64,
}

/// What saving a computed figure did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SavedFigures {
    pub added: u64,
    pub updated: u64,
    pub revised: u64,
    pub unchanged: u64,
}

const COLUMNS: &str = "member_id, measure, service_code, month, revision, numerator, denominator, month_closed, computed_at";

impl Store {
    /// Saves freshly computed figures (revision ignored) for `month`:
    /// unchanged ones are left, an open month's are updated, a closed
    /// month's changed ones become a new revision.
    pub async fn save_figures(
        &self,
        month: &str,
        figures: &[FigureRecord],
    ) -> Result<SavedFigures, StoreError> {
        let mut saved = SavedFigures::default();
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let latest = sqlx::query_as::<_, FigureRecord>(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM monthly_figures f WHERE month = $1 AND revision = \
                 (SELECT MAX(g.revision) FROM monthly_figures g WHERE g.member_id = f.member_id \
                  AND g.measure = f.measure AND g.service_code = f.service_code AND g.month = f.month)"
            ))).bind(month).fetch_all(&mut *tx).await?;
            let latest: std::collections::HashMap<(Uuid, &str, &str), &FigureRecord> = latest
                .iter()
                .map(|f| ((f.member_id, f.measure.as_str(), f.service_code.as_str()), f))
                .collect();
            for f in figures.iter().filter(|f| f.month == month) {
                let old = latest.get(&(f.member_id, f.measure.as_str(), f.service_code.as_str()));
                let (revision, update) = match old {
                    None => { saved.added += 1; (1, false) }
                    Some(o)
                        if o.numerator == f.numerator
                            && o.denominator == f.denominator
                            && o.month_closed == f.month_closed =>
                    {
                        saved.unchanged += 1;
                        continue;
                    }
                    Some(o) if !o.month_closed => { saved.updated += 1; (o.revision, true) }
                    Some(o) => { saved.revised += 1; (o.revision + 1, false) }
                };
                let sql = if update {
                    "UPDATE monthly_figures SET numerator = $6, denominator = $7, month_closed = $8, computed_at = $9 \
                     WHERE member_id = $1 AND measure = $2 AND service_code = $3 AND month = $4 AND revision = $5"
                } else {
                    "INSERT INTO monthly_figures (member_id, measure, service_code, month, revision, numerator, denominator, month_closed, computed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                };
                sqlx::query(sql)
                    .bind(f.member_id).bind(&f.measure).bind(&f.service_code).bind(&f.month).bind(revision)
                    .bind(f.numerator).bind(f.denominator).bind(f.month_closed).bind(f.computed_at)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(saved)
    }

    /// Every revision of the figures of `measures` in months `[from, to]`
    /// of the members `filter` allows; `all_services` false keeps only the
    /// figures over all services.
    pub async fn figures(
        &self,
        filter: &MemberFilter,
        measures: &[&str],
        from: &str,
        to: &str,
        all_services: bool,
    ) -> Result<Vec<FigureRecord>, StoreError> {
        if measures.is_empty() {
            return Ok(vec![]);
        }
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(
                "SELECT member_id, measure, service_code, month, revision, numerator, denominator, month_closed, computed_at \
                 FROM monthly_figures WHERE month >= ",
            );
            qb.push_bind(from).push(" AND month <= ").push_bind(to);
            if !all_services {
                qb.push(" AND service_code = ''");
            }
            qb.push(" AND measure IN (");
            let mut list = qb.separated(", ");
            for m in measures {
                list.push_bind(*m);
            }
            list.push_unseparated(")");
            if let MemberFilter::Only(ids) = filter {
                qb.push(" AND member_id IN (");
                let mut list = qb.separated(", ");
                list.push_bind(Uuid::nil());
                for id in ids {
                    list.push_bind(id.0);
                }
                list.push_unseparated(")");
            }
            qb.push(" ORDER BY member_id, measure, service_code, month, revision");
            Ok(qb.build_query_as::<FigureRecord>().fetch_all(p).await?)
        })
    }
}

/// A member's ticket figures of one month, counted in the database.
#[derive(Debug, Clone, Default, PartialEq, sqlx::FromRow)]
pub struct MonthActivity {
    pub member_id: Uuid,
    /// Tickets registered in the month.
    pub created: i64,
    /// Tickets resolved in the month.
    pub resolved: i64,
    /// Of those, the ones never passed to another group.
    pub first_contact: i64,
    /// Tickets open at the end of the month (or now, if earlier).
    pub open_at_end: i64,
    /// Their ages at that moment added up, in whole days.
    pub open_age_days: i64,
}

impl Store {
    /// Every member's ticket figures for `[from, to)` (microseconds); the
    /// backlog is counted at `to`.
    pub async fn month_activity(
        &self,
        from: i64,
        to: i64,
    ) -> Result<Vec<MonthActivity>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, MonthActivity>(
            "SELECT member_id, \
                CAST(SUM(CASE WHEN created_at >= $1 THEN 1 ELSE 0 END) AS BIGINT) AS created, \
                CAST(SUM(CASE WHEN resolved_at >= $1 AND resolved_at < $2 THEN 1 ELSE 0 END) AS BIGINT) AS resolved, \
                CAST(SUM(CASE WHEN resolved_at >= $1 AND resolved_at < $2 AND NOT EXISTS ( \
                    SELECT 1 FROM ticket_events e WHERE e.member_id = t.member_id AND e.ticket_id = t.id AND e.kind = 'group') \
                    THEN 1 ELSE 0 END) AS BIGINT) AS first_contact, \
                CAST(SUM(CASE WHEN (resolved_at IS NULL OR resolved_at >= $2) AND status <> 'cancelled' THEN 1 ELSE 0 END) AS BIGINT) AS open_at_end, \
                CAST(SUM(CASE WHEN (resolved_at IS NULL OR resolved_at >= $2) AND status <> 'cancelled' \
                    THEN ($2 - created_at) / 86400000000 ELSE 0 END) AS BIGINT) AS open_age_days \
             FROM tickets t WHERE created_at < $2 AND (resolved_at IS NULL OR resolved_at >= $1 OR created_at >= $1) \
             GROUP BY member_id",
        ).bind(from).bind(to).fetch_all(p).await?))
    }

    /// Every member's ratings of the month, as (member, sum, count).
    pub async fn month_ratings(
        &self,
        from: i64,
        to: i64,
    ) -> Result<Vec<(Uuid, i64, i64)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as(
            "SELECT member_id, CAST(SUM(rating) AS BIGINT), CAST(COUNT(*) AS BIGINT) FROM satisfaction_ratings \
             WHERE rated_at >= $1 AND rated_at < $2 GROUP BY member_id",
        ).bind(from).bind(to).fetch_all(p).await?))
    }

    /// Every member's people still there, as (member, count): the users a
    /// cost per user is counted over.
    pub async fn users_per_member(&self) -> Result<Vec<(Uuid, i64)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as(
            "SELECT member_id, CAST(COUNT(*) AS BIGINT) FROM people WHERE ended_at IS NULL AND forgotten_at IS NULL \
             GROUP BY member_id",
        ).fetch_all(p).await?))
    }
}
