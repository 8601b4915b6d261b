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

#[test]
fn five_orders_just_under_the_threshold_wait_from_the_one_that_crosses_it() {
    let threshold = 10_000_000;
    let each = 9_972_000;
    assert_eq!(
        confirmation(each, &[], threshold),
        None,
        "the first applies"
    );
    let hold = confirmation(each, &[each], threshold).unwrap();
    assert_eq!(
        hold,
        Hold {
            others: 1,
            total_ore: 2 * each,
            threshold_ore: threshold
        }
    );
    let fifth = confirmation(each, &[each; 4], threshold).unwrap();
    assert_eq!((fifth.others, fifth.total_ore), (4, 49_860_000));
    assert_eq!(fifth.message().code, "order.hold.combined");
}

#[test]
fn small_orders_apply_until_together_they_reach_the_threshold() {
    let threshold = 10_000_000;
    assert_eq!(confirmation(2_000_000, &[2_000_000; 3], threshold), None);
    let hold = confirmation(2_000_000, &[2_000_000; 4], threshold).unwrap();
    assert_eq!((hold.others, hold.total_ore), (4, 10_000_000));
}

#[test]
fn a_decrease_does_not_offset_increases() {
    let threshold = 10_000_000;
    let hold = confirmation(6_000_000, &[-9_000_000, 5_000_000], threshold).unwrap();
    assert_eq!((hold.others, hold.total_ore), (1, 11_000_000));
    assert_eq!(
        confirmation(-6_000_000, &[9_000_000, -3_000_000], threshold),
        None,
        "increases do not add to a decrease either"
    );
    let hold = confirmation(-6_000_000, &[-5_000_000], threshold).unwrap();
    assert_eq!(hold.total_ore, -11_000_000, "split reductions wait too");
}

#[test]
fn a_large_order_waits_alone_and_no_threshold_means_no_wait() {
    let hold = confirmation(-12_000_000, &[], 10_000_000).unwrap();
    assert_eq!((hold.others, hold.total_ore), (0, -12_000_000));
    assert_eq!(hold.message().code, "order.hold.alone");
    assert_eq!(confirmation(i64::MAX, &[i64::MAX], 0), None);
    assert_eq!(
        confirmation(i64::MAX, &[i64::MAX], 1).map(|h| h.others),
        Some(0)
    );
    assert_eq!(
        confirmation(5, &[i64::MAX, i64::MAX], 10).map(|h| h.total_ore),
        Some(i64::MAX),
        "sums saturate"
    );
}

mod window {
    use super::super::order::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the order of the orders and however they are split,
        /// the ones that apply at once in a window add up to less than
        /// the threshold in each direction.
        #[test]
        fn orders_applied_at_once_in_a_window_stay_below_the_threshold(
            changes in proptest::collection::vec(-12_000_000i64..12_000_000, 0..40),
            threshold in 1i64..20_000_000,
        ) {
            let mut placed: Vec<i64> = Vec::new();
            let (mut up, mut down) = (0i64, 0i64);
            for change in changes {
                if confirmation(change, &placed, threshold).is_none() {
                    if change > 0 { up += change } else { down -= change }
                }
                placed.push(change);
            }
            prop_assert!(up < threshold, "{} applied at once upwards", up);
            prop_assert!(down < threshold, "{} applied at once downwards", down);
        }

        /// More earlier orders never let an order through that waited.
        #[test]
        fn more_orders_in_the_window_never_release_a_waiting_one(
            change in -12_000_000i64..12_000_000,
            earlier in proptest::collection::vec(-12_000_000i64..12_000_000, 0..10),
            extra in -12_000_000i64..12_000_000,
            threshold in 1i64..20_000_000,
        ) {
            let before = confirmation(change, &earlier, threshold);
            let mut more = earlier.clone();
            more.push(extra);
            let after = confirmation(change, &more, threshold);
            if before.is_some() {
                prop_assert!(after.is_some());
            }
        }
    }
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
