//! SQL persistence for samdrift on SQLite (embedded default) and PostgreSQL.
//!
//! One `Store` enum holds the pool of either backend; repository functions
//! are written once and run on both through [`on_pool!`], which expands the
//! same body for each pool type. SQL texts use `$1..$n` placeholders, which
//! both backends accept. Every function that reads or writes a member's rows
//! takes the caller's [`Scope`](samdrift_domain::scope::Scope) and filters
//! in SQL: there is no unscoped path to member data.

macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            $crate::Store::Sqlite($pool) => $body,
            $crate::Store::Postgres($pool) => $body,
        }
    };
}

pub mod accounts;
pub mod catalog;
mod connect;
pub mod directory;
mod expiry;
pub use expiry::{EndingAgreement, ExpiringToken};
mod error;
pub mod identity;
pub mod identity_rules;
pub mod inventory;
pub mod mail;
mod maintenance;
pub mod people;
pub mod registers;
pub mod satisfaction;
pub mod saved_filters;
pub mod scim;
pub mod scim_sql;
mod scope_sql;
pub mod service_levels;
pub mod sso;
pub mod steering;
pub mod tickets;
pub mod user_agreements;

pub use connect::{Backend, Store};
pub use error::StoreError;

/// Microseconds since the epoch, as stored.
pub type Micros = i64;
