//! CSV files in the reader's language or in the machine format.
//!
//! `?format=csv` (or `Accept: text/csv`) with `lang=sv` or `lang=en` gives
//! the reader's file: headers and words from the catalogs, and in Swedish
//! `;` between fields with a decimal comma (`9000,00`), as Excel in Sweden
//! opens it; in English `,` and a decimal point. The pages link to this
//! file in the user's language. Without `lang`, and always with
//! `format=csv-machine`, the file is the machine format integrations read
//! (column codes, whole öre, `95.00`), unchanged from before.
//! Identical input gives identical bytes in either.

use super::text;
use crate::ui::i18n::Lang;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use samdrift_domain::table::{Cell, CsvStyle, Machine, Table, to_csv};

/// The file a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvChoice {
    /// Not CSV: the JSON answer.
    None,
    Machine,
    Reader(Lang),
}

impl CsvChoice {
    /// From `format` (`csv`, `csv-machine`), `lang` and the Accept header.
    pub fn of(headers: &HeaderMap, format: Option<&str>, lang: Option<&str>) -> CsvChoice {
        let accepts_csv = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/csv"));
        match format {
            Some("csv-machine") => CsvChoice::Machine,
            Some("csv") => Self::by_lang(lang),
            _ if accepts_csv => Self::by_lang(lang),
            _ => CsvChoice::None,
        }
    }

    fn by_lang(lang: Option<&str>) -> CsvChoice {
        match lang.map(str::trim).filter(|l| !l.is_empty()) {
            Some(l) => CsvChoice::Reader(Lang::parse(l)),
            None => CsvChoice::Machine,
        }
    }

    pub fn is_csv(self) -> bool {
        self != CsvChoice::None
    }
}

/// The reader's style of one language.
#[derive(Debug, Clone, Copy)]
pub struct Reader(pub Lang);

impl Reader {
    fn decimal(&self) -> char {
        match self.0 {
            Lang::Sv => ',',
            Lang::En => '.',
        }
    }

    fn word(&self, key: &str, fallback: &str) -> String {
        text(self.0, key).unwrap_or(fallback).to_owned()
    }

    /// Hundredths with the language's decimal mark, no grouping: `-6000,00`.
    fn hundredths(&self, value: i128) -> String {
        let sign = if value < 0 { "-" } else { "" };
        let v = value.unsigned_abs();
        format!("{sign}{}{}{:02}", v / 100, self.decimal(), v % 100)
    }
}

impl CsvStyle for Reader {
    fn separator(&self) -> char {
        match self.0 {
            Lang::Sv => ';',
            Lang::En => ',',
        }
    }

    fn header(&self, column: &str) -> String {
        self.word(&format!("csv.column.{column}"), column)
    }

    fn figure(&self, cell: &Cell) -> String {
        match cell {
            Cell::Text(v) => v.clone(),
            Cell::Int(v) => v.to_string(),
            Cell::Ore(v) => self.hundredths(i128::from(*v)),
            Cell::Percent(bp) => self.hundredths(i128::from(*bp)),
            Cell::Word(prefix, value) => self.word(&format!("{prefix}.{value}"), value),
            Cell::Bool(b) => self.word(&format!("csv.bool.{b}"), &b.to_string()),
            Cell::Empty => String::new(),
        }
    }
}

/// The tables as one file, a blank line between them.
pub fn write(tables: &[Table], choice: CsvChoice) -> String {
    let parts: Vec<String> = tables
        .iter()
        .map(|table| match choice {
            CsvChoice::Reader(lang) => to_csv(table, &Reader(lang)),
            CsvChoice::Machine | CsvChoice::None => to_csv(table, &Machine),
        })
        .collect();
    parts.join("\n")
}

/// The file as a download named `filename` (without `.csv`; the reader's
/// file carries its language in the name).
pub fn response(tables: &[Table], choice: CsvChoice, filename: &str) -> Response {
    let name = match choice {
        CsvChoice::Reader(lang) => format!("{filename}-{}.csv", lang.code()),
        CsvChoice::Machine | CsvChoice::None => format!("{filename}.csv"),
    };
    let mut r = write(tables, choice).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn table() -> Table {
        Table {
            columns: &["member", "kind", "amount_ore", "compliance_percent", "met"],
            rows: vec![vec![
                Cell::text("Ystad; Kultur"),
                Cell::Word("csv.kind", "subscription".into()),
                Cell::Ore(-600_005),
                Cell::Percent(9_500),
                Cell::Bool(true),
            ]],
        }
    }

    #[test]
    fn swedish_files_use_semicolons_and_decimal_commas() {
        let sv = write(&[table()], CsvChoice::Reader(Lang::Sv));
        let first = sv.lines().next().unwrap();
        assert!(first.contains(';') && !first.contains("amount_ore"), "{sv}");
        assert!(
            sv.ends_with("\"Ystad; Kultur\";Abonnemang;-6000,05;95,00;ja\n"),
            "{sv}"
        );
        let en = write(&[table()], CsvChoice::Reader(Lang::En));
        assert!(
            en.ends_with("Ystad; Kultur,Subscription,-6000.05,95.00,yes\n"),
            "{en}"
        );
        assert_eq!(write(&[table()], CsvChoice::Reader(Lang::Sv)), sv);
        let machine = write(&[table()], CsvChoice::Machine);
        assert_eq!(
            machine,
            "member,kind,amount_ore,compliance_percent,met\nYstad; Kultur,subscription,-600005,95.00,true\n"
        );
    }

    #[test]
    fn the_machine_format_stays_the_default_without_a_language() {
        let none = HeaderMap::new();
        assert_eq!(CsvChoice::of(&none, None, None), CsvChoice::None);
        assert_eq!(CsvChoice::of(&none, Some("csv"), None), CsvChoice::Machine);
        assert_eq!(
            CsvChoice::of(&none, Some("csv"), Some("sv")),
            CsvChoice::Reader(Lang::Sv)
        );
        assert_eq!(
            CsvChoice::of(&none, Some("csv-machine"), Some("sv")),
            CsvChoice::Machine
        );
        let mut accept = HeaderMap::new();
        accept.insert(header::ACCEPT, HeaderValue::from_static("text/csv"));
        assert_eq!(
            CsvChoice::of(&accept, None, Some("en")),
            CsvChoice::Reader(Lang::En)
        );
    }

    #[test]
    fn every_column_and_word_has_a_header_in_both_languages() {
        use samdrift_domain::charging::csv::{BUDGET_COLUMNS, INVOICE_COLUMNS};
        use samdrift_domain::inventory::csv as inventory;
        use samdrift_domain::sla::report_csv::COMPLIANCE_COLUMNS;
        let columns = INVOICE_COLUMNS
            .iter()
            .chain(BUDGET_COLUMNS)
            .chain(COMPLIANCE_COLUMNS)
            .chain(inventory::ITEM_COLUMNS)
            .chain(inventory::COMPLIANCE_COLUMNS)
            .chain(inventory::SYSTEM_COLUMNS)
            .chain(inventory::OVERLAP_COLUMNS)
            .chain(inventory::PLAN_COLUMNS)
            .chain(
                crate::api::reports::REPORT_COLUMNS
                    .iter()
                    .copied()
                    .flatten(),
            );
        for column in columns {
            for lang in [Lang::Sv, Lang::En] {
                assert!(
                    text(lang, &format!("csv.column.{column}")).is_some(),
                    "{column} in {lang:?}"
                );
            }
        }
        let words = ["subscription", "request", "work", "credit", "total"]
            .map(|k| format!("csv.kind.{k}"))
            .into_iter()
            .chain(["response", "resolution"].map(|c| format!("csv.clock.{c}")))
            .chain(["true", "false"].map(|b| format!("csv.bool.{b}")))
            .chain(
                samdrift_domain::inventory::ItemKind::ALL
                    .iter()
                    .map(|k| format!("inventory.kind.{}", k.as_str())),
            )
            .chain(
                samdrift_domain::inventory::Lifecycle::ALL
                    .iter()
                    .map(|k| format!("inventory.lifecycle.{}", k.as_str())),
            )
            .chain(
                samdrift_domain::inventory::Network::ALL
                    .iter()
                    .map(|k| format!("inventory.network.{}", k.as_str())),
            )
            .chain(["manual", "csv", "agent"].map(|s| format!("inventory.source.{s}")));
        for key in words {
            for lang in [Lang::Sv, Lang::En] {
                assert!(text(lang, &key).is_some(), "{key} in {lang:?}");
            }
        }
    }
}
