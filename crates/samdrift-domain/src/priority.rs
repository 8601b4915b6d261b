//! Impact, urgency and the ITIL matrix that derives a priority from them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Priority P1 (critical) to P4 (low).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::P1, Priority::P2, Priority::P3, Priority::P4];

    /// The matrix of SLA.md: impact and urgency are each 1 (high) to 3 (low).
    pub fn from_matrix(impact: Level, urgency: Level) -> Priority {
        match impact.0 + urgency.0 {
            2 => Priority::P1,
            3 => Priority::P2,
            4 => Priority::P3,
            _ => Priority::P4,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::P4 => "P4",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = crate::messages::Message;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "P1" => Ok(Priority::P1),
            "P2" => Ok(Priority::P2),
            "P3" => Ok(Priority::P3),
            "P4" => Ok(Priority::P4),
            _ => Err(crate::msg!("priority.unknown", value = s)),
        }
    }
}

/// Impact or urgency: 1 (high), 2 (medium) or 3 (low).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Level(u8);

impl Level {
    pub fn new(value: i64) -> Result<Level, crate::messages::Message> {
        match value {
            1..=3 => Ok(Level(value as u8)),
            _ => Err(crate::msg!("level.range", value = value)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lv(v: i64) -> Level {
        Level::new(v).unwrap_or(Level(3))
    }

    #[test]
    fn matrix_matches_sla_md() {
        let expected = [
            [Priority::P1, Priority::P2, Priority::P3],
            [Priority::P2, Priority::P3, Priority::P4],
            [Priority::P3, Priority::P4, Priority::P4],
        ];
        for impact in 1..=3 {
            for urgency in 1..=3 {
                assert_eq!(
                    Priority::from_matrix(lv(impact), lv(urgency)),
                    expected[(impact - 1) as usize][(urgency - 1) as usize],
                    "impact {impact} urgency {urgency}"
                );
            }
        }
    }

    #[test]
    fn levels_outside_one_to_three_are_refused() {
        assert!(Level::new(0).is_err());
        assert!(Level::new(4).is_err());
        assert!(Level::new(2).is_ok());
    }
}
