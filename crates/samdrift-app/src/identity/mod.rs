//! Identity: people delivered by the members' source systems, compared
//! with the register and applied (joiners, movers, leavers), and the
//! personnummer key.

pub mod apply;
pub mod deliveries;
pub mod delivery_file;
pub mod directory;
pub mod entitlements;
pub mod people;
pub mod sealing;
