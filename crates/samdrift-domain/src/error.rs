//! Validation errors that name the field a user got wrong.

use crate::messages::Message;
use serde::Serialize;

/// One invalid field: `field` is a path into the input (`weekly_hours.mon[1]`,
/// `events[3].to`), `message` says what is wrong as a code with arguments
/// (`crate::messages`), put in words a user can act on when shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Message) -> Self {
        Self {
            field: field.into(),
            message,
        }
    }

    /// The stable code of the message.
    pub fn code(&self) -> &'static str {
        self.message.code
    }
}

/// Collects field errors so a validator can report every problem at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: impl Into<String>, message: Message) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was pushed, otherwise every error collected.
    pub fn into_result<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}
