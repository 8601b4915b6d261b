//! The inventory's CSV files: items (importable again), compliance,
//! business systems, overlaps and the consolidation plan, in the machine
//! format or the reader's language (`crate::messages::csv`).

use crate::messages::csv::CsvChoice;
use crate::ui::i18n::Lang;
use samdrift_app::inventory::Category;
use samdrift_app::inventory::compliance::ComplianceView;
use samdrift_app::inventory::consolidation::PlanView;
use samdrift_app::inventory::portfolio::OverlapGroup;
use samdrift_app::queries::records::{InventoryItemRecord, SystemLine};
use samdrift_domain::inventory::csv::{
    COMPLIANCE_COLUMNS, ITEM_COLUMNS, OVERLAP_COLUMNS, PLAN_COLUMNS, SYSTEM_COLUMNS,
};
use samdrift_domain::table::{Cell, Table};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct CsvQuery {
    /// `csv` for CSV (as `Accept: text/csv`); `csv-machine` for the machine format.
    #[param(pattern = r"^(csv|csv-machine)$")]
    pub format: Option<String>,
    /// `sv` or `en`: the CSV in that language. Without it, the machine format.
    pub lang: Option<String>,
}

/// Names categories in the file's language (codes in the machine format).
pub struct Names<'a> {
    pub choice: CsvChoice,
    pub categories: &'a [Category],
}

impl Names<'_> {
    fn category(&self, code: Option<&str>) -> Cell {
        let Some(code) = code else { return Cell::Empty };
        let found = self.categories.iter().find(|c| c.code == code);
        match (self.choice, found) {
            (CsvChoice::Reader(Lang::Sv), Some(c)) => Cell::text(&c.name_sv),
            (CsvChoice::Reader(Lang::En), Some(c)) => Cell::text(&c.name_en),
            _ => Cell::text(code),
        }
    }
}

/// The file of one table, its categories named in the file's language.
pub async fn file(
    s: &crate::router::AppState,
    choice: CsvChoice,
    filename: &str,
    table: impl FnOnce(&Names) -> Table,
) -> Result<axum::response::Response, samdrift_app::AppError> {
    let categories = s.app.inventory_categories().await?;
    let table = table(&Names {
        choice,
        categories: &categories,
    });
    Ok(crate::messages::csv::response(&[table], choice, filename))
}

fn opt(v: Option<&str>) -> Cell {
    v.map(Cell::text).unwrap_or(Cell::Empty)
}

pub fn items(rows: &[(InventoryItemRecord, Option<String>)], n: &Names) -> Table {
    Table {
        columns: ITEM_COLUMNS,
        rows: rows
            .iter()
            .map(|(i, owner)| {
                vec![
                    Cell::text(
                        owner
                            .as_deref()
                            .unwrap_or(samdrift_app::inventory::FEDERATION),
                    ),
                    Cell::Word("inventory.kind", i.kind.clone()),
                    Cell::text(&i.name),
                    i.network
                        .clone()
                        .map(|v| Cell::Word("inventory.network", v))
                        .unwrap_or(Cell::Empty),
                    Cell::text(&i.location),
                    Cell::Word("inventory.lifecycle", i.lifecycle.clone()),
                    n.category(i.category.as_deref()),
                    Cell::text(&i.product_raw),
                    Cell::text(&i.version_raw),
                    Cell::text(&i.manufacturer),
                    Cell::text(&i.model),
                    opt(i.serial.as_deref()),
                    Cell::text(&i.product_name),
                    Cell::text(&i.product_version),
                    Cell::Word("inventory.source", i.source.clone()),
                ]
            })
            .collect(),
    }
}

pub fn compliance(v: &ComplianceView, n: &Names) -> Table {
    let products = |owner: Option<samdrift_domain::ids::MemberId>, category: &str| -> i64 {
        if owner.is_some() {
            return 0;
        }
        v.diversity
            .iter()
            .find(|d| d.category == category)
            .map(|d| d.products.len() as i64)
            .unwrap_or(0)
    };
    Table {
        columns: COMPLIANCE_COLUMNS,
        rows: v
            .cells
            .iter()
            .map(|c| {
                vec![
                    Cell::text(
                        c.owner
                            .and_then(|m| v.member_codes.get(&m.0))
                            .map(String::as_str)
                            .unwrap_or(samdrift_app::inventory::FEDERATION),
                    ),
                    n.category(Some(&c.category)),
                    Cell::Int(c.items as i64),
                    Cell::Int(c.on_standard as i64),
                    c.share_bp()
                        .map(|b| Cell::Percent(u64::from(b)))
                        .unwrap_or(Cell::Empty),
                    Cell::Int(products(c.owner, &c.category)),
                ]
            })
            .collect(),
    }
}

pub fn systems(rows: &[(SystemLine, Option<String>)], n: &Names) -> Table {
    Table {
        columns: SYSTEM_COLUMNS,
        rows: rows
            .iter()
            .map(|(l, code)| {
                vec![
                    opt(code.as_deref()),
                    Cell::text(&l.name),
                    n.category(l.category.as_deref()),
                    Cell::text(&l.product_name),
                    Cell::text(&l.product_version),
                    Cell::Word("inventory.lifecycle", l.lifecycle.clone()),
                    opt(l.supplier.as_deref()),
                    opt(l.contract_end.as_deref()),
                    opt(l.classification.as_deref()),
                    l.user_count.map(Cell::Int).unwrap_or(Cell::Empty),
                    opt(l.system_owner.as_deref()),
                ]
            })
            .collect(),
    }
}

pub fn overlap(groups: &[OverlapGroup], n: &Names) -> Table {
    let mut rows = Vec::new();
    for g in groups {
        for p in &g.products {
            for (code, l) in &p.systems {
                rows.push(vec![
                    n.category(Some(&g.category)),
                    Cell::text(&p.product_name),
                    Cell::Int(p.members as i64),
                    Cell::text(code),
                    Cell::text(&l.name),
                    opt(l.supplier.as_deref()),
                    opt(l.contract_end.as_deref()),
                    l.user_count.map(Cell::Int).unwrap_or(Cell::Empty),
                    opt(p.window.as_deref()),
                ]);
            }
        }
    }
    Table {
        columns: OVERLAP_COLUMNS,
        rows,
    }
}

pub fn plan(v: &PlanView, n: &Names) -> Table {
    let overdue: std::collections::HashSet<uuid::Uuid> =
        v.overdue.iter().map(|l| l.item_id).collect();
    Table {
        columns: PLAN_COLUMNS,
        rows: v
            .lines
            .iter()
            .map(|l| {
                vec![
                    Cell::text(
                        l.member_id
                            .and_then(|m| v.member_codes.get(&m))
                            .map(String::as_str)
                            .unwrap_or(samdrift_app::inventory::FEDERATION),
                    ),
                    Cell::text(&l.item_name),
                    n.category(l.category.as_deref()),
                    Cell::text(&l.product_name),
                    Cell::text(&l.product_version),
                    Cell::text(
                        v.entries
                            .get(&l.standard_entry_id)
                            .map(|e| {
                                format!("{} {}", e.product_name, e.product_version)
                                    .trim()
                                    .to_owned()
                            })
                            .unwrap_or_default(),
                    ),
                    Cell::text(&l.due),
                    opt(l.done_on.as_deref()),
                    Cell::Bool(overdue.contains(&l.item_id)),
                ]
            })
            .collect(),
    }
}
