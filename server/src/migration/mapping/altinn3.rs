//! Altinn 3 app instances (Storage) to dialogs.

use super::{altinn2::truncate, *};

pub(super) fn a3_time(field: &'static str, s: &str) -> Result<UtcDateTime, Quarantine> {
    UtcDateTime::parse(s).map_err(|e| Quarantine::BadDate { field, message: e.to_string() })
}

/// Dialogporten's status for an instance, first match wins (the adapter's table).
pub(super) fn instance_status(i: &Instance) -> DialogStatus {
    let task = i.process.current_task.as_ref().and_then(|t| t.altinn_task_type.as_deref());
    let confirmed =
        i.data_values.contains_key("A1ArchRef") || i.data_values.contains_key("A2ArchRef") || !i.complete_confirmations.is_empty();
    match (i.status.is_archived, task) {
        (true, _) if confirmed => DialogStatus::Completed,
        (true, _) => DialogStatus::Awaiting,
        (_, Some("reject")) => DialogStatus::RequiresAttention,
        (_, Some("feedback")) => DialogStatus::Awaiting,
        (_, Some("confirmation" | "signing")) => DialogStatus::InProgress,
        _ => DialogStatus::Draft,
    }
}

pub(super) fn a3_instance(item: &SourceItem, i: &Instance, register: &Register, history: bool) -> Result<Outcome, Quarantine> {
    if i.status.is_hard_deleted {
        return Ok(Outcome::Waiting("purged at source"));
    }
    let party_id: i64 = i.instance_owner.party_id.parse().map_err(|_| Quarantine::UnknownPartyId(i.instance_owner.party_id.clone()))?;
    let party =
        register.by_party_id.get(&party_id).cloned().ok_or_else(|| Quarantine::UnknownPartyId(i.instance_owner.party_id.clone()))?;
    if !register.owners.contains(&i.org) {
        return Err(Quarantine::UnknownServiceOwner(i.org.clone()));
    }
    let created = a3_time("created", &i.created)?;
    let updated = a3_time("lastChanged", &i.last_changed)?.max(created);
    let guid = i.id.split_once('/').map_or(i.id.as_str(), |(_, g)| g);
    let guid = Uuid::parse_str(guid).map_err(|e| Quarantine::Unreadable(format!("instance id: {e}")))?;
    // The adapter's rule: the instance GUID with its first 48 bits the creation time (v7).
    let mut bytes = guid.into_bytes();
    bytes[..6].copy_from_slice(&(ms(created).max(0) as u64).to_be_bytes()[2..]);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    let id = Uuid::from_bytes(bytes);
    let app = i.app_id.split_once('/').map_or(i.app_id.as_str(), |(_, a)| a);
    let title = {
        let texts: Vec<&str> = i.presentation_texts.values().map(String::as_str).filter(|t| !t.trim().is_empty()).collect();
        if texts.is_empty() {
            app.replace('-', " ")
        } else {
            texts.join(" – ")
        }
    };
    let url = format!("https://{}.apps.altinn.no/{}/#/instance/{}", i.org, i.app_id, i.id);
    let actions = vec![action(
        part(id, created, "action", 0),
        "read",
        if i.status.is_archived { "Se kvittering" } else { "Gå til skjema" },
        &url,
        HttpVerb::Get,
        GuiActionPriority::Primary,
        None,
    )];
    let attachments = i
        .data
        .iter()
        .filter(|d| d.data_type != "ref-data-as-pdf" || i.status.is_archived)
        .enumerate()
        .map(|(n, d)| Attachment {
            id: part(id, created, "attachment", n),
            name: d.filename.clone(),
            display_name: nb(d.filename.as_deref().unwrap_or(&d.data_type)),
            urls: vec![AttachmentUrl {
                id: part(id, created, "attachment-url", n),
                url: format!("https://platform.altinn.no/storage/api/v1/instances/{}/data/{}", i.id, d.id),
                media_type: d.content_type.clone(),
                consumer_type: AttachmentUrlConsumerType::Gui,
            }],
            expires_at: item.files_expire,
        })
        .collect();
    let mut activities = vec![activity(part(id, created, "activity", 0), created, ActivityType::DialogCreated, service_owner())];
    if i.status.is_archived {
        activities.push(activity(part(id, created, "activity", 1), updated, ActivityType::FormSubmitted, representative(None, &party)));
    }
    let draft = Draft {
        id,
        org: i.org.clone(),
        resource: format!("urn:altinn:resource:app_{}", i.app_id.replace('/', "_")),
        resource_type: "AltinnApp",
        party,
        created,
        updated,
        status: instance_status(i),
        label: if i.status.is_archived && history { SystemLabel::Archive } else { SystemLabel::Default },
        unread: i.status.read_status.as_deref() == Some("Unread"),
        title: truncate(&title, 255),
        summary: None,
        sender: None,
        extended_status: i.status.substatus.as_ref().map(|s| truncate(&s.label, 25)),
        external_reference: Some(format!("urn:altinn:integration:storage:{}/{}", i.instance_owner.party_id, guid)),
        attachments,
        actions,
        activities,
        deleted_at: i.status.is_soft_deleted.then_some(updated),
    };
    Ok(draft.finish(item, app.replace('-', " ")))
}
