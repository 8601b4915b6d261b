//! The columns of the inventory's CSV files. The item file's first columns
//! are the import's, so an exported file imports again unchanged; the
//! recognised product and where the data came from follow, and the import
//! reads past them.

pub const ITEM_COLUMNS: &[&str] = &[
    "owner",
    "kind",
    "name",
    "network",
    "location",
    "lifecycle",
    "category",
    "product",
    "version",
    "manufacturer",
    "model",
    "serial",
    "product_name",
    "product_version",
    "source",
];

/// Columns an export writes that an import reads past.
pub const READ_ONLY_COLUMNS: &[&str] = &["product_name", "product_version", "source"];

pub const COMPLIANCE_COLUMNS: &[&str] = &[
    "member",
    "category",
    "items",
    "on_standard",
    "share_percent",
    "products",
];

pub const SYSTEM_COLUMNS: &[&str] = &[
    "member",
    "name",
    "category",
    "product_name",
    "product_version",
    "lifecycle",
    "supplier",
    "contract_end",
    "classification",
    "users",
    "system_owner",
];

pub const OVERLAP_COLUMNS: &[&str] = &[
    "category",
    "product_name",
    "members_running",
    "member",
    "name",
    "supplier",
    "contract_end",
    "users",
    "window",
];

pub const PLAN_COLUMNS: &[&str] = &[
    "member",
    "name",
    "category",
    "product_name",
    "product_version",
    "target",
    "due",
    "done_on",
    "overdue",
];
