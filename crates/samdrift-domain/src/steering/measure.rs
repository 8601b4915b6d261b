//! The figures samdrift computes from its own data each month, per member
//! (and per service where it says so). Each is kept as a numerator and a
//! denominator, so the federation's figure is computed from the members'
//! sums and every figure can be explained by its two counts.

use crate::messages::Message;
use crate::msg;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Met SLA clocks of those measured, %.
    SlaCompliance,
    /// Minutes in service of service-hour minutes, %.
    Availability,
    /// Average rating 1-5 of resolved tickets.
    Satisfaction,
    /// Tickets resolved by the service desk without a second line, %.
    FirstContactResolution,
    /// Open tickets at the end of the month.
    Backlog,
    /// Average age in days of those open tickets.
    BacklogAge,
    /// Tickets registered in the month.
    TicketVolume,
    /// Invoiced kronor per workstation.
    CostPerWorkstation,
    /// Invoiced kronor per user.
    CostPerUser,
    /// Penalties (viten) the federation paid, kronor.
    Penalties,
    /// Distinct products in use, summed over the inventory's categories
    /// (a member's own; the federation's counts a product run by several
    /// members once, so it is kept by the inventory, not summed).
    PlatformDiversity,
    /// Items on the common standard of items in categories that have one, %.
    StandardCompliance,
    /// Kronor invoiced for the month.
    Invoiced,
    /// The month's twelfth of the year's budget, kronor.
    Budgeted,
    /// A figure entered by hand with its source.
    Manual,
}

/// How members' figures make the federation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// The quotient of the summed numerators and denominators.
    Ratio,
    /// The sum of the numerators.
    Sum,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }

    pub fn parse(text: &str) -> Result<Direction, Message> {
        match text {
            "higher_is_better" => Ok(Direction::HigherIsBetter),
            "lower_is_better" => Ok(Direction::LowerIsBetter),
            _ => Err(msg!("kpi.unknown_direction", value = text)),
        }
    }
}

pub const ALL: [Measure; 15] = [
    Measure::SlaCompliance,
    Measure::Availability,
    Measure::Satisfaction,
    Measure::FirstContactResolution,
    Measure::Backlog,
    Measure::BacklogAge,
    Measure::TicketVolume,
    Measure::CostPerWorkstation,
    Measure::CostPerUser,
    Measure::Penalties,
    Measure::PlatformDiversity,
    Measure::StandardCompliance,
    Measure::Invoiced,
    Measure::Budgeted,
    Measure::Manual,
];

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::SlaCompliance => "sla_compliance",
            Measure::Availability => "availability",
            Measure::Satisfaction => "satisfaction",
            Measure::FirstContactResolution => "first_contact_resolution",
            Measure::Backlog => "backlog",
            Measure::BacklogAge => "backlog_age",
            Measure::TicketVolume => "ticket_volume",
            Measure::CostPerWorkstation => "cost_per_workstation",
            Measure::CostPerUser => "cost_per_user",
            Measure::Penalties => "penalties",
            Measure::PlatformDiversity => "platform_diversity",
            Measure::StandardCompliance => "standard_compliance",
            Measure::Invoiced => "invoiced",
            Measure::Budgeted => "budgeted",
            Measure::Manual => "manual",
        }
    }

    pub fn parse(text: &str) -> Result<Measure, Message> {
        ALL.into_iter()
            .find(|m| m.as_str() == text)
            .ok_or_else(|| msg!("kpi.unknown_measure", value = text))
    }

    pub fn aggregate(self) -> Aggregate {
        match self {
            Measure::Backlog
            | Measure::TicketVolume
            | Measure::Penalties
            | Measure::PlatformDiversity
            | Measure::Invoiced
            | Measure::Budgeted
            | Measure::Manual => Aggregate::Sum,
            _ => Aggregate::Ratio,
        }
    }

    /// The unit a value is shown in (a key of the UI catalogs' `unit.*`).
    pub fn unit(self) -> &'static str {
        match self {
            Measure::SlaCompliance
            | Measure::Availability
            | Measure::FirstContactResolution
            | Measure::StandardCompliance => "percent",
            Measure::Satisfaction => "of_five",
            Measure::BacklogAge => "days",
            Measure::CostPerWorkstation
            | Measure::CostPerUser
            | Measure::Penalties
            | Measure::Invoiced
            | Measure::Budgeted => "kronor",
            Measure::Backlog | Measure::TicketVolume | Measure::PlatformDiversity => "count",
            Measure::Manual => "",
        }
    }

    /// The direction a goal on this measure usually wants.
    pub fn natural_direction(self) -> Direction {
        match self {
            Measure::SlaCompliance
            | Measure::Availability
            | Measure::Satisfaction
            | Measure::FirstContactResolution
            | Measure::StandardCompliance => Direction::HigherIsBetter,
            _ => Direction::LowerIsBetter,
        }
    }

    /// The value shown for a numerator and denominator, in [`Self::unit`]:
    /// none when there was nothing to measure.
    pub fn value(self, numerator: i64, denominator: i64) -> Option<f64> {
        let (n, d) = (numerator as f64, denominator as f64);
        match self {
            Measure::SlaCompliance
            | Measure::Availability
            | Measure::FirstContactResolution
            | Measure::StandardCompliance => (denominator > 0).then(|| n * 100.0 / d),
            Measure::Satisfaction | Measure::BacklogAge => (denominator > 0).then(|| n / d),
            Measure::CostPerWorkstation | Measure::CostPerUser => {
                (denominator > 0).then(|| n / d / 100.0)
            }
            Measure::Penalties | Measure::Invoiced | Measure::Budgeted => Some(n / 100.0),
            Measure::Backlog | Measure::TicketVolume | Measure::PlatformDiversity => Some(n),
            Measure::Manual => Some(n / 1000.0),
        }
    }
}

/// The federation's (or any group of members') figure from each member's
/// numerator and denominator.
pub fn combine(measure: Measure, parts: impl IntoIterator<Item = (i64, i64)>) -> Option<f64> {
    let mut any = false;
    let (mut n, mut d) = (0i64, 0i64);
    for (pn, pd) in parts {
        any = true;
        n = n.saturating_add(pn);
        d = d.saturating_add(pd);
    }
    if !any {
        return None;
    }
    match measure.aggregate() {
        Aggregate::Ratio => measure.value(n, d),
        Aggregate::Sum => measure.value(n, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_federation_figure_is_the_quotient_of_sums_not_the_mean_of_quotients() {
        // Ystad 90 of 100 met, Tomelilla 1 of 10: 91/110, not (90+10)/2.
        let v = combine(Measure::SlaCompliance, [(90, 100), (1, 10)]).unwrap();
        assert!((v - 82.727).abs() < 0.001, "{v}");
        let backlog = combine(Measure::Backlog, [(40, 1), (2, 1)]).unwrap();
        assert_eq!(backlog, 42.0);
        assert_eq!(combine(Measure::Backlog, []), None);
        assert_eq!(
            combine(Measure::SlaCompliance, [(0, 0)]),
            None,
            "nothing measured"
        );
    }

    #[test]
    fn costs_are_shown_in_kronor() {
        assert_eq!(Measure::CostPerUser.value(1_234_500, 10), Some(1234.5));
        assert_eq!(Measure::Penalties.value(500_000, 1), Some(5000.0));
    }

    #[test]
    fn every_measure_reads_back() {
        for m in ALL {
            assert_eq!(Measure::parse(m.as_str()), Ok(m));
        }
    }
}
