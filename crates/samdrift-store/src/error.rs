//! Store errors: constraint violations are named so the app can turn them
//! into a 409 or 422; anything else is a database fault, logged and never
//! shown to a user.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the row (e.g. a username taken).
    #[error("already exists: {0}")]
    Duplicate(String),
    /// A foreign key refused the row (it names something that does not exist).
    #[error("refers to something that does not exist")]
    MissingReference,
    /// The row changed since the caller read it (optimistic concurrency).
    #[error("the record was changed by someone else")]
    Stale,
    /// Text the database cannot keep (PostgreSQL refuses the NUL
    /// character); bad input, not a fault of the database.
    #[error("text the database cannot store")]
    UnstorableText,
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err {
            match db.kind() {
                sqlx::error::ErrorKind::UniqueViolation => {
                    return StoreError::Duplicate(db.constraint().unwrap_or("unique").to_owned());
                }
                sqlx::error::ErrorKind::ForeignKeyViolation => return StoreError::MissingReference,
                // character_not_in_repertoire, untranslatable_character
                _ if matches!(db.code().as_deref(), Some("22021" | "22P05")) => {
                    return StoreError::UnstorableText;
                }
                _ => {}
            }
        }
        StoreError::Database(err)
    }
}
