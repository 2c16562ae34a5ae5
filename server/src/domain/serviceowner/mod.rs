//! Service-owner use cases: an organisation manages the dialogs of its own service resources.
//! Rules follow Dialogporten 1.119.1 (see docs/reference/serviceowner-semantics.md).

pub mod children;
pub mod context;
pub mod create;
pub mod manage;
pub mod search;
pub mod update;
pub mod validate;

use dialogporten::{Actor, ActorType};
use uuid::Uuid;

use super::DomainError;
use crate::store::{DialogRow, Store};

/// The authenticated organisation behind a service-owner request.
#[derive(Clone, Debug)]
pub struct ServiceOwner {
    /// Org code, e.g. `skd`.
    pub org: String,
    pub org_no: String,
    /// `digdir:dialogporten.serviceprovider.admin`: acts on every owner's dialogs.
    pub admin: bool,
    /// `digdir:dialogporten.serviceprovider.search`.
    pub can_search: bool,
    /// `digdir:dialogporten.serviceprovider.changetransmissions`.
    pub can_change_transmissions: bool,
}

impl ServiceOwner {
    /// How label and log entries name a service owner.
    pub fn actor(&self) -> Actor {
        Actor {
            actor_type: ActorType::ServiceOwner,
            actor_id: Some(format!("urn:altinn:organization:identifier-no:{}", self.org_no)),
            actor_name: None,
        }
    }

    fn owns(&self, org: &str) -> bool {
        self.admin || self.org == org
    }
}

/// A dialog of this owner's services (deleted ones included); another owner's is a 404.
pub async fn load(store: &Store, so: &ServiceOwner, id: Uuid) -> Result<DialogRow, DomainError> {
    match store.get_dialog_any(id).await? {
        Some(row) if so.owns(&row.dialog().org) => Ok(row),
        _ => Err(DomainError::not_found("DialogEntity", id)),
    }
}

/// Whether a change may touch a frozen dialog (restore, freeze and labels may; the rest may not).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Frozen {
    Refuse,
    Allow,
}

/// Frozen dialogs refuse changes from everyone but admin integrations.
pub(super) fn not_frozen(row: &DialogRow, so: &ServiceOwner) -> Result<(), DomainError> {
    if row.frozen && !so.admin {
        return Err(DomainError::Forbidden("User cannot modify frozen dialog".into()));
    }
    Ok(())
}

/// `If-Match` against the dialog's revision.
fn check_revision(row: &DialogRow, if_match: Option<Uuid>) -> Result<(), DomainError> {
    match if_match {
        Some(r) if r != row.dialog().revision => Err(DomainError::PreconditionFailed(format!(
            "The supplied If-Match header did not match the current revision of dialog '{}'.",
            row.dialog().id
        ))),
        _ => Ok(()),
    }
}
