//! Identity: people as the members' source systems deliver them (HR and
//! school), compared with the register to find joiners, movers and
//! leavers, and the personnummer rules.

pub mod comparison;
pub mod directory;
pub mod entitlements;
pub mod personnummer;
pub mod scim_filter;
pub mod source;
pub mod sso;
