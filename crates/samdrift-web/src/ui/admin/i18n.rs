//! Message catalog of the administration pages (Swedish and English).

pub const SV: &[(&str, &str)] = &[("nav.admin", "Administration")];

pub const EN: &[(&str, &str)] = &[("nav.admin", "Administration")];
