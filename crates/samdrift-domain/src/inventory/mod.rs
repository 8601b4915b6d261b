//! The inventory (CMDB): each member's configuration items and business
//! systems, the federation's common standard, and consolidation towards it.
//! The kinds, networks and lifecycle states are fixed here; categories are
//! codes of the `inventory_categories` register (a platform such as
//! `client_os`, or an application purpose such as `finance`).

pub mod agent;
pub mod consolidation;
pub mod csv;
pub mod impact;
pub mod product;
pub mod standard;

use crate::messages::Message;
use crate::msg;
use serde::{Deserialize, Serialize};

macro_rules! coded_enum {
    ($(#[$doc:meta])* $name:ident, $err:literal, { $($(#[$vdoc:meta])* $variant:ident = $code:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn parse(text: &str) -> Result<$name, Message> {
                match text.trim() {
                    $($code => Ok($name::$variant),)*
                    other => Err(msg!($err, value = other)),
                }
            }
        }
    };
}

coded_enum!(
    /// What kind of thing an item is; its attributes follow from it.
    ItemKind, "inventory.unknown_kind", {
        /// Klientdator.
        Client = "client",
        Server = "server",
        /// Nätverksutrustning (switches, routers, the Internet connection).
        NetworkDevice = "network_device",
        Printer = "printer",
        Storage = "storage",
        Database = "database",
        Firewall = "firewall",
        /// E-postsystem, spam filters.
        MailSystem = "mail_system",
        /// Verksamhetssystem: the application portfolio.
        BusinessSystem = "business_system",
        /// Anything else worth keeping: a data centre (driftställe), a site.
        Other = "other",
    }
);

coded_enum!(
    /// The network an item sits on: municipalities keep the school network
    /// apart from the administration's.
    Network, "inventory.unknown_network", {
        /// Administrativt nät.
        Administrative = "administrative",
        /// Pedagogiskt nät.
        Pedagogical = "pedagogical",
    }
);

coded_enum!(
    /// Where an item is in its life.
    Lifecycle, "inventory.unknown_lifecycle", {
        Planned = "planned",
        InUse = "in_use",
        /// Being phased out (avvecklas).
        Retiring = "retiring",
        Retired = "retired",
    }
);

coded_enum!(
    /// How an item relates to another item, a service or an administration.
    RelationKind, "inventory.unknown_relation", {
        /// The item runs on another item (a system on a server).
        RunsOn = "runs_on",
        /// The item needs another item to work.
        DependsOn = "depends_on",
        /// The item is part of a service in the catalog.
        PartOfService = "part_of_service",
        /// An administration of the owning member uses the item.
        UsedBy = "used_by",
    }
);

coded_enum!(
    /// Whether a category is a platform or an application purpose.
    Area, "inventory.unknown_area", {
        Platform = "platform",
        Application = "application",
    }
);

impl Lifecycle {
    /// Retired items are kept for history but count in no figure.
    pub fn counts(self) -> bool {
        self != Lifecycle::Retired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_unknown_codes_name_the_value() {
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::parse(k.as_str()), Ok(*k));
        }
        for r in RelationKind::ALL {
            assert_eq!(RelationKind::parse(r.as_str()), Ok(*r));
        }
        let err = Network::parse("skolnät").unwrap_err();
        assert_eq!(err.code, "inventory.unknown_network");
    }
}
