//! The breach instant of a clock: when its counted time first exceeded its
//! target. The compliance report needs it to count a clock that is still
//! running at the end of a period but already breached (SLA.md, "Compliance
//! report and penalties"), and per-breach penalties to fine a breach once.
//!
//! Rule kept here: a clock is breached when its elapsed business time
//! *exceeds* the target (equal is met, SLA.md). Clock instants are whole
//! seconds, so counted time grows in whole seconds and the breach instant is
//! the instant at which the counted segments add up to `target + 1` seconds:
//! the earliest `now` for which [`compute_clocks`](super::compute_clocks)
//! reports the clock as breached, with the same target and calendar.
//!
//! The instant is relative to the clock as given: its current priority's
//! target and calendar applied to the whole history (SLA.md: a raised
//! priority applies from creation), so raising a priority can move a breach
//! instant into the past. A clock whose segments never add up to more than
//! its target has no breach instant.

use super::Clock;
use jiff::{SignedDuration, Timestamp};

/// The instant the clock's counted time first exceeded its target, walking
/// its counted segments in order; `None` when it never did by the end of its
/// segments. Negative targets count as 0, as in the clocks.
pub fn breach_instant(clock: &Clock) -> Option<Timestamp> {
    let need = clock.target_seconds.max(0).checked_add(1)?;
    let mut remaining = SignedDuration::from_secs(need);
    for segment in clock.segments.iter().filter(|s| s.counted) {
        if segment.to <= segment.from {
            continue;
        }
        let length = segment.to.duration_since(segment.from);
        if length >= remaining {
            return segment.from.checked_add(remaining).ok();
        }
        remaining -= length;
    }
    None
}

/// The number of counted seconds of `clock` in `[started_at, at)`: the
/// clock's elapsed time as it stood at `at`, read from its segments.
pub fn elapsed_at(clock: &Clock, at: Timestamp) -> i64 {
    clock
        .segments
        .iter()
        .filter(|s| s.counted && s.from < at)
        .fold(SignedDuration::ZERO, |sum, s| {
            let end = s.to.min(at);
            if end > s.from {
                sum.saturating_add(end.duration_since(s.from))
            } else {
                sum
            }
        })
        .as_secs()
}
