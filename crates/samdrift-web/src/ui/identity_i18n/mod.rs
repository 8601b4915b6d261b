//! Message catalogs of the user agreement pages (the agreement a user
//! accepts, its administration and its acceptance report) and of an
//! account's administration page, in Swedish and English with the same
//! keys in the same order.

mod en;
mod sv;

pub use en::IDENTITY_EN;
pub use sv::IDENTITY_SV;

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(c: &[(&'static str, &'static str)]) -> Vec<&'static str> {
        c.iter().map(|(k, _)| *k).collect()
    }

    #[test]
    fn the_languages_have_the_same_keys_in_the_same_order() {
        assert_eq!(keys(IDENTITY_SV), keys(IDENTITY_EN));
        let mut unique = keys(IDENTITY_SV);
        unique.extend(keys(crate::ui::i18n::SV));
        unique.extend(keys(crate::ui::admin::i18n::SV));
        unique.extend(keys(crate::ui::catalog::i18n::PORTAL_SV));
        unique.extend(keys(crate::ui::catalog::i18n::ACCOUNTS_SV));
        let n = unique.len();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), n, "a key is given twice across the catalogs");
    }
}
