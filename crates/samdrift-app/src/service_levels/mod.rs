//! Service levels: calendars, agreements, the clocks of each ticket, the
//! timers that fire warnings and breaches, outages, and compliance reports.

pub mod agreements;
pub mod calendars;
pub mod clocks;
pub mod escalations;
pub mod notices;
pub mod outages;
pub mod reports;
pub mod timers;

/// The `entry` of a report line or a clock's source when the agreement's
/// default entry (the one without a service) applies; a code, worded by
/// the pages.
pub const DEFAULT_ENTRY: &str = "default";
