//! The consolidation plan: each member's steps towards the common
//! standard, each with a due day and, once taken, the day it was done,
//! and the progress the steering group follows month by month.
//!
//! Rules where there was a choice:
//!
//! - A step is overdue on a day when its due day has passed (due before
//!   that day) and it was not done on or before that day. A step done
//!   late counts as done from the day it was done; it is not overdue
//!   after that.
//! - A step due on a day is not yet overdue on that day.
//! - Progress at a month end counts the steps done on or before it, due on
//!   or before it, and overdue at it; `planned` is every step in the plan,
//!   whatever its due day.
//! - Progress lists only owners with steps, owners sorted, and each
//!   owner's month ends in the order given.

use crate::ids::MemberId;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// One step of a member's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanEntry {
    pub owner: MemberId,
    pub due: Date,
    pub done_on: Option<Date>,
}

impl PlanEntry {
    /// Whether the step was done on or before `day`.
    pub fn is_done_by(&self, day: Date) -> bool {
        self.done_on.is_some_and(|done| done <= day)
    }

    /// Not done by `today` and due before it.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.due < today && !self.is_done_by(today)
    }
}

/// A member's plan as it stood at a month end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub owner: MemberId,
    pub month_end: Date,
    /// Steps in the plan.
    pub planned: u64,
    /// Steps done on or before the month end.
    pub done: u64,
    /// Steps due on or before the month end.
    pub due: u64,
    /// Steps due before the month end and not done by it.
    pub overdue: u64,
}

/// Each owner's progress (owners sorted) at each month end (in the order
/// given); owners without steps are left out.
pub fn progress(entries: &[PlanEntry], month_ends: &[Date]) -> Vec<Progress> {
    let mut by_owner: BTreeMap<MemberId, Vec<&PlanEntry>> = BTreeMap::new();
    for entry in entries {
        by_owner.entry(entry.owner).or_default().push(entry);
    }
    let mut out = Vec::with_capacity(by_owner.len() * month_ends.len());
    for (owner, steps) in &by_owner {
        for &month_end in month_ends {
            out.push(at_month_end(*owner, steps, month_end));
        }
    }
    out
}

fn at_month_end(owner: MemberId, steps: &[&PlanEntry], month_end: Date) -> Progress {
    let count = |keep: &dyn Fn(&PlanEntry) -> bool| -> u64 {
        steps.iter().filter(|s| keep(s)).count() as u64
    };
    Progress {
        owner,
        month_end,
        planned: steps.len() as u64,
        done: count(&|s| s.is_done_by(month_end)),
        due: count(&|s| s.due <= month_end),
        overdue: count(&|s| s.is_overdue(month_end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn member(n: u128) -> MemberId {
        MemberId(Uuid::from_u128(n))
    }

    #[test]
    fn overdue_until_done_and_never_on_the_due_day() {
        let step = PlanEntry {
            owner: member(1),
            due: date(2025, 3, 31),
            done_on: Some(date(2025, 5, 10)),
        };
        assert!(
            !step.is_overdue(date(2025, 3, 31)),
            "due today is not overdue yet"
        );
        assert!(step.is_overdue(date(2025, 4, 1)));
        assert!(step.is_overdue(date(2025, 5, 9)));
        assert!(
            !step.is_overdue(date(2025, 5, 10)),
            "done late counts as done"
        );
        let open = PlanEntry {
            done_on: None,
            ..step
        };
        assert!(open.is_overdue(date(2030, 1, 1)));
        let early = PlanEntry {
            done_on: Some(date(2025, 1, 2)),
            ..step
        };
        assert!(!early.is_overdue(date(2025, 4, 1)));
    }

    /// One step done early, one done late, one never done, over the month
    /// ends of March, April and May.
    #[test]
    fn three_steps_over_three_month_ends() {
        let (a, b) = (member(1), member(2));
        let entries = [
            PlanEntry {
                owner: b,
                due: date(2025, 6, 30),
                done_on: None,
            },
            PlanEntry {
                owner: a,
                due: date(2025, 4, 30),
                done_on: Some(date(2025, 3, 15)),
            },
            PlanEntry {
                owner: a,
                due: date(2025, 3, 31),
                done_on: Some(date(2025, 5, 20)),
            },
            PlanEntry {
                owner: a,
                due: date(2025, 4, 15),
                done_on: None,
            },
        ];
        let ends = [date(2025, 3, 31), date(2025, 4, 30), date(2025, 5, 31)];
        let view: Vec<_> = progress(&entries, &ends)
            .iter()
            .map(|p| (p.owner, p.month_end, p.planned, p.done, p.due, p.overdue))
            .collect();
        assert_eq!(
            view,
            vec![
                // March: the early one done; the late one due today, not yet overdue.
                (a, ends[0], 3, 1, 1, 0),
                // April: the late one and the open one overdue.
                (a, ends[1], 3, 1, 3, 2),
                // May: the late one done; only the open one overdue.
                (a, ends[2], 3, 2, 3, 1),
                (b, ends[0], 1, 0, 0, 0),
                (b, ends[1], 1, 0, 0, 0),
                (b, ends[2], 1, 0, 0, 0),
            ]
        );
    }

    #[test]
    fn no_steps_no_progress() {
        assert!(progress(&[], &[date(2025, 1, 31)]).is_empty());
        let one = [PlanEntry {
            owner: member(1),
            due: date(2025, 1, 1),
            done_on: None,
        }];
        assert!(progress(&one, &[]).is_empty());
    }

    fn day(offset: i16) -> Date {
        date(2025, 1, 1)
            .checked_add(jiff::Span::new().days(offset))
            .unwrap()
    }

    fn entries() -> impl Strategy<Value = Vec<PlanEntry>> {
        let one =
            (0u8..4, 0i16..200, proptest::option::of(0i16..200)).prop_map(|(o, due, done)| {
                PlanEntry {
                    owner: member(o.into()),
                    due: day(due),
                    done_on: done.map(day),
                }
            });
        proptest::collection::vec(one, 0..30)
    }

    proptest! {
        #[test]
        fn counts_stay_in_bounds_and_done_only_grows(
            entries in entries(),
            mut ends in proptest::collection::vec(0i16..220, 1..8),
        ) {
            ends.sort();
            let ends: Vec<Date> = ends.into_iter().map(day).collect();
            let all = progress(&entries, &ends);
            let owners: std::collections::BTreeSet<MemberId> = entries.iter().map(|e| e.owner).collect();
            prop_assert_eq!(all.len(), owners.len() * ends.len());
            for p in &all {
                prop_assert!(p.done <= p.planned);
                prop_assert!(p.due <= p.planned);
                prop_assert!(p.overdue <= p.due);
                prop_assert!(p.overdue + p.done <= p.planned);
            }
            for row in all.chunks(ends.len()) {
                prop_assert!(row.iter().all(|p| p.owner == row[0].owner));
                for w in row.windows(2) {
                    prop_assert!(w[0].done <= w[1].done);
                    prop_assert!(w[0].due <= w[1].due);
                }
            }
            prop_assert!(all.windows(2).all(|w| w[0].owner <= w[1].owner));
            prop_assert_eq!(all.iter().map(|p| p.planned).sum::<u64>(), entries.len() as u64 * ends.len() as u64);
        }
    }
}
