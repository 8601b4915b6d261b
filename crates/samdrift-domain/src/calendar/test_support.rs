//! Calendars and instants shared by the calendar and SLA tests.

use super::{Calendar, CalendarSpec, ExceptionSpec, HolidaySpec};
use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;
use std::collections::BTreeMap;

pub type Intervals<'a> = &'a [(&'a str, &'a str)];

pub fn intervals(list: Intervals<'_>) -> Vec<Vec<String>> {
    list.iter()
        .map(|(a, b)| vec![a.to_string(), b.to_string()])
        .collect()
}

/// A spec with the given weekly hours, no holidays and no exceptions.
pub fn spec(name: &str, week: &[(&str, Intervals<'_>)]) -> CalendarSpec {
    CalendarSpec {
        name: name.to_string(),
        time_zone: "Europe/Stockholm".to_string(),
        weekly_hours: week
            .iter()
            .map(|(day, list)| (day.to_string(), intervals(list)))
            .collect::<BTreeMap<_, _>>(),
        holidays: None,
        exceptions: Vec::new(),
    }
}

pub fn exception(date: &str, hours: Intervals<'_>) -> ExceptionSpec {
    ExceptionSpec {
        date: date.to_string(),
        hours: intervals(hours),
    }
}

const DAY: Intervals<'static> = &[("08:00", "12:00"), ("12:45", "16:30")];
const FRIDAY: Intervals<'static> = &[("08:00", "12:00"), ("12:45", "15:00")];

/// Kontorstid: Mon-Thu 08:00-12:00 and 12:45-16:30, Fri until 15:00,
/// Swedish public and de facto holidays, and exceptions: the bridge days
/// after Kristi himmelsfärd 2026 and 2027 closed, Valborgsmässoafton 2026
/// shortened to 08:00-13:00, one Saturday 2028-03-25 open 10:00-14:00.
pub fn office_spec() -> CalendarSpec {
    let mut spec = spec(
        "Kontorstid",
        &[
            ("mon", DAY),
            ("tue", DAY),
            ("wed", DAY),
            ("thu", DAY),
            ("fri", FRIDAY),
            ("sat", &[]),
            ("sun", &[]),
        ],
    );
    spec.holidays = Some(HolidaySpec {
        country: Some("SE".to_string()),
        de_facto: true,
    });
    spec.exceptions = vec![
        exception("2026-05-15", &[]),
        exception("2027-05-07", &[]),
        exception("2026-04-30", &[("08:00", "13:00")]),
        exception("2028-03-25", &[("10:00", "14:00")]),
    ];
    spec
}

pub fn office() -> Calendar {
    office_spec().validate().unwrap()
}

pub fn always_spec() -> CalendarSpec {
    let all: Intervals<'static> = &[("00:00", "24:00")];
    spec(
        "Dygnet runt",
        &[
            ("mon", all),
            ("tue", all),
            ("wed", all),
            ("thu", all),
            ("fri", all),
            ("sat", all),
            ("sun", all),
        ],
    )
}

pub fn always() -> Calendar {
    always_spec().validate().unwrap()
}

/// The instant of an unambiguous Stockholm wall-clock time.
pub fn local(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> Timestamp {
    let tz = TimeZone::get("Europe/Stockholm").unwrap();
    tz.to_timestamp(date(y, mo, d).at(h, mi, 0, 0)).unwrap()
}

/// An instant written in RFC 3339.
pub fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

pub const HOUR: i64 = 3600;
pub const MINUTE: i64 = 60;
