//! The invoice basis and the budget proposal as CSV files, with the
//! conventions of the compliance report's CSV
//! ([`crate::sla::report_csv`]): fields separated by `,`, every line ending
//! in `\n`, text fields quoted by RFC 4180 when they need it, amounts as
//! whole öre without grouping, an absent figure as an empty field. The same
//! basis or budget always gives the same bytes.
//!
//! Each file ends with a total line whose third field is `total` and whose
//! last field is the total in öre; it is the sum of the amounts above it.

use super::budget::Budget;
use super::invoice::InvoiceBasis;
use crate::sla::report_csv::csv_text;

/// The header line of [`invoice_csv`], without its line end.
pub const INVOICE_CSV_HEADER: &str = "member,month,kind,administration,reference,description,\
     quantity,active_days,month_days,unit_price_ore,amount_ore";

/// The header line of [`budget_csv`], without its line end.
pub const BUDGET_CSV_HEADER: &str = "member,year,service_code,offering_code,offering_name,\
     administration,quantity,unit_price_ore,price_year,amount_ore";

fn optional(figure: Option<i64>) -> String {
    figure.map(|f| f.to_string()).unwrap_or_default()
}

fn push_line(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push('\n');
}

/// The invoice basis as CSV: the header, one line per invoice line in the
/// basis' order, then `member,month,total,,,,,,,,<total öre>`.
pub fn invoice_csv(b: &InvoiceBasis) -> String {
    let mut out = String::with_capacity(INVOICE_CSV_HEADER.len() + 1 + (b.lines.len() + 1) * 80);
    out.push_str(INVOICE_CSV_HEADER);
    out.push('\n');
    let member = csv_text(&b.member);
    let month = csv_text(&b.month);
    for line in &b.lines {
        push_line(
            &mut out,
            &[
                member.clone(),
                month.clone(),
                line.kind.as_str().to_string(),
                csv_text(line.administration.as_deref().unwrap_or("")),
                csv_text(&line.reference),
                csv_text(&line.description),
                line.quantity.to_string(),
                optional(line.active_days),
                optional(line.month_days),
                line.unit_price_ore.to_string(),
                line.amount_ore.to_string(),
            ],
        );
    }
    let mut total = vec![member, month, "total".to_string()];
    total.extend(std::iter::repeat_n(String::new(), 7));
    total.push(b.total_ore.to_string());
    push_line(&mut out, &total);
    out
}

/// The budget proposal as CSV: the header, one line per budget line in the
/// budget's order, then `member,year,total,,,,,,,<total öre>`.
pub fn budget_csv(b: &Budget) -> String {
    let mut out = String::with_capacity(BUDGET_CSV_HEADER.len() + 1 + (b.lines.len() + 1) * 80);
    out.push_str(BUDGET_CSV_HEADER);
    out.push('\n');
    let member = csv_text(&b.member);
    let year = b.year.to_string();
    for line in &b.lines {
        push_line(
            &mut out,
            &[
                member.clone(),
                year.clone(),
                csv_text(&line.service_code),
                csv_text(&line.offering_code),
                csv_text(&line.offering_name),
                csv_text(&line.administration),
                line.quantity.to_string(),
                line.unit_price_ore.to_string(),
                line.price_year.to_string(),
                line.amount_ore.to_string(),
            ],
        );
    }
    let mut total = vec![member, year, "total".to_string()];
    total.extend(std::iter::repeat_n(String::new(), 6));
    total.push(b.total_ore.to_string());
    push_line(&mut out, &total);
    out
}
