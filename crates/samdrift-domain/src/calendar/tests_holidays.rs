//! Swedish holidays: a hand-worked table for 2024-2028 and properties of
//! the rules over every supported year.

use super::holidays::{
    FIRST_YEAR, HolidayKind, LAST_YEAR, easter_sunday, swedish_holiday, swedish_holidays,
};
use jiff::civil::{Date, Weekday, date};
use proptest::prelude::*;

/// Moveable days worked out by hand from Easter (E): Långfredagen E-2,
/// Annandag påsk E+1, Kristi himmelsfärd E+39, Pingst E+49; Midsommardagen
/// and Alla helgons dag from the weekday of 20 June and 31 October.
/// (year, Långfredagen, Påskdagen, Annandag påsk, Kristi himmelsfärd,
/// Pingstdagen, Midsommarafton, Midsommardagen, Alla helgons dag)
const MOVEABLE: [(i16, [(i8, i8); 8]); 5] = [
    (
        2024,
        [
            (3, 29),
            (3, 31),
            (4, 1),
            (5, 9),
            (5, 19),
            (6, 21),
            (6, 22),
            (11, 2),
        ],
    ),
    (
        2025,
        [
            (4, 18),
            (4, 20),
            (4, 21),
            (5, 29),
            (6, 8),
            (6, 20),
            (6, 21),
            (11, 1),
        ],
    ),
    (
        2026,
        [
            (4, 3),
            (4, 5),
            (4, 6),
            (5, 14),
            (5, 24),
            (6, 19),
            (6, 20),
            (10, 31),
        ],
    ),
    (
        2027,
        [
            (3, 26),
            (3, 28),
            (3, 29),
            (5, 6),
            (5, 16),
            (6, 25),
            (6, 26),
            (11, 6),
        ],
    ),
    (
        2028,
        [
            (4, 14),
            (4, 16),
            (4, 17),
            (5, 25),
            (6, 4),
            (6, 23),
            (6, 24),
            (11, 4),
        ],
    ),
];

const MOVEABLE_NAMES: [&str; 8] = [
    "Långfredagen",
    "Påskdagen",
    "Annandag påsk",
    "Kristi himmelsfärdsdag",
    "Pingstdagen",
    "Midsommarafton",
    "Midsommardagen",
    "Alla helgons dag",
];

const FIXED: [((i8, i8), &str); 8] = [
    ((1, 1), "Nyårsdagen"),
    ((1, 6), "Trettondedag jul"),
    ((5, 1), "Första maj"),
    ((6, 6), "Sveriges nationaldag"),
    ((12, 24), "Julafton"),
    ((12, 25), "Juldagen"),
    ((12, 26), "Annandag jul"),
    ((12, 31), "Nyårsafton"),
];

fn named(year: i16, name: &str) -> Date {
    swedish_holidays(year)
        .into_iter()
        .find(|h| h.name == name)
        .map(|h| h.date)
        .unwrap_or_else(|| panic!("{name} missing in {year}"))
}

#[test]
fn hand_worked_table_2024_to_2028() {
    for (year, days) in MOVEABLE {
        for ((month, day), name) in days.iter().zip(MOVEABLE_NAMES) {
            assert_eq!(named(year, name), date(year, *month, *day), "{name} {year}");
        }
        for ((month, day), name) in FIXED {
            assert_eq!(named(year, name), date(year, month, day), "{name} {year}");
        }
        assert_eq!(swedish_holidays(year).len(), 16, "{year}");
    }
}

#[test]
fn lookup_by_date_names_the_day_and_its_kind() {
    let midsummer_eve = swedish_holiday(date(2026, 6, 19)).unwrap();
    assert_eq!(midsummer_eve.name, "Midsommarafton");
    assert_eq!(midsummer_eve.kind, HolidayKind::DeFacto);
    let christmas = swedish_holiday(date(2026, 12, 25)).unwrap();
    assert_eq!(
        (christmas.name, christmas.kind),
        ("Juldagen", HolidayKind::Public)
    );
    assert_eq!(swedish_holiday(date(2026, 6, 22)), None);
    assert_eq!(swedish_holiday(date(2026, 4, 7)), None);
    // Two holidays on one date: the fixed-date one is returned.
    assert_eq!(
        swedish_holiday(date(2008, 5, 1)).unwrap().name,
        "Första maj"
    );
    assert_eq!(
        swedish_holiday(date(2049, 6, 6)).unwrap().name,
        "Sveriges nationaldag"
    );
    assert_eq!(named(2049, "Pingstdagen"), date(2049, 6, 6));
}

#[test]
fn no_holidays_outside_the_supported_years() {
    assert!(swedish_holidays(FIRST_YEAR - 1).is_empty());
    assert!(swedish_holidays(LAST_YEAR + 1).is_empty());
    assert_eq!(swedish_holidays(FIRST_YEAR).len(), 16);
    assert_eq!(swedish_holidays(LAST_YEAR).len(), 16);
    assert_eq!(swedish_holiday(date(2201, 12, 25)), None);
}

#[test]
fn easter_in_known_years() {
    // Extremes of the range 22 March - 25 April within 1900-2200.
    assert_eq!(easter_sunday(2008), Some(date(2008, 3, 23)));
    assert_eq!(easter_sunday(1943), Some(date(1943, 4, 25)));
    assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
    assert_eq!(easter_sunday(2000), Some(date(2000, 4, 23)));
}

fn add(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap()
}

fn check_rules(year: i16) -> Result<(), TestCaseError> {
    let all = swedish_holidays(year);
    let public = all.iter().filter(|h| h.kind == HolidayKind::Public).count();
    prop_assert_eq!((public, all.len() - public), (13, 3));
    prop_assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
    prop_assert!(all.iter().all(|h| h.date.year() == year));

    let easter = named(year, "Påskdagen");
    prop_assert_eq!(easter.weekday(), Weekday::Sunday);
    prop_assert!(easter >= date(year, 3, 22) && easter <= date(year, 4, 25));
    let good_friday = named(year, "Långfredagen");
    prop_assert_eq!(
        (good_friday.weekday(), add(good_friday, 2)),
        (Weekday::Friday, easter)
    );
    prop_assert_eq!(named(year, "Annandag påsk"), add(easter, 1));
    let ascension = named(year, "Kristi himmelsfärdsdag");
    prop_assert_eq!(
        (ascension.weekday(), ascension),
        (Weekday::Thursday, add(easter, 39))
    );
    let pentecost = named(year, "Pingstdagen");
    prop_assert_eq!(
        (pentecost.weekday(), pentecost),
        (Weekday::Sunday, add(easter, 49))
    );

    let midsummer = named(year, "Midsommardagen");
    prop_assert_eq!(midsummer.weekday(), Weekday::Saturday);
    prop_assert!(midsummer >= date(year, 6, 20) && midsummer <= date(year, 6, 26));
    let eve = named(year, "Midsommarafton");
    prop_assert_eq!((eve.weekday(), add(eve, 1)), (Weekday::Friday, midsummer));
    let all_saints = named(year, "Alla helgons dag");
    prop_assert_eq!(all_saints.weekday(), Weekday::Saturday);
    prop_assert!(all_saints >= date(year, 10, 31) && all_saints <= date(year, 11, 6));

    for holiday in &all {
        prop_assert!(swedish_holiday(holiday.date).is_some(), "{:?}", holiday);
    }
    Ok(())
}

#[test]
fn rules_hold_in_every_supported_year() {
    for year in FIRST_YEAR..=LAST_YEAR {
        check_rules(year).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rules_hold_in_any_year(year in FIRST_YEAR..=LAST_YEAR) {
        check_rules(year)?;
    }
}

/// Gauss's Easter formula with its two Gregorian exceptions: a second,
/// independent computus to check the first against.
fn gauss_easter(year: i16) -> Date {
    let y = i32::from(year);
    let k = y / 100;
    let p = (13 + 8 * k) / 25;
    let q = k / 4;
    let m = (15 + k - p - q).rem_euclid(30);
    let n = (4 + k - q).rem_euclid(7);
    let d = (19 * (y % 19) + m) % 30;
    let e = (2 * (y % 4) + 4 * (y % 7) + 6 * d + n) % 7;
    let march_day = 22 + d + e;
    let (month, day) = match (d, e) {
        (29, 6) => (4, 19),
        (28, 6) if (11 * m + 11) % 30 < 19 => (4, 18),
        _ if march_day <= 31 => (3, march_day),
        _ => (4, march_day - 31),
    };
    date(year, month, i8::try_from(day).unwrap())
}

#[test]
fn computus_agrees_with_gauss_in_every_supported_year() {
    for year in FIRST_YEAR..=LAST_YEAR {
        assert_eq!(easter_sunday(year), Some(gauss_easter(year)), "{year}");
    }
}
