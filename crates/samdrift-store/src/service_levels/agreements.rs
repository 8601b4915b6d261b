//! Agreements per member and period, read within the caller's member filter.

use super::calendars::CalendarRecord;
use crate::connect::BeginWrite;
use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::scope::MemberFilter;
use sqlx::QueryBuilder;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AgreementRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub name: String,
    pub valid_from: String,
    pub valid_to: String,
    pub spec: String,
    pub version: i64,
}

const COLUMNS: &str = "member_id, id, name, valid_from, valid_to, spec, version";

/// An agreement with one of the calendars it uses (none if it uses none).
#[derive(sqlx::FromRow)]
struct AgreementCalendarRow {
    #[sqlx(flatten)]
    agreement: AgreementRecord,
    calendar_id: Option<Uuid>,
    calendar_name: Option<String>,
    calendar_spec: Option<String>,
    calendar_version: Option<i64>,
}

impl Store {
    /// Inserts or (when `expected_version` is given) replaces an agreement,
    /// with the list of calendars it uses.
    pub async fn save_agreement(
        &self,
        a: &AgreementRecord,
        calendars: &[Uuid],
        expected_version: Option<i64>,
    ) -> Result<AgreementRecord, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let version: Option<i64> = match expected_version {
                None => sqlx::query_scalar(
                    "INSERT INTO agreements (member_id, id, name, valid_from, valid_to, spec, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING version",
                ).bind(a.member_id).bind(a.id).bind(&a.name).bind(&a.valid_from).bind(&a.valid_to).bind(&a.spec)
                .fetch_optional(&mut *tx).await?,
                Some(v) => sqlx::query_scalar(
                    "UPDATE agreements SET name = $1, valid_from = $2, valid_to = $3, spec = $4, version = version + 1 \
                     WHERE member_id = $5 AND id = $6 AND version = $7 RETURNING version",
                ).bind(&a.name).bind(&a.valid_from).bind(&a.valid_to).bind(&a.spec).bind(a.member_id).bind(a.id).bind(v)
                .fetch_optional(&mut *tx).await?,
            };
            let Some(version) = version else { return Err(StoreError::Stale) };
            sqlx::query("DELETE FROM agreement_calendars WHERE member_id = $1 AND agreement_id = $2")
                .bind(a.member_id).bind(a.id).execute(&mut *tx).await?;
            for c in calendars {
                sqlx::query("INSERT INTO agreement_calendars (member_id, agreement_id, calendar_id) VALUES ($1, $2, $3)")
                    .bind(a.member_id).bind(a.id).bind(*c).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(AgreementRecord { version, ..a.clone() })
        })
    }

    pub async fn list_agreements(
        &self,
        filter: &MemberFilter,
        member: Option<Uuid>,
    ) -> Result<Vec<AgreementRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM agreements WHERE "));
            push_member_filter(&mut qb, "member_id", filter);
            if let Some(m) = member {
                qb.push(" AND member_id = ").push_bind(m);
            }
            qb.push(" ORDER BY valid_from DESC, name");
            Ok(qb.build_query_as::<AgreementRecord>().fetch_all(p).await?)
        })
    }

    pub async fn get_agreement(
        &self,
        filter: &MemberFilter,
        id: Uuid,
    ) -> Result<Option<AgreementRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM agreements WHERE id = "));
            qb.push_bind(id).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            Ok(qb.build_query_as::<AgreementRecord>().fetch_optional(p).await?)
        })
    }

    /// The member's agreement in force on a local date (`YYYY-MM-DD`); the
    /// latest starting one wins if periods overlap.
    pub async fn agreement_in_force(
        &self,
        member: Uuid,
        date: &str,
    ) -> Result<Option<AgreementRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, AgreementRecord>(
            "SELECT member_id, id, name, valid_from, valid_to, spec, version FROM agreements \
             WHERE member_id = $1 AND valid_from <= $2 AND valid_to >= $2 ORDER BY valid_from DESC, id LIMIT 1",
        ).bind(member).bind(date).fetch_optional(p).await?))
    }

    /// The member's agreement in force on a local date, as
    /// [`Store::agreement_in_force`], with the calendars it uses, in one
    /// query: what a ticket's clocks are computed against, read on every
    /// creation and change.
    pub async fn agreement_in_force_with_calendars(
        &self,
        member: Uuid,
        date: &str,
    ) -> Result<Option<(AgreementRecord, Vec<CalendarRecord>)>, StoreError> {
        let rows = on_pool!(self, p => sqlx::query_as::<_, AgreementCalendarRow>(
            "SELECT a.member_id, a.id, a.name, a.valid_from, a.valid_to, a.spec, a.version, \
             c.id AS calendar_id, c.name AS calendar_name, c.spec AS calendar_spec, c.version AS calendar_version \
             FROM (SELECT member_id, id, name, valid_from, valid_to, spec, version FROM agreements \
                   WHERE member_id = $1 AND valid_from <= $2 AND valid_to >= $2 ORDER BY valid_from DESC, id LIMIT 1) a \
             LEFT JOIN agreement_calendars ac ON ac.member_id = a.member_id AND ac.agreement_id = a.id \
             LEFT JOIN calendars c ON c.id = ac.calendar_id",
        ).bind(member).bind(date).fetch_all(p).await?);
        let mut rows = rows.into_iter();
        let Some(first) = rows.next() else {
            return Ok(None);
        };
        let mut calendars = Vec::new();
        let agreement = first.agreement.clone();
        for row in std::iter::once(first).chain(rows) {
            if let (Some(id), Some(name), Some(spec), Some(version)) = (
                row.calendar_id,
                row.calendar_name,
                row.calendar_spec,
                row.calendar_version,
            ) {
                calendars.push(CalendarRecord {
                    id,
                    name,
                    spec,
                    version,
                });
            }
        }
        Ok(Some((agreement, calendars)))
    }

    /// The agreements of the filtered members that are in force on some
    /// day of [from, to] (ISO dates, inclusive): what a report over many
    /// members and months reads once instead of asking for each month.
    pub async fn agreements_between(
        &self,
        filter: &MemberFilter,
        from: &str,
        to: &str,
    ) -> Result<Vec<AgreementRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM agreements WHERE "));
            push_member_filter(&mut qb, "member_id", filter);
            qb.push(" AND valid_from <= ").push_bind(to).push(" AND valid_to >= ").push_bind(from);
            qb.push(" ORDER BY member_id, valid_from DESC, id");
            Ok(qb.build_query_as::<AgreementRecord>().fetch_all(p).await?)
        })
    }

    pub async fn delete_agreement(&self, member: Uuid, id: Uuid) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("DELETE FROM agreement_calendars WHERE member_id = $1 AND agreement_id = $2")
                .bind(member).bind(id).execute(&mut *tx).await?;
            let r = sqlx::query("DELETE FROM agreements WHERE member_id = $1 AND id = $2")
                .bind(member).bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(r.rows_affected() == 1)
        })
    }
}
