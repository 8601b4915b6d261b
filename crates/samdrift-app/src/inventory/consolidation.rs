//! The consolidation plan: for each item that deviates from the standard,
//! the standard entry it moves to and the day it should be done; the
//! progress per member month by month, and what is past its day.

use super::standard::parse_date;
use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::inventory::consolidation::{PlanEntry, Progress, progress};
use samdrift_domain::msg;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_store::inventory::standard::{PlanLine, StandardEntryRecord, TargetRecord};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct NewTarget {
    pub standard_entry: Uuid,
    pub due: String,
    /// The day it was done, once it is.
    pub done_on: Option<String>,
    pub note: String,
}

/// The plan as pages show it.
#[derive(Debug, Clone)]
pub struct PlanView {
    pub today: jiff::civil::Date,
    pub lines: Vec<PlanLine>,
    /// Lines past their day and not done.
    pub overdue: Vec<PlanLine>,
    /// Per member, the last 12 month ends.
    pub progress: Vec<Progress>,
    pub month_ends: Vec<jiff::civil::Date>,
    pub entries: HashMap<Uuid, StandardEntryRecord>,
    pub member_codes: HashMap<Uuid, String>,
}

fn plan_entry(l: &PlanLine) -> Option<PlanEntry> {
    Some(PlanEntry {
        owner: MemberId(l.member_id?),
        due: l.due.parse().ok()?,
        done_on: match &l.done_on {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        },
    })
}

impl App {
    /// Sets (or changes, on the version read) an item's target and day.
    pub async fn set_consolidation_target(
        &self,
        scope: &Scope,
        item: Uuid,
        new: NewTarget,
        version: Option<i64>,
    ) -> Result<TargetRecord, AppError> {
        let record = self.editable_item(scope, item).await?;
        let entry = self
            .store
            .standard_entries()
            .await?
            .into_iter()
            .find(|e| e.id == new.standard_entry)
            .ok_or_else(|| AppError::invalid("standard_entry", msg!("standard.no_entry")))?;
        if record.category.as_deref() != Some(entry.category.as_str()) {
            return Err(AppError::invalid(
                "standard_entry",
                msg!("standard.other_category"),
            ));
        }
        let due = parse_date("due", &new.due)?;
        let done_on = match new.done_on.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(d) => Some(parse_date("done_on", d)?.to_string()),
            None => None,
        };
        let existing = self.store.consolidation_target(item).await?;
        let read = match (&existing, version) {
            (None, _) => None,
            (Some(_), Some(v)) => Some(v),
            (Some(_), None) => return Err(AppError::VersionRequired),
        };
        let target = TargetRecord {
            item_id: item,
            member_id: record.member_id,
            standard_entry_id: entry.id,
            due: due.to_string(),
            done_on,
            note: new.note.trim().chars().take(500).collect(),
            created_at: existing
                .as_ref()
                .map(|e| e.created_at)
                .unwrap_or_else(|| self.now_micros()),
            version: 1,
        };
        self.store.set_consolidation_target(&target, read).await?;
        self.store
            .consolidation_target(item)
            .await?
            .ok_or(AppError::NotFound("item"))
    }

    /// The plan of what the reader sees (one member's when `member`).
    pub async fn consolidation_plan(
        &self,
        scope: &Scope,
        member: Option<Uuid>,
    ) -> Result<PlanView, AppError> {
        let mut filter = scope.inventory_members();
        if filter == MemberFilter::Only(vec![]) {
            return Err(AppError::Forbidden(msg!("forbidden.inventory_read")));
        }
        if let Some(m) = member {
            filter = MemberFilter::Only(vec![MemberId(m)]);
        }
        let today = samdrift_domain::time::stockholm_date(self.clock.now());
        let mut lines = self.store.consolidation_plan(&filter).await?;
        if member.is_some() || !scope.is_staff() {
            lines.retain(|l| l.member_id.is_some());
        }
        let month_ends: Vec<jiff::civil::Date> = (0..12i64)
            .rev()
            .filter_map(|back| {
                today
                    .first_of_month()
                    .checked_sub(jiff::Span::new().months(back))
                    .ok()
            })
            .map(|d| d.last_of_month().min(today))
            .collect();
        let entries: Vec<PlanEntry> = lines.iter().filter_map(plan_entry).collect();
        let overdue = lines
            .iter()
            .filter(|l| plan_entry(l).is_some_and(|e| e.is_overdue(today)))
            .cloned()
            .collect();
        Ok(PlanView {
            today,
            progress: progress(&entries, &month_ends),
            overdue,
            lines,
            month_ends,
            entries: self
                .store
                .standard_entries()
                .await?
                .into_iter()
                .map(|e| (e.id, e))
                .collect(),
            member_codes: self.member_codes(scope).await?,
        })
    }
}
