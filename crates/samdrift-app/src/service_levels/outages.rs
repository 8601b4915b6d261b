//! Outages and planned maintenance, and the operational status messages
//! (driftmeddelanden) users of the affected members see.

use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::{MemberId, ServiceId};
use samdrift_domain::scope::Scope;
use samdrift_store::service_levels::outages::OutageRecord;
use uuid::Uuid;

/// A new outage as the API takes it.
#[derive(Debug, Clone)]
pub struct NewOutage {
    pub service_id: Uuid,
    pub members: Vec<String>,
    pub starts_at: jiff::Timestamp,
    pub ends_at: Option<jiff::Timestamp>,
    pub planned: bool,
    /// When it was announced (default: now).
    pub announced_at: Option<jiff::Timestamp>,
    pub message: String,
}

impl App {
    pub async fn create_outage(
        &self,
        scope: &Scope,
        new: NewOutage,
    ) -> Result<(OutageRecord, Vec<Uuid>), AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.outages"
            )));
        }
        let mut errors = FieldErrors::default();
        if self
            .store
            .get_service(ServiceId(new.service_id))
            .await?
            .is_none()
        {
            errors.push("service_id", samdrift_domain::msg!("service.unknown"));
        }
        let mut members = Vec::new();
        for (i, code) in new.members.iter().enumerate() {
            match self.store.member_by_code(code).await? {
                Some(m) => members.push(m.id),
                None => errors.push(
                    format!("members[{i}]"),
                    samdrift_domain::msg!("member.no_code", code = code),
                ),
            }
        }
        if new.members.is_empty() {
            errors.push("members", samdrift_domain::msg!("outage.no_member"));
        }
        if new.ends_at.is_some_and(|e| e <= new.starts_at) {
            errors.push("ends_at", samdrift_domain::msg!("outage.ends_after_start"));
        }
        if new.message.trim().is_empty() {
            errors.push("message", samdrift_domain::msg!("outage.message_needed"));
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        members.sort();
        members.dedup();
        let record = OutageRecord {
            id: new_id(self.clock.as_ref()),
            service_id: new.service_id,
            starts_at: new.starts_at.as_microsecond(),
            ends_at: new.ends_at.map(|e| e.as_microsecond()),
            planned: new.planned,
            announced_at: new
                .announced_at
                .map(|a| a.as_microsecond())
                .unwrap_or_else(|| self.now_micros()),
            message: new.message.trim().to_owned(),
            version: 1,
        };
        self.store.insert_outage(&record, &members).await?;
        let service = self
            .store
            .get_service(ServiceId(new.service_id))
            .await?
            .map(|s| s.name)
            .unwrap_or_default();
        let notice = crate::notify::StatusNotice {
            service,
            planned: record.planned,
            text: record.message.clone(),
        };
        self.notify_status_message(scope, &members, &notice).await;
        Ok((record, members))
    }

    /// One outage with its members, for staff (who record them).
    pub async fn outage(
        &self,
        scope: &Scope,
        id: Uuid,
    ) -> Result<(OutageRecord, Vec<Uuid>), AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.outages"
            )));
        }
        self.store
            .get_outage(id)
            .await?
            .ok_or(AppError::NotFound("outage"))
    }

    /// Ends an ongoing outage now (or at `at`).
    pub async fn end_outage(
        &self,
        scope: &Scope,
        id: Uuid,
        version: Option<i64>,
        at: Option<jiff::Timestamp>,
    ) -> Result<(), AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.outages"
            )));
        }
        let (outage, _) = self
            .store
            .get_outage(id)
            .await?
            .ok_or(AppError::NotFound("outage"))?;
        let end = at
            .map(|a| a.as_microsecond())
            .unwrap_or_else(|| self.now_micros());
        if end <= outage.starts_at {
            return Err(AppError::invalid(
                "ends_at",
                samdrift_domain::msg!("outage.ended_after_start"),
            ));
        }
        Ok(self
            .store
            .set_outage_end(id, Some(end), version.ok_or(AppError::VersionRequired)?)
            .await?)
    }

    /// Status messages the scope's users should see now: outages ongoing or
    /// upcoming (within 14 days) that affect their members.
    pub async fn status_messages(
        &self,
        scope: &Scope,
    ) -> Result<Vec<(OutageRecord, Vec<Uuid>)>, AppError> {
        let now = self.now_micros();
        let horizon = now + 14 * 86_400 * 1_000_000;
        let members: Option<Vec<Uuid>> = match scope.members() {
            samdrift_domain::scope::MemberFilter::All => None,
            samdrift_domain::scope::MemberFilter::Only(ids) => {
                Some(ids.into_iter().map(|m: MemberId| m.0).collect())
            }
        };
        let outages = self
            .store
            .outages_between(members.as_deref(), now, horizon)
            .await?;
        Ok(outages)
    }
}
