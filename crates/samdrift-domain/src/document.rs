//! A report as plain content: a title, sections of key figures, tables,
//! charts and text, all already worded in one language. The web renders a
//! document as an HTML page and the report crate as a PDF, so the page and
//! the archived PDF say the same thing.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// `sv` or `en`: the language every text is worded in.
    pub lang: String,
    pub title: String,
    pub subtitle: String,
    /// When and from what the document was made, worded for the reader.
    pub made: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A row of key figures.
    Figures {
        figures: Vec<Figure>,
    },
    Table(Table),
    Chart(Chart),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    /// Status in words ("på väg", "inte nådd"), or empty.
    pub note: String,
    pub tone: Tone,
}

/// How a figure or a point stands against its target; shown in colour and
/// always also in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Neutral,
    Good,
    Warning,
    Bad,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    /// Which columns hold figures (aligned right).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

/// A line over months with an optional target line. Points without a
/// value leave a gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub caption: String,
    /// The unit after each value (`%`, `kr`, `dagar`), or empty.
    pub unit: String,
    pub points: Vec<ChartPoint>,
    pub target: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartPoint {
    /// The x-axis label, e.g. `2026-11`.
    pub label: String,
    pub value: Option<f64>,
}

impl Document {
    /// Every text of the document in reading order: what a PDF's text
    /// layer must contain.
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str(), self.subtitle.as_str()];
        for s in &self.sections {
            out.push(&s.heading);
            for b in &s.blocks {
                match b {
                    Block::Paragraph { text } => out.push(text),
                    Block::Figures { figures } => {
                        for f in figures {
                            out.extend([f.label.as_str(), f.value.as_str()]);
                        }
                    }
                    Block::Table(t) => {
                        out.push(&t.caption);
                        out.extend(t.headers.iter().map(String::as_str));
                        for r in &t.rows {
                            out.extend(r.iter().map(String::as_str));
                        }
                    }
                    Block::Chart(c) => out.push(&c.caption),
                }
            }
        }
        out
    }
}
