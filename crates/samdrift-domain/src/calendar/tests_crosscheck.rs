//! Cross-checks `business_seconds`, `deadline` and `segments` against an
//! independent minute walker: for every minute it asks only "what is the
//! local wall time, and is that time open by the day's rules?". Random
//! minute-aligned spans over 2024-2035, biased towards the daylight saving
//! days and the exception dates, on an office calendar and a 24/7 one.
//! (The walker reads wall time, so its calendars keep their hours away from
//! the changed hour 02:00-03:00; those are hand-worked elsewhere.)

use super::test_support::{always_spec, office_spec};
use super::{CalendarSpec, HolidayKind, LocalTime, swedish_holiday};
use jiff::civil::{Date, Weekday, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use std::collections::HashMap;

/// The open minutes of a date by the spec's rules, read straight off the spec.
struct Oracle {
    spec: CalendarSpec,
    tz: TimeZone,
    cache: HashMap<Date, Vec<(u16, u16)>>,
}

impl Oracle {
    fn new(spec: CalendarSpec) -> Self {
        let tz = TimeZone::get(&spec.time_zone).unwrap();
        Oracle {
            spec,
            tz,
            cache: HashMap::new(),
        }
    }

    fn parse(list: &[Vec<String>]) -> Vec<(u16, u16)> {
        let minutes = |s: &String| LocalTime::parse(s).unwrap().minutes();
        list.iter()
            .map(|p| (minutes(&p[0]), minutes(&p[1])))
            .collect()
    }

    fn hours(&mut self, d: Date) -> &[(u16, u16)] {
        let spec = &self.spec;
        self.cache.entry(d).or_insert_with(|| {
            if let Some(e) = spec.exceptions.iter().find(|e| e.date == d.to_string()) {
                return Self::parse(&e.hours);
            }
            let de_facto = spec
                .holidays
                .as_ref()
                .map(|h| (h.country.is_some(), h.de_facto));
            if let (Some((true, de_facto)), Some(h)) = (de_facto, swedish_holiday(d))
                && (de_facto || h.kind == HolidayKind::Public)
            {
                return Vec::new();
            }
            let key = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                [d.weekday().to_monday_zero_offset() as usize];
            spec.weekly_hours
                .get(key)
                .map(|l| Self::parse(l))
                .unwrap_or_default()
        })
    }

    /// Whether the minute starting at `at` is open.
    fn is_open(&mut self, at: Timestamp) -> bool {
        let local = self.tz.to_datetime(at);
        let minute = local.hour() as u16 * 60 + local.minute() as u16;
        self.hours(local.date())
            .iter()
            .any(|&(s, e)| s <= minute && minute < e)
    }
}

/// Last Sundays of March and October 2024-2035, and the office exceptions.
fn special_days() -> Vec<Date> {
    let mut days = Vec::new();
    for year in 2024..=2035 {
        for month in [3, 10] {
            let last = date(year, month, 31);
            let back = last.weekday().since(Weekday::Sunday);
            days.push(last.checked_sub(jiff::Span::new().days(back)).unwrap());
        }
    }
    days.extend(
        ["2026-05-15", "2027-05-07", "2026-04-30", "2028-03-25"]
            .map(|d| d.parse::<Date>().unwrap()),
    );
    days
}

/// A minute-aligned start: anywhere in 2024-2035, or up to two days before
/// a special day.
fn start() -> impl Strategy<Value = Timestamp> {
    let first = Timestamp::from_second(1_704_067_200).unwrap(); // 2024-01-01T00:00Z
    let minutes_in_range: i64 = 12 * 366 * 24 * 60;
    let days = special_days();
    let anywhere = (0..minutes_in_range).prop_map(move |m| first + SignedDuration::from_mins(m));
    let near = (0..days.len(), 0i64..3 * 24 * 60).prop_map(move |(i, m)| {
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        let midnight = tz.to_timestamp(days[i].at(0, 0, 0, 0)).unwrap();
        midnight + SignedDuration::from_mins(m - 2 * 24 * 60)
    });
    prop_oneof![anywhere, near]
}

fn check(
    oracle: &mut Oracle,
    from: Timestamp,
    minutes: usize,
    picks: &[usize],
) -> Result<(), TestCaseError> {
    let cal = oracle.spec.validate().unwrap();
    let at = |i: usize| from + SignedDuration::from_mins(i as i64);
    let open: Vec<bool> = (0..minutes).map(|i| oracle.is_open(at(i))).collect();
    let mut prefix = vec![0i64; minutes + 1];
    for i in 0..minutes {
        prefix[i + 1] = prefix[i] + i64::from(open[i]);
    }
    for &p in picks {
        let j = p % (minutes + 1);
        prop_assert_eq!(
            cal.business_seconds(from, at(j)),
            60 * prefix[j],
            "to {}",
            at(j)
        );
        // The k-th open minute ends at the deadline of k minutes; half a
        // minute less is due in its middle.
        let k = prefix[minutes] * (p as i64 % 1000) / 999;
        let expected = if k == 0 {
            from
        } else {
            let i = prefix.iter().position(|&c| c == k).unwrap() - 1;
            prop_assert!(open[i]);
            prop_assert_eq!(
                cal.deadline(from, 60 * k - 30),
                Some(at(i) + SignedDuration::from_secs(30))
            );
            at(i + 1)
        };
        prop_assert_eq!(cal.deadline(from, 60 * k), Some(expected), "{} minutes", k);
    }
    let to = at(minutes);
    let segments = cal.segments(from, to);
    prop_assert_eq!(
        segments.first().map(|s| s.from),
        (minutes > 0).then_some(from)
    );
    prop_assert_eq!(segments.last().map(|s| s.to), (minutes > 0).then_some(to));
    for pair in segments.windows(2) {
        prop_assert_eq!(pair[0].to, pair[1].from);
        prop_assert!(pair[0].reason != pair[1].reason, "unmerged {:?}", pair);
    }
    for s in &segments {
        prop_assert_eq!(s.open, s.reason.is_none());
        let first = s.from.duration_since(from).as_mins() as usize;
        let last = s.to.duration_since(from).as_mins() as usize;
        prop_assert!(open[first..last].iter().all(|&o| o == s.open), "{:?}", s);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    #[test]
    fn office_calendar_matches_the_minute_walker(
        from in start(),
        minutes in 0usize..5 * 24 * 60,
        picks in proptest::collection::vec(0usize..1_000_000, 6),
    ) {
        check(&mut Oracle::new(office_spec()), from, minutes, &picks)?;
    }

    #[test]
    fn always_open_calendar_matches_the_minute_walker(
        from in start(),
        minutes in 0usize..3 * 24 * 60,
        picks in proptest::collection::vec(0usize..1_000_000, 6),
    ) {
        check(&mut Oracle::new(always_spec()), from, minutes, &picks)?;
    }
}
