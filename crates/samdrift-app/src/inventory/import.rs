//! Importing configuration items from CSV. The whole file is read and
//! checked first; if any line is wrong nothing is written and every error
//! names its line and column (`line 4: contract_end`). A line updates the
//! owner's item with the same serial number, else the one of the same kind
//! and name, else adds an item. Relations name other items by name (in
//! the file or already there, of the same owner or the federation).
//!
//! Columns (a header line names them, in any order; only `owner`, `kind`
//! and `name` are required): owner (a member code or `federation`), kind,
//! name, network, location, lifecycle, category, product, version,
//! manufacturer, model, serial, serves (member codes, `;`), runs_on,
//! depends_on (item names, `;`), services (service codes, `;`), used_by
//! (administration names, `;`), and for business systems supplier,
//! contract_end, classification, users, system_owner, object_manager,
//! system_administrator.

use super::FEDERATION;
use super::items::{ItemInput, Resolver};
use crate::{App, AppError};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::inventory::csv::READ_ONLY_COLUMNS;
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use std::collections::HashMap;

/// Lines an import takes at most.
pub const MAX_LINES: usize = 50_000;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
}

const COLUMNS: &[&str] = &[
    "owner",
    "kind",
    "name",
    "network",
    "location",
    "lifecycle",
    "category",
    "product",
    "version",
    "manufacturer",
    "model",
    "serial",
    "serves",
    "runs_on",
    "depends_on",
    "services",
    "used_by",
    "supplier",
    "contract_end",
    "classification",
    "users",
    "system_owner",
    "object_manager",
    "system_administrator",
];

/// A CSV line as read: its number and each column's text.
struct Line {
    number: usize,
    cells: HashMap<&'static str, String>,
}

impl Line {
    fn get(&self, column: &str) -> &str {
        self.cells
            .get(column)
            .map(String::as_str)
            .unwrap_or("")
            .trim()
    }

    fn input(&self) -> ItemInput {
        let opt = |c: &str| Some(self.get(c).to_owned()).filter(|s| !s.is_empty());
        let list = |c: &str| {
            self.get(c)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        ItemInput {
            owner: self.get("owner").to_owned(),
            kind: self.get("kind").to_owned(),
            name: self.get("name").to_owned(),
            network: opt("network"),
            location: self.get("location").to_owned(),
            lifecycle: opt("lifecycle"),
            category: opt("category"),
            product: self.get("product").to_owned(),
            version: self.get("version").to_owned(),
            manufacturer: self.get("manufacturer").to_owned(),
            model: self.get("model").to_owned(),
            serial: opt("serial"),
            serves: list("serves"),
            runs_on: list("runs_on"),
            depends_on: list("depends_on"),
            services: list("services"),
            used_by: list("used_by"),
            supplier: self.get("supplier").to_owned(),
            contract_end: opt("contract_end"),
            classification: self.get("classification").to_owned(),
            users: opt("users"),
            system_owner: self.get("system_owner").to_owned(),
            object_manager: self.get("object_manager").to_owned(),
            system_administrator: self.get("system_administrator").to_owned(),
        }
    }
}

/// Reads the file into lines, or says which line or column is wrong.
fn read_lines(text: &str) -> Result<Vec<Line>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::None)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AppError::invalid("line 1", msg!("inventory.csv", detail = e.to_string())))?
        .clone();
    let mut errors = FieldErrors::default();
    let mut columns = Vec::new();
    for h in headers.iter() {
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        match COLUMNS.iter().chain(READ_ONLY_COLUMNS).find(|c| **c == h) {
            Some(c) => columns.push(*c),
            None => errors.push(
                format!("line 1: {h}"),
                msg!("inventory.unknown_column", value = h),
            ),
        }
    }
    for required in ["owner", "kind", "name"] {
        if !columns.contains(&required) {
            errors.push(format!("line 1: {required}"), msg!("field.required"));
        }
    }
    let mut lines = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 2;
        if lines.len() >= MAX_LINES {
            errors.push(
                format!("line {number}"),
                msg!("inventory.too_many_lines", max = MAX_LINES as i64),
            );
            break;
        }
        match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => {}
            Ok(r) => lines.push(Line {
                number,
                cells: columns
                    .iter()
                    .copied()
                    .zip(r.iter().map(str::to_owned))
                    .collect(),
            }),
            Err(e) => errors.push(
                format!("line {number}"),
                msg!("inventory.csv", detail = e.to_string()),
            ),
        }
    }
    errors.into_result(lines).map_err(AppError::Invalid)
}

impl App {
    /// Imports items from CSV text: all lines or none.
    pub async fn import_inventory_csv(
        &self,
        scope: &Scope,
        text: &str,
    ) -> Result<ImportSummary, AppError> {
        let lines = read_lines(text)?;
        let inputs: Vec<(String, ItemInput)> = lines
            .iter()
            .map(|l| (format!("line {}", l.number), l.input()))
            .collect();
        let mut resolver =
            Resolver::load(self, scope, inputs.iter().map(|(_, i)| i.owner.as_str())).await?;
        let batch = resolver.resolve_all(scope, &inputs)?;
        let summary = ImportSummary {
            created: batch.iter().filter(|w| !w.existing).count(),
            updated: batch.iter().filter(|w| w.existing).count(),
        };
        self.store.write_items(&batch).await?;
        Ok(summary)
    }
}

/// Whether an owner column names the federation.
pub(crate) fn is_federation(owner: &str) -> bool {
    owner.eq_ignore_ascii_case(FEDERATION)
}
