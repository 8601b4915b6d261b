//! Errors as RFC 9457 `application/problem+json`: a stable `type`, a
//! `title`, a human `detail`, and for validation errors every invalid field.
//! Store faults are logged with an id and answered with that id only: no
//! SQL, no stack trace reaches a client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samdrift_app::AppError;
use samdrift_domain::error::FieldError;
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    pub field: String,
    /// The stable code of the message (`field.required`); the same in
    /// every language, for clients that show their own words.
    pub code: String,
    /// What is wrong, in English.
    pub message: String,
}

impl Problem {
    pub fn new(status: StatusCode, kind: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("https://samdrift.se/problems/{kind}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    pub fn with_fields(mut self, fields: Vec<FieldError>) -> Problem {
        self.errors = fields
            .into_iter()
            .map(|f| ProblemField {
                message: crate::messages::english(&f.message),
                code: f.message.code.to_owned(),
                field: f.field,
            })
            .collect();
        self
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

/// An error from a handler.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

pub fn problem_of(err: AppError) -> Problem {
    match err {
        AppError::NotFound(what) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            format!("{what} not found"),
        ),
        AppError::Forbidden(why) => Problem::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            crate::messages::english(&why),
        ),
        AppError::Invalid(fields) => {
            let detail = fields
                .iter()
                .map(|f| format!("{}: {}", f.field, crate::messages::english(&f.message)))
                .collect::<Vec<_>>()
                .join("; ");
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-input", detail)
                .with_fields(fields)
        }
        AppError::Conflict(why) => Problem::new(
            StatusCode::CONFLICT,
            "conflict",
            crate::messages::english(&why),
        ),
        AppError::Stale => Problem::new(
            StatusCode::PRECONDITION_FAILED,
            "stale",
            "the record was changed by someone else since you read it; read it again and retry",
        ),
        AppError::VersionRequired => Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "version-required",
            "send If-Match with the ETag you read to change this record",
        ),
        AppError::Unauthenticated => Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "sign in or send a valid bearer token",
        ),
        AppError::TooManyAttempts => Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-attempts",
            "too many failed logins; wait 15 minutes",
        ),
        AppError::Store(e) => {
            let incident = uuid::Uuid::new_v4();
            tracing::error!(%incident, error = %e, "store failure");
            Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                format!(
                    "the database could not complete the request; try again (incident {incident})"
                ),
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem_of(self.0).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
