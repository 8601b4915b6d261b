//! Ticket use cases: report, read, change, comment, attach, close.

mod attachments;
mod change;
mod comment;
mod create;
pub(crate) mod events;
mod history;
mod read;
mod update;

pub use attachments::NewAttachment;
pub use create::NewTicketInput;
pub use history::HistoryLine;
pub use read::{COUNT_BOUND, TicketDetail, TicketList, TicketQuery};
pub use update::TicketPatch;
