//! The one error type every domain function returns. It crosses the IPC boundary as a tagged
//! union (`kind`) so the UI can turn each case into a specific message.

use serde::{Deserialize, Serialize};

/// One problem with one input field: `field` is the input's field name (dotted for nested
/// fields, e.g. `emails.1.email`), `code` a stable machine-readable reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CoreError {
    #[error("{entity} {id} was not found")]
    NotFound { entity: String, id: String },
    #[error("invalid input: {}", .errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Validation { errors: Vec<FieldError> },
    #[error("conflict: {message}")]
    Conflict { message: String },
    /// The user stopped a long operation (an import); nothing was written.
    #[error("cancelled: {message}")]
    Cancelled { message: String },
    #[error("storage error: {message}")]
    Storage { message: String },
    /// The database cannot be used as it is: damaged, written by a newer Hearth, or open in
    /// another Hearth. `message` says so in plain words for the person.
    #[error("{message}")]
    Database { problem: DbProblem, message: String },
}

/// Why the database cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DbProblem {
    /// The file is damaged or is not a database: restore a snapshot.
    Damaged,
    /// Written by a newer Hearth: left untouched.
    Newer,
    /// Another Hearth has it open.
    InUse,
}

pub type CoreResult<T> = Result<T, CoreError>;

impl CoreError {
    pub fn not_found(entity: &str, id: &str) -> Self {
        CoreError::NotFound { entity: entity.to_string(), id: id.to_string() }
    }

    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> Self {
        CoreError::Validation {
            errors: vec![FieldError { field: field.into(), code: code.into(), message: message.into() }],
        }
    }

    pub fn database(problem: DbProblem, message: impl Into<String>) -> Self {
        CoreError::Database { problem, message: message.into() }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        CoreError::Conflict { message: message.into() }
    }
}

impl From<sea_orm::DbErr> for CoreError {
    fn from(e: sea_orm::DbErr) -> Self {
        CoreError::Storage { message: e.to_string() }
    }
}

impl<E: std::error::Error> From<sea_orm::TransactionError<E>> for CoreError
where
    CoreError: From<E>,
{
    fn from(e: sea_orm::TransactionError<E>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(inner) => inner.into(),
        }
    }
}
