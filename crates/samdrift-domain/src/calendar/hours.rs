//! Local wall-clock times of day (`HH:MM`, up to `24:00`) and how a local
//! time on a date becomes an instant in a time zone, including the days on
//! which daylight saving time starts or ends.
//!
//! The rule of SLA.md: a local time that does not exist (it falls in the
//! hour skipped when clocks go forward) is the first instant after the gap,
//! i.e. the transition itself; an ambiguous local time (it falls in the hour
//! repeated when clocks go back) is its first occurrence. Both choices keep
//! the conversion monotonic, so consecutive intervals never overlap.

use crate::messages::Message;
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use serde::{Serialize, Serializer};
use std::fmt;

/// Minutes in a day: the value of `24:00`.
pub const MINUTES_PER_DAY: u16 = 24 * 60;

/// A local time of day with minute precision, `00:00` to `24:00`, stored as
/// minutes since midnight. `24:00` is the end of the day (the next midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(u16);

impl LocalTime {
    pub const MIDNIGHT: LocalTime = LocalTime(0);
    pub const END_OF_DAY: LocalTime = LocalTime(MINUTES_PER_DAY);

    /// Parses `HH:MM` (two digits each, `00:00` to `24:00`).
    pub fn parse(text: &str) -> Result<LocalTime, Message> {
        let bad = || crate::msg!("calendar.bad_time", text = text);
        let bytes = text.as_bytes();
        if bytes.len() != 5 || bytes[2] != b':' {
            return Err(bad());
        }
        let two = |at: usize| -> Option<u16> {
            let (hi, lo) = (bytes[at], bytes[at + 1]);
            (hi.is_ascii_digit() && lo.is_ascii_digit())
                .then(|| u16::from(hi - b'0') * 10 + u16::from(lo - b'0'))
        };
        match (two(0), two(3)) {
            (Some(h), Some(m)) if h < 24 && m < 60 => Ok(LocalTime(h * 60 + m)),
            (Some(24), Some(0)) => Ok(LocalTime::END_OF_DAY),
            _ => Err(bad()),
        }
    }

    /// A time from minutes since midnight, if within `00:00..=24:00`.
    pub fn from_minutes(minutes: u16) -> Option<LocalTime> {
        (minutes <= MINUTES_PER_DAY).then_some(LocalTime(minutes))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One open interval of a day in local time, `[start, end)`, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct LocalHours {
    pub start: LocalTime,
    pub end: LocalTime,
}

impl LocalHours {
    /// The whole day, `00:00`-`24:00`.
    pub const ALL_DAY: LocalHours = LocalHours {
        start: LocalTime::MIDNIGHT,
        end: LocalTime::END_OF_DAY,
    };
}

/// A half-open span of instants `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Instants {
    pub from: Timestamp,
    pub to: Timestamp,
}

/// The instant of local time `time` on `date` in `tz` by the rule above.
/// `24:00` is midnight of the following day. `None` only at the limits of
/// the supported date range.
pub fn local_instant(tz: &TimeZone, date: Date, time: LocalTime) -> Option<Timestamp> {
    let (date, minutes) = if time.0 >= MINUTES_PER_DAY {
        (date.tomorrow().ok()?, 0)
    } else {
        (date, time.0)
    };
    let hour = i8::try_from(minutes / 60).ok()?;
    let minute = i8::try_from(minutes % 60).ok()?;
    let civil = date.to_datetime(Time::new(hour, minute, 0, 0).ok()?);
    let ambiguous = tz.to_ambiguous_timestamp(civil);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } | AmbiguousOffset::Fold { before: offset, .. } => {
            offset.to_timestamp(civil).ok()
        }
        AmbiguousOffset::Gap { after, .. } => {
            // Read with the later offset, the time lies before the gap; the
            // next transition after that is the end of the gap.
            let before_gap = after.to_timestamp(civil).ok()?;
            tz.following(before_gap).next().map(|t| t.timestamp())
        }
    }
}

/// The instants `[start, end)` of `hours` on `date`; `None` when the
/// interval is empty in reality (it lies wholly inside a skipped hour).
pub fn hours_instants(tz: &TimeZone, date: Date, hours: LocalHours) -> Option<Instants> {
    let from = local_instant(tz, date, hours.start)?;
    let to = local_instant(tz, date, hours.end)?;
    (from < to).then_some(Instants { from, to })
}

/// The instants of the whole local day `date`: from its midnight to the next.
pub fn day_instants(tz: &TimeZone, date: Date) -> Option<Instants> {
    hours_instants(tz, date, LocalHours::ALL_DAY)
}
