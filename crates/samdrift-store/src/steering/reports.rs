//! Archived monthly member reports: written once, never changed.

use crate::{Store, StoreError};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ArchivedReportRow {
    pub member_id: Uuid,
    pub month: String,
    pub language: String,
    pub made_at: i64,
    pub pdf_bytes: i64,
}

impl Store {
    /// Archives a member's report for a month and language unless one is
    /// there. Whether this one was archived.
    pub async fn archive_member_report(
        &self,
        member: Uuid,
        month: &str,
        language: &str,
        document: &str,
        pdf: &[u8],
        made_at: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "INSERT INTO member_reports (member_id, month, language, document, pdf, made_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (member_id, month, language) DO NOTHING",
            )
            .bind(member).bind(month).bind(language).bind(document).bind(pdf).bind(made_at)
            .execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// A member's archived reports, latest month first.
    pub async fn archived_reports(
        &self,
        member: Uuid,
    ) -> Result<Vec<ArchivedReportRow>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ArchivedReportRow>(
            "SELECT member_id, month, language, made_at, CAST(LENGTH(pdf) AS BIGINT) AS pdf_bytes FROM member_reports \
             WHERE member_id = $1 ORDER BY month DESC, language",
        ).bind(member).fetch_all(p).await?))
    }

    /// An archived report's document (JSON) and PDF.
    pub async fn archived_report(
        &self,
        member: Uuid,
        month: &str,
        language: &str,
    ) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as(
            "SELECT document, pdf FROM member_reports WHERE member_id = $1 AND month = $2 AND language = $3",
        ).bind(member).bind(month).bind(language).fetch_optional(p).await?))
    }
}
