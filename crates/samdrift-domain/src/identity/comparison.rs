//! Comparing a delivery with the register: who joins, who moves, who
//! leaves. Pure: the caller reads the register and applies the result.

use crate::error::FieldErrors;
use crate::identity::source::{Facts, SourcePerson};
use crate::msg;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A person of the register as the comparison needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterPerson {
    pub id: Uuid,
    /// Which source holds the person (`hr`, `school`), none if entered by
    /// hand.
    pub source: Option<String>,
    /// The key in that source.
    pub key: Option<String>,
    pub pnr_hash: Option<String>,
    pub name: String,
    /// Lower case.
    pub email: String,
    pub facts: Facts,
    /// Whether the person has left (their account is disabled).
    pub ended: bool,
}

/// One field that changes, as text (none when empty).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Joiner {
    /// Index into the delivery.
    pub delivered: usize,
    /// A person already in the register who becomes this source's person:
    /// someone entered by hand with the same e-mail, or a leaver who
    /// returns.
    pub existing: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub person: Uuid,
    pub delivered: usize,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveReason {
    /// The delivery gives a last day that has passed.
    EndDate(Date),
    /// A full delivery no longer names the person.
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Leaver {
    pub person: Uuid,
    pub reason: LeaveReason,
    /// The delivered line, when the person was delivered with an end date
    /// (its other changes are applied too).
    pub delivered: Option<usize>,
    pub changes: Vec<FieldChange>,
}

/// What applying a delivery would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    pub joiners: Vec<Joiner>,
    /// A new administration, role, manager, school or class.
    pub movers: Vec<Changed>,
    /// Other changes: name, e-mail, workplace, start or end date.
    pub updates: Vec<Changed>,
    pub leavers: Vec<Leaver>,
    pub unchanged: usize,
    /// Delivered people the register holds from the other source (a
    /// teacher in the school file who is an employee in the HR file):
    /// left to that source.
    pub held_elsewhere: Vec<usize>,
}

impl Comparison {
    /// Whether the leavers are more than `share_percent` of the source's
    /// `active` people: such a delivery waits for an administrator (a
    /// truncated file must not end a municipality's people).
    pub fn needs_confirmation(&self, active: usize, share_percent: u32) -> bool {
        let leavers = self.leavers.len() as u64;
        leavers > 0 && leavers * 100 > u64::from(share_percent) * active as u64
    }
}

/// Each delivered key, e-mail and personnummer once: a second occurrence
/// is an error on its line (an empty key or e-mail is another error).
pub fn check_unique(delivered: &[SourcePerson]) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let mut keys = HashSet::new();
    let mut emails = HashSet::new();
    let mut numbers = HashSet::new();
    for p in delivered {
        let line = |field: &str| format!("line {}: {field}", p.line);
        if !p.key.is_empty() && !keys.insert(p.key.as_str()) {
            errors.push(line("key"), msg!("delivery.duplicate"));
        }
        if !p.email.is_empty() && !emails.insert(p.email.as_str()) {
            errors.push(line("email"), msg!("delivery.duplicate"));
        }
        if let Some(n) = &p.personnummer
            && !numbers.insert(n.digits())
        {
            errors.push(line("personnummer"), msg!("delivery.duplicate"));
        }
    }
    errors
}

/// The changes from `register` to `delivered` (name, e-mail and facts).
fn changes_between(register: &RegisterPerson, delivered: &SourcePerson) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut push = |field: &str, old: Option<String>, new: Option<String>| {
        if old != new {
            changes.push(FieldChange {
                field: field.to_owned(),
                old,
                new,
            });
        }
    };
    push(
        "name",
        Some(register.name.clone()),
        Some(delivered.name.clone()),
    );
    push(
        "email",
        Some(register.email.clone()),
        Some(delivered.email.clone()),
    );
    for ((field, old), (_, new)) in register
        .facts
        .fields()
        .into_iter()
        .zip(delivered.facts.fields())
    {
        push(field, old, new);
    }
    changes
}

/// Where the register's people are found.
struct RegisterIndex<'a> {
    by_key: HashMap<&'a str, usize>,
    by_hash: HashMap<&'a str, usize>,
    by_hand_by_email: HashMap<&'a str, usize>,
    elsewhere_emails: HashSet<&'a str>,
    elsewhere_hashes: HashSet<&'a str>,
}

fn index<'a>(register: &'a [RegisterPerson], source: &str) -> RegisterIndex<'a> {
    let mut ix = RegisterIndex {
        by_key: HashMap::new(),
        by_hash: HashMap::new(),
        by_hand_by_email: HashMap::new(),
        elsewhere_emails: HashSet::new(),
        elsewhere_hashes: HashSet::new(),
    };
    for (i, r) in register.iter().enumerate() {
        match r.source.as_deref() {
            Some(s) if s == source => {
                if let Some(k) = &r.key {
                    ix.by_key.insert(k, i);
                }
                if let Some(h) = &r.pnr_hash {
                    ix.by_hash.insert(h, i);
                }
            }
            Some(_) => {
                ix.elsewhere_emails.insert(&r.email);
                if let Some(h) = &r.pnr_hash {
                    ix.elsewhere_hashes.insert(h);
                }
            }
            None => {
                ix.by_hand_by_email.insert(&r.email, i);
            }
        }
    }
    ix
}

/// Compares a delivery from `source` (`hr` or `school`) with the
/// member's register on `today` (Europe/Stockholm). `hashes[i]` is the
/// keyed hash of `delivered[i]`'s personnummer. A full delivery ends
/// everyone of the source it does not name.
pub fn compare(
    register: &[RegisterPerson],
    delivered: &[SourcePerson],
    hashes: &[Option<String>],
    source: &str,
    full: bool,
    today: Date,
) -> Comparison {
    let ix = index(register, source);
    let mut seen = vec![false; register.len()];
    let mut out = Comparison::default();
    for (d, person) in delivered.iter().enumerate() {
        let hash = hashes.get(d).and_then(|h| h.as_deref());
        let found = ix
            .by_key
            .get(person.key.as_str())
            .or_else(|| hash.and_then(|h| ix.by_hash.get(h)))
            .copied();
        let past_end = person.facts.ends_on.is_some_and(|end| end < today);
        let Some(r) = found else {
            if ix.elsewhere_emails.contains(person.email.as_str())
                || hash.is_some_and(|h| ix.elsewhere_hashes.contains(h))
            {
                out.held_elsewhere.push(d);
            } else if past_end {
                out.unchanged += 1;
            } else {
                let existing = ix
                    .by_hand_by_email
                    .get(person.email.as_str())
                    .map(|&i| register[i].id);
                out.joiners.push(Joiner {
                    delivered: d,
                    existing,
                });
            }
            continue;
        };
        seen[r] = true;
        let known = &register[r];
        let changes = changes_between(known, person);
        if past_end {
            match (known.ended, person.facts.ends_on) {
                (false, Some(end)) => out.leavers.push(Leaver {
                    person: known.id,
                    reason: LeaveReason::EndDate(end),
                    delivered: Some(d),
                    changes,
                }),
                _ if changes.is_empty() => out.unchanged += 1,
                _ => out.updates.push(Changed {
                    person: known.id,
                    delivered: d,
                    changes,
                }),
            }
        } else if known.ended {
            out.joiners.push(Joiner {
                delivered: d,
                existing: Some(known.id),
            });
        } else if changes
            .iter()
            .any(|c| Facts::MOVE_FIELDS.contains(&c.field.as_str()))
        {
            out.movers.push(Changed {
                person: known.id,
                delivered: d,
                changes,
            });
        } else if changes.is_empty() {
            out.unchanged += 1;
        } else {
            out.updates.push(Changed {
                person: known.id,
                delivered: d,
                changes,
            });
        }
    }
    if full {
        for (r, known) in register.iter().enumerate() {
            if !seen[r] && !known.ended && known.source.as_deref() == Some(source) {
                out.leavers.push(Leaver {
                    person: known.id,
                    reason: LeaveReason::Missing,
                    delivered: None,
                    changes: Vec::new(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
