//! Calendars: the federation's service hours. Managers and admins write;
//! everyone signed in reads and computes with them.

use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::calendar::{Calendar, CalendarSpec};
use samdrift_domain::scope::Scope;
use samdrift_store::service_levels::calendars::CalendarRecord;
use uuid::Uuid;

/// The longest range the calendar endpoints compute over.
pub const MAX_RANGE_DAYS: i64 = 20 * 366;

fn require_registrar(scope: &Scope) -> Result<(), AppError> {
    if scope.may_manage_registers() {
        Ok(())
    } else {
        Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.calendars"
        )))
    }
}

/// Parses a stored calendar (validated when it was saved).
pub fn compile(record: &CalendarRecord) -> Result<(CalendarSpec, Calendar), AppError> {
    let spec: CalendarSpec = serde_json::from_str(&record.spec).map_err(|_| {
        AppError::Conflict(samdrift_domain::msg!(
            "conflict.calendar_unreadable",
            name = &record.name
        ))
    })?;
    let calendar = spec.validate().map_err(AppError::Invalid)?;
    Ok((spec, calendar))
}

impl App {
    pub async fn create_calendar(
        &self,
        scope: &Scope,
        spec: CalendarSpec,
    ) -> Result<(CalendarRecord, CalendarSpec), AppError> {
        require_registrar(scope)?;
        spec.validate().map_err(AppError::Invalid)?;
        let record = CalendarRecord {
            id: new_id(self.clock.as_ref()),
            name: spec.name.trim().to_owned(),
            spec: serde_json::to_string(&spec).map_err(|_| {
                AppError::invalid("body", samdrift_domain::msg!("calendar.cannot_store"))
            })?,
            version: 1,
        };
        self.store.insert_calendar(&record).await?;
        Ok((record, spec))
    }

    pub async fn calendar(
        &self,
        id: Uuid,
    ) -> Result<(CalendarRecord, CalendarSpec, Calendar), AppError> {
        let record = self
            .store
            .get_calendar(id)
            .await?
            .ok_or(AppError::NotFound("calendar"))?;
        let (spec, calendar) = compile(&record)?;
        Ok((record, spec, calendar))
    }

    pub async fn update_calendar(
        &self,
        scope: &Scope,
        id: Uuid,
        version: Option<i64>,
        spec: CalendarSpec,
    ) -> Result<(CalendarRecord, CalendarSpec), AppError> {
        require_registrar(scope)?;
        let version = version.ok_or(AppError::VersionRequired)?;
        self.store
            .get_calendar(id)
            .await?
            .ok_or(AppError::NotFound("calendar"))?;
        spec.validate().map_err(AppError::Invalid)?;
        let record = CalendarRecord {
            id,
            name: spec.name.trim().to_owned(),
            spec: serde_json::to_string(&spec).map_err(|_| {
                AppError::invalid("body", samdrift_domain::msg!("calendar.cannot_store"))
            })?,
            version,
        };
        let saved = self.store.update_calendar(&record).await?;
        self.recompute_all_clocks().await?;
        Ok((saved, spec))
    }

    pub async fn delete_calendar(&self, scope: &Scope, id: Uuid) -> Result<(), AppError> {
        require_registrar(scope)?;
        self.store
            .get_calendar(id)
            .await?
            .ok_or(AppError::NotFound("calendar"))?;
        if !self.store.delete_calendar(id).await? {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.calendar_in_use"
            )));
        }
        Ok(())
    }
}

/// Parses an RFC 3339 instant from the API.
pub fn instant(field: &str, value: &str) -> Result<jiff::Timestamp, AppError> {
    value.parse::<jiff::Timestamp>().map_err(|_| {
        AppError::invalid(
            field,
            samdrift_domain::msg!("field.not_rfc3339", value = value),
        )
    })
}

/// Checks that [from, to) is ordered and at most 20 years long.
pub fn check_range(from: jiff::Timestamp, to: jiff::Timestamp) -> Result<(), AppError> {
    if to < from {
        return Err(AppError::invalid(
            "to",
            samdrift_domain::msg!("field.not_before", other = "from"),
        ));
    }
    if to.duration_since(from).as_secs() > MAX_RANGE_DAYS * 86_400 {
        return Err(AppError::invalid(
            "to",
            samdrift_domain::msg!("calendar.range_years"),
        ));
    }
    Ok(())
}
