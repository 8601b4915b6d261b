//! The rules of samdrift, without I/O: ids, tenancy scopes, the ticket state
//! machine, priorities, calendars with Swedish holidays, service-level clocks.
//! Nothing here reads the clock or touches a database; callers pass instants in.

pub mod account;
pub mod agreement;
pub mod calendar;
pub mod catalog;
pub mod charging;
pub mod document;
pub mod duties;
pub mod error;
pub mod identity;
pub mod ids;
pub mod inventory;
pub mod mail;
pub mod member;
pub mod messages;
pub mod notify;
pub mod priority;
pub mod role;
pub mod satisfaction;
pub mod scope;
pub mod sla;
pub mod steering;
mod stored;
pub mod table;
pub mod ticket;
pub mod time;
pub mod user_agreement;
