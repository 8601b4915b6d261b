//! Validation of calendar specs: a valid office calendar compiles, and every
//! invalid field is reported at once with its path.

use super::test_support::{exception, office_spec, spec};
use super::{HolidaySpec, LocalHours, LocalTime};
use crate::error::FieldError;
use jiff::civil::date;

fn fields(result: Result<super::Calendar, Vec<FieldError>>) -> Vec<String> {
    let mut fields: Vec<String> = result.unwrap_err().into_iter().map(|e| e.field).collect();
    fields.sort();
    fields
}

#[test]
fn the_office_calendar_compiles() {
    let cal = office_spec().validate().unwrap();
    assert_eq!(cal.name(), "Kontorstid");
    assert_eq!(cal.time_zone().iana_name(), Some("Europe/Stockholm"));
    let monday = cal.day(date(2026, 9, 14));
    let hours: Vec<String> = monday
        .hours
        .iter()
        .map(|h| format!("{}-{}", h.start, h.end))
        .collect();
    assert_eq!(hours, ["08:00-12:00", "12:45-16:30"]);
    assert!(cal.day(date(2026, 9, 13)).hours.is_empty());
}

#[test]
fn every_problem_is_reported_with_its_field() {
    let mut bad = spec(
        " ",
        &[
            ("mon", &[("08:00", "12:00"), ("11:00", "13:00")]),
            ("tue", &[("25:00", "26:00")]),
            ("wed", &[("24:00", "24:00")]),
            ("thu", &[("10:00", "10:00")]),
            ("fri", &[("8:00", "12:00")]),
            ("sat", &[("12:00", "10:00")]),
            ("mno", &[("08:00", "12:00")]),
        ],
    );
    bad.weekly_hours
        .insert("sun".into(), vec![vec!["08:00".into()]]);
    bad.time_zone = "Europe/Stockhome".into();
    bad.holidays = Some(HolidaySpec {
        country: Some("NO".into()),
        de_facto: true,
    });
    bad.exceptions = vec![
        exception("2027-02-30", &[]),
        exception("2027-05-07", &[("17:00", "16:00")]),
        exception("2027-05-07", &[]),
        exception("2027-05-08T10:00", &[]),
    ];
    assert_eq!(
        fields(bad.validate()),
        [
            "exceptions[0].date",
            "exceptions[1].hours[0]",
            "exceptions[2].date",
            "exceptions[3].date",
            "holidays.country",
            "name",
            "time_zone",
            "weekly_hours.fri[0]",
            "weekly_hours.mno",
            "weekly_hours.mon[1]",
            "weekly_hours.sat[0]",
            "weekly_hours.sun[0]",
            "weekly_hours.thu[0]",
            "weekly_hours.tue[0]",
            "weekly_hours.wed[0]",
        ]
    );
}

#[test]
fn messages_say_what_to_do() {
    let mut bad = spec("X", &[("mon", &[("09:00", "12:00"), ("08:00", "10:00")])]);
    bad.exceptions = vec![exception("2027-05-07", &[]), exception("2027-05-07", &[])];
    let errors = bad.validate().unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].field, "weekly_hours.mon[1]");
    assert!(
        errors[0].message.contains("overlaps"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[1].field, "exceptions[1].date");
    assert!(
        errors[1].message.contains("exceptions[0]"),
        "{}",
        errors[1].message
    );
}

#[test]
fn end_may_be_24_00_and_touching_intervals_are_fine() {
    let ok = spec(
        "Kväll",
        &[("mon", &[("08:00", "12:00"), ("12:00", "24:00")])],
    );
    let cal = ok.validate().unwrap();
    assert_eq!(
        cal.day(date(2026, 9, 14)).hours[1],
        LocalHours {
            start: LocalTime::from_minutes(720).unwrap(),
            end: LocalTime::END_OF_DAY
        }
    );
}

#[test]
fn times_are_parsed_strictly() {
    for good in ["00:00", "07:05", "23:59", "24:00"] {
        assert!(LocalTime::parse(good).is_ok(), "{good}");
    }
    for bad in [
        "24:01", "25:00", "12:60", "8:00", "08:0", "0800", "08-00", "", "ab:cd", "+1:00",
    ] {
        assert!(LocalTime::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(LocalTime::parse("24:00").unwrap().to_string(), "24:00");
}

#[test]
fn a_missing_weekday_is_closed_and_no_holidays_by_default() {
    let cal = spec("Bara måndag", &[("mon", &[("08:00", "09:00")])])
        .validate()
        .unwrap();
    assert!(cal.day(date(2026, 9, 15)).hours.is_empty());
    // Juldagen 2028 is a Monday: open, since the spec has no holidays.
    assert_eq!(cal.day(date(2028, 12, 25)).open.len(), 1);
    let mut null_country = spec("Bara måndag", &[("mon", &[("08:00", "09:00")])]);
    null_country.holidays = Some(HolidaySpec {
        country: None,
        de_facto: true,
    });
    assert_eq!(
        null_country
            .validate()
            .unwrap()
            .day(date(2028, 12, 25))
            .holiday,
        None
    );
}

#[test]
fn a_calendar_that_is_never_open_is_refused() {
    let never = spec("Aldrig", &[("mon", &[]), ("tue", &[])]);
    assert_eq!(fields(never.validate()), ["weekly_hours"]);
    let mut once = spec("Engång", &[]);
    once.exceptions = vec![exception("2026-06-01", &[("08:00", "09:00")])];
    assert!(once.validate().is_ok());
}

#[test]
fn other_time_zones_are_used_for_the_local_hours() {
    let mut helsinki = spec("Helsingfors", &[("mon", &[("08:00", "09:00")])]);
    helsinki.time_zone = "Europe/Helsinki".into();
    let cal = helsinki.validate().unwrap();
    // 2026-09-14 08:00 in Helsinki (UTC+3) is 05:00Z.
    let day = cal.day(date(2026, 9, 14));
    assert_eq!(
        day.open[0].from,
        super::test_support::ts("2026-09-14T05:00:00Z")
    );
}
