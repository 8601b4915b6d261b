//! Typed ids (UUIDv7) so a ticket id can never be passed where a member id
//! is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// A member municipality (medlemskommun).
    MemberId,
    /// An administration (förvaltning) inside a member.
    AdministrationId,
    /// A person (staff member, pupil, elected official, consultant).
    PersonId,
    /// A login account.
    AccountId,
    /// A competence group (kompetensgrupp).
    GroupId,
    /// An external supplier (leverantör).
    SupplierId,
    /// A service in the catalog.
    ServiceId,
    /// A ticket (ärende).
    TicketId,
    /// A comment on a ticket.
    CommentId,
    /// An attachment on a ticket.
    AttachmentId,
    /// An event in a ticket's history.
    EventId,
    /// A configuration item (konfigurationsobjekt) in the inventory.
    ItemId,
);
