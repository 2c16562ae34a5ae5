//! Dialogporten's rules, written once: who may see what, how a search is validated, what an end
//! user's view of a dialog looks like. No axum types here; the store is reached through `Store`.

pub mod access;
pub mod authorization;
pub mod caller;
pub mod clock;
pub mod context;
pub mod dialogs;
pub mod elements;
pub mod labels;
pub mod live;
pub mod lookup;
pub mod migrated;
pub mod migration;
pub mod notifications;
pub mod preferences;
pub mod search;
pub mod serviceowner;
pub mod uri;
pub mod view;

use std::collections::BTreeMap;

use crate::store::StoreError;

/// What can go wrong in a use case; `http` turns each into problem details.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// 400: field → messages.
    #[error("validation failed")]
    Validation(BTreeMap<String, Vec<String>>),
    /// 422: a domain rule, keyed like a field error.
    #[error("{1}")]
    Unprocessable(String, String),
    /// 404, keyed by the entity (`DialogEntity`, `DialogActivity`, …) as Dialogporten keys it.
    #[error("{1}")]
    NotFound(String, String),
    #[error("{0}")]
    Forbidden(String),
    /// 404 for a dialog the caller may see from `visible_from` on (the answer's `Expires`).
    #[error("Dialog '{id}' is not visible until {visible_from}.")]
    NotYetVisible { id: uuid::Uuid, visible_from: dialogporten::UtcDateTime },
    /// 410: keyed by the entity.
    #[error("{1}")]
    Gone(String, String),
    #[error("{0}")]
    PreconditionFailed(String),
    /// 409, keyed by the property in conflict.
    #[error("{1}")]
    Conflict(String, String),
    /// 413: a request that would make something larger than this server keeps.
    #[error("{0}")]
    TooLarge(String),
    /// 429 with `Retry-After`: over a quota of `what` (searches, codes sent, writes).
    #[error("Too many {what}.")]
    TooMany { what: &'static str, wait: std::time::Duration },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DomainError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(BTreeMap::from([(field.to_owned(), vec![message.into()])]))
    }

    /// `Entity 'DialogEntity' with the following key(s) was not found: (<id>).`
    pub fn not_found(entity: &str, id: impl std::fmt::Display) -> Self {
        Self::NotFound(entity.to_owned(), format!("Entity '{entity}' with the following key(s) was not found: ({id})."))
    }

    /// `Entity 'DialogEntity' with the following key(s) is removed: (<id>).`
    pub fn gone(entity: &str, id: impl std::fmt::Display) -> Self {
        Self::Gone(entity.to_owned(), format!("Entity '{entity}' with the following key(s) is removed: ({id})."))
    }

    /// A concurrent writer got there first and the client sent no revision to compare.
    pub fn concurrent() -> Self {
        Self::Conflict(String::new(), "The request conflicted with a concurrent operation. Please try again.".into())
    }
}

/// Field errors collected while validating a request, so that a client sees all of them at once.
#[derive(Default)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(message.into());
    }

    pub fn check(&mut self, ok: bool, field: impl Into<String>, message: impl Into<String>) {
        if !ok {
            self.add(field, message);
        }
    }

    pub fn into_result(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Validation(self.0))
        }
    }
}
