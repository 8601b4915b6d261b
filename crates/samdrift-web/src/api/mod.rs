//! The JSON API, one file per resource.

pub mod accounts;
pub mod agreements;
pub mod attachments;
pub mod calendars;
pub mod catalog;
pub mod comments;
pub mod deliveries;
pub mod escalations;
pub mod health;
pub mod import;
pub mod members;
pub mod notifications;
pub mod orders;
pub mod outages;
pub mod people;
pub mod references;
pub mod reports;
pub mod requests;
pub mod scim_tokens;
pub mod session;
pub mod sla;
pub mod specs;
pub mod tickets;
pub mod tokens;
pub mod user_agreements;
pub mod views;
