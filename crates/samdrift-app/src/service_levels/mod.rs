//! Service levels: calendars, agreements, the clocks of each ticket, the
//! timers that fire warnings and breaches, outages, and compliance reports.

pub mod agreements;
pub mod calendars;
pub mod clocks;
pub mod escalations;
pub mod outages;
pub mod reports;
pub mod timers;
