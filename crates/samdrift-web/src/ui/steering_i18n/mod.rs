//! The steering pages' catalog (Swedish and English, the same keys in the
//! same order), including the words of stored values (`proposal_state.*`,
//! `majority.*`, `outcome.*`, ...) and the keys pages build at run time
//! (`steering.measure.*`, `steering.status.*`, `steering.unit_*`).

mod en;
mod sv;

pub use en::STEERING_EN;
pub use sv::STEERING_SV;

#[cfg(test)]
mod tests {
    use super::*;
    use samdrift_domain::steering::measure::ALL;

    #[test]
    fn the_languages_have_the_same_keys_in_the_same_order() {
        let sv: Vec<&str> = STEERING_SV.iter().map(|(k, _)| *k).collect();
        let en: Vec<&str> = STEERING_EN.iter().map(|(k, _)| *k).collect();
        assert_eq!(sv, en);
    }

    #[test]
    fn every_measure_and_status_has_words() {
        let has = |k: String| STEERING_SV.iter().any(|(key, _)| *key == k);
        for m in ALL {
            assert!(has(format!("steering.measure.{}", m.as_str())), "{m:?}");
            let unit = if m.unit().is_empty() {
                "number"
            } else {
                m.unit()
            };
            assert!(has(format!("steering.unit_name.{unit}")), "{unit}");
            assert!(has(format!("steering.unit_short.{unit}")), "{unit}");
        }
        for s in ["on_track", "improving", "off_track", "no_data"] {
            assert!(has(format!("steering.status.{s}")));
        }
    }
}
