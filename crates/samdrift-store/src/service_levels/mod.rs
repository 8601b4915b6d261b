//! Service levels: calendars, agreements, ticket clocks (derived), outages
//! and notifications.

pub mod agreements;
pub mod calendars;
pub mod clocks;
pub mod escalations;
pub mod notifications;
pub mod outages;
