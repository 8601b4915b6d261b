//! Text renderings of report figures: the CSV file of a compliance report
//! and the fixed-point texts of basis points and öre that the CSV and the
//! penalty descriptions share.
//!
//! Rule kept here: identical rows give identical bytes. No floating point:
//! basis points print as a percentage with two decimals (`9500` → `95.00`),
//! integer division only. Fields are separated by `,`, lines end in `\n`
//! (also the last; RFC 4180 has CRLF, but CSV readers take LF and the file
//! is then the same on every platform). Text fields are quoted by RFC 4180
//! when they contain a comma, a double quote, CR or LF (a quote doubled
//! inside), and an absent figure (nothing counted) is an empty field.

use super::ClockKind;
use super::report::ComplianceRow;
use crate::table::{Cell, Machine, Table, to_csv};

/// The header line of [`rows_to_csv`], without its line end.
pub const CSV_HEADER: &str =
    "service,priority,kind,counted,met,breached,compliance_percent,median_seconds,p90_seconds";

/// The columns of [`compliance_table`].
pub const COMPLIANCE_COLUMNS: &[&str] = &[
    "service",
    "priority",
    "kind",
    "counted",
    "met",
    "breached",
    "compliance_percent",
    "median_seconds",
    "p90_seconds",
];

/// A count as a cell.
fn count(n: u64) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The rows as a table, in the given order.
pub fn compliance_table(rows: &[ComplianceRow]) -> Table {
    Table {
        columns: COMPLIANCE_COLUMNS,
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    Cell::text(row.service.as_deref().unwrap_or("")),
                    Cell::text(row.priority.as_str()),
                    Cell::Word("csv.clock", kind_text(row.kind).to_owned()),
                    count(row.counted),
                    count(row.met),
                    count(row.breached),
                    row.compliance_bp
                        .map_or(Cell::Empty, |bp| Cell::Percent(bp.into())),
                    Cell::int_or_empty(row.median_seconds),
                    Cell::int_or_empty(row.p90_seconds),
                ]
            })
            .collect(),
    }
}

/// The rows as CSV in the machine style: the header, then one line per
/// row in the given order.
pub fn rows_to_csv(rows: &[ComplianceRow]) -> String {
    to_csv(&compliance_table(rows), &Machine)
}

/// The name of a clock kind as it is serialized (`response`, `resolution`).
pub fn kind_text(kind: ClockKind) -> &'static str {
    match kind {
        ClockKind::Response => "response",
        ClockKind::Resolution => "resolution",
    }
}

/// Basis points as a percentage with two decimals: `9340` → `93.40`.
pub fn percent_text(bp: u64) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

/// Öre grouped by thousands with spaces: `1500000` → `1 500 000`.
pub fn ore_text(ore: i64) -> String {
    let digits = ore.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if ore < 0 {
        out.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::calendar::test_support::{HOUR, local};
    use crate::priority::Priority::{P1, P3};
    use crate::sla::ClockKind::Response;
    use crate::sla::report::{ClockOutcome, compliance_report};
    use crate::sla::tests_report::{march, running, stopped, twenty};

    #[test]
    fn percentages_are_fixed_point() {
        assert_eq!(percent_text(0), "0.00");
        assert_eq!(percent_text(5), "0.05");
        assert_eq!(percent_text(9340), "93.40");
        assert_eq!(percent_text(9499), "94.99");
        assert_eq!(percent_text(10_000), "100.00");
    }

    #[test]
    fn ore_is_grouped_by_thousands() {
        assert_eq!(ore_text(0), "0");
        assert_eq!(ore_text(999), "999");
        assert_eq!(ore_text(1000), "1 000");
        assert_eq!(ore_text(300_000), "300 000");
        assert_eq!(ore_text(1_500_000), "1 500 000");
        assert_eq!(ore_text(-12_345), "-12 345");
        assert_eq!(ore_text(i64::MIN), "-9 223 372 036 854 775 808");
    }

    #[test]
    fn csv_has_fixed_bytes_and_quotes_text() {
        let (from, to) = march();
        let mar = local(2027, 3, 20, 10, 0);
        let mut outcomes = twenty(3);
        for o in &mut outcomes[..4] {
            o.service = Some("Lön, \"HR\"".into());
        }
        outcomes.push(ClockOutcome {
            service: None,
            kind: Response,
            target_seconds: 1800,
            ..stopped("r", P3, 1801, mar)
        });
        outcomes.push(running("idle", P1, None));
        outcomes.push(stopped("late", P1, 9 * HOUR + 1, mar));
        let report = compliance_report(&outcomes, from, to);
        let csv = rows_to_csv(&report.rows);
        let expected = "\
service,priority,kind,counted,met,breached,compliance_percent,median_seconds,p90_seconds
EMAIL,P1,resolution,9,8,1,88.88,3612,32401
EMAIL,P2,resolution,8,8,0,100.00,3611,3619
\"Lön, \"\"HR\"\"\",P1,resolution,2,0,2,0.00,32400,32400
\"Lön, \"\"HR\"\"\",P2,resolution,2,1,1,50.00,3603,32400
,P3,response,1,0,1,0.00,1801,1801
";
        assert_eq!(csv, expected);
        let mut reversed = outcomes.clone();
        reversed.reverse();
        assert_eq!(
            rows_to_csv(&compliance_report(&reversed, from, to).rows),
            csv
        );
        assert_eq!(rows_to_csv(&[]), format!("{}\n", CSV_HEADER));
    }
}
