//! Hand-worked availability: Kontorstid in the week of Monday 1 March 2027
//! (Mon-Thu 7 h 45, Fri 6 h 15: 37 h 15 = 134 100 open seconds) with
//! overlapping, duplicate, night and weekend outages, an open outage, and
//! 24/7 days including the 23-hour day daylight saving time starts on.

use super::availability::{DownStretch, availability};
use crate::calendar::test_support::{always, local, office};
use jiff::{SignedDuration, Timestamp};

fn day(d: i8, h: i8, m: i8) -> Timestamp {
    local(2027, 3, d, h, m)
}

fn week() -> (Timestamp, Timestamp) {
    (day(1, 0, 0), day(8, 0, 0))
}

#[test]
fn overlapping_outages_count_once_and_closed_hours_not_at_all() {
    let (from, to) = week();
    let outages = [
        (day(1, 10, 0), Some(day(1, 11, 0))),
        (day(1, 10, 30), Some(day(1, 12, 30))),
        (day(2, 18, 0), Some(day(3, 9, 0))),
        (day(6, 10, 0), Some(day(6, 14, 0))),
        (day(1, 10, 0), Some(day(1, 11, 0))),
    ];
    let a = availability(&office(), from, to, &outages);
    assert_eq!(a.open_seconds, 134_100);
    // Mon 10:00-12:30 is open 10:00-12:00 (lunch from 12:00): 7200 s; Tue
    // 18:00-Wed 09:00 is open Wed 08:00-09:00: 3600 s; Saturday: nothing.
    assert_eq!(a.down_seconds, 10_800);
    // 123 300 / 134 100 = 91.946 %: 9194 bp, rounded down.
    assert_eq!(a.availability_bp, Some(9194));
    assert_eq!(
        a.counted_outages,
        vec![
            DownStretch {
                from: day(1, 10, 0),
                to: day(1, 12, 30),
                down_seconds: 7200,
                outages: vec![0, 1, 4],
            },
            DownStretch {
                from: day(2, 18, 0),
                to: day(3, 9, 0),
                down_seconds: 3600,
                outages: vec![2],
            },
            DownStretch {
                from: day(6, 10, 0),
                to: day(6, 14, 0),
                down_seconds: 0,
                outages: vec![3],
            },
        ]
    );
}

#[test]
fn an_open_outage_lasts_to_the_end_and_early_ones_are_clipped() {
    let (from, to) = week();
    let outages = [
        (day(5, 14, 0), None),
        (local(2027, 2, 28, 20, 0), Some(day(1, 8, 30))),
        (day(2, 11, 0), Some(day(2, 10, 0))),
        (local(2027, 2, 20, 8, 0), Some(local(2027, 2, 21, 8, 0))),
    ];
    let a = availability(&office(), from, to, &outages);
    // Fri 14:00-15:00 and Mon 08:00-08:30: 5400 s; the reversed and the
    // February outage are empty inside the week.
    assert_eq!(a.down_seconds, 5400);
    // 128 700 / 134 100 = 95.973 %: 9597 bp.
    assert_eq!(a.availability_bp, Some(9597));
    let spans: Vec<(Timestamp, Timestamp, Vec<usize>)> = a
        .counted_outages
        .iter()
        .map(|s| (s.from, s.to, s.outages.clone()))
        .collect();
    assert_eq!(
        spans,
        vec![(from, day(1, 8, 30), vec![1]), (day(5, 14, 0), to, vec![0])]
    );
}

#[test]
fn availability_is_rounded_down_on_a_24_7_day() {
    let (from, to) = (day(2, 0, 0), day(3, 0, 0));
    let at = |seconds: i64| from + SignedDuration::from_secs(seconds);
    let always = always();
    // 864 s of 86 400 is exactly 1 %.
    let a = availability(&always, from, to, &[(at(0), Some(at(864)))]);
    assert_eq!(
        (a.open_seconds, a.down_seconds, a.availability_bp),
        (86_400, 864, Some(9900))
    );
    // One second more: 98.998 %, shown 98.99 %.
    let a = availability(&always, from, to, &[(at(0), Some(at(865)))]);
    assert_eq!(a.availability_bp, Some(9899));
    // Touching outages merge into one stretch.
    let a = availability(
        &always,
        from,
        to,
        &[(at(432), Some(at(864))), (at(0), Some(at(432)))],
    );
    assert_eq!((a.down_seconds, a.counted_outages.len()), (864, 1));
    assert_eq!(a.counted_outages[0].outages, vec![0, 1]);
    // Sub-second parts are cut: [0.5 s, 864.9 s) counts as [0, 864).
    let a = availability(
        &always,
        from,
        to,
        &[(
            at(0) + SignedDuration::from_millis(500),
            Some(at(864) + SignedDuration::from_millis(900)),
        )],
    );
    assert_eq!(a.down_seconds, 864);
    // No outages: 100 %.
    assert_eq!(
        availability(&always, from, to, &[]).availability_bp,
        Some(10_000)
    );
}

#[test]
fn the_day_daylight_saving_starts_has_23_open_hours() {
    let (from, to) = (day(28, 0, 0), day(29, 0, 0));
    let a = availability(&always(), from, to, &[(from, None)]);
    assert_eq!(
        (a.open_seconds, a.down_seconds, a.availability_bp),
        (82_800, 82_800, Some(0))
    );
}

#[test]
fn a_period_without_open_time_has_no_availability() {
    // Saturday and Sunday on Kontorstid.
    let (from, to) = (day(6, 0, 0), day(8, 0, 0));
    let a = availability(&office(), from, to, &[(day(6, 9, 0), None)]);
    assert_eq!(
        (a.open_seconds, a.down_seconds, a.availability_bp),
        (0, 0, None)
    );
    let empty = availability(&office(), to, from, &[]);
    assert_eq!((empty.open_seconds, empty.availability_bp), (0, None));
    assert!(empty.counted_outages.is_empty());
}
