//! Message catalogs of the catalog pages, one file per part and language,
//! with the same keys in the same order.

mod accounts_en;
mod accounts_sv;
mod portal_en;
mod portal_sv;

pub use accounts_en::ACCOUNTS_EN;
pub use accounts_sv::ACCOUNTS_SV;
pub use portal_en::PORTAL_EN;
pub use portal_sv::PORTAL_SV;

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(c: &[(&str, &str)]) -> Vec<String> {
        c.iter().map(|(k, _)| (*k).to_owned()).collect()
    }

    #[test]
    fn the_languages_have_the_same_keys_in_the_same_order() {
        assert_eq!(keys(PORTAL_SV), keys(PORTAL_EN));
        assert_eq!(keys(ACCOUNTS_SV), keys(ACCOUNTS_EN));
        let mut all = keys(PORTAL_SV);
        all.extend(keys(ACCOUNTS_SV));
        all.extend(keys(crate::ui::i18n::SV));
        all.extend(keys(crate::ui::admin::i18n::SV));
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "a key is given twice across the catalogs");
    }
}
