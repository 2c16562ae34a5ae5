//! Service-owner use cases: an organisation manages the dialogs of its own service resources.
//! Rules follow Dialogporten 1.119.1 (see docs/reference/serviceowner-semantics.md).

pub mod children;
pub mod context;
pub mod create;
pub mod manage;
pub mod search;
pub mod update;
pub mod validate;

use uuid::Uuid;

use dialogporten::Dialog;

pub use super::caller::ServiceOwner;
use super::{authorization::attribute_resources, DomainError};
use crate::store::{DialogRow, Store};

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

/// Every resource a dialog names in an `authorizationAttribute` must be the caller's, as its
/// service resource must (Dialogporten's `IServiceResourceAuthorizer`; admin integrations pass).
pub(super) async fn owns_references(store: &Store, so: &ServiceOwner, d: &Dialog) -> Result<(), DomainError> {
    if so.admin {
        return Ok(());
    }
    let mut unowned = Vec::new();
    for resource in attribute_resources(d) {
        if store.service_resource(&resource).await?.is_none_or(|r| r.org != so.org) {
            unowned.push(resource);
        }
    }
    if unowned.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Forbidden(format!("Not allowed to reference the following unowned resources: [{}].", unowned.join(", "))))
    }
}

/// Attachment ids are keys, as dialog, transmission and activity ids are: an id the client
/// chose once in a dialog, on it or on any of its transmissions (422 as Dialogporten's database
/// answers a reused key).
pub(super) fn unique_attachments(d: &Dialog) -> Result<(), DomainError> {
    let mut seen = std::collections::HashSet::new();
    let ids = d.attachments.iter().chain(d.transmissions.iter().flat_map(|t| &t.attachments)).map(|a| a.id);
    match ids.into_iter().find(|id| !seen.insert(*id)) {
        Some(id) => Err(DomainError::Unprocessable("Attachment".into(), format!("Key ('Id')=({id}) already exists."))),
        None => Ok(()),
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
