//! The service catalog (federation-wide: offerings, prices, catalog items)
//! and what members do with it (subscriptions, orders, service requests,
//! hours logged on tickets). Member rows are always read and written with
//! the member's id, which the app layer takes from a checked scope.

pub mod items;
pub mod offerings;
pub mod requests;
pub mod subscriptions;
pub mod work;
