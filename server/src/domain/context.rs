//! The end user's context on dialogs: system labels (single and bulk) and the label log.

use dialogporten::{serviceowner::ServiceOwnerDialog, Actor, BulkSetSystemLabels, LabelAssignmentLog, SetSystemLabels, UtcDateTime};
use uuid::Uuid;

use super::{
    caller::{EndUser, ServiceOwner},
    dialogs::{actor, load_whenever_visible, Deleted},
    labels::{changed, LabelChange, LabelLog},
    DomainError,
};
use crate::store::{DialogRow, LabelUpdate, Store};

pub const MAX_BULK_DIALOGS: usize = 100;

fn precondition_failed(id: Uuid) -> DomainError {
    DomainError::PreconditionFailed(format!(
        "The supplied If-Match header or endUserContextRevision did not match the current revision of dialog '{id}'."
    ))
}

fn to_change(
    add: &[dialogporten::SystemLabel],
    deprecated_add: &[dialogporten::SystemLabel],
    remove: &[dialogporten::SystemLabel],
) -> Result<LabelChange, DomainError> {
    let change = LabelChange { add: add.iter().chain(deprecated_add).copied().collect(), remove: remove.to_vec() };
    change.validate().map_err(DomainError::Validation)?;
    Ok(change)
}

/// `PUT /context/systemlabels`: returns the end-user context revision afterwards (the new ETag).
pub async fn set_labels(
    store: &Store,
    user: &EndUser,
    id: Uuid,
    req: &SetSystemLabels,
    if_match: Option<Uuid>,
    now: UtcDateTime,
) -> Result<Uuid, DomainError> {
    let me = actor(store, user).await?;
    set_labels_as(store, &me, id, req, if_match, Reach::EndUser(user), now).await
}

/// Whose dialogs a label change may touch: an end user's (those they may see), or a service
/// owner's (its own, for admin integrations any), deleted ones excluded either way.
#[derive(Clone, Copy)]
pub enum Reach<'a> {
    EndUser(&'a EndUser),
    Owner(&'a ServiceOwner),
}

impl Reach<'_> {
    async fn load(self, store: &Store, id: Uuid, deleted: Deleted) -> Result<DialogRow, DomainError> {
        match self {
            Reach::EndUser(user) => load_whenever_visible(store, user, id, deleted).await,
            Reach::Owner(so) => {
                let row = so.load(store, id).await?;
                if !row.deleted() {
                    return Ok(row);
                }
                Err(match deleted {
                    Deleted::Gone => DomainError::gone("DialogEntity", id),
                    Deleted::NotFound => DomainError::not_found("DialogEntity", id),
                })
            }
        }
    }
}

/// Sets labels as `who` (logged so), on a dialog within `reach`.
pub async fn set_labels_as(
    store: &Store,
    who: &Actor,
    id: Uuid,
    req: &SetSystemLabels,
    if_match: Option<Uuid>,
    reach: Reach<'_>,
    now: UtcDateTime,
) -> Result<Uuid, DomainError> {
    let change = to_change(&req.add_labels, &req.system_labels, &req.remove_labels)?;
    // Retry once when a concurrent writer changed the dialog between our read and write.
    for _ in 0..2 {
        let row = reach.load(store, id, Deleted::Gone).await?;
        if if_match.is_some_and(|r| r != row.dialog().end_user_context.revision) {
            return Err(precondition_failed(id));
        }
        match changed(&row, &change) {
            None => return Ok(row.dialog().end_user_context.revision),
            Some((after, log)) => {
                let revision = after.dialog.end_user_context.revision;
                if store.apply_label_updates(&[LabelUpdate { before: &row.raw, after: &after, log }], who, now).await? {
                    return Ok(revision);
                }
            }
        }
    }
    Err(DomainError::concurrent())
}

/// `POST /dialogs/context/systemlabels/actions/bulkset`: all dialogs or none.
pub async fn bulk_set_labels(store: &Store, user: &EndUser, req: &BulkSetSystemLabels, now: UtcDateTime) -> Result<(), DomainError> {
    let me = actor(store, user).await?;
    bulk_set_labels_as(store, &me, req, MAX_BULK_DIALOGS, Reach::EndUser(user), now).await
}

/// Bulk labels as `who` on up to `max` dialogs within `reach`; all or none.
pub async fn bulk_set_labels_as(
    store: &Store,
    who: &Actor,
    req: &BulkSetSystemLabels,
    max: usize,
    reach: Reach<'_>,
    now: UtcDateTime,
) -> Result<(), DomainError> {
    if req.dialogs.is_empty() || req.dialogs.len() > max {
        return Err(DomainError::invalid("dialogs", format!("Give from 1 to {max} dialogs.")));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = req.dialogs.iter().find(|d| !seen.insert(d.dialog_id)) {
        return Err(DomainError::invalid("dialogs", format!("Dialog '{}' is listed more than once.", dup.dialog_id)));
    }
    let change = to_change(&req.labels.add_labels, &req.labels.system_labels, &req.labels.remove_labels)?;
    for _ in 0..2 {
        let mut rows = Vec::with_capacity(req.dialogs.len());
        // Dialogporten finds the dialogs among those the caller may reach: any other (missing,
        // deleted or not the caller's) is one 404 naming them all, and nothing changes.
        let mut missing = Vec::new();
        for target in &req.dialogs {
            match reach.load(store, target.dialog_id, Deleted::NotFound).await {
                Ok(row) => rows.push(row),
                Err(DomainError::NotFound(..) | DomainError::Forbidden(_) | DomainError::Gone(..)) => {
                    missing.push(target.dialog_id.to_string())
                }
                Err(e) => return Err(e),
            }
        }
        if !missing.is_empty() {
            return Err(DomainError::not_found("DialogEntity", missing.join(", ")));
        }
        if let Some(stale) = req
            .dialogs
            .iter()
            .zip(&rows)
            .find(|(t, row)| t.end_user_context_revision.is_some_and(|r| r != row.dialog().end_user_context.revision))
        {
            return Err(precondition_failed(stale.0.dialog_id));
        }
        let changes: Vec<(usize, ServiceOwnerDialog, LabelLog)> =
            rows.iter().enumerate().filter_map(|(i, r)| changed(r, &change).map(|(d, log)| (i, d, log))).collect();
        let updates: Vec<LabelUpdate> =
            changes.iter().map(|(i, d, log)| LabelUpdate { before: &rows[*i].raw, after: d, log: log.clone() }).collect();
        if store.apply_label_updates(&updates, who, now).await? {
            return Ok(());
        }
    }
    Err(DomainError::concurrent())
}

pub async fn label_log(store: &Store, user: &EndUser, id: Uuid) -> Result<Vec<LabelAssignmentLog>, DomainError> {
    // Without access to the dialog, Dialogporten answers as if it did not exist.
    match load_whenever_visible(store, user, id, Deleted::Gone).await {
        Err(DomainError::Forbidden(_)) => return Err(DomainError::not_found("DialogEntity", id)),
        other => other?,
    };
    let mut log = store.label_log(id).await?;
    log.iter_mut().for_each(|e| super::view::mask_actor(&mut e.performed_by));
    Ok(log)
}
