//! A document as the steering template shows it: blocks flattened into
//! plain parts (no enums in the template), charts drawn as SVG with their
//! values in a table, and table cells that may link.

use super::charts;
use crate::ui::i18n::Tr;
use samdrift_domain::document::{Block, Document, Figure, Table, Tone};

pub struct Cell {
    pub text: String,
    pub href: Option<String>,
}

pub struct TableView {
    pub id: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<Cell>>,
}

impl TableView {
    pub fn numeric_at(&self, i: &usize) -> bool {
        self.numeric.get(*i).copied().unwrap_or(false)
    }
}

pub struct FigureView {
    pub label: String,
    pub value: String,
    pub note: String,
    /// `good`, `warning`, `bad` or `neutral` (a class; the note says it).
    pub tone: &'static str,
}

pub struct ChartView {
    pub id: String,
    pub caption: String,
    pub svg: String,
    /// The chart's values as (month, value) for its table.
    pub values: Vec<(String, String)>,
    pub target: String,
}

/// One block; exactly one part is set.
pub struct BlockView {
    pub paragraph: Option<String>,
    pub figures: Vec<FigureView>,
    pub table: Option<TableView>,
    pub chart: Option<ChartView>,
}

pub struct SectionView {
    pub id: String,
    pub heading: String,
    pub blocks: Vec<BlockView>,
}

pub struct DocumentView {
    pub title: String,
    pub subtitle: String,
    pub made: String,
    pub sections: Vec<SectionView>,
}

fn tone(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Warning => "warning",
        Tone::Bad => "bad",
        Tone::Neutral => "neutral",
    }
}

pub fn figure_view(f: &Figure) -> FigureView {
    FigureView {
        label: f.label.clone(),
        value: f.value.clone(),
        note: f.note.clone(),
        tone: tone(f.tone),
    }
}

pub fn table_view(id: String, t: &Table) -> TableView {
    TableView {
        id,
        caption: t.caption.clone(),
        headers: t.headers.clone(),
        numeric: t.numeric.clone(),
        rows: t
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| Cell {
                        text: c.clone(),
                        href: None,
                    })
                    .collect()
            })
            .collect(),
    }
}

fn block_view(tr: &Tr, id: String, b: &Block) -> BlockView {
    let mut v = BlockView {
        paragraph: None,
        figures: vec![],
        table: None,
        chart: None,
    };
    match b {
        Block::Paragraph { text } => v.paragraph = Some(text.clone()),
        Block::Figures { figures } => v.figures = figures.iter().map(figure_view).collect(),
        Block::Table(t) => v.table = Some(table_view(id, t)),
        Block::Chart(c) => {
            let sv = tr.lang() == "sv";
            v.chart = Some(ChartView {
                svg: charts::svg(c, &format!("{id}-cap"), sv),
                caption: c.caption.clone(),
                values: c
                    .points
                    .iter()
                    .map(|p| {
                        let value = p.value.map(|x| {
                            format!(
                                "{} {}",
                                super::documents::value(tr, "", Some((x * 10.0).round() / 10.0)),
                                c.unit
                            )
                        });
                        (p.label.clone(), value.unwrap_or_else(|| "–".into()))
                    })
                    .collect(),
                target: c
                    .target
                    .map(|x| format!("{} {}", super::documents::value(tr, "", Some(x)), c.unit))
                    .unwrap_or_default(),
                id,
            })
        }
    }
    v
}

pub fn document_view(tr: &Tr, d: &Document) -> DocumentView {
    DocumentView {
        title: d.title.clone(),
        subtitle: d.subtitle.clone(),
        made: d.made.clone(),
        sections: d
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionView {
                id: format!("s{i}"),
                heading: s.heading.clone(),
                blocks: s
                    .blocks
                    .iter()
                    .enumerate()
                    .map(|(j, b)| block_view(tr, format!("s{i}b{j}"), b))
                    .collect(),
            })
            .collect(),
    }
}
