//! Reads for pages and endpoints. Each takes the caller's `Scope`, makes
//! the role decision and lets the store filter by member in SQL, so the web
//! layer never chooses whose rows it sees: it renders what these return.
//! The store is private to this crate (`App::store`), so a page cannot
//! reach an unscoped query. A fault of the database comes back as
//! [`AppError::Store`](crate::AppError::Store), never as an empty list.

mod callers;
mod lead_board;
mod lookups;
mod queue;
pub mod records;
mod registers;
mod ticket_page;

pub use callers::Caller;
pub use lead_board::{AssigneeLoad, GroupBoard};
pub use lookups::{Names, StaffLookups};
pub use queue::{Queue, QueueRequest, QueueView};
pub use registers::{GroupWithMembers, PeopleRegister, RegisterCounts};
pub use ticket_page::TicketPage;
