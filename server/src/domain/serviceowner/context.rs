//! Reading a dialog's parts as its owner, the owner's own labels, and the notification condition.

use dialogporten::serviceowner::{
    ActivityListItem, NotificationCondition, NotificationConditionType, SeenLogEntry, ServiceOwnerContext, Value,
};
use dialogporten::{Activity, ActivityType, UtcDateTime};
use uuid::Uuid;

use super::{validate::Check, ServiceOwner};
use crate::domain::{
    caller::EndUser,
    context::{self, Reach},
};
use crate::{
    domain::{DomainError, FieldErrors},
    store::{DialogRow, LabelUpdate, Store},
};

async fn live_dialog(store: &Store, so: &ServiceOwner, id: Uuid) -> Result<DialogRow, DomainError> {
    let row = so.load(store, id).await?;
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

/// Transmissions newest first, as their sender stored them.
pub async fn transmissions(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
) -> Result<Vec<dialogporten::serviceowner::TransmissionRecord>, DomainError> {
    Ok(live_dialog(store, so, id).await?.stored.dialog.transmissions.into_iter().map(Into::into).collect())
}

pub async fn transmission(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    t: Uuid,
) -> Result<dialogporten::serviceowner::TransmissionRecord, DomainError> {
    let row = live_dialog(store, so, id).await?;
    row.stored
        .dialog
        .transmissions
        .into_iter()
        .find(|x| x.id == t)
        .map(Into::into)
        .ok_or_else(|| DomainError::not_found("DialogTransmission", t))
}

/// Every visit, oldest first, with the visitor's identifier.
pub async fn seen_logs(store: &Store, so: &ServiceOwner, id: Uuid) -> Result<Vec<SeenLogEntry>, DomainError> {
    live_dialog(store, so, id).await?;
    let mut entries =
        store.seen_logs_since(id, UtcDateTime::from_ticks(0).map_err(|e| DomainError::invalid("seenAt", e.to_string()))?).await?;
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
            is_via_service_owner: e.via_service_owner,
        })
        .collect())
}

pub async fn seen_log(store: &Store, so: &ServiceOwner, id: Uuid, entry: Uuid) -> Result<SeenLogEntry, DomainError> {
    seen_logs(store, so, id).await?.into_iter().find(|e| e.id == entry).ok_or_else(|| DomainError::not_found("DialogSeenLog", entry))
}

/// The owner's labels with the service-owner context's revision (the labels' ETag).
pub async fn labels(store: &Store, so: &ServiceOwner, id: Uuid) -> Result<ServiceOwnerContext, DomainError> {
    Ok(so.load(store, id).await?.stored.service_owner_context)
}

/// Adds or removes one label; returns the new context revision. The dialog's own revision and
/// timestamps are untouched, as upstream.
pub async fn change_label(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    add: Option<&str>,
    remove: Option<&str>,
    if_match: Option<Uuid>,
    now: UtcDateTime,
) -> Result<Uuid, DomainError> {
    for _ in 0..2 {
        let row = so.load(store, id).await?;
        let ctx = &row.stored.service_owner_context;
        if if_match.is_some_and(|r| r != ctx.revision) {
            return Err(DomainError::PreconditionFailed(format!(
                "The supplied If-Match header did not match the current service-owner context revision of dialog '{id}'."
            )));
        }
        let mut labels = ctx.service_owner_labels.clone();
        if let Some(value) = add {
            labels.push(Value { value: value.to_owned() });
        }
        if let Some(value) = remove {
            let before = labels.len();
            labels.retain(|l| !l.value.eq_ignore_ascii_case(value.trim()));
            if labels.len() == before {
                return Err(DomainError::NotFound(
                    "Label".into(),
                    format!("Entity 'Label' with the following key(s) was not found: ({value})."),
                ));
            }
        }
        let mut errors = FieldErrors::default();
        Check { errors: &mut errors, now }.values(
            "dto.serviceOwnerLabels",
            &labels,
            3,
            255,
            Some((20, "Maximum 20 service owner labels are allowed.")),
        );
        errors.into_result()?;
        let mut after = row.stored.clone();
        after.service_owner_context.service_owner_labels = super::create::normalise(&labels);
        after.service_owner_context.revision = Uuid::new_v4();
        let revision = after.service_owner_context.revision;
        if store.apply_label_updates(&[LabelUpdate { before: &row.raw, after: &after, log: Vec::new() }], &so.actor(), now).await? {
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
        (true, None) => {
            return Err(DomainError::invalid(
                "transmissionId",
                "TransmissionId must not be empty when $ActivityType is $TransmissionOpened",
            ))
        }
        (false, Some(_)) => {
            return Err(DomainError::invalid("transmissionId", "TransmissionId must be empty when ActivityType is not TransmissionOpened."))
        }
        _ => {}
    }
    let row = store.get_dialog_any(id).await?.ok_or_else(|| DomainError::not_found("DialogEntity", id))?;
    let exists = row
        .dialog()
        .activities
        .iter()
        .any(|a| a.activity_type == activity_type && (transmission.is_none() || a.transmission_id == transmission));
    Ok(NotificationCondition { send_notification: exists == (condition == NotificationConditionType::Exists) })
}

/// The end user a service owner acts for (`?enduserId=urn:altinn:person:identifier-no:…`).
pub fn end_user_param(pairs: &[(String, String)]) -> Result<Option<EndUser>, DomainError> {
    let Some((_, value)) = pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case("enduserId")) else { return Ok(None) };
    let invalid = || {
        DomainError::invalid("EndUserId", "EndUserId must be a valid end user identifier. It must match the format 'urn:altinn:person:identifier-no:{norwegian f-nr/d-nr}'.")
    };
    match dialogporten::PartyUrn::parse(value).map_err(|_| invalid())? {
        dialogporten::PartyUrn::Person(pid) => Ok(Some(EndUser::person(pid, None))),
        dialogporten::PartyUrn::Organization(_) => Err(invalid()),
    }
}

/// For whom a service owner changes an end user's labels.
enum OnBehalf {
    /// `?enduserId=`: logged as that person, who must be allowed to see the dialog.
    EndUser(EndUser),
    /// `performedBy` (admin integrations only): logged as the given actor, no end-user check.
    Actor(dialogporten::Actor),
}

async fn on_behalf(
    store: &Store,
    so: &ServiceOwner,
    user: Option<EndUser>,
    performed_by: Option<&dialogporten::Actor>,
    now: UtcDateTime,
) -> Result<OnBehalf, DomainError> {
    match (user, performed_by) {
        (None, None) => Err(DomainError::invalid("endUserId", "EnduserId is required")),
        (Some(_), Some(_)) => Err(DomainError::invalid("endUserId", "EnduserId must be omitted when performedBy is supplied.")),
        (None, Some(_)) if !so.admin => Err(DomainError::Forbidden("performedBy is only allowed for admin-integrations.".into())),
        (None, Some(actor)) => {
            let mut errors = FieldErrors::default();
            Check { errors: &mut errors, now }.actor("performedBy", actor);
            errors.into_result()?;
            Ok(OnBehalf::Actor(logged_actor(store, so, actor).await?))
        }
        (Some(user), None) => Ok(OnBehalf::EndUser(user)),
    }
}

/// How a `performedBy` actor is logged: a service owner as this organisation, a person with
/// their name from the register when only the identifier is given.
async fn logged_actor(store: &Store, so: &ServiceOwner, actor: &dialogporten::Actor) -> Result<dialogporten::Actor, DomainError> {
    if actor.actor_type == dialogporten::ActorType::ServiceOwner {
        return Ok(so.actor());
    }
    let mut actor = actor.clone();
    if let (Some(id), None) = (&actor.actor_id, &actor.actor_name) {
        actor.actor_name = store.party(&id.to_ascii_lowercase()).await?.map(|p| p.name);
    }
    Ok(actor)
}

/// Sets an end user's labels on their behalf (the owner must own the dialog and the user be
/// allowed to see it; logged as the user), or as `performedBy` for admin integrations.
pub async fn set_labels_on_behalf(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    user: Option<EndUser>,
    req: &dialogporten::serviceowner::SetSystemLabelsOnBehalf,
    if_match: Option<Uuid>,
    now: UtcDateTime,
) -> Result<Uuid, DomainError> {
    match on_behalf(store, so, user, req.performed_by.as_ref(), now).await? {
        OnBehalf::EndUser(user) => {
            live_dialog(store, so, id).await?;
            context::set_labels(store, &user, id, &req.labels, if_match, now).await.map_err(|e| match e {
                DomainError::Forbidden(_) => {
                    DomainError::Forbidden(format!("The following dialog ids are unauthorized and/or missing: ({id})."))
                }
                other => other,
            })
        }
        OnBehalf::Actor(actor) => context::set_labels_as(store, &actor, id, &req.labels, if_match, Reach::Owner(so), now).await,
    }
}

/// Service owners may change up to 200 dialogs' labels at once (end users 100).
const MAX_BULK_DIALOGS: usize = 200;

pub async fn bulk_set_labels_on_behalf(
    store: &Store,
    so: &ServiceOwner,
    user: Option<EndUser>,
    req: &dialogporten::serviceowner::BulkSetSystemLabelsOnBehalf,
    now: UtcDateTime,
) -> Result<(), DomainError> {
    let who = on_behalf(store, so, user, req.performed_by.as_ref(), now).await?;
    let mut missing = Vec::new();
    for d in &req.bulk.dialogs {
        match store.get_dialog_any(d.dialog_id).await? {
            Some(row) if so.owns(&row.dialog().org) && !row.deleted() => {}
            _ => missing.push(d.dialog_id.to_string()),
        }
    }
    if !missing.is_empty() {
        return Err(DomainError::NotFound(
            "DialogEntity".into(),
            format!("Entity 'DialogEntity' with the following key(s) was not found: ({}).", missing.join(", ")),
        ));
    }
    let (actor, reach) = match &who {
        OnBehalf::EndUser(user) => (crate::domain::dialogs::actor(store, user).await?, Reach::EndUser(user)),
        OnBehalf::Actor(actor) => (actor.clone(), Reach::Owner(so)),
    };
    context::bulk_set_labels_as(store, &actor, &req.bulk, MAX_BULK_DIALOGS, reach, now).await
}

/// `GET /dialogs/endusercontext`: the owner's dialogs of some parties with their end-user labels
/// (any of `label`), deleted ones included, newest content first.
pub async fn end_user_contexts(
    store: &Store,
    so: &ServiceOwner,
    pairs: &[(String, String)],
    now: UtcDateTime,
) -> Result<dialogporten::PaginatedList<dialogporten::serviceowner::EndUserContextItem>, DomainError> {
    let mut errors = FieldErrors::default();
    let mut filter = crate::store::DialogFilter::new(now, crate::domain::search::DEFAULT_LIMIT);
    let mut token = None;
    for (k, v) in pairs {
        match k.to_ascii_lowercase().as_str() {
            "party" => match dialogporten::PartyUrn::parse(v) {
                Ok(p) => filter.parties.push(p.to_string()),
                Err(e) => errors.add("party", e.to_string()),
            },
            "label" => match v.parse::<dialogporten::SystemLabel>() {
                Ok(l) => filter.any_labels.push(l),
                Err(e) => errors.add("label", e.to_string()),
            },
            "contentupdatedafter" => match UtcDateTime::parse(v) {
                Ok(t) => filter.content_updated_after = Some(t),
                Err(e) => errors.add("contentUpdatedAfter", e.to_string()),
            },
            "limit" => match v.parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => filter.limit = n,
                _ => errors.add("limit", "Limit must be a whole number from 1 to 1000."),
            },
            "continuationtoken" => token = Some(v.clone()),
            _ => {}
        }
    }
    errors.check(!filter.parties.is_empty(), "party", "'Party' must not be empty.");
    errors.check(filter.parties.len() <= 20, "party", "At most 20 parties can be searched at once.");
    if let Some(t) = token.filter(|t| !t.is_empty()) {
        match dialogporten::ContinuationToken::parse(&t, &filter.order) {
            Ok(t) => filter.after = Some(t),
            Err(e) => errors.add(crate::domain::search::token_error_key(&e), e.to_string()),
        }
    }
    errors.into_result()?;
    filter.org = Some(so.org.clone());
    filter.deleted = crate::store::Deleted::Include;
    let order = filter.order.clone();
    let page = store.search_dialogs(&filter).await?;
    let continuation_token = page.rows.last().filter(|_| page.has_next_page).map(|r| Store::token_after(r, &order));
    Ok(dialogporten::PaginatedList {
        items: page
            .rows
            .iter()
            .map(|r| {
                let ctx = &r.dialog().end_user_context;
                let mut labels = ctx.system_labels.clone();
                labels.sort();
                dialogporten::serviceowner::EndUserContextItem {
                    dialog_id: r.dialog().id,
                    end_user_context_revision: ctx.revision,
                    system_labels: labels,
                }
            })
            .collect(),
        has_next_page: page.has_next_page,
        continuation_token,
        order_by: order.to_string(),
    })
}
