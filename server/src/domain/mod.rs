//! Dialogporten's rules, written once: who may see what, how a search is validated, what an end
//! user's view of a dialog looks like. No axum types here; the store is reached through `Store`.

pub mod access;
pub mod context;
pub mod dialogs;
pub mod elements;
pub mod labels;
pub mod search;
pub mod view;

use std::collections::BTreeMap;

use dialogporten::UtcDateTime;

use crate::store::StoreError;

/// What can go wrong in a use case; `http` turns each into problem details.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("validation failed")]
    Validation(BTreeMap<String, Vec<String>>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Gone(String),
    #[error("{0}")]
    PreconditionFailed(String),
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DomainError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(BTreeMap::from([(field.to_owned(), vec![message.into()])]))
    }
}

pub fn now() -> UtcDateTime {
    UtcDateTime::from(time::OffsetDateTime::now_utc())
}
