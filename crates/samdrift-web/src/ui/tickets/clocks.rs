//! The service-level clocks in words: each clock's state, target, time
//! used and due time, and the segments that counted or did not.

use super::*;

pub struct ClockView {
    pub kind: &'static str,
    pub state: &'static str,
    pub target: String,
    pub elapsed: String,
    pub due: Option<String>,
    pub warned: bool,
    pub segments: Vec<SegmentView>,
}

pub struct SegmentView {
    pub from: String,
    pub to: String,
    pub counted: bool,
    pub reason: String,
}

pub(super) fn clock_view(t: &Tr, c: &Clock, now: jiff::Timestamp) -> ClockView {
    let state = match c.state {
        ClockState::Running => "running",
        ClockState::Paused => "paused",
        ClockState::Met => "met",
        ClockState::Breached => "breached",
    };
    ClockView {
        kind: match c.kind {
            ClockKind::Response => "response",
            ClockKind::Resolution => "resolution",
        },
        state,
        target: t.duration(c.target_seconds),
        elapsed: t.duration(c.elapsed_seconds),
        due: c.due_at.map(|d| t.time(d.as_microsecond())),
        warned: c.warning_at.is_some_and(|w| w <= now) && state == "running",
        segments: c
            .segments
            .iter()
            .map(|s| SegmentView {
                from: t.time(s.from.as_microsecond()),
                to: t.time(s.to.as_microsecond()),
                counted: s.counted,
                reason: match &s.reason {
                    SegmentReason::Open => t.t("reason.open").to_owned(),
                    SegmentReason::ClosedHours => t.t("reason.closed_hours").to_owned(),
                    SegmentReason::Holiday { name } => format!("{}: {name}", t.t("reason.holiday")),
                    SegmentReason::Exception => t.t("reason.exception").to_owned(),
                    SegmentReason::Paused { status } => format!(
                        "{}: {}",
                        t.t("reason.paused"),
                        t.word("status", status.as_str())
                    ),
                    SegmentReason::Stopped => t.t("reason.stopped").to_owned(),
                },
            })
            .collect(),
    }
}
