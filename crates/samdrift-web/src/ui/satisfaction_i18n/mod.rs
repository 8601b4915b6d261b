//! Message catalogs of the satisfaction pages: rating a resolved ticket
//! (its page and the link without login), the results, the annual surveys
//! and answering one, in Swedish and English with the same keys in the
//! same order. Keys a page builds at run time (`satisfaction.grade.{n}`,
//! `satisfaction.by.{by}`, `satisfaction.surveys.state.{state}`,
//! `satisfaction.surveys.kind.{kind}`) are checked here too.

mod en;
mod sv;

pub use en::SATISFACTION_EN;
pub use sv::SATISFACTION_SV;

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(c: &[(&'static str, &'static str)]) -> Vec<&'static str> {
        c.iter().map(|(k, _)| *k).collect()
    }

    #[test]
    fn the_languages_have_the_same_keys_in_the_same_order() {
        assert_eq!(keys(SATISFACTION_SV), keys(SATISFACTION_EN));
        let mut unique = keys(SATISFACTION_SV);
        unique.extend(keys(crate::ui::i18n::SV));
        unique.extend(keys(crate::ui::admin::i18n::SV));
        unique.extend(keys(crate::ui::catalog::i18n::PORTAL_SV));
        unique.extend(keys(crate::ui::catalog::i18n::ACCOUNTS_SV));
        unique.extend(keys(crate::ui::identity_i18n::IDENTITY_SV));
        unique.extend(keys(crate::ui::mail_i18n::MAIL_SV));
        let n = unique.len();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), n, "a key is given twice across the catalogs");
    }

    #[test]
    fn every_key_built_at_run_time_exists() {
        let grades = (1..=5).map(|g| format!("satisfaction.grade.{g}"));
        let by = samdrift_app::satisfaction::Breakdown::ALL
            .iter()
            .map(|b| format!("satisfaction.by.{}", b.as_str()));
        let states = ["draft", "open", "closed"]
            .iter()
            .map(|s| format!("satisfaction.surveys.state.{s}"));
        let kinds = ["scale", "text"]
            .iter()
            .map(|k| format!("satisfaction.surveys.kind.{k}"));
        for key in grades.chain(by).chain(states).chain(kinds) {
            assert!(
                SATISFACTION_SV.iter().any(|(k, _)| *k == key),
                "unknown key {key}"
            );
        }
    }
}
