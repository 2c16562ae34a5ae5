//! `POST …/activities` and `POST …/transmissions`: append to a dialog's history.

use std::collections::HashSet;

use dialogporten::{
    serviceowner::{NewActivity, NewTransmission, ServiceOwnerDialog},
    Activity, SystemLabel, TransmissionType, UtcDateTime,
};
use uuid::Uuid;

use super::{
    create::{derive, transmission},
    manage::modify,
    validate::Check,
    Change, ServiceOwner,
};
use crate::{
    domain::{labels::LabelChange, DomainError, FieldErrors},
    store::Store,
};

/// What a non-silent change does to the end user's view: back to the inbox (Default), and newer.
pub(super) fn touch(d: &mut ServiceOwnerDialog, content_changed: bool, silent: bool, now: UtcDateTime) {
    if silent {
        return;
    }
    d.dialog.updated_at = now;
    if content_changed {
        d.dialog.content_updated_at = now;
    }
    let (labels, _) = LabelChange { add: vec![SystemLabel::Default], remove: Vec::new() }.apply(&d.dialog.end_user_context.system_labels);
    d.dialog.end_user_context.system_labels = labels;
    d.dialog.system_label = d.dialog.end_user_context.folder();
}

fn not_deleted(d: &ServiceOwnerDialog, so: &ServiceOwner, allow_admin: bool) -> Result<(), DomainError> {
    match d.deleted_at {
        Some(_) if !(allow_admin && so.admin) => Err(DomainError::gone("DialogEntity", d.dialog.id)),
        _ => Ok(()),
    }
}

/// Adds an activity; returns its id and the dialog's new revision.
pub async fn add_activity(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    a: NewActivity,
    silent: bool,
    if_match: Option<Uuid>,
    now: UtcDateTime,
) -> Result<(Uuid, Uuid), DomainError> {
    let mut errors = FieldErrors::default();
    // The transmission reference is checked against the dialog below, with its own error.
    let any: HashSet<Uuid> = a.transmission_id.into_iter().collect();
    Check { errors: &mut errors, now }.activity("activity", &a, &any);
    errors.into_result()?;
    super::may_record(so, a.activity_type)?;
    let activity_id = a.id.unwrap_or_else(Uuid::now_v7);
    let revision = modify(store, so, id, if_match, Change::Content, now, |_, d| {
        not_deleted(d, so, true)?;
        if d.dialog.activities.iter().any(|x| x.id == activity_id) {
            return Err(DomainError::Unprocessable("DialogActivity".into(), format!("Key ('Id')=({activity_id}) already exists.")));
        }
        if let Some(t) = a.transmission_id.filter(|t| !d.dialog.transmissions.iter().any(|x| x.id == *t)) {
            return Err(DomainError::Unprocessable(
                "Activity.TransmissionId".into(),
                format!("Invalid 'TransmissionId', entity 'DialogTransmission' with the following key(s) does not exist: ({t}) in 'Transmissions'"),
            ));
        }
        d.dialog.activities.push(Activity {
            id: activity_id,
            created_at: Some(a.created_at.unwrap_or(now)),
            extended_type: a.extended_type.clone(),
            activity_type: a.activity_type,
            transmission_id: a.transmission_id,
            performed_by: a.performed_by.clone(),
            description: a.description.clone(),
        });
        derive(&mut d.dialog);
        touch(d, false, silent, now);
        Ok(true)
    })
    .await?;
    Ok((activity_id, revision))
}

/// Adds a transmission; returns its id and the dialog's new revision.
pub async fn add_transmission(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    t: NewTransmission,
    silent: bool,
    if_match: Option<Uuid>,
    now: UtcDateTime,
) -> Result<(Uuid, Uuid), DomainError> {
    let mut errors = FieldErrors::default();
    let related: HashSet<Uuid> = t.related_transmission_id.into_iter().collect();
    let mut check = Check { errors: &mut errors, now };
    // Content is always required here, whatever isApiOnly says.
    check.transmission("transmissions[0]", &t, &related, false);
    errors.into_result()?;
    let transmission_id = t.id.unwrap_or_else(Uuid::now_v7);
    let revision = modify(store, so, id, if_match, Change::Content, now, |_, d| {
        not_deleted(d, so, false)?;
        let existing = &d.dialog.transmissions;
        if existing.iter().any(|x| x.id == transmission_id) {
            return Err(DomainError::Unprocessable("DialogTransmission".into(), format!("Key ('Id')=({transmission_id}) already exists.")));
        }
        if let Some(key) = t.idempotent_key.as_deref().filter(|k| existing.iter().any(|x| x.idempotent_key.as_deref() == Some(*k))) {
            return Err(DomainError::Conflict(
                "IdempotentKey".into(),
                format!("Duplicate IdempotentKey detected in dialog transmissions. Conflicting keys: '{key}'."),
            ));
        }
        if let Some(r) = t.related_transmission_id.filter(|r| !existing.iter().any(|x| x.id == *r)) {
            return Err(DomainError::Unprocessable(
                "Transmissions".into(),
                format!("Hierarchy reference violation found. DialogTransmission with the following referenced ids does not exist: [{r}]."),
            ));
        }
        let mut new = transmission(&t, d.visible_from, now);
        new.id = transmission_id;
        let from_party = matches!(new.transmission_type, TransmissionType::Submission | TransmissionType::Correction);
        d.dialog.transmissions.push(new);
        if from_party {
            let (labels, _) =
                LabelChange { add: vec![SystemLabel::Sent], remove: Vec::new() }.apply(&d.dialog.end_user_context.system_labels);
            d.dialog.end_user_context.system_labels = labels;
        }
        derive(&mut d.dialog);
        touch(d, true, silent, now);
        Ok(true)
    })
    .await?;
    Ok((transmission_id, revision))
}

/// A technical correction of one transmission (`PUT …/transmissions/{id}`): silent only, needs
/// the `…changetransmissions` scope; the dialog's revision changes, its timestamps do not.
// The request's parts as the handler has them; a struct for them would be made only to pass them.
#[allow(clippy::too_many_arguments)]
pub async fn correct_transmission(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    transmission_id: Uuid,
    body: dialogporten::serviceowner::TransmissionCorrection,
    silent_query: bool,
    if_match: Option<Uuid>,
    now: UtcDateTime,
) -> Result<Uuid, DomainError> {
    if !so.can_change_transmissions {
        return Err(DomainError::Forbidden(
            "Use of transmission updates requires the scope digdir:dialogporten.serviceprovider.changetransmissions.".into(),
        ));
    }
    if !(body.is_silent_update || silent_query) {
        return Err(DomainError::invalid("isSilentUpdate", "IsSilentUpdate must be true when updating transmissions."));
    }
    let row = so.load(store, id).await?;
    super::may_use_resource_type(so, &row.dialog().service_resource_type, Change::Content)?;
    if row.deleted() {
        return Err(DomainError::gone("DialogEntity", id));
    }
    // The resource type was checked first, as upstream checks it before deletion and freezing.
    super::refuse_frozen(&row, so)?;
    let old = row
        .dialog()
        .transmissions
        .iter()
        .find(|t| t.id == transmission_id)
        .ok_or_else(|| DomainError::not_found("DialogTransmission", transmission_id))?;
    let as_new = NewTransmission {
        id: Some(transmission_id),
        idempotent_key: body.idempotent_key.clone(),
        created_at: Some(body.created_at.unwrap_or(old.created_at)),
        authorization_attribute: body.authorization_attribute.clone(),
        extended_type: body.extended_type.clone(),
        external_reference: body.external_reference.clone(),
        related_transmission_id: body.related_transmission_id,
        transmission_type: body.transmission_type,
        sender: body.sender.clone(),
        content: body.content.clone(),
        attachments: Vec::new(),
        navigational_actions: body.navigational_actions.clone(),
    };
    let existing: HashSet<Uuid> = row.dialog().transmissions.iter().map(|t| t.id).collect();
    let mut errors = FieldErrors::default();
    // The past-date rule does not apply to corrections; everything else is checked as on create.
    Check { errors: &mut errors, now: UtcDateTime::MAX }.transmission("dto", &as_new, &existing, false);
    errors.into_result()?;
    modify(store, so, id, if_match, Change::Content, now, |_, d| {
        let others = d.dialog.transmissions.iter().filter(|t| t.id != transmission_id);
        if let Some(k) = body.idempotent_key.as_deref().filter(|k| others.clone().any(|t| t.idempotent_key.as_deref() == Some(*k))) {
            return Err(DomainError::Conflict(
                "IdempotentKey".into(),
                format!("Duplicate IdempotentKey detected in dialog transmissions. Conflicting key: '{k}'."),
            ));
        }
        let mut corrected = transmission(&as_new, None, now);
        corrected.attachments = body
            .attachments
            .iter()
            .map(|a| dialogporten::Attachment {
                id: a.id.unwrap_or_else(Uuid::now_v7),
                name: a.name.clone(),
                display_name: a.display_name.clone(),
                urls: a.urls.iter().map(|u| u.with_id(u.id.unwrap_or_else(Uuid::now_v7))).collect(),
                expires_at: a.expires_at,
            })
            .collect();
        if let Some(slot) = d.dialog.transmissions.iter_mut().find(|t| t.id == transmission_id) {
            corrected.is_opened = slot.is_opened;
            *slot = corrected;
        }
        Ok(true)
    })
    .await
}
