//! Reading a delivery file: CSV (a header line, comma or semicolon
//! separated, UTF-8 with or without a byte order mark) or JSON Lines (one
//! object per line), with the columns of its source (docs/IDENTITY.md).
//! Every error names its line and field; a file with any error yields no
//! people.

use samdrift_domain::error::{FieldError, FieldErrors};
use samdrift_domain::identity::comparison::check_unique;
use samdrift_domain::identity::personnummer::Personnummer;
use samdrift_domain::identity::source::{Facts, SourceKind, SourcePerson};
use samdrift_domain::msg;
use std::collections::HashMap;

/// How a delivery is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryFormat {
    Csv,
    JsonLines,
}

impl DeliveryFormat {
    /// The format a file name or content type names: `.json`, `.jsonl`
    /// and JSON content types are JSON Lines; everything else is CSV.
    pub fn from_name(name: &str) -> DeliveryFormat {
        let name = name.to_ascii_lowercase();
        if name.ends_with(".json") || name.ends_with(".jsonl") || name.contains("json") {
            DeliveryFormat::JsonLines
        } else {
            DeliveryFormat::Csv
        }
    }
}

const HR_COLUMNS: [&str; 11] = [
    "employee_number",
    "personnummer",
    "given_name",
    "family_name",
    "email",
    "administration",
    "workplace",
    "title",
    "manager",
    "start_date",
    "end_date",
];
const SCHOOL_COLUMNS: [&str; 10] = [
    "person_id",
    "personnummer",
    "given_name",
    "family_name",
    "email",
    "role",
    "school",
    "class",
    "start_date",
    "end_date",
];

/// The columns of a source, the key column first.
pub fn columns(source: SourceKind) -> &'static [&'static str] {
    match source {
        SourceKind::Hr => &HR_COLUMNS,
        SourceKind::School => &SCHOOL_COLUMNS,
    }
}

fn required(source: SourceKind) -> [&'static str; 4] {
    let key = columns(source)[0];
    [key, "given_name", "family_name", "email"]
}

/// One delivered line: its number and its values by column.
struct Row {
    line: usize,
    values: HashMap<String, String>,
}

/// Reads a delivery. `today` (Europe/Stockholm) gives the century of a
/// ten-digit personnummer.
pub fn read_delivery(
    source: SourceKind,
    format: DeliveryFormat,
    bytes: &[u8],
    today: jiff::civil::Date,
) -> Result<Vec<SourcePerson>, Vec<FieldError>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        vec![FieldError::new(
            format!("line {line}"),
            msg!("delivery.not_utf8"),
        )]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (rows, mut errors) = match format {
        DeliveryFormat::Csv => csv_rows(source, text)?,
        DeliveryFormat::JsonLines => json_rows(source, text),
    };
    if rows.is_empty() && errors.is_empty() {
        return Err(vec![FieldError::new("file", msg!("delivery.empty"))]);
    }
    let mut people = Vec::with_capacity(rows.len());
    for row in &rows {
        let (p, e) = person(source, row, today);
        errors.0.extend(e);
        people.push(p);
    }
    errors.0.extend(check_unique(&people).0);
    errors.0.sort_by_key(|e| line_of(&e.field));
    errors.into_result(people)
}

/// The line number an error's field names (`line 12: email` is 12).
fn line_of(field: &str) -> usize {
    field
        .strip_prefix("line ")
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The rows of a CSV file and the errors of its lines; a bad header
/// yields no rows.
fn csv_rows(source: SourceKind, text: &str) -> Result<(Vec<Row>, FieldErrors), Vec<FieldError>> {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(_) => return Err(vec![FieldError::new("line 1", msg!("delivery.header"))]),
    };
    check_header(source, &header, "line 1")?;
    let mut rows = Vec::new();
    let mut errors = FieldErrors::default();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                if r.len() != header.len() {
                    errors.push(
                        format!("line {line}"),
                        msg!(
                            "delivery.column_count",
                            expected = header.len() as i64,
                            found = r.len() as i64
                        ),
                    );
                    continue;
                }
                let values = header
                    .iter()
                    .cloned()
                    .zip(r.iter().map(|v| v.trim().to_owned()))
                    .collect();
                rows.push(Row { line, values });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push(format!("line {line}"), msg!("delivery.csv"));
            }
        }
    }
    Ok((rows, errors))
}

fn json_rows(source: SourceKind, text: &str) -> (Vec<Row>, FieldErrors) {
    let mut rows = Vec::new();
    let mut errors = FieldErrors::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("line {}", i + 1);
        let object = match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line)
        {
            Ok(o) => o,
            Err(e) => {
                errors.push(at, msg!("input.json", detail = e.to_string()));
                continue;
            }
        };
        let keys: Vec<String> = object.keys().cloned().collect();
        if let Err(e) = check_header(source, &keys, &at) {
            errors.0.extend(
                e.into_iter()
                    .filter(|e| e.message.code == "delivery.column_unknown"),
            );
        }
        let mut values = HashMap::new();
        for (k, v) in object {
            match v {
                serde_json::Value::String(s) => {
                    values.insert(k, s.trim().to_owned());
                }
                serde_json::Value::Null => {}
                serde_json::Value::Number(n) => {
                    values.insert(k, n.to_string());
                }
                _ => errors.push(format!("{at}: {k}"), msg!("delivery.text_value")),
            }
        }
        rows.push(Row {
            line: i + 1,
            values,
        });
    }
    (rows, errors)
}

/// Every column known, and the required ones present.
fn check_header(source: SourceKind, header: &[String], at: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = FieldErrors::default();
    for name in header {
        if !columns(source).contains(&name.as_str()) {
            errors.push(
                format!("{at}: {name}"),
                msg!(
                    "delivery.column_unknown",
                    known = columns(source)
                        .iter()
                        .map(|c| (*c).to_owned())
                        .collect::<Vec<_>>()
                ),
            );
        }
    }
    for name in required(source) {
        if !header.iter().any(|h| h == name) {
            errors.push(format!("{at}: {name}"), msg!("delivery.column_missing"));
        }
    }
    errors.into_result(())
}

/// The person of a row, as far as it could be read, and the row's errors.
fn person(
    source: SourceKind,
    row: &Row,
    today: jiff::civil::Date,
) -> (SourcePerson, Vec<FieldError>) {
    let mut errors = FieldErrors::default();
    let at = |field: &str| format!("line {}: {field}", row.line);
    let text = |name: &str| row.values.get(name).filter(|v| !v.is_empty()).cloned();
    let need = |name: &str, errors: &mut FieldErrors| {
        let v = text(name);
        if v.is_none() {
            errors.push(at(name), msg!("field.required"));
        }
        v.unwrap_or_default()
    };
    let key = need(columns(source)[0], &mut errors);
    let given = need("given_name", &mut errors);
    let family = need("family_name", &mut errors);
    let email = need("email", &mut errors).to_lowercase();
    if !email.is_empty() && !plausible_email(&email) {
        errors.push(at("email"), msg!("field.email"));
    }
    let personnummer = text("personnummer").and_then(|p| {
        Personnummer::parse(&p, today)
            .map_err(|m| errors.push(at("personnummer"), m))
            .ok()
    });
    let mut date = |name: &str| {
        text(name).and_then(|d| {
            d.parse::<jiff::civil::Date>()
                .map_err(|_| errors.push(at(name), msg!("field.date")))
                .ok()
        })
    };
    let starts_on = date("start_date");
    let ends_on = date("end_date");
    if let (Some(s), Some(e)) = (starts_on, ends_on)
        && e < s
    {
        errors.push(
            at("end_date"),
            msg!("field.not_before", other = "start_date"),
        );
    }
    let (kind, title) = match source {
        SourceKind::Hr => ("employee", text("title")),
        SourceKind::School => match text("role").map(|r| r.to_lowercase()).as_deref() {
            Some("pupil" | "elev") => ("student", Some("elev".to_owned())),
            Some("teacher" | "lärare") => ("employee", Some("lärare".to_owned())),
            _ => {
                errors.push(
                    at("role"),
                    msg!(
                        "field.one_of",
                        options = vec!["elev".to_owned(), "lärare".to_owned()]
                    ),
                );
                ("student", None)
            }
        },
    };
    let facts = Facts {
        administration: text("administration"),
        workplace: text("workplace"),
        title,
        manager: text("manager"),
        school: text("school"),
        class: text("class"),
        starts_on,
        ends_on,
    };
    let person = SourcePerson {
        line: row.line,
        key,
        personnummer,
        name: format!("{given} {family}"),
        email,
        kind,
        facts,
    };
    (person, errors.0)
}

fn plausible_email(email: &str) -> bool {
    let mut parts = email.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(l), Some(d), None) if !l.is_empty() && d.contains('.') && !email.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests;
