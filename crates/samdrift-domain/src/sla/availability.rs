//! Availability of a service in a period: the share of its availability
//! calendar's open time in `[from, to)` that no counted outage covered
//! (SLA.md, "Compliance report and penalties").
//!
//! Rules kept here:
//! - The caller decides which outages count (planned outages announced in
//!   time do not; only those affecting the member do) and passes only those.
//! - An outage is `[start, end)`; an open one (`end` is `None`) lasts to
//!   `to`. Each is clipped to `[from, to)`; empty ones are ignored.
//! - Overlapping or touching outages are merged first, so no second of
//!   downtime is counted twice. Each merged stretch is listed with the
//!   outages (indices into the input) it was made of and its own downtime.
//! - Instants are cut to whole seconds (as the clocks do) before counting;
//!   calendar boundaries are whole seconds, so every figure is an exact
//!   number of seconds and the stretches' downtime adds up to the total.
//! - Downtime is open time only: an outage at night in an office-hours
//!   calendar costs nothing.
//! - `availability_bp` is `(open - down) * 10000 / open`, rounded down, so
//!   99.499 % never shows as (or meets a target of) 99.50 %; `None` when the
//!   calendar has no open time in the period.

use crate::calendar::Calendar;
use jiff::Timestamp;
use serde::Serialize;

/// A stretch of merged outages inside the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DownStretch {
    pub from: Timestamp,
    pub to: Timestamp,
    /// Open seconds of the calendar inside the stretch.
    pub down_seconds: i64,
    /// Indices into the outages given, of those merged into this stretch.
    pub outages: Vec<usize>,
}

/// The availability of a service in `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Availability {
    pub from: Timestamp,
    pub to: Timestamp,
    /// Open seconds of the calendar in the period.
    pub open_seconds: i64,
    /// Open seconds covered by at least one outage.
    pub down_seconds: i64,
    /// Share of open time not down, in basis points rounded down; `None`
    /// when there is no open time.
    pub availability_bp: Option<u32>,
    /// The merged outage stretches, in time order (including those with no
    /// open time in them).
    pub counted_outages: Vec<DownStretch>,
}

fn whole_second(at: Timestamp) -> Timestamp {
    Timestamp::from_second(at.as_second()).unwrap_or(at)
}

/// The merged, clipped stretches of `outages` inside `[from, to)`, each
/// with the indices of the outages in it.
fn merged(
    from: Timestamp,
    to: Timestamp,
    outages: &[(Timestamp, Option<Timestamp>)],
) -> Vec<(Timestamp, Timestamp, Vec<usize>)> {
    let mut clipped: Vec<(Timestamp, Timestamp, usize)> = outages
        .iter()
        .enumerate()
        .filter_map(|(index, (start, end))| {
            let start = whole_second(*start).max(from);
            let end = end.map_or(to, whole_second).min(to);
            (start < end).then_some((start, end, index))
        })
        .collect();
    clipped.sort();
    let mut out: Vec<(Timestamp, Timestamp, Vec<usize>)> = Vec::new();
    for (start, end, index) in clipped {
        match out.last_mut() {
            Some(last) if start <= last.1 => {
                last.1 = last.1.max(end);
                last.2.push(index);
            }
            _ => out.push((start, end, vec![index])),
        }
    }
    for stretch in &mut out {
        stretch.2.sort_unstable();
    }
    out
}

/// The availability in `[from, to)` of a service measured in `calendar`,
/// given the outages that count.
pub fn availability(
    calendar: &Calendar,
    from: Timestamp,
    to: Timestamp,
    outages: &[(Timestamp, Option<Timestamp>)],
) -> Availability {
    let (from, to) = (whole_second(from), whole_second(to));
    let open_seconds = calendar.business_seconds(from, to);
    let counted_outages: Vec<DownStretch> = merged(from, to, outages)
        .into_iter()
        .map(|(start, end, indices)| DownStretch {
            from: start,
            to: end,
            down_seconds: calendar.business_seconds(start, end),
            outages: indices,
        })
        .collect();
    let down_seconds = counted_outages
        .iter()
        .fold(0i64, |sum, s| sum.saturating_add(s.down_seconds))
        .min(open_seconds);
    let availability_bp = if open_seconds > 0 {
        let up = i128::from(open_seconds - down_seconds);
        u32::try_from(up * 10_000 / i128::from(open_seconds)).ok()
    } else {
        None
    };
    Availability {
        from,
        to,
        open_seconds,
        down_seconds,
        availability_bp,
        counted_outages,
    }
}
