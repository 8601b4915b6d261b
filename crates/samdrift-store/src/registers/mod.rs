//! The federation's registers: members, administrations, competence
//! groups, suppliers and services.

pub mod administrations;
pub mod groups;
pub mod members;
pub mod services;
pub mod suppliers;
