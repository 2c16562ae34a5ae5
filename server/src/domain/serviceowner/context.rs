//! Reading a dialog's parts as its owner, the owner's own labels, and the notification condition.

use dialogporten::serviceowner::{ActivityListItem, NotificationCondition, NotificationConditionType, SeenLogEntry, ServiceOwnerContext, Value};
use dialogporten::{Activity, ActivityType, UtcDateTime};
use uuid::Uuid;

use super::{load, validate::Check, ServiceOwner};
use crate::{
    domain::{now, DomainError, FieldErrors},
    store::{DialogRow, LabelUpdate, Store},
};

async fn live_dialog(store: &Store, so: &ServiceOwner, id: Uuid) -> Result<DialogRow, DomainError> {
    let row = load(store, so, id).await?;
    if row.deleted() {
        return Err(DomainError::gone("DialogEntity", id));
    }
    Ok(row)
}

pub async fn activities(store: &Store, so: &ServiceOwner, id: Uuid) -> Result<Vec<ActivityListItem>, DomainError> {
    Ok(live_dialog(store, so, id).await?.dialog().activities.iter().map(ActivityListItem::from).collect())
}

pub async fn activity(store: &Store, so: &ServiceOwner, id: Uuid, activity: Uuid) -> Result<Activity, DomainError> {
    let row = live_dialog(store, so, id).await?;
    row.stored.dialog.activities.into_iter().find(|a| a.id == activity).ok_or_else(|| DomainError::not_found("DialogActivity", activity))
}

/// Every visit, oldest first, with the visitor's identifier.
pub async fn seen_logs(store: &Store, so: &ServiceOwner, id: Uuid) -> Result<Vec<SeenLogEntry>, DomainError> {
    live_dialog(store, so, id).await?;
    let mut entries = store.seen_logs_since(id, UtcDateTime::from_ticks(0).map_err(|e| DomainError::invalid("seenAt", e.to_string()))?).await?;
    entries.reverse();
    Ok(entries
        .into_iter()
        .map(|e| SeenLogEntry {
            id: e.id,
            seen_at: e.at,
            seen_by: dialogporten::Actor {
                actor_type: dialogporten::ActorType::PartyRepresentative,
                actor_id: Some(e.seen_by),
                actor_name: e.name,
            },
            is_via_service_owner: false,
        })
        .collect())
}

pub async fn seen_log(store: &Store, so: &ServiceOwner, id: Uuid, entry: Uuid) -> Result<SeenLogEntry, DomainError> {
    seen_logs(store, so, id).await?.into_iter().find(|e| e.id == entry).ok_or_else(|| DomainError::not_found("DialogSeenLog", entry))
}

/// The owner's labels with the service-owner context's revision (the labels' ETag).
pub async fn labels(store: &Store, so: &ServiceOwner, id: Uuid) -> Result<ServiceOwnerContext, DomainError> {
    Ok(load(store, so, id).await?.stored.service_owner_context)
}

/// Adds or removes one label; returns the new context revision. The dialog's own revision and
/// timestamps are untouched, as upstream.
pub async fn change_label(store: &Store, so: &ServiceOwner, id: Uuid, add: Option<&str>, remove: Option<&str>, if_match: Option<Uuid>) -> Result<Uuid, DomainError> {
    for _ in 0..2 {
        let row = load(store, so, id).await?;
        let ctx = &row.stored.service_owner_context;
        if if_match.is_some_and(|r| r != ctx.revision) {
            return Err(DomainError::PreconditionFailed(format!("The supplied If-Match header did not match the current service-owner context revision of dialog '{id}'.")));
        }
        let mut labels = ctx.service_owner_labels.clone();
        if let Some(value) = add {
            labels.push(Value { value: value.to_owned() });
        }
        if let Some(value) = remove {
            let before = labels.len();
            labels.retain(|l| !l.value.eq_ignore_ascii_case(value.trim()));
            if labels.len() == before {
                return Err(DomainError::NotFound("Label".into(), format!("Entity 'Label' with the following key(s) was not found: ({value}).")));
            }
        }
        let mut errors = FieldErrors::default();
        Check { errors: &mut errors, now: now() }.values("dto.serviceOwnerLabels", &labels, 3, 255, Some((20, "Maximum 20 service owner labels are allowed.")));
        errors.into_result()?;
        let mut after = row.stored.clone();
        after.service_owner_context.service_owner_labels = super::create::normalise(&labels);
        after.service_owner_context.revision = Uuid::new_v4();
        let revision = after.service_owner_context.revision;
        if store.apply_label_updates(&[LabelUpdate { before: &row.raw, after: &after, log: Vec::new() }], &so.actor(), now()).await? {
            return Ok(revision);
        }
    }
    Err(DomainError::concurrent())
}

/// Whether Altinn Notifications should send a reminder: the condition holds for an activity of
/// `activity_type` (on `transmission` when given). Deleted dialogs count; any owner may ask.
pub async fn should_send_notification(
    store: &Store,
    id: Uuid,
    condition: NotificationConditionType,
    activity_type: ActivityType,
    transmission: Option<Uuid>,
) -> Result<NotificationCondition, DomainError> {
    match (activity_type == ActivityType::TransmissionOpened, transmission) {
        (true, None) => return Err(DomainError::invalid("transmissionId", "TransmissionId must not be empty when $ActivityType is $TransmissionOpened")),
        (false, Some(_)) => return Err(DomainError::invalid("transmissionId", "TransmissionId must be empty when ActivityType is not TransmissionOpened.")),
        _ => {}
    }
    let row = store.get_dialog_any(id).await?.ok_or_else(|| DomainError::not_found("DialogEntity", id))?;
    let exists = row.dialog().activities.iter().any(|a| a.activity_type == activity_type && (transmission.is_none() || a.transmission_id == transmission));
    Ok(NotificationCondition { send_notification: exists == (condition == NotificationConditionType::Exists) })
}
