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
    /// `digdir:dialogporten.correspondence`: may create and change dialogs of correspondence services.
    pub can_correspond: bool,
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

/// What a change does to a dialog, which decides what guards it (as Dialogporten 1.119.1 does).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    /// Content, history or status: refused on a frozen dialog, and on a correspondence service's
    /// dialog without the correspondence scope (admin integrations pass both).
    Content,
    /// Delete and purge: as `Content`, but even admin integrations need the correspondence scope.
    Removal,
    /// Restore and freeze: no guard.
    Lifecycle,
}

/// The scope that guards dialogs of correspondence services.
pub const SCOPE_CORRESPONDENCE: &str = "digdir:dialogporten.correspondence";

fn is_correspondence(resource_type: &str) -> bool {
    resource_type.eq_ignore_ascii_case("CorrespondenceService")
}

/// Refuses a change the caller may not make to this dialog.
pub(super) fn guard(row: &DialogRow, so: &ServiceOwner, change: Change) -> Result<(), DomainError> {
    if change == Change::Lifecycle {
        return Ok(());
    }
    refuse_frozen(row, so)?;
    may_use_resource_type(so, &row.dialog().service_resource_type, change)
}

/// Frozen dialogs refuse changes from everyone but admin integrations.
pub(super) fn refuse_frozen(row: &DialogRow, so: &ServiceOwner) -> Result<(), DomainError> {
    if row.frozen && !so.admin {
        return Err(DomainError::Forbidden("User cannot modify frozen dialog".into()));
    }
    Ok(())
}

/// Correspondence services' dialogs need `digdir:dialogporten.correspondence`.
pub(super) fn may_use_resource_type(so: &ServiceOwner, resource_type: &str, change: Change) -> Result<(), DomainError> {
    if !is_correspondence(resource_type) || so.can_correspond {
        return Ok(());
    }
    match change {
        Change::Content if !so.admin => Err(DomainError::Forbidden(format!(
            "User cannot create or modify a dialog with resource type {}.",
            resource_type.to_ascii_lowercase()
        ))),
        Change::Removal => Err(DomainError::Forbidden(format!("User cannot modify resource type {}.", resource_type.to_ascii_lowercase()))),
        _ => Ok(()),
    }
}

/// Activities only correspondence may record.
pub(super) fn may_record(so: &ServiceOwner, activity: dialogporten::ActivityType) -> Result<(), DomainError> {
    use dialogporten::ActivityType::{CorrespondenceConfirmed, CorrespondenceOpened};
    if matches!(activity, CorrespondenceOpened | CorrespondenceConfirmed) && !so.can_correspond {
        return Err(DomainError::Forbidden(format!(
            "Use of CorrespondenceConfirmed or CorrespondenceOpened activity types requires the scope {SCOPE_CORRESPONDENCE}."
        )));
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
