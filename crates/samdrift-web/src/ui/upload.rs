//! A file from a page's multipart form, read chunk by chunk. Up to the
//! configured attachment size it is kept (in memory while small, in a
//! temporary file beyond that); past the size the rest is read and thrown
//! away, so the page can still answer "too large" in words while an
//! oversized upload costs a few chunks of memory, however many arrive at
//! once.

use super::error_page;
use super::session::UiUser;
use axum::extract::multipart::Field;
use axum::http::StatusCode;
use axum::response::Response;
use std::io::{Read, Seek, SeekFrom, Write};
use tempfile::SpooledTempFile;

/// What stays in memory before the file moves to a temporary file.
const IN_MEMORY: usize = 256 * 1024;

/// A file as the form sent it.
pub struct Upload {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Why a file was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Larger than the attachment size.
    TooLarge,
    /// The form broke off or could not be read.
    Unreadable,
}

/// Reads the file `field`, refusing one over `max` bytes.
pub async fn read_file(mut field: Field<'_>, max: usize) -> Result<Upload, Refused> {
    let filename = field.file_name().unwrap_or("").to_owned();
    let content_type = field
        .content_type()
        .unwrap_or("application/octet-stream")
        .to_owned();
    let mut kept = SpooledTempFile::new(IN_MEMORY);
    let mut size = 0usize;
    while let Some(chunk) = field.chunk().await.map_err(|_| Refused::Unreadable)? {
        size = size.saturating_add(chunk.len());
        if size <= max {
            kept.write_all(&chunk).map_err(|_| Refused::Unreadable)?;
        }
    }
    if size > max {
        return Err(Refused::TooLarge);
    }
    let mut data = Vec::with_capacity(size);
    kept.seek(SeekFrom::Start(0))
        .and_then(|_| kept.read_to_end(&mut data))
        .map_err(|_| Refused::Unreadable)?;
    Ok(Upload {
        filename,
        content_type,
        data,
    })
}

/// The page for a form whose file was refused while it was read.
pub(crate) fn upload_refused(user: &UiUser, refused: &Refused) -> Response {
    match refused {
        Refused::TooLarge => error_page(
            user,
            StatusCode::PAYLOAD_TOO_LARGE,
            user.tr.t("ticket.file_too_large").into(),
        ),
        Refused::Unreadable => error_page(
            user,
            StatusCode::BAD_REQUEST,
            user.tr.t("error.unreadable_form").into(),
        ),
    }
}
