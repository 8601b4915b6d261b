//! Report PDFs. [`pdf`] renders a [`Document`] in-process with typst: the
//! document goes to a fixed template (`report.typ`) as JSON data, so no
//! text of it is ever read as markup, and the fonts are bundled, so a
//! machine without fonts renders the same PDF.
//!
//! A leaf crate: only the binary and the tests link it, so typst never
//! rebuilds with app or web.

mod world;

use std::fmt::Write as _;

use samdrift_domain::document::Document;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::ecow::EcoVec;
use typst_pdf::PdfOptions;

use crate::world::ReportWorld;

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the report's data could not be written as JSON: {0}")]
    Data(#[from] serde_json::Error),
    /// Typst's diagnostics, one a line, with where in the template.
    #[error("the report could not be laid out:\n{0}")]
    Layout(String),
    #[error("the report's PDF could not be written:\n{0}")]
    Pdf(String),
}

/// Renders `document` to a PDF: A4, the document's language and title in
/// the PDF's metadata, a tagged text layer.
///
/// Takes the CPU for some tens of milliseconds (the first call in a process
/// also parses the fonts): from async code, call it on a blocking thread.
pub fn pdf(document: &Document) -> Result<Vec<u8>, ReportError> {
    render(&ReportWorld::new(serde_json::to_vec(document)?)?)
}

fn render(world: &ReportWorld) -> Result<Vec<u8>, ReportError> {
    let compiled = typst::compile(world).output;
    // Keep typst's memo cache from growing with every report a server
    // renders; what the template shares stays warm.
    typst::comemo::evict(10);
    let paged = compiled.map_err(|d| ReportError::Layout(diagnostics(world, &d)))?;
    typst_pdf::pdf(&paged, &PdfOptions::default())
        .map_err(|d| ReportError::Pdf(diagnostics(world, &d)))
}

/// The report renderer as a value, for whoever holds renderers behind a
/// trait; the same as [`pdf`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TypstPdf;

impl TypstPdf {
    /// Parses the bundled fonts now, so the first report renders as fast
    /// as the rest.
    pub fn warm() -> Self {
        world::warm();
        Self
    }

    pub fn render(&self, document: &Document) -> Result<Vec<u8>, ReportError> {
        pdf(document)
    }
}

/// Typst's diagnostics as text: `report.typ:12:5: message`, with hints.
fn diagnostics(world: &ReportWorld, diags: &EcoVec<SourceDiagnostic>) -> String {
    let mut out = String::new();
    for diag in diags {
        let _ = write!(out, "{}: {}", place(world, diag), diag.message);
        for hint in &diag.hints {
            let _ = write!(out, "\n  hint: {}", hint.v);
        }
        out.push('\n');
    }
    out.trim_end().to_owned()
}

fn place(world: &ReportWorld, diag: &SourceDiagnostic) -> String {
    let Some(id) = diag.span.id() else {
        return "typst".to_owned();
    };
    let at = world
        .range(diag.span)
        .and_then(|range| world.line_column(id, range.start));
    match at {
        Some((line, column)) => format!("{}:{}:{}", world.name(id), line + 1, column + 1),
        None => world.name(id).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_layout_says_where_in_words() -> Result<(), ReportError> {
        let world = ReportWorld::new(b"{ not json".to_vec())?;
        let Err(ReportError::Layout(message)) = render(&world) else {
            return Err(ReportError::Layout("data that is not JSON rendered".into()));
        };
        assert!(message.starts_with("data.json:1:3: "), "{message}");
        assert!(message.contains("JSON"), "{message}");
        Ok(())
    }
}
