use super::order::*;
use jiff::civil::{Date, date};
use uuid::Uuid;

fn period(n: u128, quantity: i64, from: Date, to: Option<Date>) -> Period {
    Period {
        id: Uuid::from_u128(n),
        quantity,
        starts_on: from,
        ends_on: to,
    }
}

#[test]
fn adding_mid_month_splits_the_running_period() {
    let running = period(1, 400, date(2026, 1, 1), None);
    let p = plan(&[running], 50, date(2027, 3, 15)).unwrap();
    assert_eq!(p.end, vec![(Uuid::from_u128(1), date(2027, 3, 14))]);
    assert_eq!(p.insert, vec![(450, date(2027, 3, 15), None)]);
    assert!(p.requantify.is_empty() && p.remove.is_empty());
}

#[test]
fn a_first_order_starts_an_open_ended_period() {
    let p = plan(&[], 50, date(2027, 3, 15)).unwrap();
    assert_eq!(p.insert, vec![(50, date(2027, 3, 15), None)]);
    assert!(p.end.is_empty());
}

#[test]
fn ending_a_subscription_ends_the_period_the_day_before() {
    let running = period(1, 400, date(2026, 1, 1), None);
    let p = plan(&[running], -400, date(2027, 7, 1)).unwrap();
    assert_eq!(p.end, vec![(Uuid::from_u128(1), date(2027, 6, 30))]);
    assert!(p.insert.is_empty());
}

#[test]
fn a_change_reaches_later_periods_too() {
    let now = period(1, 10, date(2027, 1, 1), Some(date(2027, 5, 31)));
    let later = period(2, 20, date(2027, 6, 1), None);
    let p = plan(&[now, later], 5, date(2027, 3, 1)).unwrap();
    assert_eq!(p.end, vec![(Uuid::from_u128(1), date(2027, 2, 28))]);
    assert_eq!(
        p.insert,
        vec![(15, date(2027, 3, 1), Some(date(2027, 5, 31)))]
    );
    assert_eq!(p.requantify, vec![(Uuid::from_u128(2), 25)]);
}

#[test]
fn an_addition_fills_the_gap_before_a_later_period() {
    let later = period(2, 20, date(2027, 6, 1), None);
    let p = plan(&[later], 5, date(2027, 3, 15)).unwrap();
    assert_eq!(p.requantify, vec![(Uuid::from_u128(2), 25)]);
    assert_eq!(
        p.insert,
        vec![(5, date(2027, 3, 15), Some(date(2027, 5, 31)))]
    );
}

#[test]
fn a_period_starting_on_the_day_changes_in_place_or_goes() {
    let same_day = period(3, 10, date(2027, 3, 15), None);
    assert_eq!(
        plan(&[same_day], 5, date(2027, 3, 15)).unwrap().requantify,
        vec![(Uuid::from_u128(3), 15)]
    );
    assert_eq!(
        plan(&[same_day], -10, date(2027, 3, 15)).unwrap().remove,
        vec![Uuid::from_u128(3)]
    );
}

#[test]
fn refuses_what_cannot_be() {
    let running = period(1, 10, date(2027, 1, 1), None);
    assert_eq!(
        plan(&[running], 0, date(2027, 3, 1)),
        Err(OrderError::NoChange)
    );
    assert!(matches!(
        plan(&[running], -11, date(2027, 3, 1)),
        Err(OrderError::BelowZero { quantity: 10, .. })
    ));
    assert_eq!(
        plan(&[], -1, date(2027, 3, 1)),
        Err(OrderError::NothingToReduce)
    );
    let ended = period(1, 10, date(2026, 1, 1), Some(date(2026, 12, 31)));
    assert_eq!(
        plan(&[ended], -1, date(2027, 3, 1)),
        Err(OrderError::NothingToReduce)
    );
}

#[test]
fn large_changes_need_confirmation_either_way() {
    assert!(needs_confirmation(10_000_000, 10_000_000));
    assert!(needs_confirmation(-10_000_000, 10_000_000));
    assert!(!needs_confirmation(9_999_999, 10_000_000));
    assert!(!needs_confirmation(i64::MAX, 0));
}

mod properties {
    use super::super::order::*;
    use jiff::civil::{Date, date};
    use proptest::prelude::*;
    use uuid::Uuid;

    /// The quantity subscribed on `day`.
    fn quantity_on(periods: &[Period], day: Date) -> i64 {
        periods
            .iter()
            .filter(|p| p.starts_on <= day && p.ends_on.is_none_or(|e| day <= e))
            .map(|p| p.quantity)
            .sum()
    }

    /// The periods after carrying out `plan`.
    fn apply(periods: &[Period], plan: &Plan) -> Vec<Period> {
        let mut out: Vec<Period> = periods
            .iter()
            .filter(|p| !plan.remove.contains(&p.id))
            .map(|p| {
                let mut p = *p;
                if let Some((_, end)) = plan.end.iter().find(|(id, _)| *id == p.id) {
                    p.ends_on = Some(*end);
                }
                if let Some((_, q)) = plan.requantify.iter().find(|(id, _)| *id == p.id) {
                    p.quantity = *q;
                }
                p
            })
            .collect();
        for (i, (q, from, to)) in plan.insert.iter().enumerate() {
            out.push(Period {
                id: Uuid::from_u128(1000 + i as u128),
                quantity: *q,
                starts_on: *from,
                ends_on: *to,
            });
        }
        out
    }

    fn day(n: i64) -> Date {
        date(2027, 1, 1)
            .checked_add(jiff::Span::new().days(n))
            .unwrap_or(date(2027, 1, 1))
    }

    /// Non-overlapping periods: consecutive runs with gaps, the last maybe open.
    fn periods() -> impl Strategy<Value = Vec<Period>> {
        proptest::collection::vec((0i64..40, 1i64..60, 0i64..500), 0..4).prop_map(|runs| {
            let mut out = Vec::new();
            let mut cursor = 0;
            let n = runs.len();
            for (i, (gap, len, quantity)) in runs.into_iter().enumerate() {
                let start = cursor + gap;
                let end = start + len - 1;
                out.push(Period {
                    id: Uuid::from_u128(i as u128 + 1),
                    quantity,
                    starts_on: day(start),
                    ends_on: if i + 1 == n { None } else { Some(day(end)) },
                });
                cursor = end + 1;
            }
            out
        })
    }

    proptest! {
        #[test]
        fn an_applied_order_changes_exactly_the_days_from_its_first_day(
            periods in periods(),
            delta in -300i64..300,
            on in 0i64..250,
        ) {
            let on_day = day(on);
            match plan(&periods, delta, on_day) {
                Ok(p) => {
                    let after = apply(&periods, &p);
                    for d in 0..300 {
                        let before_q = quantity_on(&periods, day(d));
                        let after_q = quantity_on(&after, day(d));
                        let covered = periods.iter().any(|x| x.starts_on <= day(d) && x.ends_on.is_none_or(|e| day(d) <= e));
                        if d < on {
                            prop_assert_eq!(after_q, before_q, "day {} before the order changed", d);
                        } else if delta < 0 && !covered {
                            prop_assert_eq!(after_q, 0, "day {}: nothing subscribed stays so", d);
                        } else {
                            prop_assert_eq!(after_q, before_q + delta, "day {}", d);
                        }
                        prop_assert!(after_q >= 0);
                    }
                    // Still no two periods on the same day.
                    for d in 0..300 {
                        let covering = after
                            .iter()
                            .filter(|x| x.starts_on <= day(d) && x.ends_on.is_none_or(|e| day(d) <= e))
                            .count();
                        prop_assert!(covering <= 1, "day {} covered twice", d);
                    }
                }
                Err(OrderError::NoChange) => prop_assert_eq!(delta, 0),
                Err(OrderError::BelowZero { .. }) => {
                    let lowest = periods
                        .iter()
                        .filter(|x| x.ends_on.is_none_or(|e| e >= on_day))
                        .map(|x| x.quantity)
                        .min()
                        .unwrap_or(0);
                    prop_assert!(lowest + delta < 0);
                }
                Err(OrderError::NothingToReduce) => {
                    prop_assert!(delta < 0);
                    prop_assert!((on..300).all(|d| quantity_on(&periods, day(d)) == 0)
                        || periods.iter().all(|p| p.ends_on.is_some_and(|e| e < on_day)));
                }
            }
        }
    }
}
