//! The smallest typst world a report needs: the bundled fonts, the
//! standard library, one template as the main source and the document as
//! one virtual `data.json`. Nothing is read from disk or the network.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Lines, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::ReportError;

/// The template that lays every report out; it reads the document from
/// `data.json` and never sees a text as markup.
pub(crate) const TEMPLATE: &str = include_str!("report.typ");
pub(crate) const TEMPLATE_PATH: &str = "/report.typ";
pub(crate) const DATA_PATH: &str = "/data.json";

/// Emoji and symbols, which the bundled text fonts lack: a subset of
/// Symbola (see `fonts/README.md`).
const EMOJI_FONT: &[u8] = include_bytes!("../fonts/SymbolaEmoji.ttf");

/// What every render shares: parsing the fonts is the costly part, so it
/// happens once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .chain([EMOJI_FONT])
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// Parses the bundled fonts now rather than on the first render.
pub(crate) fn warm() {
    shared();
}

pub(crate) fn file_id(path: &str) -> Result<FileId, ReportError> {
    let vpath = VirtualPath::new(path).map_err(|e| ReportError::Layout(format!("{path}: {e}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// One render's world: the shared fonts and library, the template and
/// this document's data.
pub(crate) struct ReportWorld {
    shared: &'static Shared,
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl ReportWorld {
    pub(crate) fn new(data: Vec<u8>) -> Result<Self, ReportError> {
        Ok(Self {
            shared: shared(),
            main: Source::new(file_id(TEMPLATE_PATH)?, TEMPLATE.to_owned()),
            data_id: file_id(DATA_PATH)?,
            data: Bytes::new(data),
        })
    }

    /// Where `id` is, as a reader of an error message knows it.
    pub(crate) fn name(&self, id: FileId) -> &'static str {
        if id == self.main.id() {
            "report.typ"
        } else if id == self.data_id {
            "data.json"
        } else {
            "?"
        }
    }

    /// The line and column, from 0, of a byte of the template or the data.
    pub(crate) fn line_column(&self, id: FileId, byte: usize) -> Option<(usize, usize)> {
        if id == self.main.id() {
            self.main.lines().byte_to_line_column(byte)
        } else if id == self.data_id {
            let text = std::str::from_utf8(self.data.as_slice()).ok()?;
            Lines::new(text).byte_to_line_column(byte)
        } else {
            None
        }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.data_id {
            Err(FileError::NotSource)
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(TEMPLATE))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
