//! Calendars (service hours): when a service-level clock may run.
//!
//! A [`CalendarSpec`] is what a user writes (weekly local hours, a time
//! zone, Swedish holidays, dated exceptions); [`CalendarSpec::validate`]
//! compiles it into a [`Calendar`]. A calendar answers, per local date, which
//! instants are open ([`Calendar::day`]) and from that the two functions of
//! SLA.md that everything else is defined by: [`Calendar::business_seconds`]
//! and [`Calendar::deadline`], plus [`Calendar::segments`] to explain them.
//!
//! Precedence for a date: a dated exception wins over a holiday, which wins
//! over the weekly hours. All closed time of an exception date is reported as
//! [`ClosedReason::Exception`] and all of a holiday as
//! [`ClosedReason::Holiday`]; other closed time as [`ClosedReason::ClosedHours`].

mod arithmetic;
mod holidays;
mod hours;
mod spec;

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests_arithmetic;
#[cfg(test)]
mod tests_crosscheck;
#[cfg(test)]
mod tests_holidays;
#[cfg(test)]
mod tests_spec;

pub use arithmetic::{CalendarSegment, DEADLINE_HORIZON_YEARS};
pub use holidays::{
    FIRST_YEAR, Holiday, HolidayKind, LAST_YEAR, easter_sunday, swedish_holiday, swedish_holidays,
};
pub use hours::{Instants, LocalHours, LocalTime, MINUTES_PER_DAY, local_instant};
pub use spec::{CalendarSpec, DEFAULT_TIME_ZONE, ExceptionSpec, HolidaySpec, WEEKDAY_KEYS};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which holidays close a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HolidayRule {
    None,
    Swedish { de_facto: bool },
}

/// Why an instant is not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClosedReason {
    /// Outside the weekly hours.
    ClosedHours,
    /// A holiday closes the whole day.
    Holiday { name: &'static str },
    /// A dated exception sets the day's hours.
    Exception,
}

/// A validated calendar, ready to count business time.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub(crate) name: String,
    pub(crate) time_zone: TimeZone,
    /// Monday first.
    pub(crate) weekly: [Vec<LocalHours>; 7],
    pub(crate) holidays: HolidayRule,
    pub(crate) exceptions: BTreeMap<Date, Vec<LocalHours>>,
}

/// One local date of a calendar: its hours and the instants they cover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    pub date: Date,
    /// The local open hours that apply on this date.
    pub hours: Vec<LocalHours>,
    /// The instants those hours cover (intervals lying wholly in a skipped
    /// hour cover none and are left out).
    pub open: Vec<Instants>,
    /// The holiday that closes this date, if one does.
    pub holiday: Option<&'static str>,
    /// Whether a dated exception set this date's hours.
    pub exception: bool,
}

impl Calendar {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// The hours of `date` and why the rest of it is closed.
    pub(crate) fn rules(&self, date: Date) -> (&[LocalHours], ClosedReason) {
        if let Some(hours) = self.exceptions.get(&date) {
            return (hours, ClosedReason::Exception);
        }
        if let HolidayRule::Swedish { de_facto } = self.holidays
            && let Some(holiday) = swedish_holiday(date)
            && (de_facto || holiday.kind == HolidayKind::Public)
        {
            return (&[], ClosedReason::Holiday { name: holiday.name });
        }
        let weekday = usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0);
        let hours = self.weekly.get(weekday).map_or(&[][..], Vec::as_slice);
        (hours, ClosedReason::ClosedHours)
    }

    /// The open instants of `date`, in order.
    pub(crate) fn open_instants(&self, date: Date, hours: &[LocalHours]) -> Vec<Instants> {
        hours
            .iter()
            .filter_map(|h| hours::hours_instants(&self.time_zone, date, *h))
            .collect()
    }

    /// The hours of a local date, the instants they cover, and what set them.
    pub fn day(&self, date: Date) -> Day {
        let (hours, reason) = self.rules(date);
        Day {
            date,
            hours: hours.to_vec(),
            open: self.open_instants(date, hours),
            holiday: match reason {
                ClosedReason::Holiday { name } => Some(name),
                _ => None,
            },
            exception: reason == ClosedReason::Exception,
        }
    }
}
