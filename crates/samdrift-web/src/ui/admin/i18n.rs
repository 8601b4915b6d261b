//! Message catalog of the administration pages (Swedish and English), one
//! file per language with the same keys in the same order. Keys a page
//! builds at run time (`admin.role.{role}`, `admin.kind.{kind}`,
//! `admin.level.{level}`, `admin.field.{weekday}`) are checked here too.

mod en;
mod sv;

pub use en::EN;
pub use sv::SV;

#[cfg(test)]
mod tests {
    use super::super::super::i18n as ui;
    use super::*;
    use samdrift_app::registers::{PERSON_KINDS, SERVICE_LEVELS};

    /// Keys of the administration pages, the shared UI and the catalog
    /// pages (the catalog pages' words, like statuses and units, are used
    /// on the catalog's administration pages too).
    fn known(key: &str) -> bool {
        use super::super::super::catalog::i18n as catalog;
        SV.iter()
            .chain(ui::SV.iter())
            .chain(catalog::ACCOUNTS_SV.iter())
            .chain(catalog::PORTAL_SV.iter())
            .chain(super::super::super::identity_i18n::IDENTITY_SV.iter())
            .chain(super::super::super::mail_i18n::MAIL_SV.iter())
            .any(|(k, _)| *k == key)
    }

    #[test]
    fn the_languages_have_the_same_keys_in_the_same_order() {
        let sv: Vec<&str> = SV.iter().map(|(k, _)| *k).collect();
        let en: Vec<&str> = EN.iter().map(|(k, _)| *k).collect();
        assert_eq!(sv, en);
        let mut unique = sv.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), sv.len(), "a key is given twice");
    }

    #[test]
    fn every_key_an_administration_template_uses_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("admin_") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split("t.t(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                assert!(known(key), "{name}: unknown key {key}");
            }
        }
    }

    #[test]
    fn every_key_built_at_run_time_exists() {
        let roles = super::super::accounts::ROLES.iter();
        let built = roles
            .map(|r| format!("admin.role.{r}"))
            .chain(PERSON_KINDS.iter().map(|k| format!("admin.kind.{k}")))
            .chain(SERVICE_LEVELS.iter().map(|l| format!("admin.level.{l}")))
            .chain(
                samdrift_domain::calendar::WEEKDAY_KEYS
                    .iter()
                    .map(|d| format!("admin.field.{d}")),
            );
        for key in built {
            assert!(known(&key), "unknown key {key}");
        }
    }
}
