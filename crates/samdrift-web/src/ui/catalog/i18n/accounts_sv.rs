//! Message catalog (accounts_sv): keys and texts, the same keys in the same order
//! in both languages.

pub const ACCOUNTS_SV: &[(&str, &str)] = &[];
