//! Agreements (avtal): per member and period, entries per service (and a
//! default entry) with response and resolution targets per priority, the
//! calendar each is counted in, the supplier-pause rule, the warning share,
//! the availability target, the monthly fee and the penalty rules.
//!
//! This module validates the shape of an agreement; that its services and
//! calendars exist is checked by the caller, who knows the registers.

use crate::error::{FieldError, FieldErrors};
use crate::priority::Priority;
use crate::sla::penalty::PenaltyRule;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The response and resolution targets of one priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    /// Business seconds to the first response.
    pub response_seconds: i64,
    /// Business seconds to resolution.
    pub resolution_seconds: i64,
    /// The calendar (service hours) both are counted in.
    pub calendar_id: Uuid,
}

/// The service levels for one service, or the default for all others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntrySpec {
    /// A service code; absent for the default entry.
    #[serde(default)]
    pub service: Option<String>,
    /// `P1`..`P4`, each required.
    pub targets: BTreeMap<String, TargetSpec>,
    #[serde(default)]
    pub pause_on_waiting_for_supplier: bool,
    #[serde(default = "default_warning")]
    pub warning_percent: u8,
    /// Availability target in basis points (9950 = 99.50 %).
    #[serde(default)]
    pub availability_target_bp: Option<u32>,
    /// The calendar availability is measured in.
    #[serde(default)]
    pub availability_calendar_id: Option<Uuid>,
    /// The monthly fee for the service, in öre (penalty rules use it).
    #[serde(default)]
    pub monthly_fee_ore: i64,
    /// Days ahead a planned outage must be announced not to count.
    #[serde(default = "default_notice")]
    pub planned_notice_days: i64,
    #[serde(default)]
    pub penalties: Vec<PenaltyRule>,
}

fn default_warning() -> u8 {
    75
}

fn default_notice() -> i64 {
    5
}

/// An agreement as the API takes and gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementSpec {
    pub name: String,
    /// First day in force (`YYYY-MM-DD`, local date).
    pub valid_from: String,
    /// Last day in force, inclusive.
    pub valid_to: String,
    pub entries: Vec<EntrySpec>,
}

impl AgreementSpec {
    /// Checks the shape: dates, one default entry at most, unique services,
    /// all four priorities with positive targets, sane shares and fees.
    pub fn validate(&self) -> Result<(Date, Date), Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        if self.name.trim().is_empty() {
            errors.push("name", "must not be empty");
        }
        let from = parse_date(&self.valid_from)
            .map_err(|e| errors.push("valid_from", e))
            .ok();
        let to = parse_date(&self.valid_to)
            .map_err(|e| errors.push("valid_to", e))
            .ok();
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            errors.push("valid_to", "must not be before valid_from");
        }
        if self.entries.is_empty() {
            errors.push("entries", "an agreement needs at least one entry");
        }
        let mut seen: Vec<Option<&str>> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let at = |f: &str| format!("entries[{i}].{f}");
            let key = e.service.as_deref();
            if seen.contains(&key) {
                match key {
                    Some(code) => {
                        errors.push(at("service"), format!("service '{code}' has two entries"))
                    }
                    None => errors.push(at("service"), "only one default entry (without service)"),
                }
            }
            seen.push(key);
            for p in Priority::ALL {
                match e.targets.get(p.as_str()) {
                    None => errors.push(at(&format!("targets.{p}")), "each of P1-P4 needs targets"),
                    Some(t) => {
                        if t.response_seconds <= 0 {
                            errors.push(
                                at(&format!("targets.{p}.response_seconds")),
                                "must be positive",
                            );
                        }
                        if t.resolution_seconds <= 0 {
                            errors.push(
                                at(&format!("targets.{p}.resolution_seconds")),
                                "must be positive",
                            );
                        }
                    }
                }
            }
            for key in e.targets.keys() {
                if key.parse::<Priority>().is_err() {
                    errors.push(at(&format!("targets.{key}")), "use P1, P2, P3 or P4");
                }
            }
            if !(1..=99).contains(&e.warning_percent) {
                errors.push(at("warning_percent"), "must be 1-99");
            }
            if e.availability_target_bp.is_some_and(|bp| bp > 10_000) {
                errors.push(
                    at("availability_target_bp"),
                    "must be at most 10000 (100 %)",
                );
            }
            if e.availability_target_bp.is_some() != e.availability_calendar_id.is_some() {
                errors.push(
                    at("availability_calendar_id"),
                    "an availability target needs its calendar, and only then",
                );
            }
            if e.monthly_fee_ore < 0 {
                errors.push(at("monthly_fee_ore"), "must not be negative");
            }
            if !(0..=365).contains(&e.planned_notice_days) {
                errors.push(at("planned_notice_days"), "must be 0-365");
            }
            for (j, rule) in e.penalties.iter().enumerate() {
                if let Err(errs) = rule.validate() {
                    for err in errs {
                        errors.push(at(&format!("penalties[{j}].{}", err.field)), err.message);
                    }
                }
            }
        }
        let dates = (from.unwrap_or(Date::MIN), to.unwrap_or(Date::MAX));
        errors.into_result(dates)
    }

    /// The entry for a service: its own, else the default entry.
    pub fn entry_for(&self, service_code: Option<&str>) -> Option<&EntrySpec> {
        service_code
            .and_then(|code| {
                self.entries
                    .iter()
                    .find(|e| e.service.as_deref() == Some(code))
            })
            .or_else(|| self.entries.iter().find(|e| e.service.is_none()))
    }

    /// Every calendar the agreement refers to.
    pub fn calendar_ids(&self) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = self
            .entries
            .iter()
            .flat_map(|e| {
                e.targets
                    .values()
                    .map(|t| t.calendar_id)
                    .chain(e.availability_calendar_id)
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    let ok_shape =
        s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') && s.as_bytes().get(7) == Some(&b'-');
    match s.parse::<Date>() {
        Ok(d) if ok_shape => Ok(d),
        _ => Err(format!("'{s}' is not a date YYYY-MM-DD")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> TargetSpec {
        TargetSpec {
            response_seconds: 900,
            resolution_seconds: 14_400,
            calendar_id: Uuid::nil(),
        }
    }

    fn entry(service: Option<&str>) -> EntrySpec {
        EntrySpec {
            service: service.map(str::to_owned),
            targets: Priority::ALL
                .iter()
                .map(|p| (p.as_str().to_owned(), target()))
                .collect(),
            pause_on_waiting_for_supplier: false,
            warning_percent: 75,
            availability_target_bp: None,
            availability_calendar_id: None,
            monthly_fee_ore: 100_000,
            planned_notice_days: 5,
            penalties: vec![],
        }
    }

    fn spec(entries: Vec<EntrySpec>) -> AgreementSpec {
        AgreementSpec {
            name: "Avtal 2027".into(),
            valid_from: "2027-01-01".into(),
            valid_to: "2027-12-31".into(),
            entries,
        }
    }

    #[test]
    fn a_service_entry_wins_over_the_default() {
        let s = spec(vec![entry(None), entry(Some("EMAIL"))]);
        assert!(s.validate().is_ok());
        assert_eq!(
            s.entry_for(Some("EMAIL")).unwrap().service.as_deref(),
            Some("EMAIL")
        );
        assert_eq!(s.entry_for(Some("HR")).unwrap().service, None);
        assert_eq!(s.entry_for(None).unwrap().service, None);
    }

    #[test]
    fn every_problem_is_named() {
        let mut e = entry(None);
        e.targets.remove("P3");
        e.targets.get_mut("P1").unwrap().resolution_seconds = 0;
        e.warning_percent = 0;
        let mut s = spec(vec![e, entry(None)]);
        s.valid_to = "2026-12-31".into();
        let fields: Vec<String> = s
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                "valid_to",
                "entries[0].targets.P1.resolution_seconds",
                "entries[0].targets.P3",
                "entries[0].warning_percent",
                "entries[1].service",
            ]
        );
    }

    #[test]
    fn dates_must_be_real_and_well_formed() {
        assert!(parse_date("2027-02-29").is_err());
        assert!(parse_date("2027-2-1").is_err());
        assert!(parse_date("2028-02-29").is_ok());
    }
}
