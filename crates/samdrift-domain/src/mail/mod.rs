//! E-mail without I/O: what an incoming mail is in the fields samdrift
//! decides on (`inbound`), whether it is answered, threaded or ignored,
//! the reply address that leads back to a ticket (`reply`), and the
//! texts of outgoing mail (`template`).

pub mod inbound;
pub mod reply;
pub mod template;
