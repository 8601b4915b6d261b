//! Message catalog (portal_sv): keys and texts, the same keys in the same order
//! in both languages.

pub const PORTAL_SV: &[(&str, &str)] = &[];
