//! A read-only summary of an agreement for the administration pages: per
//! entry the service (or the default), the P1-P4 targets in hours and
//! minutes, the calendars by name, the fee in kronor and each penalty rule
//! in words.

use super::super::i18n::Tr;
use samdrift_domain::agreement::{AgreementSpec, EntrySpec};
use samdrift_domain::priority::Priority;
use samdrift_domain::sla::ClockKind;
use samdrift_domain::sla::penalty::PenaltyRule;
use std::collections::HashMap;
use uuid::Uuid;

pub struct AgreementView {
    pub name: String,
    pub valid: String,
    pub entries: Vec<EntryView>,
}

pub struct TargetView {
    pub priority: &'static str,
    pub response: String,
    pub resolution: String,
}

pub struct EntryView {
    pub service: String,
    pub targets: Vec<TargetView>,
    pub calendars: String,
    pub fee: String,
    pub availability: String,
    pub penalties: Vec<String>,
}

/// Names the summary shows instead of ids and codes.
pub struct Names {
    pub calendars: HashMap<Uuid, String>,
    pub services: HashMap<String, String>,
}

/// Business time in hours and minutes (`40 h 00 min`): a business day is
/// not 24 hours, so days are not used.
pub fn hours(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{} h {:02} min", s / 3600, (s % 3600) / 60)
}

fn clock(t: &Tr, kind: ClockKind) -> &'static str {
    match kind {
        ClockKind::Response => t.t("clock.response"),
        ClockKind::Resolution => t.t("clock.resolution"),
    }
}

fn priorities(list: &[Priority]) -> String {
    list.iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A penalty rule in words, with its figures in the user's format.
pub fn penalty(t: &Tr, rule: &PenaltyRule) -> String {
    let head = format!(
        "{} {}",
        clock(t, rule.clock()),
        priorities(rule.priorities())
    );
    match rule {
        PenaltyRule::ComplianceShare {
            threshold_bp,
            per_point_bp,
            cap_bp,
            ..
        } => t
            .t("admin.penalty.share")
            .replace("{rule}", &head)
            .replace("{threshold}", &t.percent(*threshold_bp))
            .replace("{per_point}", &t.percent(*per_point_bp))
            .replace("{cap}", &t.percent(*cap_bp)),
        PenaltyRule::PerBreach { amount_ore, .. } => t
            .t("admin.penalty.per_breach")
            .replace("{rule}", &head)
            .replace("{amount}", &t.money(*amount_ore)),
    }
}

fn entry(t: &Tr, e: &EntrySpec, names: &Names) -> EntryView {
    let service = match &e.service {
        Some(code) => match names.services.get(code) {
            Some(name) => format!("{code} – {name}"),
            None => code.clone(),
        },
        None => t.t("admin.agreements.default_entry").to_owned(),
    };
    let targets = Priority::ALL
        .iter()
        .map(|p| {
            let target = e.targets.get(p.as_str());
            TargetView {
                priority: p.as_str(),
                response: target
                    .map(|x| hours(x.response_seconds))
                    .unwrap_or_default(),
                resolution: target
                    .map(|x| hours(x.resolution_seconds))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let mut ids: Vec<Uuid> = e.targets.values().map(|x| x.calendar_id).collect();
    ids.extend(e.availability_calendar_id);
    ids.sort();
    ids.dedup();
    let mut calendars: Vec<String> = ids
        .iter()
        .map(|id| {
            names
                .calendars
                .get(id)
                .cloned()
                .unwrap_or_else(|| id.to_string())
        })
        .collect();
    calendars.sort();
    EntryView {
        service,
        targets,
        calendars: calendars.join(", "),
        fee: t.money(e.monthly_fee_ore),
        availability: e
            .availability_target_bp
            .map(|bp| t.percent(bp))
            .unwrap_or_else(|| "–".to_owned()),
        penalties: e.penalties.iter().map(|r| penalty(t, r)).collect(),
    }
}

/// The summary of one agreement.
pub fn view(t: &Tr, spec: &AgreementSpec, names: &Names) -> AgreementView {
    AgreementView {
        name: spec.name.clone(),
        valid: format!("{} – {}", spec.valid_from, spec.valid_to),
        entries: spec.entries.iter().map(|e| entry(t, e, names)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::i18n::Lang;
    use super::*;

    #[test]
    fn targets_are_hours_and_minutes() {
        assert_eq!(hours(900), "0 h 15 min");
        assert_eq!(hours(40 * 3600 + 60), "40 h 01 min");
    }

    #[test]
    fn penalty_rules_are_described_with_their_figures() {
        let t = Tr(Lang::Sv);
        let share = PenaltyRule::ComplianceShare {
            clock: ClockKind::Resolution,
            priorities: vec![Priority::P1, Priority::P2],
            threshold_bp: 9000,
            per_point_bp: 100,
            cap_bp: 1000,
        };
        let text = penalty(&t, &share);
        assert!(text.contains("Lösningstid P1, P2"), "{text}");
        assert!(
            text.contains("90,00 %") && text.contains("10,00 %"),
            "{text}"
        );
        let breach = PenaltyRule::PerBreach {
            clock: ClockKind::Response,
            priorities: vec![Priority::P1],
            amount_ore: 500_000,
        };
        assert!(penalty(&Tr(Lang::En), &breach).contains("SEK 5,000.00"));
    }
}
