//! How a KPI stands: its latest value against the target in the wanted
//! direction, and whether it moves the right way.

use super::measure::Direction;
use crate::document::Tone;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiStatus {
    /// The latest value meets the target.
    OnTrack,
    /// Not there yet, but better than the month before.
    Improving,
    /// Not there and not getting better.
    OffTrack,
    /// No value yet.
    NoData,
}

impl KpiStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            KpiStatus::OnTrack => "on_track",
            KpiStatus::Improving => "improving",
            KpiStatus::OffTrack => "off_track",
            KpiStatus::NoData => "no_data",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            KpiStatus::OnTrack => Tone::Good,
            KpiStatus::Improving => Tone::Warning,
            KpiStatus::OffTrack => Tone::Bad,
            KpiStatus::NoData => Tone::Neutral,
        }
    }
}

/// Whether `value` meets `target` in `direction`.
pub fn meets(value: f64, target: f64, direction: Direction) -> bool {
    match direction {
        Direction::HigherIsBetter => value >= target,
        Direction::LowerIsBetter => value <= target,
    }
}

/// The status of a series of monthly values (oldest first, gaps as none).
pub fn status(series: &[Option<f64>], target: f64, direction: Direction) -> KpiStatus {
    let mut known = series.iter().rev().filter_map(|v| *v);
    let Some(latest) = known.next() else {
        return KpiStatus::NoData;
    };
    if meets(latest, target, direction) {
        return KpiStatus::OnTrack;
    }
    let better = match (known.next(), direction) {
        (Some(prev), Direction::HigherIsBetter) => latest > prev,
        (Some(prev), Direction::LowerIsBetter) => latest < prev,
        (None, _) => false,
    };
    if better {
        KpiStatus::Improving
    } else {
        KpiStatus::OffTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;

    #[test]
    fn a_kpi_is_on_track_improving_or_off_track() {
        assert_eq!(
            status(&[Some(90.0), Some(96.0)], 95.0, HigherIsBetter),
            KpiStatus::OnTrack
        );
        assert_eq!(
            status(&[Some(90.0), Some(93.0)], 95.0, HigherIsBetter),
            KpiStatus::Improving
        );
        assert_eq!(
            status(&[Some(93.0), Some(90.0)], 95.0, HigherIsBetter),
            KpiStatus::OffTrack
        );
        assert_eq!(
            status(&[Some(12.0), None, Some(9.0)], 10.0, LowerIsBetter),
            KpiStatus::OnTrack
        );
        assert_eq!(
            status(&[Some(14.0), None, Some(12.0)], 10.0, LowerIsBetter),
            KpiStatus::Improving
        );
        assert_eq!(
            status(&[None, None], 10.0, LowerIsBetter),
            KpiStatus::NoData
        );
        assert_eq!(
            status(&[Some(80.0)], 95.0, HigherIsBetter),
            KpiStatus::OffTrack
        );
    }
}
