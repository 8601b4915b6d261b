//! The federation's common standard and how far members follow it.
//!
//! The standard is a list of entries: in a category, a product (by its
//! [`super::product::Product`] key) and a version, valid from a day until
//! an optional last day.
//!
//! Rules where there was a choice:
//!
//! - `valid_until` is the last day the entry holds (inclusive); an entry
//!   whose last day comes before its first is never valid.
//! - An entry with version "" admits every version of its product; any
//!   other version must be equal. Categories and keys compare exactly
//!   (they are codes).
//! - An item is on the standard when some entry valid that day admits it.
//! - A cell counts the items of one owner (a member, or the federation) in
//!   one category; it "has a standard" when some entry of the category is
//!   valid that day, and only then is its share meaningful.
//! - The share is in basis points (1/100 of a percent), rounded half up.
//! - Diversity lists every category that has items, with the distinct
//!   product keys in it; an item with an empty key is no product, so a
//!   category may list none.

use crate::ids::MemberId;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// One product (and version) the federation agreed on for a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardEntry {
    pub category: String,
    pub product_key: String,
    /// "" admits any version.
    pub version: String,
    pub valid_from: Date,
    /// The last day the entry holds; `None` while it holds.
    pub valid_until: Option<Date>,
}

impl StandardEntry {
    /// Whether the entry holds on `day`.
    pub fn is_valid_on(&self, day: Date) -> bool {
        self.valid_from <= day && self.valid_until.is_none_or(|last| day <= last)
    }

    /// Whether the entry admits the product and version in the category,
    /// whatever the day.
    pub fn admits(&self, category: &str, product_key: &str, version: &str) -> bool {
        self.category == category
            && self.product_key == product_key
            && (self.version.is_empty() || self.version == version)
    }
}

/// Whether the product and version are on the standard of the category on
/// `day`.
pub fn on_standard(
    entries: &[StandardEntry],
    category: &str,
    product_key: &str,
    version: &str,
    day: Date,
) -> bool {
    entries
        .iter()
        .any(|e| e.is_valid_on(day) && e.admits(category, product_key, version))
}

/// An item as compliance counts it.
#[derive(Debug, Clone, Copy)]
pub struct ComplianceItem<'a> {
    /// `None` for the federation's own items.
    pub owner: Option<MemberId>,
    pub category: &'a str,
    pub product_key: &'a str,
    pub version: &'a str,
}

/// One owner's items in one category against the standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplianceCell {
    /// `None` for the federation's own items.
    pub owner: Option<MemberId>,
    pub category: String,
    pub items: u64,
    pub on_standard: u64,
    /// Whether some entry of the category is valid on the day.
    pub has_standard: bool,
}

impl ComplianceCell {
    /// The share of items on the standard in basis points, rounded half
    /// up; `None` when there are no items or the category has no standard.
    pub fn share_bp(&self) -> Option<u32> {
        if self.items == 0 || !self.has_standard {
            return None;
        }
        let items = u128::from(self.items);
        let bp = (u128::from(self.on_standard) * 20_000 + items) / (2 * items);
        Some(u32::try_from(bp).unwrap_or(u32::MAX))
    }
}

/// The entries valid on a day, by category.
fn valid_by_category(entries: &[StandardEntry], day: Date) -> HashMap<&str, Vec<&StandardEntry>> {
    let mut by_category: HashMap<&str, Vec<&StandardEntry>> = HashMap::new();
    for entry in entries.iter().filter(|e| e.is_valid_on(day)) {
        by_category
            .entry(entry.category.as_str())
            .or_default()
            .push(entry);
    }
    by_category
}

/// Counts each owner's items per category and how many are on the
/// standard on `day`: one cell per (owner, category) with items, sorted by
/// owner (the federation first) then category.
pub fn compliance<'a>(
    items: impl IntoIterator<Item = ComplianceItem<'a>>,
    entries: &[StandardEntry],
    day: Date,
) -> Vec<ComplianceCell> {
    let standard = valid_by_category(entries, day);
    let mut counts: HashMap<(Option<MemberId>, &'a str), (u64, u64)> = HashMap::new();
    for item in items {
        let admitted = standard.get(item.category).is_some_and(|entries| {
            entries
                .iter()
                .any(|e| e.admits(item.category, item.product_key, item.version))
        });
        let count = counts.entry((item.owner, item.category)).or_default();
        count.0 += 1;
        count.1 += u64::from(admitted);
    }
    let mut cells: Vec<ComplianceCell> = counts
        .into_iter()
        .map(|((owner, category), (items, on_standard))| ComplianceCell {
            owner,
            category: category.to_string(),
            items,
            on_standard,
            has_standard: standard.contains_key(category),
        })
        .collect();
    cells.sort_by(|a, b| (a.owner, &a.category).cmp(&(b.owner, &b.category)));
    cells
}

/// The distinct products in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diversity {
    pub category: String,
    /// Distinct product keys, sorted.
    pub products: Vec<String>,
}

/// The distinct products per category, all owners together, sorted by
/// category. Items with an empty product key count as no product.
pub fn diversity<'a>(items: impl IntoIterator<Item = ComplianceItem<'a>>) -> Vec<Diversity> {
    let mut by_category: HashMap<&'a str, BTreeSet<&'a str>> = HashMap::new();
    for item in items {
        let products = by_category.entry(item.category).or_default();
        if !item.product_key.is_empty() {
            products.insert(item.product_key);
        }
    }
    let mut out: Vec<Diversity> = by_category
        .into_iter()
        .map(|(category, products)| Diversity {
            category: category.to_string(),
            products: products.into_iter().map(str::to_string).collect(),
        })
        .collect();
    out.sort_by(|a, b| a.category.cmp(&b.category));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn member(n: u128) -> MemberId {
        MemberId(Uuid::from_u128(n))
    }

    fn entry(
        category: &str,
        key: &str,
        version: &str,
        from: Date,
        until: Option<Date>,
    ) -> StandardEntry {
        StandardEntry {
            category: category.to_string(),
            product_key: key.to_string(),
            version: version.to_string(),
            valid_from: from,
            valid_until: until,
        }
    }

    fn item<'a>(
        owner: Option<MemberId>,
        category: &'a str,
        key: &'a str,
        version: &'a str,
    ) -> ComplianceItem<'a> {
        ComplianceItem {
            owner,
            category,
            product_key: key,
            version,
        }
    }

    #[test]
    fn validity_includes_both_ends() {
        let e = entry(
            "client_os",
            "microsoft-windows",
            "11",
            date(2024, 1, 1),
            Some(date(2025, 12, 31)),
        );
        assert!(!e.is_valid_on(date(2023, 12, 31)));
        assert!(e.is_valid_on(date(2024, 1, 1)));
        assert!(e.is_valid_on(date(2025, 12, 31)));
        assert!(!e.is_valid_on(date(2026, 1, 1)));
        let open = entry("client_os", "microsoft-windows", "", date(2024, 1, 1), None);
        assert!(open.is_valid_on(date(2099, 1, 1)));
    }

    #[test]
    fn empty_version_admits_any_version() {
        let any = entry("office", "libreoffice", "", date(2024, 1, 1), None);
        assert!(any.admits("office", "libreoffice", "7"));
        assert!(any.admits("office", "libreoffice", ""));
        assert!(!any.admits("client_os", "libreoffice", "7"));
        let eleven = entry(
            "client_os",
            "microsoft-windows",
            "11",
            date(2024, 1, 1),
            None,
        );
        assert!(eleven.admits("client_os", "microsoft-windows", "11"));
        assert!(!eleven.admits("client_os", "microsoft-windows", "10"));
        assert!(!eleven.admits("client_os", "microsoft-windows", ""));
        let entries = [eleven];
        assert!(on_standard(
            &entries,
            "client_os",
            "microsoft-windows",
            "11",
            date(2024, 6, 1)
        ));
        assert!(!on_standard(
            &entries,
            "client_os",
            "microsoft-windows",
            "11",
            date(2023, 6, 1)
        ));
    }

    #[test]
    fn cells_per_owner_and_category_with_shares() {
        let (a, b) = (member(1), member(2));
        let entries = [
            entry(
                "client_os",
                "microsoft-windows",
                "11",
                date(2024, 1, 1),
                None,
            ),
            entry(
                "finance",
                "raindance-ekonomi",
                "",
                date(2020, 1, 1),
                Some(date(2023, 12, 31)),
            ),
        ];
        let items = [
            item(Some(b), "client_os", "microsoft-windows", "11"),
            item(Some(a), "client_os", "microsoft-windows", "11"),
            item(Some(a), "client_os", "microsoft-windows", "10"),
            item(Some(a), "client_os", "microsoft-windows", "11"),
            item(Some(a), "finance", "raindance-ekonomi", "5"),
            item(None, "client_os", "debian-gnu-linux", "12"),
        ];
        let cells = compliance(items, &entries, date(2024, 6, 1));
        let view: Vec<_> = cells
            .iter()
            .map(|c| {
                (
                    c.owner,
                    c.category.as_str(),
                    c.items,
                    c.on_standard,
                    c.has_standard,
                    c.share_bp(),
                )
            })
            .collect();
        assert_eq!(
            view,
            vec![
                (None, "client_os", 1, 0, true, Some(0)),
                (Some(a), "client_os", 3, 2, true, Some(6667)),
                (Some(a), "finance", 1, 0, false, None),
                (Some(b), "client_os", 1, 1, true, Some(10000)),
            ]
        );
    }

    #[test]
    fn share_rounds_half_up() {
        let cell = |items, on_standard| ComplianceCell {
            owner: None,
            category: "x".into(),
            items,
            on_standard,
            has_standard: true,
        };
        assert_eq!(cell(3, 1).share_bp(), Some(3333));
        assert_eq!(cell(8, 1).share_bp(), Some(1250));
        assert_eq!(cell(20_000, 1).share_bp(), Some(1), "0.5 bp rounds up");
        assert_eq!(cell(0, 0).share_bp(), None);
        assert_eq!(cell(u64::MAX, u64::MAX).share_bp(), Some(10000));
        let none = ComplianceCell {
            has_standard: false,
            ..cell(2, 0)
        };
        assert_eq!(none.share_bp(), None);
    }

    #[test]
    fn diversity_counts_distinct_products_per_category() {
        let items = [
            item(Some(member(1)), "office", "microsoft-office", "2019"),
            item(Some(member(2)), "office", "libreoffice", "7"),
            item(Some(member(3)), "office", "microsoft-office", "2016"),
            item(None, "finance", "", ""),
        ];
        assert_eq!(
            diversity(items),
            vec![
                Diversity {
                    category: "finance".into(),
                    products: vec![]
                },
                Diversity {
                    category: "office".into(),
                    products: vec!["libreoffice".into(), "microsoft-office".into()],
                },
            ]
        );
    }

    #[test]
    fn a_federation_of_290_members_is_counted_quickly() {
        let categories: Vec<String> = (0..20).map(|c| format!("category_{c}")).collect();
        let keys: Vec<String> = (0..40).map(|k| format!("product-{k}")).collect();
        let owners: Vec<Option<MemberId>> = (0..290).map(|m| Some(member(m))).collect();
        let mut entries = Vec::new();
        for (c, category) in categories.iter().enumerate() {
            for key in keys.iter().skip(c).take(3) {
                entries.push(entry(category, key, "", date(2024, 1, 1), None));
            }
        }
        let items: Vec<ComplianceItem> = (0..100_000usize)
            .map(|i| item(owners[i % 290], &categories[i % 20], &keys[i % 40], "1"))
            .collect();
        let started = std::time::Instant::now();
        let cells = compliance(items.iter().copied(), &entries, date(2024, 6, 1));
        let elapsed = started.elapsed();
        assert_eq!(cells.iter().map(|c| c.items).sum::<u64>(), 100_000);
        // Generous so that an unoptimised test build on a busy machine passes.
        assert!(elapsed.as_millis() < 2_000, "{elapsed:?}");
    }

    const CATEGORIES: &[&str] = &["client_os", "office", "finance"];
    const KEYS: &[&str] = &["", "microsoft-windows", "libreoffice", "debian-gnu-linux"];
    const VERSIONS: &[&str] = &["", "7", "11", "12"];

    fn items() -> impl Strategy<Value = Vec<(Option<u8>, usize, usize, usize)>> {
        proptest::collection::vec(
            (
                proptest::option::of(0u8..5),
                0..CATEGORIES.len(),
                0..KEYS.len(),
                0..VERSIONS.len(),
            ),
            0..60,
        )
    }

    fn entries() -> impl Strategy<Value = Vec<StandardEntry>> {
        let one = (
            0..CATEGORIES.len(),
            0..KEYS.len(),
            0..VERSIONS.len(),
            0i16..60,
            proptest::option::of(0i16..60),
        )
            .prop_map(|(c, k, v, from, until)| {
                let day = |d: i16| {
                    date(2024, 1, 1)
                        .checked_add(jiff::Span::new().days(d))
                        .unwrap()
                };
                entry(
                    CATEGORIES[c],
                    KEYS[k],
                    VERSIONS[v],
                    day(from),
                    until.map(day),
                )
            });
        proptest::collection::vec(one, 0..6)
    }

    fn as_items(raw: &[(Option<u8>, usize, usize, usize)]) -> Vec<ComplianceItem<'static>> {
        raw.iter()
            .map(|&(o, c, k, v)| {
                item(
                    o.map(|o| member(o.into())),
                    CATEGORIES[c],
                    KEYS[k],
                    VERSIONS[v],
                )
            })
            .collect()
    }

    fn on_standard_total(cells: &[ComplianceCell]) -> u64 {
        cells.iter().map(|c| c.on_standard).sum()
    }

    proptest! {
        #[test]
        fn on_standard_never_exceeds_items(raw in items(), entries in entries(), d in 0i16..60) {
            let day = date(2024, 1, 1).checked_add(jiff::Span::new().days(d)).unwrap();
            let cells = compliance(as_items(&raw), &entries, day);
            for cell in &cells {
                prop_assert!(cell.on_standard <= cell.items);
                prop_assert!(cell.items > 0);
                prop_assert!(cell.share_bp().is_none_or(|bp| bp <= 10_000));
            }
            prop_assert_eq!(cells.iter().map(|c| c.items).sum::<u64>(), raw.len() as u64);
            let sorted = cells.windows(2).all(|w| (w[0].owner, &w[0].category) < (w[1].owner, &w[1].category));
            prop_assert!(sorted);
        }

        #[test]
        fn adding_an_entry_never_lowers_on_standard(
            raw in items(), mut entries in entries(), extra in entries(), d in 0i16..60,
        ) {
            let day = date(2024, 1, 1).checked_add(jiff::Span::new().days(d)).unwrap();
            let items = as_items(&raw);
            let before = compliance(items.iter().copied(), &entries, day);
            entries.extend(extra);
            let after = compliance(items.iter().copied(), &entries, day);
            prop_assert_eq!(before.len(), after.len());
            for (b, a) in before.iter().zip(&after) {
                prop_assert!(a.on_standard >= b.on_standard);
                prop_assert!(a.has_standard || !b.has_standard);
            }
        }

        #[test]
        fn owners_add_up_to_the_federation_totals(raw in items(), entries in entries(), d in 0i16..60) {
            let day = date(2024, 1, 1).checked_add(jiff::Span::new().days(d)).unwrap();
            let items = as_items(&raw);
            let per_owner = compliance(items.iter().copied(), &entries, day);
            let whole = compliance(items.iter().map(|i| ComplianceItem { owner: None, ..*i }), &entries, day);
            prop_assert_eq!(on_standard_total(&per_owner), on_standard_total(&whole));
            for total in &whole {
                let parts = per_owner.iter().filter(|c| c.category == total.category);
                let (n, on) = parts.fold((0, 0), |(n, on), c| (n + c.items, on + c.on_standard));
                prop_assert_eq!((n, on), (total.items, total.on_standard));
            }
        }

        #[test]
        fn diversity_stays_within_the_items(raw in items()) {
            let items = as_items(&raw);
            for d in diversity(items.iter().copied()) {
                let in_category = items.iter().filter(|i| i.category == d.category).count();
                prop_assert!(d.products.len() <= in_category);
                prop_assert!(d.products.iter().all(|p| !p.is_empty()));
                prop_assert!(d.products.windows(2).all(|w| w[0] < w[1]));
            }
        }

        #[test]
        fn compliance_agrees_with_on_standard(raw in items(), entries in entries(), d in 0i16..60) {
            let day = date(2024, 1, 1).checked_add(jiff::Span::new().days(d)).unwrap();
            let items = as_items(&raw);
            let cells = compliance(items.iter().copied(), &entries, day);
            for cell in &cells {
                let expected = items
                    .iter()
                    .filter(|i| i.owner == cell.owner && i.category == cell.category)
                    .filter(|i| on_standard(&entries, i.category, i.product_key, i.version, day))
                    .count() as u64;
                prop_assert_eq!(cell.on_standard, expected);
                let has = entries.iter().any(|e| e.category == cell.category && e.is_valid_on(day));
                prop_assert_eq!(cell.has_standard, has);
            }
        }
    }
}
