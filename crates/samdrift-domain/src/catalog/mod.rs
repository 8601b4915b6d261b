//! The service catalog: request forms, the approvals and fulfilment tasks a
//! catalog item needs, and the orders by which a member's orderer changes
//! its subscriptions. Prices and charging live in [`crate::charging`].

pub mod order;
pub mod request;

#[cfg(test)]
mod tests_order;
#[cfg(test)]
mod tests_request;
