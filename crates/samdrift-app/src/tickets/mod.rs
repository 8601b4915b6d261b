//! Ticket use cases: report, read, change, comment, attach, close.

pub(crate) mod attachments;
mod change;
pub(crate) mod comment;
pub(crate) mod create;
pub(crate) mod events;
mod history;
mod read;
mod update;

pub use attachments::NewAttachment;
pub use create::NewTicketInput;
pub use history::HistoryLine;
pub use read::{COUNT_BOUND, TicketDetail, TicketList, TicketQuery};
pub use update::TicketPatch;
