//! What the pages' requests must be before a handler sees them. A NUL
//! character (U+0000) is in no text the service keeps (PostgreSQL cannot
//! store it), so a page's path, query or form that carries one is refused
//! here as bad input, the same on both databases. The API's own extractors
//! (`extract.rs`) name the field instead; this layer is for the pages,
//! whose forms are read by axum's `Form`.

use crate::problem::Problem;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest form a page accepts; uploads are multipart and not read here.
const FORM_LIMIT: usize = 1024 * 1024;

/// Refuses a page request whose path, query or form holds a NUL character.
pub async fn refuse_nul(req: Request, next: Next) -> Response {
    let uri = req.uri();
    if is_api(uri.path()) {
        return next.run(req).await;
    }
    if has_nul(uri.path().as_bytes()) || has_nul(uri.query().unwrap_or("").as_bytes()) {
        return refused();
    }
    if !is_form(&req) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "the form is larger than 1 MB",
            )
            .into_response();
        }
    };
    if has_nul(&bytes) {
        return refused();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// A NUL character, raw or percent-encoded (`%00`); the API's extractors
/// ask the same of paths and queries.
pub(crate) fn has_nul(raw: &[u8]) -> bool {
    raw.contains(&0) || raw.windows(3).any(|w| w == b"%00")
}

fn refused() -> Response {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "invalid-input",
        "the request must not contain the NUL character (U+0000, %00)",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_is_found_raw_or_encoded_and_nowhere_else() {
        assert!(has_nul(b"title=a%00b"));
        assert!(has_nul(b"title=a\0b"));
        assert!(!has_nul(b"title=a%2500b"));
        assert!(!has_nul(b"title=100%25"));
        assert!(is_api("/api/v1/tickets"));
        assert!(!is_api("/apis"));
    }
}
