//! Extractors whose rejections are problem+json naming what was wrong:
//! malformed or mistyped JSON, a path id that is not a UUID, a bad query.

use crate::problem::Problem;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use samdrift_app::AppError;
use serde::de::DeserializeOwned;
use std::future::Future;
use uuid::Uuid;

/// A JSON body; errors become 400/413/415/422 problems, and a text with a
/// NUL character a 422 naming its field.
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(v)) => v,
            Err(rejection) => return Err(json_problem(rejection)),
        };
        if let Some(field) = nul_in(&value, String::new()) {
            return Err(nul_problem(&field));
        }
        // Well-formed JSON without NUL: into the handler's type, with the
        // framework's errors that name the field (`impact: invalid type`).
        let bytes = serde_json::to_vec(&value).unwrap_or_default();
        axum::Json::<T>::from_bytes(&bytes)
            .map(|axum::Json(v)| Body(v))
            .map_err(json_problem)
    }
}

/// The path (`title`, `entries[0].service`) of the first text in a JSON
/// value that holds a NUL character, which no text the service keeps may
/// hold (PostgreSQL cannot store it).
pub fn nul_in(value: &serde_json::Value, at: String) -> Option<String> {
    let join = |key: &str| {
        if at.is_empty() {
            key.to_owned()
        } else {
            format!("{at}.{key}")
        }
    };
    match value {
        serde_json::Value::String(text) => text.contains('\0').then(|| at.clone()),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_in(v, format!("{at}[{i}]"))),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                Some(join(&k.replace('\0', "")))
            } else {
                nul_in(v, join(k))
            }
        }),
        _ => None,
    }
}

/// A 422 naming the text that holds a NUL character.
pub fn nul_problem(field: &str) -> Problem {
    let field = if field.is_empty() { "body" } else { field };
    crate::problem::problem_of(AppError::invalid(field, samdrift_domain::msg!("text.nul")))
}

fn json_problem(rejection: JsonRejection) -> Problem {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "send the body as JSON with Content-Type: application/json",
        ),
        JsonRejection::JsonDataError(e) => Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-json-data",
            e.body_text(),
        ),
        JsonRejection::JsonSyntaxError(e) => {
            Problem::new(StatusCode::BAD_REQUEST, "malformed-json", e.body_text())
        }
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "the body is larger than allowed",
            )
        }
        other => Problem::new(other.status(), "bad-request", other.body_text()),
    }
}

/// A UUID path parameter; anything else is a 404 (no such resource).
pub struct Id(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| Problem::new(StatusCode::NOT_FOUND, "not-found", "no such resource"))?;
        raw.parse::<Uuid>().map(Id).map_err(|_| {
            Problem::new(
                StatusCode::NOT_FOUND,
                "not-found",
                format!("'{raw}' is not a valid id (a UUID)"),
            )
        })
    }
}

/// Two UUID path parameters (e.g. ticket and attachment).
pub struct Ids(pub Uuid, pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for Ids {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path((a, b)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(|_| Problem::new(StatusCode::NOT_FOUND, "not-found", "no such resource"))?;
        match (a.parse::<Uuid>(), b.parse::<Uuid>()) {
            (Ok(a), Ok(b)) => Ok(Ids(a, b)),
            _ => Err(Problem::new(
                StatusCode::NOT_FOUND,
                "not-found",
                "the path holds an id that is not a UUID",
            )),
        }
    }
}

/// Query parameters; errors become a 400 problem.
pub struct Params<T>(pub T);

impl<S, T> FromRequestParts<S> for Params<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if crate::door::has_nul(parts.uri.query().unwrap_or("").as_bytes()) {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "invalid-query",
                "the query must not contain the NUL character (%00)",
            ));
        }
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| Params(v))
            .map_err(|e: QueryRejection| {
                Problem::new(StatusCode::BAD_REQUEST, "invalid-query", e.body_text())
            })
    }
}

/// What `If-Match` asks of a change (RFC 9110, 13.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: any current representation; the change applies to the version
    /// the record has when it is made.
    Any,
    /// `"3"` (or `W/"3"`, or a bare `3`): only while the record is at this
    /// version.
    Version(i64),
}

/// The precondition in `If-Match`, if one was sent. A value that is neither
/// `*` nor a version this service issued is invalid input (422).
pub fn if_match(headers: &HeaderMap) -> Result<Option<IfMatch>, AppError> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let raw = v.to_str().unwrap_or("").trim();
    if raw == "*" {
        return Ok(Some(IfMatch::Any));
    }
    let raw = raw.strip_prefix("W/").unwrap_or(raw).trim_matches('"');
    raw.parse::<i64>()
        .map(|v| Some(IfMatch::Version(v)))
        .map_err(|_| AppError::invalid("If-Match", samdrift_domain::msg!("http.if_match")))
}

/// How many times a change under `If-Match: *` is tried again when the
/// record changed between reading its version and writing.
const ANY_ATTEMPTS: usize = 5;

/// Makes a change under the request's `If-Match`. With a version, `write`
/// gets it (and the store answers 412 if it is stale); with `*`, `current`
/// reads the record's version (404 if there is none) and the change is made
/// on that version, read again if someone else changed it in between, so
/// `*` never answers 412. Without `If-Match`, `write` gets `None` (the use
/// case answers 428 where a version is required).
pub async fn conditional<T, R, RF, W, WF>(
    precondition: Option<IfMatch>,
    current: R,
    write: W,
) -> Result<T, AppError>
where
    R: Fn() -> RF,
    RF: Future<Output = Result<i64, AppError>>,
    W: Fn(Option<i64>) -> WF,
    WF: Future<Output = Result<T, AppError>>,
{
    match precondition {
        None => write(None).await,
        Some(IfMatch::Version(v)) => write(Some(v)).await,
        Some(IfMatch::Any) => {
            let mut attempt = 1;
            loop {
                let version = current().await?;
                match write(Some(version)).await {
                    Err(AppError::Stale) if attempt < ANY_ATTEMPTS => attempt += 1,
                    other => return other,
                }
            }
        }
    }
}

/// A member code in the path that names no member the caller may see is a
/// resource that is not there: 404, as for an id, rather than the 422 the
/// same code gets in a body. Other errors pass unchanged.
pub fn member_in_path(err: AppError) -> AppError {
    match err {
        AppError::Invalid(fields)
            if !fields.is_empty() && fields.iter().all(|f| f.field == "member") =>
        {
            AppError::NotFound("member")
        }
        other => other,
    }
}

/// Path parameters other than ids (codes, years, months). A NUL character
/// names nothing (404); a value of the wrong type is a 400.
pub struct PathParams<T>(pub T);

impl<S, T> FromRequestParts<S> for PathParams<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if crate::door::has_nul(parts.uri.path().as_bytes()) {
            return Err(Problem::new(
                StatusCode::NOT_FOUND,
                "not-found",
                "no such resource",
            ));
        }
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| PathParams(v))
            .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "bad-request", e.body_text()))
    }
}
