//! The records the queries and use cases return: plain data read from the
//! store, re-exported here so the web layer names them without reaching
//! the store itself. Tickets are typed (`Status`, `Priority`, `TicketType`
//! from the domain); the ticket filter says what a ticket list may ask for.

pub use samdrift_store::accounts::{AccountRecord, LoginRecord, TokenRecord};
pub use samdrift_store::catalog::requests::WaitingApprovalRow;
pub use samdrift_store::catalog::subscriptions::SubscriptionRow;
pub use samdrift_store::catalog::work::WorkRecord;
pub use samdrift_store::inventory::agents::AgentKeyRecord;
pub use samdrift_store::inventory::figures::{MonthCell, SystemLine};
pub use samdrift_store::inventory::items::{
    ApplicationRecord, ItemQuery, ItemRecord as InventoryItemRecord, SoftwareRecord,
};
pub use samdrift_store::inventory::standard::{PlanLine, StandardEntryRecord, TargetRecord};
pub use samdrift_store::mail::inbound::{InboundRecord, MailContact};
pub use samdrift_store::people::PersonRecord;
pub use samdrift_store::registers::administrations::AdministrationRecord;
pub use samdrift_store::registers::groups::GroupRecord;
pub use samdrift_store::registers::members::MemberRecord;
pub use samdrift_store::registers::services::{RoutingRuleRecord, ServiceRecord};
pub use samdrift_store::registers::suppliers::SupplierRecord;
pub use samdrift_store::service_levels::agreements::AgreementRecord;
pub use samdrift_store::service_levels::calendars::CalendarRecord;
pub use samdrift_store::service_levels::escalations::EscalationRuleRecord;
pub use samdrift_store::service_levels::notifications::NotificationRecord;
pub use samdrift_store::service_levels::outages::OutageRecord;
pub use samdrift_store::tickets::{
    AttachmentMeta, BoundedCount, CommentRecord, EventRecord, TicketCursor, TicketFilter,
    TicketRecord, TicketRow, TicketSort,
};
pub use samdrift_store::user_agreements::{
    AcceptanceRecord, CurrentVersionRow, PendingAgreementRow, UserAgreementRecord,
};
