//! Steering: the federation's goals and KPIs, the monthly figures they are
//! measured by, the forums with their seats, meetings, proposals, decisions
//! and votes, and the archived monthly member reports. Goals, forums and
//! the decision log are the federation's; the use cases decide who reads
//! a member's figures, seats and reports, and pass the members here.

pub mod figures;
pub mod forums;
pub mod goals;
pub mod proposals;
pub mod reports;
