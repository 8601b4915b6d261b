//! The calendar as the API receives and returns it ([`CalendarSpec`]) and its
//! validation into a compiled [`Calendar`], reporting every invalid field
//! with its path at once.
//!
//! Times, dates and weekday names are kept as strings here so that a wrong
//! value is reported by validation, with its field path and a message a user
//! can act on, rather than by the JSON decoder. Unknown JSON fields are
//! refused (a misspelt `exceptions` must not silently drop the exceptions).
//! A weekday that is left out is closed that day; a weekday key that is not
//! one of `mon`..`sun` is an error.

use super::hours::{LocalHours, LocalTime};
use super::{Calendar, HolidayRule};
use crate::error::{FieldError, FieldErrors};
use crate::messages::Message;
use crate::msg;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The default time zone of a calendar.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Stockholm";

/// Weekday keys in `weekly_hours`, Monday first.
pub const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A calendar (service hours) as written by a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    pub name: String,
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// Weekday key (`mon`..`sun`) to its `[start, end]` intervals.
    #[serde(default)]
    pub weekly_hours: BTreeMap<String, Vec<Vec<String>>>,
    #[serde(default)]
    pub holidays: Option<HolidaySpec>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionSpec>,
}

/// Which country's holidays close the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidaySpec {
    /// `"SE"` or null (no holidays).
    #[serde(default)]
    pub country: Option<String>,
    /// Also close Midsommarafton, Julafton and Nyårsafton.
    #[serde(default)]
    pub de_facto: bool,
}

/// Hours that replace those of one local date (an empty list closes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionSpec {
    pub date: String,
    #[serde(default)]
    pub hours: Vec<Vec<String>>,
}

fn default_time_zone() -> String {
    DEFAULT_TIME_ZONE.to_string()
}

impl CalendarSpec {
    /// Checks every field and compiles the calendar, or returns every
    /// problem found, each with its field path.
    pub fn validate(&self) -> Result<Calendar, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        if self.name.trim().is_empty() {
            errors.push("name", msg!("calendar.name"));
        }
        let time_zone = match TimeZone::get(self.time_zone.trim()) {
            Ok(tz) => Some(tz),
            Err(_) => {
                errors.push(
                    "time_zone",
                    msg!(
                        "calendar.time_zone",
                        zone = &self.time_zone,
                        example = DEFAULT_TIME_ZONE
                    ),
                );
                None
            }
        };
        let mut weekly: [Vec<LocalHours>; 7] = Default::default();
        for (key, intervals) in &self.weekly_hours {
            match WEEKDAY_KEYS.iter().position(|k| k == key) {
                Some(index) => {
                    weekly[index] =
                        parse_intervals(&format!("weekly_hours.{key}"), intervals, &mut errors);
                }
                None => errors.push(
                    format!("weekly_hours.{key}"),
                    msg!("calendar.weekday", key = key),
                ),
            }
        }
        let holidays = self.holiday_rule(&mut errors);
        let exceptions = self.parse_exceptions(&mut errors);
        let never_open = weekly.iter().all(Vec::is_empty) && exceptions.values().all(Vec::is_empty);
        if never_open && errors.is_empty() {
            errors.push("weekly_hours", msg!("calendar.never_open"));
        }
        match time_zone {
            Some(time_zone) if errors.is_empty() => Ok(Calendar {
                name: self.name.trim().to_string(),
                time_zone,
                weekly,
                holidays,
                exceptions,
            }),
            _ => Err(errors.0),
        }
    }

    fn holiday_rule(&self, errors: &mut FieldErrors) -> HolidayRule {
        let Some(spec) = &self.holidays else {
            return HolidayRule::None;
        };
        match spec.country.as_deref() {
            None => HolidayRule::None,
            Some("SE") => HolidayRule::Swedish {
                de_facto: spec.de_facto,
            },
            Some(other) => {
                errors.push(
                    "holidays.country",
                    msg!("calendar.country", country = other),
                );
                HolidayRule::None
            }
        }
    }

    fn parse_exceptions(&self, errors: &mut FieldErrors) -> BTreeMap<Date, Vec<LocalHours>> {
        let mut exceptions = BTreeMap::new();
        let mut first_index: BTreeMap<Date, usize> = BTreeMap::new();
        for (index, exception) in self.exceptions.iter().enumerate() {
            let path = format!("exceptions[{index}]");
            let hours = parse_intervals(&format!("{path}.hours"), &exception.hours, errors);
            match parse_date(&exception.date) {
                Err(message) => errors.push(format!("{path}.date"), message),
                Ok(date) => {
                    if let Some(first) = first_index.get(&date) {
                        errors.push(
                            format!("{path}.date"),
                            msg!("calendar.date_twice", date = date, first = *first),
                        );
                    } else {
                        first_index.insert(date, index);
                        exceptions.insert(date, hours);
                    }
                }
            }
        }
        exceptions
    }
}

/// Parses `YYYY-MM-DD` strictly (no time, no other layout).
fn parse_date(text: &str) -> Result<Date, Message> {
    let bad = || msg!("calendar.bad_date", text = text);
    let bytes = text.as_bytes();
    let layout_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !layout_ok {
        return Err(bad());
    }
    text.parse::<Date>().map_err(|_| bad())
}

/// Parses a list of `[start, end]` pairs, pushing an error at `path[i]` for
/// each interval that is ill-formed, empty, or not after the previous one.
fn parse_intervals(path: &str, raw: &[Vec<String>], errors: &mut FieldErrors) -> Vec<LocalHours> {
    let mut hours = Vec::with_capacity(raw.len());
    let mut previous_end: Option<LocalTime> = None;
    for (index, pair) in raw.iter().enumerate() {
        let field = format!("{path}[{index}]");
        let [start, end] = pair.as_slice() else {
            errors.push(field, msg!("calendar.pair"));
            continue;
        };
        let (start, end) = match (LocalTime::parse(start), LocalTime::parse(end)) {
            (Ok(start), Ok(end)) => (start, end),
            (Err(message), _) => {
                errors.push(field, msg!("calendar.start", reason = message));
                continue;
            }
            (_, Err(message)) => {
                errors.push(field, msg!("calendar.end", reason = message));
                continue;
            }
        };
        if start == LocalTime::END_OF_DAY {
            errors.push(field, msg!("calendar.start_at_end_of_day"));
        } else if end <= start {
            errors.push(
                field,
                msg!(
                    "calendar.end_before_start",
                    start = start.to_string(),
                    end = end.to_string()
                ),
            );
        } else if previous_end.is_some_and(|prev| start < prev) {
            errors.push(
                field,
                msg!(
                    "calendar.overlap",
                    start = start.to_string(),
                    end = end.to_string()
                ),
            );
        } else {
            previous_end = Some(end);
            hours.push(LocalHours { start, end });
        }
    }
    hours
}
