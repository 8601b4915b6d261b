#![allow(clippy::unwrap_used)]

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
