//! The JSON API, one file per resource.

pub mod accounts;
pub mod attachments;
pub mod comments;
pub mod health;
pub mod import;
pub mod members;
pub mod people;
pub mod references;
pub mod session;
pub mod tickets;
pub mod views;
