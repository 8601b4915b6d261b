//! A person as a member's source system delivers them.

use crate::identity::personnummer::Personnummer;
use crate::messages::Message;
use crate::msg;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Which system a delivery comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// The HR system: employees.
    Hr,
    /// The school system: pupils and teachers.
    School,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Hr => "hr",
            SourceKind::School => "school",
        }
    }
}

impl FromStr for SourceKind {
    type Err = Message;
    fn from_str(s: &str) -> Result<Self, Message> {
        match s {
            "hr" => Ok(SourceKind::Hr),
            "school" => Ok(SourceKind::School),
            _ => Err(msg!(
                "field.one_of",
                options = vec!["hr".to_owned(), "school".to_owned()]
            )),
        }
    }
}

/// One person of a delivery, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcePerson {
    /// The line (CSV: counting the header as line 1) or the position
    /// (JSON: 1 for the first person) it was delivered on.
    pub line: usize,
    /// The person's key in the source: the employee number (HR) or the
    /// school system's person id.
    pub key: String,
    pub personnummer: Option<Personnummer>,
    pub name: String,
    pub email: String,
    /// `employee` or `student`, as in the register.
    pub kind: &'static str,
    /// The facts whose change makes a mover or an update.
    pub facts: Facts,
}

/// What the source says about a person's place in the member.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facts {
    /// The administration (förvaltning) by name.
    pub administration: Option<String>,
    pub workplace: Option<String>,
    /// Title (HR) or role in school (`elev`, `lärare`).
    pub title: Option<String>,
    /// The manager's key in the same source.
    pub manager: Option<String>,
    pub school: Option<String>,
    pub class: Option<String>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

impl Facts {
    /// The fields whose change makes a person a mover: a new
    /// administration, role or manager (and school or class for pupils).
    pub const MOVE_FIELDS: [&'static str; 5] =
        ["administration", "title", "manager", "school", "class"];

    /// Each field by name, as text (dates as `YYYY-MM-DD`).
    pub fn fields(&self) -> [(&'static str, Option<String>); 8] {
        [
            ("administration", self.administration.clone()),
            ("workplace", self.workplace.clone()),
            ("title", self.title.clone()),
            ("manager", self.manager.clone()),
            ("school", self.school.clone()),
            ("class", self.class.clone()),
            ("starts_on", self.starts_on.map(|d| d.to_string())),
            ("ends_on", self.ends_on.map(|d| d.to_string())),
        ]
    }
}
