//! Entitlement rules: a member's rule says that people with a given
//! source, title, administration or school need an access that someone
//! must grant (a fulfilment task for a competence group). When a person
//! joins, moves or leaves, the rules they match before and after say which
//! accesses to grant and which to remove.

use crate::identity::source::Facts;
use uuid::Uuid;

/// What a rule asks of a person; a condition left out matches anyone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleMatch {
    pub source: Option<String>,
    pub title: Option<String>,
    pub administration: Option<String>,
    pub school: Option<String>,
}

fn same(want: &Option<String>, have: &Option<String>) -> bool {
    match want {
        None => true,
        Some(w) => have
            .as_ref()
            .is_some_and(|h| h.trim().to_lowercase() == w.trim().to_lowercase()),
    }
}

impl RuleMatch {
    /// Whether at least one condition is set (a rule for everyone is
    /// refused: it would ask for a task for each person of the member).
    pub fn is_specific(&self) -> bool {
        self.source.is_some()
            || self.title.is_some()
            || self.administration.is_some()
            || self.school.is_some()
    }

    /// Whether a person of `source` with `facts` matches.
    pub fn matches(&self, source: &str, facts: &Facts) -> bool {
        same(&self.source, &Some(source.to_owned()))
            && same(&self.title, &facts.title)
            && same(&self.administration, &facts.administration)
            && same(&self.school, &facts.school)
    }
}

/// The accesses a change of a person grants and removes, by rule id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntitlementChange {
    pub granted: Vec<Uuid>,
    pub removed: Vec<Uuid>,
}

impl EntitlementChange {
    pub fn is_empty(&self) -> bool {
        self.granted.is_empty() && self.removed.is_empty()
    }
}

/// What a person's change does to their accesses: `before` is none for a
/// joiner, `after` none for a leaver; each is (source, facts).
pub fn entitlement_change(
    rules: &[(Uuid, RuleMatch)],
    before: Option<(&str, &Facts)>,
    after: Option<(&str, &Facts)>,
) -> EntitlementChange {
    let held = |state: Option<(&str, &Facts)>, rule: &RuleMatch| {
        state.is_some_and(|(s, f)| rule.matches(s, f))
    };
    let mut change = EntitlementChange::default();
    for (id, rule) in rules {
        match (held(before, rule), held(after, rule)) {
            (false, true) => change.granted.push(*id),
            (true, false) => change.removed.push(*id),
            _ => {}
        }
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(title: &str, administration: &str) -> Facts {
        Facts {
            title: Some(title.to_owned()),
            administration: Some(administration.to_owned()),
            ..Facts::default()
        }
    }

    fn rules() -> Vec<(Uuid, RuleMatch)> {
        vec![
            (
                Uuid::from_u128(1),
                RuleMatch {
                    administration: Some("Vård- och omsorgsförvaltningen".into()),
                    ..RuleMatch::default()
                },
            ),
            (
                Uuid::from_u128(2),
                RuleMatch {
                    title: Some("undersköterska".into()),
                    source: Some("hr".into()),
                    ..RuleMatch::default()
                },
            ),
            (
                Uuid::from_u128(3),
                RuleMatch {
                    school: Some("Östra skolan".into()),
                    ..RuleMatch::default()
                },
            ),
        ]
    }

    #[test]
    fn a_joiner_gets_what_the_rules_they_match_grant() {
        let f = facts("Undersköterska", "Vård- och omsorgsförvaltningen");
        let c = entitlement_change(&rules(), None, Some(("hr", &f)));
        assert_eq!(
            c.granted,
            vec![Uuid::from_u128(1), Uuid::from_u128(2)],
            "case and spaces do not matter"
        );
        assert!(c.removed.is_empty());
        let pupil = Facts {
            school: Some("Östra skolan".into()),
            ..Facts::default()
        };
        assert_eq!(
            entitlement_change(&rules(), None, Some(("school", &pupil))).granted,
            vec![Uuid::from_u128(3)]
        );
    }

    #[test]
    fn a_mover_loses_what_they_no_longer_match_and_keeps_the_rest() {
        let before = facts("Undersköterska", "Vård- och omsorgsförvaltningen");
        let after = facts("Undersköterska", "Kultur- och fritidsförvaltningen");
        let c = entitlement_change(&rules(), Some(("hr", &before)), Some(("hr", &after)));
        assert_eq!(
            c,
            EntitlementChange {
                granted: vec![],
                removed: vec![Uuid::from_u128(1)]
            }
        );
    }

    #[test]
    fn a_leaver_loses_everything_and_a_rule_for_everyone_is_not_specific() {
        let before = facts("Undersköterska", "Vård- och omsorgsförvaltningen");
        let c = entitlement_change(&rules(), Some(("hr", &before)), None);
        assert_eq!(c.removed, vec![Uuid::from_u128(1), Uuid::from_u128(2)]);
        assert!(!RuleMatch::default().is_specific());
        assert!(RuleMatch::default().matches("hr", &before));
    }
}
