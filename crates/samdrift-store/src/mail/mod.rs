//! E-mail's tables: the outbox every node sends from (`outbox`), incoming
//! mail claimed once and threaded to tickets (`inbound`), and what each
//! user wants and each member writes (`preferences`).

pub mod inbound;
pub mod outbox;
pub mod preferences;
