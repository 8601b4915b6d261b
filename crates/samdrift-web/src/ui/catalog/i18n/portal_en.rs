//! Message catalog (portal_en): keys and texts, the same keys in the same order
//! in both languages.

pub const PORTAL_EN: &[(&str, &str)] = &[];
