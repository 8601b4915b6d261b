//! Message catalog (accounts_en): keys and texts, the same keys in the same order
//! in both languages.

pub const ACCOUNTS_EN: &[(&str, &str)] = &[];
