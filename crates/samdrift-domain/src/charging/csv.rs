//! The invoice basis and the budget proposal as tables
//! ([`crate::table`]), and as CSV in the machine style: fields separated
//! by `,`, every line ending in `\n`, text fields quoted by RFC 4180 when
//! they need it, amounts as whole öre without grouping, an absent figure
//! as an empty field. The same basis or budget always gives the same bytes
//! in a style.
//!
//! Each table ends with a total line whose third field is `total` and whose
//! last field is the total; it is the sum of the amounts above it.

use super::budget::Budget;
use super::invoice::InvoiceBasis;
use crate::table::{Cell, Machine, Table, to_csv};

/// The columns of [`invoice_table`].
pub const INVOICE_COLUMNS: &[&str] = &[
    "member",
    "month",
    "kind",
    "administration",
    "reference",
    "description",
    "quantity",
    "active_days",
    "month_days",
    "unit_price_ore",
    "amount_ore",
];

/// The columns of [`budget_table`].
pub const BUDGET_COLUMNS: &[&str] = &[
    "member",
    "year",
    "service_code",
    "offering_code",
    "offering_name",
    "administration",
    "quantity",
    "unit_price_ore",
    "price_year",
    "amount_ore",
];

/// The header line of [`invoice_csv`], without its line end.
pub const INVOICE_CSV_HEADER: &str = "member,month,kind,administration,reference,description,\
     quantity,active_days,month_days,unit_price_ore,amount_ore";

/// The header line of [`budget_csv`], without its line end.
pub const BUDGET_CSV_HEADER: &str = "member,year,service_code,offering_code,offering_name,\
     administration,quantity,unit_price_ore,price_year,amount_ore";

/// A line's kind, or `total`, as a word of the catalogs (`csv.kind.*`).
fn kind(value: &str) -> Cell {
    Cell::Word("csv.kind", value.to_owned())
}

/// The invoice basis as a table: one row per invoice line in the basis'
/// order, then `member,month,total,,,,,,,,<total>`.
pub fn invoice_table(b: &InvoiceBasis) -> Table {
    let mut rows = Vec::with_capacity(b.lines.len() + 1);
    for line in &b.lines {
        rows.push(vec![
            Cell::text(&b.member),
            Cell::text(&b.month),
            kind(line.kind.as_str()),
            Cell::text(line.administration.as_deref().unwrap_or("")),
            Cell::text(&line.reference),
            Cell::text(&line.description),
            Cell::Int(line.quantity),
            Cell::int_or_empty(line.active_days),
            Cell::int_or_empty(line.month_days),
            Cell::Ore(line.unit_price_ore),
            Cell::Ore(line.amount_ore),
        ]);
    }
    let mut total = vec![Cell::text(&b.member), Cell::text(&b.month), kind("total")];
    total.extend(std::iter::repeat_n(Cell::Empty, 7));
    total.push(Cell::Ore(b.total_ore));
    rows.push(total);
    Table {
        columns: INVOICE_COLUMNS,
        rows,
    }
}

/// The budget proposal as a table: one row per budget line in the
/// budget's order, then `member,year,total,,,,,,,<total>`.
pub fn budget_table(b: &Budget) -> Table {
    let year = i64::from(b.year);
    let mut rows = Vec::with_capacity(b.lines.len() + 1);
    for line in &b.lines {
        rows.push(vec![
            Cell::text(&b.member),
            Cell::Int(year),
            Cell::text(&line.service_code),
            Cell::text(&line.offering_code),
            Cell::text(&line.offering_name),
            Cell::text(&line.administration),
            Cell::Int(line.quantity),
            Cell::Ore(line.unit_price_ore),
            Cell::Int(i64::from(line.price_year)),
            Cell::Ore(line.amount_ore),
        ]);
    }
    let mut total = vec![Cell::text(&b.member), Cell::Int(year), kind("total")];
    total.extend(std::iter::repeat_n(Cell::Empty, 6));
    total.push(Cell::Ore(b.total_ore));
    rows.push(total);
    Table {
        columns: BUDGET_COLUMNS,
        rows,
    }
}

/// The invoice basis as CSV in the machine style.
pub fn invoice_csv(b: &InvoiceBasis) -> String {
    to_csv(&invoice_table(b), &Machine)
}

/// The budget proposal as CSV in the machine style.
pub fn budget_csv(b: &Budget) -> String {
    to_csv(&budget_table(b), &Machine)
}
