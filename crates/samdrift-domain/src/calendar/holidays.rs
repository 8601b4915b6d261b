//! Swedish holidays computed by rule: the public holidays (allmän helgdag)
//! of the Act on public holidays and the de facto holidays that workplaces
//! close for (Midsommarafton, Julafton, Nyårsafton).
//!
//! Supported years are 1900-2200 ([`FIRST_YEAR`]..=[`LAST_YEAR`]); outside
//! that range there are no holidays. Today's rules are applied to every
//! year, on purpose: a calendar must give the same answer for any period it
//! is asked about, and service-level agreements are never back-dated to
//! years whose holiday law differed (Trettondedag jul and Annandag pingst
//! before 2005, the fixed Midsommardagen before 1953, Sveriges nationaldag
//! only from 2005). Annandag pingst is therefore never a holiday.

use jiff::civil::{Date, Weekday};
use serde::Serialize;

/// The first year holidays are computed for.
pub const FIRST_YEAR: i16 = 1900;
/// The last year holidays are computed for.
pub const LAST_YEAR: i16 = 2200;

/// Whether a holiday is one by law or one that workplaces keep by custom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// Allmän helgdag: a public holiday by law.
    Public,
    /// A day that is not a holiday by law but on which offices close
    /// (Midsommarafton, Julafton, Nyårsafton).
    DeFacto,
}

/// One holiday on one date, with its Swedish name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Holiday {
    pub date: Date,
    pub name: &'static str,
    pub kind: HolidayKind,
}

/// The Gregorian Easter Sunday (Påskdagen) of `year`, by the anonymous
/// Gregorian computus (valid for every Gregorian year).
pub fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let golden = y % 19;
    let century = y / 100;
    let year_of_century = y % 100;
    let leap_centuries = century / 4;
    let century_rest = century % 4;
    let lunar_correction = (century + 8) / 25;
    let solar_correction = (century - lunar_correction + 1) / 3;
    let epact = (19 * golden + century - leap_centuries - solar_correction + 15).rem_euclid(30);
    let weekday_shift =
        (32 + 2 * century_rest + 2 * (year_of_century / 4) - epact - year_of_century % 4)
            .rem_euclid(7);
    let correction = (golden + 11 * epact + 22 * weekday_shift) / 451;
    let n = epact + weekday_shift - 7 * correction + 114;
    let month = i8::try_from(n / 31).ok()?;
    let day = i8::try_from(n % 31 + 1).ok()?;
    Date::new(year, month, day).ok()
}

/// Every Swedish holiday of `year`, public and de facto, sorted by date.
/// Empty outside 1900-2200.
pub fn swedish_holidays(year: i16) -> Vec<Holiday> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    let mut days = Vec::with_capacity(16);
    let mut add = |date: Option<Date>, name: &'static str, kind: HolidayKind| {
        if let Some(date) = date {
            days.push(Holiday { date, name, kind });
        }
    };
    let fixed = |month: i8, day: i8| Date::new(year, month, day).ok();
    let easter = easter_sunday(year);
    let from_easter = |days: i64| easter.and_then(|e| shift(e, days));
    let midsummer_day = first_saturday_from(fixed(6, 20));
    use HolidayKind::{DeFacto, Public};
    add(fixed(1, 1), "Nyårsdagen", Public);
    add(fixed(1, 6), "Trettondedag jul", Public);
    add(from_easter(-2), "Långfredagen", Public);
    add(easter, "Påskdagen", Public);
    add(from_easter(1), "Annandag påsk", Public);
    add(fixed(5, 1), "Första maj", Public);
    add(from_easter(39), "Kristi himmelsfärdsdag", Public);
    add(fixed(6, 6), "Sveriges nationaldag", Public);
    add(from_easter(49), "Pingstdagen", Public);
    add(
        midsummer_day.and_then(|d| shift(d, -1)),
        "Midsommarafton",
        DeFacto,
    );
    add(midsummer_day, "Midsommardagen", Public);
    add(
        first_saturday_from(fixed(10, 31)),
        "Alla helgons dag",
        Public,
    );
    add(fixed(12, 24), "Julafton", DeFacto);
    add(fixed(12, 25), "Juldagen", Public);
    add(fixed(12, 26), "Annandag jul", Public);
    add(fixed(12, 31), "Nyårsafton", DeFacto);
    // Two holidays can share a date (Kristi himmelsfärdsdag on Första maj,
    // Pingstdagen on Sveriges nationaldag); the stable sort keeps both, in
    // the order above.
    days.sort_by_key(|h| h.date);
    days
}

/// The holiday on `date`, if any. When two holidays share a date (Första maj
/// and Kristi himmelsfärdsdag in 2008; Sveriges nationaldag and Pingstdagen
/// in 2049), the fixed-date one is returned.
pub fn swedish_holiday(date: Date) -> Option<Holiday> {
    if !could_be_holiday(date) {
        return None;
    }
    swedish_holidays(date.year())
        .into_iter()
        .find(|h| h.date == date)
}

/// A cheap filter so a day-by-day walk does not compute Easter for every day.
fn could_be_holiday(date: Date) -> bool {
    match date.month() {
        1 => matches!(date.day(), 1 | 6),
        3..=6 => true,
        10 => date.day() == 31,
        11 => date.day() <= 6,
        12 => matches!(date.day(), 24..=26 | 31),
        _ => false,
    }
}

fn shift(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::Span::new().days(days)).ok()
}

/// The first Saturday on or after `start` (the Saturday of its 7-day window).
fn first_saturday_from(start: Option<Date>) -> Option<Date> {
    let start = start?;
    let ahead = (Weekday::Saturday.to_monday_zero_offset()
        - start.weekday().to_monday_zero_offset())
    .rem_euclid(7);
    shift(start, i64::from(ahead))
}
