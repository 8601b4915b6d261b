//! What can go wrong in a use case, in terms a caller can act on. The web
//! layer maps each kind to one HTTP status and a problem+json body; store
//! faults are logged there and never shown.

use samdrift_domain::error::FieldError;
use samdrift_domain::messages::Message;
use samdrift_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not there, or outside the caller's scope (never say which).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Known to the caller, but the role may not do this.
    #[error("{0}")]
    Forbidden(Message),
    /// Input that breaks a rule; every field named.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The action conflicts with the current state (e.g. a name taken).
    #[error("{0}")]
    Conflict(Message),
    /// The record changed since the caller read it.
    #[error("the record was changed by someone else since you read it")]
    Stale,
    /// A change needs the version the caller read (If-Match).
    #[error("send the version you read (If-Match) to change this record")]
    VersionRequired,
    #[error("not signed in")]
    Unauthenticated,
    #[error("too many attempts; wait a while and try again")]
    TooManyAttempts,
    #[error("internal error")]
    Store(#[source] StoreError),
}

impl AppError {
    pub fn invalid(field: &str, message: Message) -> AppError {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Stale => AppError::Stale,
            StoreError::Duplicate(what) => {
                AppError::Conflict(samdrift_domain::msg!("conflict.duplicate", what = what))
            }
            StoreError::MissingReference => {
                AppError::invalid("body", samdrift_domain::msg!("field.missing_reference"))
            }
            StoreError::UnstorableText => {
                AppError::invalid("body", samdrift_domain::msg!("text.nul"))
            }
            other => AppError::Store(other),
        }
    }
}
