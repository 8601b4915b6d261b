//! Compliance with the common standard per member and category, and
//! platform diversity (distinct products per category): computed now for
//! the pages, and once a month into a kept history that also feeds the
//! steering measures `platform_diversity` and `standard_compliance`.

use super::standard::domain_entry;
use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::inventory::standard::{
    ComplianceCell, ComplianceItem, Diversity, StandardEntry, compliance, diversity,
};
use samdrift_domain::msg;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_domain::steering::measure::Measure;
use samdrift_store::inventory::figures::{CategorisedItem, MonthCell};
use samdrift_store::steering::figures::FigureRecord;
use std::collections::HashMap;
use uuid::Uuid;

/// Compliance and diversity on one day, for the members a reader sees.
#[derive(Debug, Clone)]
pub struct ComplianceView {
    pub day: jiff::civil::Date,
    /// Per member (`None`: the federation's own items) and category.
    pub cells: Vec<ComplianceCell>,
    /// Each member's cells summed over categories with a standard.
    pub totals: Vec<ComplianceCell>,
    /// Distinct products per category across what the reader sees.
    pub diversity: Vec<Diversity>,
    /// Product display names by key.
    pub product_names: HashMap<String, String>,
    pub member_codes: HashMap<Uuid, String>,
}

/// The kept history of compliance (per member and month).
#[derive(Debug, Clone)]
pub struct ComplianceHistory {
    pub months: Vec<String>,
    pub cells: Vec<MonthCell>,
    pub member_codes: HashMap<Uuid, String>,
}

fn items_of(rows: &[CategorisedItem]) -> impl Iterator<Item = ComplianceItem<'_>> {
    rows.iter().map(|r| ComplianceItem {
        owner: r.member_id.map(MemberId),
        category: &r.category,
        product_key: &r.product_key,
        version: &r.product_version,
    })
}

/// Each owner's cells over every category that has a standard.
fn totals(cells: &[ComplianceCell]) -> Vec<ComplianceCell> {
    let mut by: Vec<ComplianceCell> = Vec::new();
    for c in cells.iter().filter(|c| c.has_standard) {
        match by.iter_mut().find(|t| t.owner == c.owner) {
            Some(t) => {
                t.items += c.items;
                t.on_standard += c.on_standard;
            }
            None => by.push(ComplianceCell {
                category: String::new(),
                ..c.clone()
            }),
        }
    }
    by
}

impl App {
    async fn standard_entries_now(&self) -> Result<Vec<StandardEntry>, AppError> {
        Ok(self
            .store
            .standard_entries()
            .await?
            .iter()
            .filter_map(domain_entry)
            .collect())
    }

    /// Compliance and diversity today: staff for the whole federation,
    /// members for their own items.
    pub async fn compliance_view(&self, scope: &Scope) -> Result<ComplianceView, AppError> {
        let filter = scope.inventory_members();
        if filter == MemberFilter::Only(vec![]) {
            return Err(AppError::Forbidden(msg!("forbidden.inventory_read")));
        }
        let day = samdrift_domain::time::stockholm_date(self.clock.now());
        let mut rows = self.store.categorised_items(&filter).await?;
        if !scope.is_staff() {
            rows.retain(|r| r.member_id.is_some());
        }
        let entries = self.standard_entries_now().await?;
        let cells = compliance(items_of(&rows), &entries, day);
        let product_names = rows
            .iter()
            .map(|r| (r.product_key.clone(), r.product_name.clone()))
            .collect();
        Ok(ComplianceView {
            day,
            totals: totals(&cells),
            diversity: diversity(items_of(&rows)),
            cells,
            product_names,
            member_codes: self.member_codes(scope).await?,
        })
    }

    /// Computes one month's compliance and diversity (on the month's last
    /// day, or today while it is open) and keeps them; the members'
    /// diversity and compliance also go to the monthly figures.
    pub async fn compute_inventory_month(&self, month: &str) -> Result<usize, AppError> {
        let first = samdrift_domain::steering::parse_month(month)
            .map_err(|m| AppError::invalid("month", m))?;
        let today = samdrift_domain::time::stockholm_date(self.clock.now());
        let last = first.last_of_month();
        let day = last.min(today);
        let closed = last < today;
        let mut rows = self.store.categorised_items(&MemberFilter::All).await?;
        as_it_was(&mut rows, day);
        let entries = self.standard_entries_now().await?;
        let cells = compliance(items_of(&rows), &entries, day);
        let mut kept = Vec::new();
        let mut fed: HashMap<String, MonthCell> = HashMap::new();
        for d in diversity(items_of(&rows)) {
            fed.insert(
                d.category.clone(),
                MonthCell {
                    month: month.to_owned(),
                    member_id: None,
                    category: d.category.clone(),
                    items: 0,
                    on_standard: 0,
                    products: d.products.len() as i64,
                    has_standard: 0,
                },
            );
        }
        let per_member = diversity_per_member(&rows);
        for c in &cells {
            if let Some(f) = fed.get_mut(c.category.as_str()) {
                f.items += c.items as i64;
                f.on_standard += c.on_standard as i64;
                f.has_standard = i64::from(c.has_standard);
            }
            if let Some(m) = c.owner {
                kept.push(MonthCell {
                    month: month.to_owned(),
                    member_id: Some(m.0),
                    category: c.category.clone(),
                    items: c.items as i64,
                    on_standard: c.on_standard as i64,
                    products: per_member
                        .get(&(m.0, c.category.as_str()))
                        .copied()
                        .unwrap_or(0),
                    has_standard: i64::from(c.has_standard),
                });
            }
        }
        kept.extend(fed.into_values());
        let at = self.now_micros();
        self.store.save_inventory_month(month, &kept, at).await?;
        self.save_inventory_figures(month, &cells, &per_member, closed, at)
            .await?;
        Ok(kept.len())
    }

    /// Keeps this month's compliance and diversity current (the hourly
    /// job). Items carry no history, so a past month keeps what was last
    /// computed while it was open.
    pub async fn refresh_inventory_figures(&self) -> Result<(), AppError> {
        let today = samdrift_domain::time::stockholm_date(self.clock.now());
        self.compute_inventory_month(&samdrift_domain::steering::month_of(today))
            .await?;
        Ok(())
    }

    async fn save_inventory_figures(
        &self,
        month: &str,
        cells: &[ComplianceCell],
        per_member: &HashMap<(Uuid, &str), i64>,
        closed: bool,
        at: i64,
    ) -> Result<(), AppError> {
        let mut figures: HashMap<(Uuid, &str), FigureRecord> = HashMap::new();
        let blank = |m: Uuid, measure: Measure| FigureRecord {
            member_id: m,
            measure: measure.as_str().to_owned(),
            service_code: String::new(),
            month: month.to_owned(),
            revision: 1,
            numerator: 0,
            denominator: 1,
            month_closed: closed,
            computed_at: at,
        };
        for ((m, _), n) in per_member {
            figures
                .entry((*m, "d"))
                .or_insert_with(|| blank(*m, Measure::PlatformDiversity))
                .numerator += n;
        }
        for c in cells.iter().filter(|c| c.has_standard) {
            let Some(m) = c.owner else { continue };
            let f = figures.entry((m.0, "c")).or_insert_with(|| FigureRecord {
                denominator: 0,
                ..blank(m.0, Measure::StandardCompliance)
            });
            f.numerator += c.on_standard as i64;
            f.denominator += c.items as i64;
        }
        let list: Vec<FigureRecord> = figures.into_values().collect();
        self.store.save_figures(month, &list).await?;
        Ok(())
    }

    /// The kept months up to `to` (13 of them), for what the reader sees;
    /// the federation's rows for staff only.
    pub async fn compliance_history(
        &self,
        scope: &Scope,
        to: &str,
    ) -> Result<ComplianceHistory, AppError> {
        let filter = scope.inventory_members();
        if filter == MemberFilter::Only(vec![]) {
            return Err(AppError::Forbidden(msg!("forbidden.inventory_read")));
        }
        let last = samdrift_domain::steering::parse_month(to)
            .map_err(|m| AppError::invalid("month", m))?;
        let months = samdrift_domain::steering::months_ending(last, 13);
        let from = months.first().cloned().unwrap_or_default();
        let cells = self
            .store
            .inventory_months(&filter, scope.is_staff(), &from, to)
            .await?;
        Ok(ComplianceHistory {
            months,
            cells,
            member_codes: self.member_codes(scope).await?,
        })
    }
}

impl App {
    /// The federation's platform diversity per month as figures of the nil
    /// member, which the goals read for a federation KPI.
    pub(crate) async fn federation_diversity_figures(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<FigureRecord>, AppError> {
        let cells = self
            .store
            .inventory_months(&MemberFilter::Only(vec![]), true, from, to)
            .await?;
        let mut by: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
        for c in cells.iter().filter(|c| c.member_id.is_none()) {
            *by.entry(c.month.clone()).or_default() += c.products;
        }
        Ok(by
            .into_iter()
            .map(|(month, n)| FigureRecord {
                member_id: Uuid::nil(),
                measure: Measure::PlatformDiversity.as_str().to_owned(),
                service_code: String::new(),
                month,
                revision: 1,
                numerator: n,
                denominator: 1,
                month_closed: true,
                computed_at: 0,
            })
            .collect())
    }
}

/// The product a consolidated item ran before its step was done, as one
/// unnamed product per category (the inventory keeps no earlier product).
pub const EARLIER_PRODUCT: &str = "~earlier";

/// Items as they were on `day`: one whose consolidation step was done
/// after it still ran its earlier product then.
fn as_it_was(rows: &mut [CategorisedItem], day: jiff::civil::Date) {
    let day = day.to_string();
    for r in rows.iter_mut() {
        if r.done_on.as_deref().is_some_and(|d| d > day.as_str()) {
            r.product_key = EARLIER_PRODUCT.to_owned();
            r.product_version = String::new();
        }
    }
}

/// Distinct products per member and category.
fn diversity_per_member(rows: &[CategorisedItem]) -> HashMap<(Uuid, &str), i64> {
    let mut seen: std::collections::HashSet<(Uuid, &str, &str)> = std::collections::HashSet::new();
    let mut out: HashMap<(Uuid, &str), i64> = HashMap::new();
    for r in rows {
        let Some(m) = r.member_id else { continue };
        if r.product_key.is_empty() {
            continue;
        }
        if seen.insert((m, r.category.as_str(), r.product_key.as_str())) {
            *out.entry((m, r.category.as_str())).or_default() += 1;
        }
    }
    out
}
