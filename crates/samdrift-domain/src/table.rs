//! A figure table as typed cells, written as CSV in a style: the machine
//! style integrations read (column codes as headers, `,` between fields,
//! amounts as whole öre, percentages as `95.00`, stored values such as
//! `subscription`), or a reader's style that the web crate supplies
//! (headers and words from its catalogs, `;` and decimal comma in Swedish).
//!
//! Rules kept here: identical tables give identical bytes in a style;
//! every line ends in `\n` (also the last); a text field is quoted by
//! RFC 4180 when it holds the separator, a comma, a double quote, CR or LF
//! (a quote doubled inside); an absent figure is an empty field. No
//! floating point: öre and basis points print by integer division.
//!
//! [`to_csv`] is the one place a CSV field is written, in every style.
//! Text (names, notes, titles, words, headers) that begins with `=`, `+`,
//! `-`, `@`, a tab or CR is written with a single quote before it
//! ([`neutralised`], OWASP's rule against formula injection), so a
//! spreadsheet shows it as text instead of running it. Figures (counts,
//! öre, percentages) are written by the style as numbers and stay
//! numbers: `-125050` and `-1250,50` are unchanged.

use crate::sla::report_csv::percent_text;

/// One field of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text shown as given (names, codes, dates `YYYY-MM-DD`).
    Text(String),
    Int(i64),
    /// Money in öre.
    Ore(i64),
    /// Basis points, shown as a percentage with two decimals.
    Percent(u64),
    /// A stored value the reader's catalogs have a word for
    /// (`{prefix}.{value}`): a kind, a clock, `total`.
    Word(&'static str, String),
    /// Yes or no.
    Bool(bool),
    Empty,
}

impl Cell {
    pub fn text(v: impl Into<String>) -> Cell {
        Cell::Text(v.into())
    }

    /// `Some` figure as an integer, `None` as an empty field.
    pub fn int_or_empty(v: Option<i64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Int)
    }
}

/// Rows under named columns: `columns` are codes (`amount_ore`), which are
/// the machine style's header and the key of a reader's header word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

/// How a table is written.
pub trait CsvStyle {
    fn separator(&self) -> char;
    /// The header of a column.
    fn header(&self, column: &str) -> String;
    /// A cell that is not text (text is quoted by [`to_csv`]).
    fn figure(&self, cell: &Cell) -> String;
}

/// The format integrations read; the bytes it gives are part of the API.
#[derive(Debug, Clone, Copy, Default)]
pub struct Machine;

impl CsvStyle for Machine {
    fn separator(&self) -> char {
        ','
    }

    fn header(&self, column: &str) -> String {
        column.to_owned()
    }

    fn figure(&self, cell: &Cell) -> String {
        match cell {
            Cell::Text(v) | Cell::Word(_, v) => v.clone(),
            Cell::Int(v) | Cell::Ore(v) => v.to_string(),
            Cell::Percent(bp) => percent_text(*bp),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// Text a spreadsheet would read as a formula (it begins with `=`, `+`,
/// `-`, `@`, a tab or CR) with a single quote before it; other text as it
/// is.
pub fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A text field as written: neutralised, then quoted when it needs to be.
pub fn text_field(text: &str, separator: char) -> String {
    quoted(&neutralised(text), separator)
}

/// A text field quoted by RFC 4180 when it needs to be with `separator`.
pub fn quoted(text: &str, separator: char) -> String {
    if text.contains([separator, ',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The table as CSV: the header line, then one line per row.
pub fn to_csv(table: &Table, style: &impl CsvStyle) -> String {
    let separator = style.separator();
    let mut sep = [0u8; 4];
    let sep: &str = separator.encode_utf8(&mut sep);
    let mut out = String::with_capacity(64 + table.rows.len() * 80);
    let headers: Vec<String> = table
        .columns
        .iter()
        .map(|c| text_field(&style.header(c), separator))
        .collect();
    out.push_str(&headers.join(sep));
    out.push('\n');
    for row in &table.rows {
        let fields: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(v) => text_field(v, separator),
                Cell::Word(..) => text_field(&style.figure(cell), separator),
                other => style.figure(other),
            })
            .collect();
        out.push_str(&fields.join(sep));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_machine_style_keeps_codes_and_whole_ore() {
        let table = Table {
            columns: &["name", "amount_ore", "share"],
            rows: vec![
                vec![Cell::text("a,b"), Cell::Ore(-600_000), Cell::Percent(9500)],
                vec![
                    Cell::Word("kind", "total".into()),
                    Cell::Int(3),
                    Cell::Empty,
                ],
            ],
        };
        assert_eq!(
            to_csv(&table, &Machine),
            "name,amount_ore,share\n\"a,b\",-600000,95.00\ntotal,3,\n"
        );
        assert_eq!(quoted("a;b", ';'), "\"a;b\"");
        assert_eq!(quoted("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn text_is_quoted_only_when_needed() {
        assert_eq!(text_field("EMAIL", ','), "EMAIL");
        assert_eq!(text_field("", ','), "");
        assert_eq!(text_field("a,b", ','), "\"a,b\"");
        assert_eq!(text_field("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        assert_eq!(text_field("two\nlines", ','), "\"two\nlines\"");
        assert_eq!(text_field("cr\r", ','), "\"cr\r\"");
    }

    #[test]
    fn text_a_spreadsheet_would_run_gets_a_quote_before_it() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
            ("+46 411 57 70 00", "'+46 411 57 70 00"),
            ("-1250,50", "\"'-1250,50\""),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("a=1", "a=1"),
            ("'quoted", "'quoted"),
        ] {
            assert_eq!(text_field(text, ';'), written, "{text:?}");
        }
        let table = Table {
            columns: &["note", "amount_ore", "count"],
            rows: vec![vec![Cell::text("=1+1"), Cell::Ore(-125_050), Cell::Int(-3)]],
        };
        assert_eq!(
            to_csv(&table, &Machine),
            "note,amount_ore,count\n'=1+1,-125050,-3\n",
            "figures stay numbers"
        );
    }
}
