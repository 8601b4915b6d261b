//! The calendar form and its translation into a [`CalendarSpec`]: one text
//! input per weekday with intervals (`08:00-12:00, 12:45-16:30`, empty is
//! closed), Swedish holidays and de facto holidays as checkboxes, and
//! exceptions one per line (`2027-05-07` closed, `2027-04-30 08:00-12:00`).
//!
//! The calendar's own validation reports paths into the spec
//! (`weekly_hours.mon[1]`, `exceptions[2].date`); [`place`] puts each back
//! on the input it came from, saying which interval or line it was.

use super::super::i18n::Tr;
use super::Problems;
use super::problems::say;
use samdrift_domain::calendar::{CalendarSpec, DEFAULT_TIME_ZONE, ExceptionSpec, HolidaySpec};
use samdrift_domain::error::FieldError;
use serde::Deserialize;
use std::collections::BTreeMap;

pub use samdrift_domain::calendar::WEEKDAY_KEYS;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CalendarForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub mon: String,
    #[serde(default)]
    pub tue: String,
    #[serde(default)]
    pub wed: String,
    #[serde(default)]
    pub thu: String,
    #[serde(default)]
    pub fri: String,
    #[serde(default)]
    pub sat: String,
    #[serde(default)]
    pub sun: String,
    /// A checkbox: present (`on`) when ticked.
    #[serde(default)]
    pub holidays: String,
    #[serde(default)]
    pub de_facto: String,
    #[serde(default)]
    pub exceptions: String,
}

impl CalendarForm {
    /// A new form: office hours on weekdays, Swedish holidays.
    pub fn fresh() -> CalendarForm {
        let office = "08:00-17:00".to_owned();
        CalendarForm {
            time_zone: DEFAULT_TIME_ZONE.to_owned(),
            mon: office.clone(),
            tue: office.clone(),
            wed: office.clone(),
            thu: office.clone(),
            fri: office,
            holidays: "on".into(),
            ..CalendarForm::default()
        }
    }

    /// What was typed for a weekday (`mon`..`sun`).
    pub fn day(&self, key: &str) -> &str {
        match key {
            "mon" => &self.mon,
            "tue" => &self.tue,
            "wed" => &self.wed,
            "thu" => &self.thu,
            "fri" => &self.fri,
            "sat" => &self.sat,
            _ => &self.sun,
        }
    }
}

/// Where each interval and exception of the spec was typed: per weekday the
/// number of each interval in its input, per exception its line.
#[derive(Debug, Default)]
pub struct Origins {
    days: BTreeMap<String, Vec<usize>>,
    lines: Vec<usize>,
}

/// `8:00` as `08:00`; anything else as typed, for validation to judge.
fn time(text: &str) -> String {
    let text = text.trim();
    if text.len() == 4 && text.as_bytes().get(1) == Some(&b':') {
        format!("0{text}")
    } else {
        text.to_owned()
    }
}

/// Splits `08:00-12:00, 12:45-16:30` into pairs, each with its number in
/// the text; a piece that is not `start-end` is reported on `field`.
fn intervals(
    t: &Tr,
    text: &str,
    field: &str,
    line: Option<usize>,
    problems: &mut Problems,
) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let pieces = text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    for (n, piece) in pieces.enumerate() {
        match piece.split_once(['-', '–']) {
            Some((start, end)) if !start.trim().is_empty() && !end.trim().is_empty() => {
                out.push((n + 1, vec![time(start), time(end)]));
            }
            _ => {
                let at = match line {
                    Some(line) => format!("{} {line}: ", t.t("admin.calendars.line")),
                    None => String::new(),
                };
                let message = t.t("admin.msg.interval").replace("{}", piece);
                problems.push(t, field, format!("{at}{message}"));
            }
        }
    }
    out
}

/// The spec the form describes, and where its parts came from; what cannot
/// even be read as intervals is pushed to `problems`.
pub fn to_spec(t: &Tr, form: &CalendarForm, problems: &mut Problems) -> (CalendarSpec, Origins) {
    let mut origins = Origins::default();
    let mut weekly_hours = BTreeMap::new();
    for key in WEEKDAY_KEYS {
        let found = intervals(t, form.day(key), key, None, problems);
        if !found.is_empty() {
            origins
                .days
                .insert(key.to_owned(), found.iter().map(|(n, _)| *n).collect());
            weekly_hours.insert(key.to_owned(), found.into_iter().map(|(_, p)| p).collect());
        }
    }
    let mut exceptions = Vec::new();
    for (index, line) in form.exceptions.lines().enumerate() {
        let line_no = index + 1;
        let mut words = line.trim().splitn(2, char::is_whitespace);
        let Some(date) = words.next().filter(|d| !d.is_empty()) else {
            continue;
        };
        let rest = words.next().unwrap_or("");
        let hours = intervals(t, rest, "exceptions", Some(line_no), problems);
        origins.lines.push(line_no);
        exceptions.push(ExceptionSpec {
            date: date.to_owned(),
            hours: hours.into_iter().map(|(_, p)| p).collect(),
        });
    }
    let ticked = |v: &str| !v.trim().is_empty();
    if ticked(&form.de_facto) && !ticked(&form.holidays) {
        problems.push(t, "de_facto", t.t("admin.msg.de_facto").to_owned());
    }
    let spec = CalendarSpec {
        name: form.name.trim().to_owned(),
        time_zone: form.time_zone.trim().to_owned(),
        weekly_hours,
        holidays: ticked(&form.holidays).then(|| HolidaySpec {
            country: Some("SE".into()),
            de_facto: ticked(&form.de_facto),
        }),
        exceptions,
    };
    (spec, origins)
}

/// `name[3]…` as (`name`, 3).
fn indexed(path: &str) -> Option<(&str, usize)> {
    let (name, rest) = path.split_once('[')?;
    let (index, _) = rest.split_once(']')?;
    Some((name, index.parse().ok()?))
}

/// Puts the calendar's validation errors on the inputs they came from.
pub fn place(t: &Tr, errors: Vec<FieldError>, origins: &Origins, problems: &mut Problems) {
    for e in errors {
        let message = say(t, &e.message);
        if let Some(rest) = e.field.strip_prefix("weekly_hours.") {
            match indexed(rest) {
                Some((key, index)) => {
                    let n = origins
                        .days
                        .get(key)
                        .and_then(|ns| ns.get(index))
                        .map_or(index + 1, |n| *n);
                    let at = t.t("admin.calendars.interval");
                    problems.push(t, key, format!("{at} {n}: {message}"));
                }
                None => problems.push(t, rest, message),
            }
        } else if let Some((_, index)) = indexed(&e.field).filter(|(n, _)| *n == "exceptions") {
            let line = origins.lines.get(index).map_or(index + 1, |l| *l);
            let at = t.t("admin.calendars.line");
            problems.push(t, "exceptions", format!("{at} {line}: {message}"));
        } else {
            let field = match e.field.as_str() {
                "name" | "time_zone" | "weekly_hours" => e.field.as_str(),
                f if f.starts_with("holidays") => "holidays",
                _ => "name",
            };
            problems.push(t, field, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::i18n::Lang;
    use super::*;

    fn form() -> CalendarForm {
        CalendarForm {
            name: "Kontorstid".into(),
            ..CalendarForm::fresh()
        }
    }

    #[test]
    fn a_fresh_form_is_a_valid_calendar() {
        let t = Tr(Lang::Sv);
        let mut problems = Problems::default();
        let (spec, _) = to_spec(&t, &form(), &mut problems);
        assert!(problems.is_empty());
        assert!(spec.validate().is_ok());
        assert_eq!(spec.weekly_hours["mon"], vec![vec!["08:00", "17:00"]]);
        assert!(!spec.weekly_hours.contains_key("sat"));
    }

    #[test]
    fn intervals_and_exceptions_are_read_from_text() {
        let t = Tr(Lang::Sv);
        let mut problems = Problems::default();
        let f = CalendarForm {
            mon: "8:00-12:00, 12:45 – 16:30".into(),
            exceptions: "2027-05-07\n\n2027-04-30 08:00-12:00".into(),
            ..form()
        };
        let (spec, _) = to_spec(&t, &f, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(
            spec.weekly_hours["mon"],
            vec![vec!["08:00", "12:00"], vec!["12:45", "16:30"]]
        );
        assert_eq!(spec.exceptions.len(), 2);
        assert!(spec.exceptions[0].hours.is_empty());
        assert_eq!(spec.exceptions[1].hours, vec![vec!["08:00", "12:00"]]);
    }

    #[test]
    fn errors_go_back_to_the_input_and_interval_they_came_from() {
        let t = Tr(Lang::En);
        let mut problems = Problems::default();
        let f = CalendarForm {
            tue: "08:00-12:00, 13:00-12:30".into(),
            wed: "lunch".into(),
            exceptions: "2027-05-07\n2027-02-30".into(),
            ..form()
        };
        let (spec, origins) = to_spec(&t, &f, &mut problems);
        assert!(problems.get("wed").unwrap().contains("lunch"));
        place(&t, spec.validate().unwrap_err(), &origins, &mut problems);
        assert!(problems.get("tue").unwrap().starts_with("Interval 2:"));
        assert!(problems.get("exceptions").unwrap().starts_with("Line 2:"));
    }
}
