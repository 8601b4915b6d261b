//! Steering the federation: the goals and the figures they are measured
//! by (`measure`, `kpi`), the forums of the collaboration model and their
//! votes (`forum`, `vote`), and proposals on their way to a decision
//! (`proposal`). Pure rules; the use cases load and store.

pub mod forum;
pub mod kpi;
pub mod measure;
pub mod proposal;
pub mod vote;

use crate::messages::Message;
use crate::msg;

/// Checks a month written `YYYY-MM` and gives it back.
pub fn parse_month(text: &str) -> Result<jiff::civil::Date, Message> {
    let bad = || msg!("field.month");
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let year: i16 = y.parse().map_err(|_| bad())?;
    let month: i8 = m.parse().map_err(|_| bad())?;
    jiff::civil::Date::new(year, month, 1).map_err(|_| bad())
}

/// `YYYY-MM` of a date.
pub fn month_of(date: jiff::civil::Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The `count` months ending with `last`, oldest first.
pub fn months_ending(last: jiff::civil::Date, count: usize) -> Vec<String> {
    let first = last.first_of_month();
    (0..count)
        .rev()
        .filter_map(|back| {
            first
                .checked_sub(jiff::Span::new().months(back as i64))
                .ok()
        })
        .map(month_of)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_strictly() {
        assert_eq!(month_of(parse_month("2026-11").unwrap()), "2026-11");
        for bad in ["2026-13", "2026-1", "26-11", "2026/11", "", "2026-00"] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_year_of_months_ends_with_the_last() {
        let m = months_ending(jiff::civil::date(2026, 2, 14), 13);
        assert_eq!(m.len(), 13);
        assert_eq!(m[0], "2025-02");
        assert_eq!(m[12], "2026-02");
    }
}

/// The first working day of the month of `date`: a weekday that is not a
/// Swedish public holiday (the monthly reports are made then).
pub fn first_working_day(date: jiff::civil::Date) -> jiff::civil::Date {
    let mut day = date.first_of_month();
    for _ in 0..10 {
        let weekend = matches!(
            day.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        );
        if !weekend && crate::calendar::swedish_holiday(day).is_none() {
            return day;
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => return day,
        }
    }
    day
}

#[cfg(test)]
mod working_day_tests {
    use super::first_working_day;
    use jiff::civil::date;

    #[test]
    fn new_year_and_weekends_are_skipped() {
        // 2027-01-01 is a Friday and New Year's Day: Monday the 4th.
        assert_eq!(first_working_day(date(2027, 1, 15)), date(2027, 1, 4));
        // 2026-11-01 is a Sunday (and All Saints' falls on 31 October).
        assert_eq!(first_working_day(date(2026, 11, 20)), date(2026, 11, 2));
        assert_eq!(first_working_day(date(2026, 12, 2)), date(2026, 12, 1));
    }
}
