//! A dialog's parts read on their own: activities, transmissions and the seen log.

use dialogporten::{Activity, ActivitySummary, SeenLog, TransmissionItem, UtcDateTime};
use uuid::Uuid;

use super::{
    caller::EndUser,
    dialogs::{load, load_as, Deleted},
    view, DomainError,
};
use crate::store::Store;

fn missing(kind: &str, id: Uuid) -> DomainError {
    DomainError::not_found(kind, id)
}

pub async fn activities(store: &Store, user: &EndUser, dialog: Uuid, now: UtcDateTime) -> Result<Vec<ActivitySummary>, DomainError> {
    let row = load(store, user, dialog, Deleted::NotFound, now).await?;
    Ok(row.dialog().activities.iter().map(ActivitySummary::from).collect())
}

pub async fn activity(store: &Store, user: &EndUser, dialog: Uuid, id: Uuid, now: UtcDateTime) -> Result<Activity, DomainError> {
    let row = load(store, user, dialog, Deleted::NotFound, now).await?;
    view::end_user(row.stored).activities.into_iter().find(|a| a.id == id).ok_or_else(|| missing("DialogActivity", id))
}

/// Transmissions as the user may see them (`isAuthorized`, masked URLs), newest first.
pub async fn transmissions(store: &Store, user: &EndUser, dialog: Uuid, now: UtcDateTime) -> Result<Vec<TransmissionItem>, DomainError> {
    let (row, access) = load_as(store, user, dialog, Deleted::Gone, now).await?;
    Ok(view::for_reader(row.stored, &access, now).transmissions.into_iter().map(TransmissionItem::from).collect())
}

pub async fn transmission(
    store: &Store,
    user: &EndUser,
    dialog: Uuid,
    id: Uuid,
    now: UtcDateTime,
) -> Result<TransmissionItem, DomainError> {
    transmissions(store, user, dialog, now).await?.into_iter().find(|t| t.id == id).ok_or_else(|| missing("DialogTransmission", id))
}

pub async fn seen_logs(store: &Store, user: &EndUser, dialog: Uuid, now: UtcDateTime) -> Result<Vec<SeenLog>, DomainError> {
    load(store, user, dialog, Deleted::NotFound, now).await?;
    let entries = store.seen_logs_since(dialog, UtcDateTime::from_ticks(0).expect("epoch")).await?;
    // The seen-log endpoints list every visit, not just the latest per person.
    let reader = user.actor_id();
    Ok(entries.iter().flat_map(|e| view::seen_logs([e], view::SeenBy::EndUser(&reader))).collect())
}

pub async fn seen_log(store: &Store, user: &EndUser, dialog: Uuid, id: Uuid, now: UtcDateTime) -> Result<SeenLog, DomainError> {
    seen_logs(store, user, dialog, now).await?.into_iter().find(|s| s.id == id).ok_or_else(|| missing("DialogSeenLog", id))
}
