//! Business-time arithmetic on a [`Calendar`]: how much open time lies in a
//! span ([`Calendar::business_seconds`]), when a given amount of open time
//! has passed ([`Calendar::deadline`]), and the open and closed stretches of
//! a span with the reason for each ([`Calendar::segments`]).
//!
//! All three walk local dates, never minutes, so a 24/7 calendar over ten
//! years costs a few thousand steps. Lengths are exact (to the nanosecond)
//! while summed and floored to whole seconds only at the end.
//! [`Calendar::deadline`] looks at most [`DEADLINE_HORIZON_YEARS`] ahead.

use super::hours::{Instants, day_instants};
use super::{Calendar, ClosedReason};
use jiff::civil::Date;
use jiff::{SignedDuration, Span, Timestamp};
use serde::Serialize;

/// How far [`Calendar::deadline`] searches: it returns `None` when the
/// requested open time is not reached within this many years of `from`
/// (which includes a calendar with no open time in that period).
pub const DEADLINE_HORIZON_YEARS: i64 = 20;

/// A stretch `[from, to)` that is wholly open or wholly closed for one reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct CalendarSegment {
    pub from: Timestamp,
    pub to: Timestamp,
    pub open: bool,
    /// Why it is closed; `None` when open.
    pub reason: Option<ClosedReason>,
}

impl Calendar {
    /// The length in whole seconds (rounded down) of the part of `[from, to)`
    /// inside open intervals; 0 when `to <= from`.
    pub fn business_seconds(&self, from: Timestamp, to: Timestamp) -> i64 {
        if to <= from {
            return 0;
        }
        let mut total = SignedDuration::ZERO;
        for date in self.dates_around(from, to) {
            let (hours, _) = self.rules(date);
            for open in self.open_instants(date, hours) {
                let start = open.from.max(from);
                let end = open.to.min(to);
                if start < end {
                    total = total.saturating_add(end.duration_since(start));
                }
            }
        }
        total.as_secs()
    }

    /// The earliest instant `t >= from` with `business_seconds(from, t) ==
    /// seconds`: `from` itself for 0; closing time when the work ends exactly
    /// at closing time. `None` for negative `seconds` or when the time is not
    /// reached within [`DEADLINE_HORIZON_YEARS`].
    pub fn deadline(&self, from: Timestamp, seconds: i64) -> Option<Timestamp> {
        if seconds < 0 {
            return None;
        }
        if seconds == 0 {
            return Some(from);
        }
        let mut remaining = SignedDuration::from_secs(seconds);
        let first = self.local_date(from).yesterday().ok()?;
        let last = self
            .local_date(from)
            .checked_add(Span::new().years(DEADLINE_HORIZON_YEARS))
            .ok()?;
        for date in first.series(Span::new().days(1)).take_while(|d| *d <= last) {
            let (hours, _) = self.rules(date);
            for open in self.open_instants(date, hours) {
                let start = open.from.max(from);
                if start >= open.to {
                    continue;
                }
                let available = open.to.duration_since(start);
                if available >= remaining {
                    return start.checked_add(remaining).ok();
                }
                remaining -= available;
            }
        }
        None
    }

    /// The open and closed stretches covering `[from, to)` without gaps, each
    /// closed one with its reason; neighbours in the same state are merged.
    /// Empty when `to <= from`.
    pub fn segments(&self, from: Timestamp, to: Timestamp) -> Vec<CalendarSegment> {
        let mut out: Vec<CalendarSegment> = Vec::new();
        if to <= from {
            return out;
        }
        for date in self.dates_around(from, to) {
            let Some(day) = day_instants(&self.time_zone, date) else {
                continue;
            };
            let (hours, reason) = self.rules(date);
            let mut cursor = day.from;
            for open in self.open_instants(date, hours) {
                push_clipped(&mut out, cursor, open.from, Some(reason), from, to);
                push_clipped(&mut out, open.from, open.to, None, from, to);
                cursor = open.to;
            }
            push_clipped(&mut out, cursor, day.to, Some(reason), from, to);
        }
        out
    }

    pub(crate) fn local_date(&self, at: Timestamp) -> Date {
        self.time_zone.to_datetime(at).date()
    }

    /// Every local date whose day may hold an instant of `[from, to)`: one
    /// day of margin each side covers days whose span crosses a local
    /// midnight because of a time-zone transition.
    fn dates_around(&self, from: Timestamp, to: Timestamp) -> impl Iterator<Item = Date> {
        let first = self.local_date(from);
        let first = first.yesterday().unwrap_or(first);
        let last = self.local_date(to);
        let last = last.tomorrow().unwrap_or(last);
        first
            .series(Span::new().days(1))
            .take_while(move |d| *d <= last)
    }
}

/// Appends `[start, end)` clipped to `[from, to)`, merging with the previous
/// segment when it ends where this one starts in the same state.
fn push_clipped(
    out: &mut Vec<CalendarSegment>,
    start: Timestamp,
    end: Timestamp,
    reason: Option<ClosedReason>,
    from: Timestamp,
    to: Timestamp,
) {
    let span = Instants {
        from: start.max(from),
        to: end.min(to),
    };
    if span.from >= span.to {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.to == span.from
        && last.reason == reason
    {
        last.to = span.to;
        return;
    }
    out.push(CalendarSegment {
        from: span.from,
        to: span.to,
        open: reason.is_none(),
        reason,
    });
}
