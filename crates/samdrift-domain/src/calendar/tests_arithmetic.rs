//! Hand-worked business-time cases: closing time, lunch, holidays,
//! Midsommarafton, exceptions and the two daylight saving days of 2026.
//! Stockholm is UTC+1 in winter and UTC+2 in summer; clocks go forward on
//! 2026-03-29 at 02:00 (01:00Z) and back on 2026-10-25 at 03:00 (01:00Z).

use super::test_support::{HOUR, MINUTE, always, exception, local, office, spec, ts};
use super::{CalendarSegment, ClosedReason, Instants};
use jiff::SignedDuration;
use jiff::civil::date;

#[test]
fn friday_closes_at_three() {
    let cal = office();
    // Fri 2026-09-11 14:00-15:00 (1 h), then Mon 2026-09-14 08:00-09:00 (1 h).
    let (fri, mon) = (local(2026, 9, 11, 14, 0), local(2026, 9, 14, 9, 0));
    assert_eq!(cal.business_seconds(fri, mon), 2 * HOUR);
    assert_eq!(cal.deadline(fri, 2 * HOUR), Some(mon));
    // Work ending exactly at closing time is due at closing time.
    assert_eq!(cal.deadline(fri, HOUR), Some(local(2026, 9, 11, 15, 0)));
    assert_eq!(
        cal.deadline(fri, HOUR + 1),
        Some(local(2026, 9, 14, 8, 0) + SignedDuration::from_secs(1))
    );
}

#[test]
fn lunch_does_not_count() {
    let cal = office();
    // Tue 2026-09-15 11:30-12:00 and 12:45-13:15: 30 + 30 minutes.
    let from = local(2026, 9, 15, 11, 30);
    assert_eq!(cal.business_seconds(from, local(2026, 9, 15, 13, 15)), HOUR);
    assert_eq!(
        cal.deadline(from, 30 * MINUTE),
        Some(local(2026, 9, 15, 12, 0))
    );
    assert_eq!(
        cal.deadline(from, 31 * MINUTE),
        Some(local(2026, 9, 15, 12, 46))
    );
}

#[test]
fn a_holiday_closes_the_whole_day() {
    let cal = office();
    // Mon 2026-01-05 16:00-16:30, Trettondedag jul (Tue) closed, Wed 08:00-09:00.
    let (from, to) = (local(2026, 1, 5, 16, 0), local(2026, 1, 7, 9, 0));
    assert_eq!(cal.business_seconds(from, to), 90 * MINUTE);
    let closed = |f, t, reason| CalendarSegment {
        from: f,
        to: t,
        open: false,
        reason: Some(reason),
    };
    let open = |f, t| CalendarSegment {
        from: f,
        to: t,
        open: true,
        reason: None,
    };
    let holiday = ClosedReason::Holiday {
        name: "Trettondedag jul",
    };
    assert_eq!(
        cal.segments(from, to),
        vec![
            open(from, local(2026, 1, 5, 16, 30)),
            closed(
                local(2026, 1, 5, 16, 30),
                local(2026, 1, 6, 0, 0),
                ClosedReason::ClosedHours
            ),
            closed(local(2026, 1, 6, 0, 0), local(2026, 1, 7, 0, 0), holiday),
            closed(
                local(2026, 1, 7, 0, 0),
                local(2026, 1, 7, 8, 0),
                ClosedReason::ClosedHours
            ),
            open(local(2026, 1, 7, 8, 0), to),
        ]
    );
    let day = cal.day(date(2026, 1, 6));
    assert_eq!(
        (day.holiday, day.exception, day.open.len()),
        (Some("Trettondedag jul"), false, 0)
    );
}

#[test]
fn midsommarafton_is_closed() {
    let cal = office();
    // Thu 2026-06-18 16:00-16:30; Fri 19 Midsommarafton, Sat 20 Midsommardagen,
    // Sunday closed; Mon 22 08:00-08:30.
    let from = local(2026, 6, 18, 16, 0);
    assert_eq!(cal.business_seconds(from, local(2026, 6, 22, 8, 30)), HOUR);
    assert_eq!(cal.deadline(from, HOUR), Some(local(2026, 6, 22, 8, 30)));
    assert_eq!(cal.day(date(2026, 6, 19)).holiday, Some("Midsommarafton"));
    // Without de facto holidays Midsommarafton is an ordinary Friday.
    let mut spec = super::test_support::office_spec();
    spec.holidays = spec.holidays.map(|h| super::HolidaySpec {
        de_facto: false,
        ..h
    });
    let public_only = spec.validate().unwrap();
    assert_eq!(
        public_only.business_seconds(from, local(2026, 6, 22, 8, 30)),
        30 * MINUTE + 6 * HOUR + 15 * MINUTE + 30 * MINUTE
    );
}

#[test]
fn an_exception_closes_a_bridge_day_and_shortens_another() {
    let cal = office();
    // Wed 2026-05-13 16:00-16:30; Thu 14 Kristi himmelsfärdsdag; Fri 15 bridge
    // day (exception); Mon 18 08:00-09:00.
    let from = local(2026, 5, 13, 16, 0);
    assert_eq!(
        cal.business_seconds(from, local(2026, 5, 18, 9, 0)),
        90 * MINUTE
    );
    let friday = cal.day(date(2026, 5, 15));
    assert_eq!(
        (friday.exception, friday.holiday, friday.open.len()),
        (true, None, 0)
    );
    let reasons: Vec<_> = cal
        .segments(local(2026, 5, 14, 0, 0), local(2026, 5, 16, 0, 0))
        .into_iter()
        .map(|s| s.reason)
        .collect();
    assert_eq!(
        reasons,
        vec![
            Some(ClosedReason::Holiday {
                name: "Kristi himmelsfärdsdag"
            }),
            Some(ClosedReason::Exception)
        ]
    );
    // Thu 2026-04-30 shortened to 08:00-13:00 (no lunch); Fri 1 May closed.
    let from = local(2026, 4, 30, 12, 30);
    assert_eq!(cal.business_seconds(from, local(2026, 5, 4, 8, 30)), HOUR);
    assert_eq!(
        cal.deadline(from, 30 * MINUTE),
        Some(local(2026, 4, 30, 13, 0))
    );
    // The 2027 bridge day of the issue.
    assert!(cal.day(date(2027, 5, 7)).exception);
}

#[test]
fn spring_forward_day_lasts_23_hours() {
    let cal = always();
    let day = cal.day(date(2026, 3, 29));
    let (from, to) = (ts("2026-03-28T23:00:00Z"), ts("2026-03-29T22:00:00Z"));
    assert_eq!(day.open, vec![Instants { from, to }]);
    assert_eq!(cal.business_seconds(from, to), 23 * HOUR);
    assert_eq!(cal.deadline(from, 23 * HOUR), Some(to));
    // 24 business hours from Saturday noon are 24 real hours: Sunday 13:00 CEST.
    let noon = local(2026, 3, 28, 12, 0);
    assert_eq!(
        cal.deadline(noon, 24 * HOUR),
        Some(ts("2026-03-29T11:00:00Z"))
    );
    let week = cal.segments(local(2026, 3, 25, 0, 0), local(2026, 4, 1, 0, 0));
    assert_eq!(week.len(), 1, "a 24/7 week is one open segment: {week:?}");
}

#[test]
fn fall_back_day_lasts_25_hours() {
    let cal = always();
    let (from, to) = (ts("2026-10-24T22:00:00Z"), ts("2026-10-25T23:00:00Z"));
    assert_eq!(
        cal.day(date(2026, 10, 25)).open,
        vec![Instants { from, to }]
    );
    assert_eq!(cal.business_seconds(from, to), 25 * HOUR);
    assert_eq!(cal.deadline(from, 25 * HOUR), Some(to));
}

#[test]
fn hours_that_touch_the_changed_hour() {
    let mut night = spec("Natt", &[("mon", &[("08:00", "09:00")])]);
    night.exceptions = vec![
        // 02:30 does not exist: both intervals meet at 03:00 CEST (01:00Z).
        exception("2026-03-29", &[("01:00", "02:30"), ("02:30", "04:00")]),
        // Wholly inside the skipped hour: no instant at all.
        exception("2027-03-28", &[("02:10", "02:50")]),
        // 02:30 is ambiguous: its first occurrence, 00:30Z; 03:00 CET is 02:00Z.
        exception("2026-10-25", &[("02:30", "03:00")]),
        exception("2027-10-31", &[("02:00", "02:30")]),
    ];
    let cal = night.validate().unwrap();
    let open = |y, m, d| cal.day(date(y, m, d)).open;
    let span = |a: &str, b: &str| Instants {
        from: ts(a),
        to: ts(b),
    };
    assert_eq!(
        open(2026, 3, 29),
        vec![
            span("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"),
            span("2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z")
        ]
    );
    assert_eq!(open(2027, 3, 28), vec![]);
    assert_eq!(cal.day(date(2027, 3, 28)).hours.len(), 1);
    assert_eq!(
        open(2026, 10, 25),
        vec![span("2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z")]
    );
    assert_eq!(
        open(2027, 10, 31),
        vec![span("2027-10-31T00:00:00Z", "2027-10-31T00:30:00Z")]
    );
    let day = |y, m, d| (local(y, m, d, 0, 0), local(y, m, d, 12, 0));
    let (a, b) = day(2026, 3, 29);
    assert_eq!(cal.business_seconds(a, b), 2 * HOUR);
    assert_eq!(cal.segments(a, b).iter().filter(|s| s.open).count(), 1);
}

#[test]
fn edge_cases_of_the_two_functions() {
    let cal = office();
    let t = local(2026, 9, 15, 10, 0);
    assert_eq!(cal.business_seconds(t, t), 0);
    assert_eq!(cal.business_seconds(t, local(2026, 9, 15, 9, 0)), 0);
    assert_eq!(cal.deadline(t, 0), Some(t));
    assert_eq!(
        cal.deadline(local(2026, 9, 12, 10, 0), 0),
        Some(local(2026, 9, 12, 10, 0))
    );
    assert_eq!(cal.deadline(t, -1), None);
    assert!(cal.segments(t, t).is_empty());
    // Sub-second instants: the length is rounded down to whole seconds.
    let half = t + SignedDuration::from_millis(500);
    assert_eq!(
        cal.business_seconds(half, t + SignedDuration::from_secs(10)),
        9
    );
    assert_eq!(
        cal.deadline(half, 9),
        Some(half + SignedDuration::from_secs(9))
    );
}

#[test]
fn a_calendar_open_on_one_date_only() {
    let mut once = spec("Engång", &[]);
    once.exceptions = vec![exception("2026-06-01", &[("08:00", "09:00")])];
    let cal = once.validate().unwrap();
    assert_eq!(
        cal.deadline(local(2026, 5, 31, 0, 0), 60),
        Some(local(2026, 6, 1, 8, 1))
    );
    assert_eq!(cal.deadline(local(2026, 5, 31, 0, 0), 2 * HOUR), None);
    assert_eq!(cal.deadline(local(2026, 7, 1, 0, 0), 60), None);
}

#[test]
fn ten_years_of_a_24_7_calendar() {
    let cal = always();
    let (from, to) = (ts("2026-01-01T00:00:00Z"), ts("2036-01-01T00:00:00Z"));
    let seconds = to.duration_since(from).as_secs();
    assert_eq!(cal.business_seconds(from, to), seconds);
    assert_eq!(cal.deadline(from, seconds), Some(to));
    assert_eq!(cal.segments(from, to).len(), 1);
}
