//! `POST /serviceowner/dialogs`: validate, authorize, and build the stored aggregate.

use std::collections::HashSet;

use dialogporten::{
    serviceowner::{CreateDialog, DialogChanges, NewAttachment, NewTransmission, ServiceOwnerContext, ServiceOwnerDialog, Value},
    Activity, ActivityType, ApiAction, Attachment, AttachmentUrl, Dialog, DialogStatus, EndUserContext, GuiAction, HttpVerb, PartyUrn,
    SystemLabel, Transmission, TransmissionType, UtcDateTime,
};
use uuid::Uuid;

use super::{validate::Check, ServiceOwner};
use crate::{
    domain::{labels::LabelChange, DomainError, FieldErrors},
    store::{Store, StoreError},
};

/// A fresh UUIDv7 unless the client gave one.
fn id_or_new(id: Option<Uuid>) -> Uuid {
    id.unwrap_or_else(Uuid::now_v7)
}

fn is_from_party(t: TransmissionType) -> bool {
    matches!(t, TransmissionType::Submission | TransmissionType::Correction)
}

/// The create rules, field by field, as Dialogporten's validator applies them (the migration's
/// test reads which of them migrated dialogs may skip).
pub fn validate(req: &CreateDialog, so: &ServiceOwner, now: UtcDateTime) -> Result<(), DomainError> {
    let mut errors = FieldErrors::default();
    let mut c = Check { errors: &mut errors, now };
    c.id("dto.id", req.id);
    c.in_past("dto.createdAt", "CreatedAt", req.created_at);
    if req.updated_at.is_some() {
        c.errors.check(req.created_at.is_some(), "dto.createdAt", "CreatedAt must not be empty when 'UpdatedAt is set.");
        c.in_past("dto.updatedAt", "UpdatedAt", req.updated_at);
        c.not_before("dto.updatedAt", "UpdatedAt", req.updated_at, "CreatedAt", req.created_at);
    }
    if let Some(k) = &req.idempotent_key {
        let n = k.chars().count();
        c.errors.check(
            (3..=36).contains(&n),
            "dto.idempotentKey",
            format!("The length of 'IdempotentKey' must be between 3 and 36 characters. You entered {n} characters."),
        );
    }
    c.errors.check(
        req.service_resource.starts_with("urn:altinn:resource:"),
        "dto.serviceResource",
        "'ServiceResource' must start with 'urn:altinn:resource:'.",
    );
    c.errors.check(
        PartyUrn::parse(&req.party).is_ok(),
        "dto.party",
        "'Party' must be on format 'urn:altinn:organization:identifier-no:{norwegian org-nr}' or 'urn:altinn:person:identifier-no:{norwegian f-nr/d-nr}' with valid values, respectively.",
    );
    c.not_before("dto.expiresAt", "ExpiresAt", req.changes.expires_at, "VisibleFrom", req.visible_from);
    if !so.admin {
        c.not_before("dto.dueAt", "DueAt", req.changes.due_at, "VisibleFrom", req.visible_from);
    }
    if let Some(label) = req.system_label {
        c.errors.check(label.is_folder(), "dto.systemLabel", "SystemLabel must be Default, Bin or Archive.");
    }
    if let Some(ctx) = &req.service_owner_context {
        c.values(
            "dto.serviceOwnerContext.serviceOwnerLabels",
            &ctx.service_owner_labels,
            3,
            255,
            Some((20, "Maximum 20 service owner labels are allowed.")),
        );
    }
    c.changes(&req.changes, &HashSet::new());
    errors.into_result()
}

/// Values are stored trimmed and lower-cased, as upstream stores tags and labels.
pub(super) fn normalise(values: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = values.iter().map(|v| Value { value: v.value.trim().to_lowercase() }).collect();
    out.sort();
    out
}

fn attachment<U>(a: &NewAttachment<U>, url: impl Fn(&U) -> AttachmentUrl) -> Attachment {
    Attachment {
        id: id_or_new(a.id),
        name: a.name.clone(),
        display_name: a.display_name.clone(),
        urls: a.urls.iter().map(url).collect(),
        expires_at: a.expires_at,
    }
}

pub(super) fn transmission(t: &NewTransmission, visible_from: Option<UtcDateTime>, now: UtcDateTime) -> Transmission {
    let created_at = match visible_from {
        Some(v) if v > now => v,
        _ => t.created_at.unwrap_or(now),
    };
    Transmission {
        id: id_or_new(t.id),
        created_at,
        authorization_attribute: t.authorization_attribute.clone(),
        is_authorized: None,
        extended_type: t.extended_type.clone(),
        external_reference: t.external_reference.clone(),
        related_transmission_id: t.related_transmission_id,
        transmission_type: t.transmission_type,
        sender: t.sender.clone(),
        is_opened: false,
        content: t.content.clone().unwrap_or_default(),
        attachments: t
            .attachments
            .iter()
            .map(|a| {
                attachment(a, |u| AttachmentUrl {
                    id: Uuid::now_v7(),
                    url: u.url.clone(),
                    media_type: u.media_type.clone(),
                    consumer_type: u.consumer_type,
                })
            })
            .collect(),
        navigational_actions: t.navigational_actions.clone(),
        idempotent_key: t.idempotent_key.clone(),
    }
}

/// Counts, `isOpened` and `hasUnopenedContent`, all derived from transmissions and activities.
pub(crate) fn derive(d: &mut Dialog) {
    let opened: HashSet<Uuid> =
        d.activities.iter().filter(|a| a.activity_type == ActivityType::TransmissionOpened).filter_map(|a| a.transmission_id).collect();
    for t in &mut d.transmissions {
        t.is_opened = !is_from_party(t.transmission_type) && opened.contains(&t.id);
    }
    d.has_unopened_content = d.transmissions.iter().any(|t| !is_from_party(t.transmission_type) && !t.is_opened);
    let from_party = d.transmissions.iter().filter(|t| is_from_party(t.transmission_type)).count();
    d.from_party_transmissions_count = i32::try_from(from_party).unwrap_or(i32::MAX);
    d.from_service_owner_transmissions_count = i32::try_from(d.transmissions.len() - from_party).unwrap_or(i32::MAX);
    d.transmissions.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    d.activities.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
}

/// The parts of a dialog set by a create or update body.
pub(super) fn apply_changes(d: &mut Dialog, c: &DialogChanges, visible_from: Option<UtcDateTime>, now: UtcDateTime) {
    d.progress = c.progress;
    d.extended_status = c.extended_status.clone();
    d.external_reference = c.external_reference.clone();
    d.due_at = c.due_at;
    d.expires_at = c.expires_at;
    d.process = c.process.clone();
    d.preceding_process = c.preceding_process.clone();
    d.is_api_only = c.is_api_only;
    d.status = c.status.map_or(DialogStatus::NotApplicable, DialogStatus::from);
    d.content = c.content.clone().unwrap_or_default();
    d.attachments = c.attachments.iter().map(|a| attachment(a, |u| u.with_id(id_or_new(u.id)))).collect();
    d.gui_actions = c
        .gui_actions
        .iter()
        .map(|a| GuiAction {
            id: id_or_new(a.id),
            action: a.action.clone(),
            url: a.url.clone(),
            authorization_attribute: a.authorization_attribute.clone(),
            is_authorized: None,
            is_delete_dialog_action: a.is_delete_dialog_action,
            http_method: a.http_method.unwrap_or(HttpVerb::Get),
            priority: a.priority,
            title: a.title.clone(),
            prompt: a.prompt.clone(),
        })
        .collect();
    d.api_actions = c
        .api_actions
        .iter()
        .map(|a| ApiAction {
            id: id_or_new(a.id),
            action: a.action.clone(),
            authorization_attribute: a.authorization_attribute.clone(),
            is_authorized: None,
            name: a.name.clone(),
            endpoints: a.endpoints.iter().map(|e| e.with_id(id_or_new(e.id))).collect(),
        })
        .collect();
    d.transmissions.extend(c.transmissions.iter().map(|t| transmission(t, visible_from, now)));
    d.activities.extend(c.activities.iter().map(|a| Activity {
        id: id_or_new(a.id),
        created_at: Some(a.created_at.unwrap_or(now)),
        extended_type: a.extended_type.clone(),
        activity_type: a.activity_type,
        transmission_id: a.transmission_id,
        performed_by: a.performed_by.clone(),
        description: a.description.clone(),
    }));
}

/// Creates a dialog; returns the stored aggregate (its id and revision answer the request).
pub async fn create(
    store: &Store,
    so: &ServiceOwner,
    req: CreateDialog,
    silent: bool,
    now: UtcDateTime,
) -> Result<ServiceOwnerDialog, DomainError> {
    validate(&req, so, now)?;
    let resource_id = req.service_resource.to_ascii_lowercase();
    let resource = store.service_resource(&resource_id).await?;
    let resource = match resource {
        Some(r) if so.admin || r.org == so.org => r,
        Some(_) | None if !so.admin => {
            return Err(DomainError::Forbidden(format!("Not allowed to reference the following unowned resources: [{resource_id}].")));
        }
        _ => {
            return Err(DomainError::Unprocessable(
                "ServiceResource".into(),
                format!("Service resource '{resource_id}' is invalid: it does not exist in the resource registry."),
            ))
        }
    };
    super::may_use_resource_type(so, &resource.resource_type, super::Change::Content)?;
    req.changes.activities.iter().try_for_each(|a| super::may_record(so, a.activity_type))?;
    if let Some(key) = &req.idempotent_key {
        if let Some(existing) = store.dialog_by_idempotent_key(&resource.org, key).await? {
            return Err(DomainError::Conflict("IdempotentKey".into(), format!("'{key}' already exists with DialogId '{existing}'")));
        }
    }
    if !silent && !so.admin {
        for (field, t) in [("DueAt", req.changes.due_at), ("ExpiresAt", req.changes.expires_at), ("VisibleFrom", req.visible_from)] {
            if t.is_some_and(|t| t <= now) {
                return Err(DomainError::Unprocessable(field.into(), "Must be in the future".into()));
            }
        }
    }
    let mut keys = HashSet::new();
    let dup: Vec<&str> =
        req.changes.transmissions.iter().filter_map(|t| t.idempotent_key.as_deref()).filter(|k| !keys.insert(*k)).collect();
    if !dup.is_empty() {
        return Err(DomainError::Conflict(
            "IdempotentKey".into(),
            format!("Duplicate IdempotentKey detected in dialog transmissions. Conflicting keys: '{}'.", dup.join("', '")),
        ));
    }

    let created_at = req.created_at.unwrap_or(now);
    let (created_at, updated_at) = match req.visible_from {
        Some(v) if v > now => (v, v),
        _ => (created_at, req.updated_at.unwrap_or(if req.created_at.is_some() && req.updated_at.is_none() { now } else { created_at })),
    };
    let folder = req.system_label.unwrap_or(SystemLabel::Default);
    let mut dialog = Dialog {
        id: id_or_new(req.id),
        revision: Uuid::new_v4(),
        org: resource.org.clone(),
        service_resource: resource_id.clone(),
        service_resource_type: resource.resource_type.to_ascii_lowercase(),
        party: req.party.to_ascii_lowercase(),
        progress: None,
        process: None,
        preceding_process: None,
        extended_status: None,
        external_reference: None,
        due_at: None,
        expires_at: None,
        created_at,
        updated_at,
        content_updated_at: updated_at,
        dialog_token: None,
        status: DialogStatus::NotApplicable,
        system_label: folder,
        is_api_only: false,
        has_unopened_content: false,
        is_content_seen: false,
        from_service_owner_transmissions_count: 0,
        from_party_transmissions_count: 0,
        content: Default::default(),
        end_user_context: EndUserContext { revision: Uuid::new_v4(), system_labels: vec![folder] },
        attachments: Vec::new(),
        transmissions: Vec::new(),
        gui_actions: Vec::new(),
        api_actions: Vec::new(),
        activities: Vec::new(),
        seen_since_last_update: Vec::new(),
        seen_since_last_content_update: Vec::new(),
    };
    apply_changes(&mut dialog, &req.changes, req.visible_from, now);
    if dialog.transmissions.iter().any(|t| is_from_party(t.transmission_type)) {
        let (labels, _) = LabelChange { add: vec![SystemLabel::Sent], remove: Vec::new() }.apply(&dialog.end_user_context.system_labels);
        dialog.end_user_context.system_labels = labels;
    }
    derive(&mut dialog);
    super::unique_attachments(&dialog)?;
    super::owns_references(store, so, &dialog).await?;
    let stored = ServiceOwnerDialog {
        dialog,
        idempotent_key: req.idempotent_key.clone(),
        visible_from: req.visible_from,
        deleted_at: None,
        search_tags: normalise(&req.changes.search_tags),
        service_owner_context: ServiceOwnerContext {
            revision: Uuid::new_v4(),
            service_owner_labels: normalise(&req.service_owner_context.map(|c| c.service_owner_labels).unwrap_or_default()),
        },
    };
    match store.insert_dialog(&stored).await {
        Ok(true) => Ok(stored),
        Ok(false) => Err(DomainError::Unprocessable("Dialog".into(), format!("Key ('Id')=({}) already exists.", stored.dialog.id))),
        Err(StoreError::Sql(e)) => Err(StoreError::Sql(e).into()),
        Err(e) => Err(e.into()),
    }
}
