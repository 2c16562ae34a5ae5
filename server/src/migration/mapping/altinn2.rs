//! Altinn 2 messages and archived forms (message box items) to dialogs.

use super::*;

/// The party URN of an Altinn 2 reportee, when it is in the register.
pub(super) fn reportee(owner: &str, register: &Register) -> Result<String, Quarantine> {
    let urn = match owner.len() {
        11 => PersonId::parse(owner)
            .map(|p| format!("urn:altinn:person:identifier-no:{}", p.as_str()))
            .map_err(|_| Quarantine::BadOwner("(11 digits, not a valid identity number)".into()))?,
        9 => OrgNumber::parse(owner)
            .map(|o| format!("urn:altinn:organization:identifier-no:{}", o.as_str()))
            .map_err(|_| Quarantine::BadOwner(owner.to_owned()))?,
        _ => {
            return Err(Quarantine::BadOwner(if owner.bytes().all(|b| b.is_ascii_digit()) {
                format!("({} digits)", owner.len())
            } else {
                owner.to_owned()
            }))
        }
    };
    if register.parties.contains(&urn) {
        Ok(urn)
    } else if owner.len() == 11 {
        Err(Quarantine::UnknownPerson)
    } else {
        Err(Quarantine::UnknownOrganisation(owner.to_owned()))
    }
}

/// Plain text from Altinn 2's HTML summaries: tags dropped, entities for the few A2 writes.
fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    dialogporten::decode_entities(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

pub(super) fn a2_time(field: &'static str, s: &str) -> Result<UtcDateTime, Quarantine> {
    oslo::parse_a2(s).map_err(|message| Quarantine::BadDate { field, message })
}

pub(super) fn a2(item: &SourceItem, m: &A2Message, register: &Register) -> Result<Outcome, Quarantine> {
    let expected = if item.family == Family::A2Form { A2Type::FormTask } else { A2Type::Correspondence };
    if m.kind != expected {
        return Err(Quarantine::Unreadable(format!("a {:?} among {}", m.kind, item.family.as_str())));
    }
    if m.unfinished_form() {
        return Ok(Outcome::Waiting("form not archived yet"));
    }
    if m.subject.trim().is_empty() {
        return Err(Quarantine::NoTitle);
    }
    let party = reportee(&item.owner, register)?;
    let org = register
        .owner_by_name
        .get(&m.service_owner.to_lowercase())
        .cloned()
        .ok_or_else(|| Quarantine::UnknownServiceOwner(m.service_owner.clone()))?;
    let created = a2_time("CreatedDate", &m.created_date)?;
    let updated = a2_time("LastChangedDateTime", &m.last_changed_date_time)?.max(created);
    let id = uuid_v7(ms(created), &format!("a2:{}", item.key));
    let form = m.kind == A2Type::FormTask;
    let (resource, resource_type, resource_name) = if form {
        (
            format!("urn:altinn:resource:app_{org}_a2-{}-{}", m.service_code, m.service_edition),
            "AltinnApp",
            format!("Altinn 2-skjema {}-{}", m.service_code, m.service_edition),
        )
    } else {
        (
            format!("urn:altinn:resource:{org}-a2-melding-{}-{}", m.service_code, m.service_edition),
            "CorrespondenceService",
            format!("Altinn 2-melding {}-{}", m.service_code, m.service_edition),
        )
    };
    let label = match m.status.as_str() {
        "Slettet" => SystemLabel::Bin,
        "Arkivert" | "Sendt og arkivert" => SystemLabel::Archive,
        _ if form => SystemLabel::Archive,
        _ => SystemLabel::Default,
    };
    let attachments = m
        .links
        .attachment
        .iter()
        .enumerate()
        .map(|(n, a)| Attachment {
            id: part(id, created, "attachment", n),
            name: Some(a.file_name.clone()),
            display_name: nb(&a.name),
            urls: vec![AttachmentUrl {
                id: part(id, created, "attachment-url", n),
                url: a.href.clone(),
                media_type: None,
                consumer_type: AttachmentUrlConsumerType::Gui,
            }],
            // Altinn 2 keeps an item's files for the service's retention period, not for ever.
            expires_at: item.files_expire,
        })
        .collect();
    let mut actions = Vec::new();
    if let Some(l) = &m.links.confirm {
        actions.push(action(
            part(id, created, "action", 0),
            "confirm",
            "Bekreft mottak",
            &l.href,
            HttpVerb::Post,
            GuiActionPriority::Primary,
            None,
        ));
    }
    if let Some(l) = &m.links.sign {
        actions.push(action(
            part(id, created, "action", 1),
            "sign",
            "Signer",
            &l.href,
            HttpVerb::Post,
            GuiActionPriority::Primary,
            Some("Vil du signere?"),
        ));
    }
    if let Some(l) = &m.links.payment {
        actions.push(action(part(id, created, "action", 2), "pay", "Betal", &l.href, HttpVerb::Get, GuiActionPriority::Secondary, None));
    }
    let status = if form {
        if m.archive_reference.is_some() {
            DialogStatus::Completed
        } else {
            DialogStatus::Awaiting
        }
    } else if m.links.confirm.is_some() || m.links.sign.is_some() {
        DialogStatus::RequiresAttention
    } else {
        DialogStatus::NotApplicable
    };
    let mut activities = vec![activity(part(id, created, "activity", 0), created, ActivityType::DialogCreated, service_owner())];
    if form {
        activities.push(activity(
            part(id, created, "activity", 1),
            updated,
            ActivityType::FormSubmitted,
            representative(m.last_changed_by.as_deref(), &party),
        ));
    }
    let draft = Draft {
        id,
        org,
        resource,
        resource_type,
        party,
        created,
        updated,
        status,
        label,
        unread: m.status == "Ulest",
        title: truncate(m.subject.trim(), 255),
        summary: m.summary.as_deref().map(strip_html).filter(|s| !s.is_empty()).map(|s| truncate(&s, 255)),
        sender: m.message_sender.clone().filter(|s| !s.trim().is_empty()),
        extended_status: None,
        external_reference: Some(format!("urn:altinn:a2:element-id:{}", item.key)),
        attachments,
        actions,
        activities,
        deleted_at: None,
    };
    Ok(draft.finish(item, resource_name))
}
