//! Read, soft delete, restore and purge, for the owner of a dialog.

use dialogporten::serviceowner::ServiceOwnerDialog;
use dialogporten::UtcDateTime;
use uuid::Uuid;

use super::{check_revision, guard, Change, ServiceOwner};
use crate::{
    domain::{
        access,
        authorization::{self, Mask},
        caller::EndUser,
        dialogs, view, DomainError,
    },
    store::{LabelUpdate, Store},
};

/// The whole aggregate, deleted or not, with who has seen it since it last changed. With an end
/// user (`endUserId`) it is read on their behalf: it counts as their visit (seen log via the
/// service owner, `MarkedAsUnopened` cleared), `isAuthorized` is set for their role (URLs are
/// not masked), and a dialog they may not see is a 404.
pub async fn get(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    end_user: Option<&EndUser>,
    now: UtcDateTime,
) -> Result<ServiceOwnerDialog, DomainError> {
    let row = so.load(store, id).await?;
    let Some(user) = end_user else {
        let mut stored = row.stored;
        authorization::unset(&mut stored.dialog);
        dialogs::SeenLogs::read(store, &stored.dialog).await?.fill(&mut stored.dialog, view::SeenBy::ServiceOwner);
        stored.dialog.is_content_seen = false;
        return Ok(stored);
    };
    let access = access::access_for(store, user, row.dialog())
        .await?
        .filter(|a| a.sees(&row.dialog().service_resource))
        .ok_or_else(|| DomainError::not_found("DialogEntity", id))?;
    let mut seen = dialogs::SeenLogs::read(store, row.dialog()).await?;
    let mut stored = if row.deleted() {
        row.stored.clone()
    } else {
        dialogs::visit(store, &row, user, dialogs::Via::ServiceOwner, now, &mut seen).await?
    };
    authorization::authorize(&mut stored.dialog, &access, Mask::None);
    let reader = user.actor_id();
    seen.fill(&mut stored.dialog, view::SeenBy::ServiceOwnerFor(&reader));
    stored.dialog = view::personalise(stored.dialog, !row.deleted());
    Ok(stored)
}

/// Applies `change` to the stored dialog with compare-and-swap (retrying once on a race); any
/// end-user label it changes is written to the label log as done by the service owner.
pub(super) async fn modify(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    if_match: Option<Uuid>,
    kind: Change,
    now: UtcDateTime,
    change: impl Fn(&ServiceOwnerDialog, &mut ServiceOwnerDialog) -> Result<bool, DomainError>,
) -> Result<Uuid, DomainError> {
    for _ in 0..2 {
        let row = so.load(store, id).await?;
        guard(&row, so, kind)?;
        check_revision(&row, if_match)?;
        let mut after = row.stored.clone();
        if !change(&row.stored, &mut after)? {
            return Ok(row.dialog().revision);
        }
        if kind == Change::Content {
            super::unique_attachments(&after.dialog)?;
            super::owns_references(store, so, &after.dialog).await?;
        }
        after.dialog.revision = Uuid::new_v4();
        let (was, now_labels) = (&row.dialog().end_user_context.system_labels, &after.dialog.end_user_context.system_labels);
        let mut log: Vec<(String, &'static str)> =
            was.iter().filter(|l| !now_labels.contains(l)).map(|l| (format!("systemlabel:{l}"), "remove")).collect();
        log.extend(now_labels.iter().filter(|l| !was.contains(l)).map(|l| (format!("systemlabel:{l}"), "set")));
        if !log.is_empty() {
            after.dialog.end_user_context.revision = Uuid::new_v4();
        }
        let update = LabelUpdate { before: &row.raw, after: &after, log };
        if store.apply_label_updates(&[update], &so.actor(), now).await? {
            return Ok(after.dialog.revision);
        }
    }
    Err(DomainError::concurrent())
}

/// Changes the status only (a service's own step, e.g. a form submitted from the inbox): the
/// content counts as updated, so readers see it as new again.
pub async fn set_status(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    status: dialogporten::DialogStatus,
    now: UtcDateTime,
) -> Result<Uuid, DomainError> {
    modify(store, so, id, None, Change::Content, now, |_, d| {
        if d.dialog.status == status {
            return Ok(false);
        }
        let at = now;
        d.dialog.status = status;
        d.dialog.updated_at = at;
        d.dialog.content_updated_at = at;
        Ok(true)
    })
    .await
}

/// Takes a GUI action back once the service has carried it out (a receipt confirmed, a form
/// signed or paid), as Dialogporten's update does when the action is left out. Silent: the
/// dialog stays in the folder its reader chose.
pub async fn withdraw_gui_action(store: &Store, so: &ServiceOwner, id: Uuid, action: Uuid, now: UtcDateTime) -> Result<Uuid, DomainError> {
    modify(store, so, id, None, Change::Content, now, |_, d| {
        let before = d.dialog.gui_actions.len();
        d.dialog.gui_actions.retain(|a| a.id != action);
        Ok(d.dialog.gui_actions.len() != before)
    })
    .await
}

/// Soft delete: the owner still sees it (with `deletedAt`); end users get 410.
pub async fn delete(store: &Store, so: &ServiceOwner, id: Uuid, if_match: Option<Uuid>, now: UtcDateTime) -> Result<Uuid, DomainError> {
    modify(store, so, id, if_match, Change::Removal, now, |_, d| {
        if d.deleted_at.is_some() {
            return Err(DomainError::gone("DialogEntity", id));
        }
        d.deleted_at = Some(now);
        Ok(true)
    })
    .await
}

/// Undoes a soft delete; restoring a dialog that is not deleted changes nothing.
pub async fn restore(store: &Store, so: &ServiceOwner, id: Uuid, if_match: Option<Uuid>, now: UtcDateTime) -> Result<Uuid, DomainError> {
    modify(store, so, id, if_match, Change::Lifecycle, now, |_, d| Ok(d.deleted_at.take().is_some())).await
}

/// Hard delete of the aggregate and its logs.
pub async fn purge(store: &Store, so: &ServiceOwner, id: Uuid, if_match: Option<Uuid>) -> Result<(), DomainError> {
    if id.is_nil() {
        return Err(DomainError::invalid("dialogId", "DialogId was either badly formatted or 00000000-0000-0000-0000-000000000000"));
    }
    let row = so.load(store, id).await?;
    super::may_use_resource_type(so, &row.dialog().service_resource_type, Change::Removal)?;
    check_revision(&row, if_match)?;
    store.purge_dialog(id).await?;
    Ok(())
}

/// Freeze (admin integrations only): the owner can no longer change or delete the dialog.
pub async fn freeze(store: &Store, so: &ServiceOwner, id: Uuid, if_match: Option<Uuid>, now: UtcDateTime) -> Result<Uuid, DomainError> {
    if !so.admin {
        return Err(DomainError::Forbidden("Only ServiceOwner admin can freeze dialogs.".into()));
    }
    let row = so.load(store, id).await?;
    if row.deleted() {
        return Err(DomainError::gone("DialogEntity", id));
    }
    check_revision(&row, if_match)?;
    if row.frozen {
        return Ok(row.dialog().revision);
    }
    let revision = modify(store, so, id, None, Change::Lifecycle, now, |_, d| {
        d.dialog.updated_at = now;
        Ok(true)
    })
    .await?;
    store.set_frozen(id).await?;
    Ok(revision)
}
