//! Turns the catalog into dialogs: every status and system label, transmission threads,
//! attachments (some expired), activities, GUI actions, and migrated-looking Altinn 2 history.

use dialogporten::{
    serviceowner::{ServiceOwnerContext, ServiceOwnerDialog, Value},
    Activity, ActivityType, Actor, ActorType, Attachment, AttachmentUrl, AttachmentUrlConsumerType, ContentValue, Dialog, DialogContent,
    DialogStatus, EndUserContext, GuiAction, GuiActionPriority, HttpVerb, Localization, SystemLabel, Transmission, TransmissionContent,
    TransmissionType, UtcDateTime,
};

use uuid::Uuid;

use crate::store::SeenEntry;

use super::{
    catalog::{Service, Template, MIGRATED_A2, SERVICES},
    people::{all_parties, owner_name, person_name, person_urn},
    rng::Rng,
};

/// The demo's "now": data is fixed in time so it never changes between runs.
const ANCHOR_UNIX: i64 = 1_794_819_600; // 2026-11-16T09:00:00Z
const DAY: i64 = 86_400;

/// The demo's "now" as an instant.
pub(super) fn anchor() -> UtcDateTime {
    at(ANCHOR_UNIX)
}

fn at(unix: i64) -> UtcDateTime {
    UtcDateTime::from_unix_seconds(unix).unwrap_or_else(|_| UtcDateTime::from_unix_seconds(0).expect("epoch"))
}

fn nb(text: &str) -> Vec<Localization> {
    vec![Localization::new("nb", text)]
}

/// The resource's type as the demo register gives it.
fn resource_type(resource: &str) -> &'static str {
    let id = crate::register::resource_urn(resource);
    super::people::register()
        .resources
        .iter()
        .find(|r| crate::register::resource_urn(r.id.get_ref()) == id)
        .map_or("GenericAccessResource", |r| r.resource_type.as_str())
}

fn service_owner_actor() -> Actor {
    Actor { actor_type: ActorType::ServiceOwner, actor_id: None, actor_name: None }
}

fn party_actor(name: &str) -> Actor {
    Actor { actor_type: ActorType::PartyRepresentative, actor_id: None, actor_name: Some(name.to_owned()) }
}

fn attachment(rng: &mut Rng, created: i64, file: &str, expires: Option<i64>) -> Attachment {
    Attachment {
        id: rng.uuid_v7(created as u64 * 1000),
        name: Some(file.to_owned()),
        display_name: nb(file),
        urls: vec![AttachmentUrl {
            id: rng.uuid_v7(created as u64 * 1000),
            url: format!("https://demo.inbox.localhost/files/{file}"),
            media_type: Some("application/pdf".into()),
            consumer_type: AttachmentUrlConsumerType::Gui,
        }],
        expires_at: expires.map(at),
    }
}

struct Built {
    dialog: Dialog,
}

fn build(rng: &mut Rng, service: &Service, tpl: &Template, party: &str, party_name: &str, content_updated: i64) -> Built {
    let created = content_updated - rng.below(20) as i64 * DAY - rng.below(DAY as u64) as i64;
    let sender = owner_name(service.org);
    let id = rng.uuid_v7(created as u64 * 1000);
    let mut transmissions = Vec::new();
    let mut activities = vec![Activity {
        id: rng.uuid_v7(created as u64 * 1000),
        created_at: Some(at(created)),
        extended_type: None,
        activity_type: ActivityType::DialogCreated,
        transmission_id: None,
        performed_by: service_owner_actor(),
        description: Vec::new(),
    }];
    let steps = tpl.thread.len().max(1) as i64;
    let mut previous = None;
    for (i, (kind, from_party, title)) in tpl.thread.iter().enumerate() {
        let when = created + (content_updated - created) * (i as i64 + 1) / steps;
        let tid = rng.uuid_v7(when as u64 * 1000);
        let attachments = match (tpl.attachment, *from_party) {
            (Some(file), false) if i + 1 == tpl.thread.len() => vec![attachment(rng, when, file, None)],
            _ => Vec::new(),
        };
        transmissions.push(Transmission {
            id: tid,
            created_at: at(when),
            authorization_attribute: None,
            is_authorized: None,
            extended_type: None,
            external_reference: None,
            related_transmission_id: previous,
            transmission_type: *kind,
            sender: if *from_party { party_actor(party_name) } else { service_owner_actor() },
            is_opened: false,
            content: TransmissionContent {
                title: ContentValue::plain(nb(title)),
                summary: Some(ContentValue::plain(nb(&format!("{title} – {sender}")))),
                content_reference: None,
            },
            attachments,
            navigational_actions: Vec::new(),
            idempotent_key: None,
        });
        if *from_party && *kind == TransmissionType::Submission {
            activities.push(Activity {
                id: rng.uuid_v7(when as u64 * 1000),
                created_at: Some(at(when)),
                extended_type: None,
                activity_type: ActivityType::FormSubmitted,
                transmission_id: None,
                performed_by: party_actor(party_name),
                description: Vec::new(),
            });
        }
        previous = Some(tid);
    }
    transmissions.reverse(); // newest first, as Dialogporten lists them
    let mut folder = match rng.below(100) {
        0..=69 => SystemLabel::Default,
        70..=87 => SystemLabel::Archive,
        _ => SystemLabel::Bin,
    };
    if tpl.status == DialogStatus::Draft {
        folder = SystemLabel::Default;
    }
    let mut labels = vec![folder];
    if transmissions.iter().any(|t| matches!(t.transmission_type, TransmissionType::Submission | TransmissionType::Correction)) {
        labels.push(SystemLabel::Sent);
    }
    if rng.chance(8) {
        labels.push(SystemLabel::MarkedAsUnopened);
    }
    let mut attachments = Vec::new();
    if tpl.attachment.is_some() && rng.chance(50) {
        let expired = rng.chance(30).then_some(content_updated + 30 * DAY);
        attachments.push(attachment(rng, created, "veiledning.pdf", expired));
    }
    let from_so = transmissions.iter().filter(|t| t.sender.actor_type == ActorType::ServiceOwner).count() as i32;
    let from_party = transmissions.len() as i32 - from_so;
    let dialog = Dialog {
        id,
        revision: rng.uuid_v4(),
        org: service.org.into(),
        service_resource: format!("urn:altinn:resource:{}", service.resource),
        service_resource_type: resource_type(service.resource).to_ascii_lowercase(),
        party: party.to_owned(),
        progress: matches!(tpl.status, DialogStatus::InProgress).then(|| 25 + rng.below(60) as i32),
        process: None,
        preceding_process: None,
        extended_status: tpl.extended_status.map(|s| s.to_uppercase().replace(' ', "_")),
        external_reference: Some(format!("{}-{}", service.org.to_uppercase(), 100_000 + rng.below(900_000))),
        due_at: tpl.due_in_days.map(|d| at(ANCHOR_UNIX + d * DAY)),
        expires_at: None,
        created_at: at(created),
        updated_at: at(content_updated),
        content_updated_at: at(content_updated),
        dialog_token: None,
        status: tpl.status,
        system_label: folder,
        is_api_only: false,
        has_unopened_content: false,
        is_content_seen: false,
        from_service_owner_transmissions_count: from_so,
        from_party_transmissions_count: from_party,
        content: DialogContent {
            title: ContentValue::plain(nb(tpl.title)),
            summary: Some(ContentValue::plain(nb(tpl.summary))),
            sender_name: None,
            additional_info: None,
            extended_status: tpl.extended_status.map(|s| ContentValue::plain(nb(s))),
            main_content_reference: None,
            non_sensitive_title: None,
            non_sensitive_summary: None,
        },
        end_user_context: EndUserContext { revision: rng.uuid_v4(), system_labels: labels },
        attachments,
        transmissions,
        gui_actions: vec![GuiAction {
            id: rng.uuid_v7(created as u64 * 1000),
            action: "read".into(),
            url: format!("https://demo.inbox.localhost/{}/{}", service.org, service.resource),
            authorization_attribute: None,
            is_authorized: None,
            is_delete_dialog_action: false,
            http_method: HttpVerb::Get,
            priority: GuiActionPriority::Primary,
            title: nb("Gå til tjenesten"),
            prompt: Vec::new(),
        }],
        api_actions: Vec::new(),
        activities,
        seen_since_last_update: Vec::new(),
        seen_since_last_content_update: Vec::new(),
    };
    let mut dialog = dialog;
    crate::domain::serviceowner::create::derive(&mut dialog);
    Built { dialog }
}

fn nb_nn_en(nb: &str, nn: &str, en: &str) -> Vec<Localization> {
    vec![Localization::new("nb", nb), Localization::new("nn", nn), Localization::new("en", en)]
}

/// An id for the `n`th part added to a dialog, derived from the dialog's id so adding parts
/// does not shift the rest of the generated data.
fn part_id(dialog: Uuid, n: u8) -> Uuid {
    let mut bytes = dialog.into_bytes();
    bytes[15] ^= n.wrapping_mul(37).wrapping_add(1);
    Uuid::from_bytes(bytes)
}

/// The Altinn 2 message-box operations a migrated dialog offers, as GUI actions handled by the
/// demo services (`http::demo_services`), and its main content as a front-channel embed: archived
/// forms get their receipt (legacy HTML), messages their decision (markdown), one form content
/// that is not for everyone. Archiving and reading are the inbox's own.
fn with_a2_operations(d: &mut Dialog) {
    use super::operations::Operation::{self, *};
    let resource = d.service_resource.trim_start_matches("urn:altinn:resource:").to_owned();
    let (operations, embed): (&[Operation], _) = match resource.as_str() {
        r if r.starts_with("app_skd_") => (&[Sign, Validate, Submit, Pay, Update, Delete], Some(("skjema", "text/html"))),
        r if r.starts_with("app_") => (&[Submit, Update, Delete], Some(("restricted", "text/markdown"))),
        r if r.contains("skattetrekk") => (&[Confirm, Delete], Some(("vedtak", "text/markdown"))),
        _ => (&[Confirm, Delete], None),
    };
    let id = d.id;
    for (n, op) in operations.iter().enumerate() {
        let (title, priority) = match op {
            Confirm => (nb_nn_en("Bekreft mottak", "Stadfest mottak", "Confirm receipt"), GuiActionPriority::Secondary),
            Sign => (nb_nn_en("Signer", "Signer", "Sign"), GuiActionPriority::Secondary),
            Validate => (nb_nn_en("Valider skjema", "Valider skjema", "Validate form"), GuiActionPriority::Tertiary),
            Submit => (nb_nn_en("Send inn", "Send inn", "Submit"), GuiActionPriority::Secondary),
            Pay => (nb_nn_en("Betal", "Betal", "Pay"), GuiActionPriority::Tertiary),
            Update => (nb_nn_en("Oppdater skjema", "Oppdater skjema", "Update form"), GuiActionPriority::Tertiary),
            Delete => (nb_nn_en("Slett", "Slett", "Delete"), GuiActionPriority::Tertiary),
        };
        let prompt = match op {
            Delete => nb_nn_en("Vil du slette dialogen for godt?", "Vil du slette dialogen for godt?", "Delete the dialog for good?"),
            Submit => nb_nn_en("Vil du sende inn skjemaet?", "Vil du sende inn skjemaet?", "Submit the form?"),
            _ => Vec::new(),
        };
        d.gui_actions.push(GuiAction {
            id: part_id(id, n as u8 + 1),
            action: op.action().into(),
            url: format!("/api/demo/service/{id}/{}", op.slug()),
            authorization_attribute: None,
            is_authorized: None,
            is_delete_dialog_action: *op == Delete,
            http_method: HttpVerb::Post,
            priority,
            title,
            prompt,
        });
    }
    // Hente: the archived form as a file, and Altinn 2's receipt, whose link has expired.
    if resource.starts_with("app_") {
        let file = |n: u8, name: &str, expires: Option<UtcDateTime>| Attachment {
            id: part_id(id, n),
            name: Some(name.to_owned()),
            display_name: nb(name),
            urls: vec![AttachmentUrl {
                id: part_id(id, n + 1),
                url: format!("https://demo.inbox.localhost/files/{id}/{name}"),
                media_type: Some("application/pdf".into()),
                consumer_type: AttachmentUrlConsumerType::Gui,
            }],
            expires_at: expires,
        };
        let expired = at(d.created_at.unix_seconds() + 30 * DAY);
        d.attachments.push(file(20, "skjema-arkivert.pdf", None));
        d.attachments.push(file(22, "kvittering-altinn2.pdf", Some(expired)));
    }
    if let Some((name, kind)) = embed {
        let media_type = format!("application/vnd.dialogporten.frontchannelembed-url;type={kind}");
        d.content.main_content_reference = Some(ContentValue::with_media_type(&media_type, nb(&format!("/api/demo/content/{id}/{name}"))));
    }
}

/// A migrated dialog, created between its source's watermark and the migration cut-over.
fn migrated(rng: &mut Rng, party: &str, (org, resource, title, source): (&'static str, &'static str, &'static str, &'static str)) -> Built {
    // Migrated history reaches back exactly as far as the changelog says it does.
    let back_to = crate::domain::migration::final_watermark(source).map_or(1_735_689_600, |t| t.unix_seconds());
    let cut_over = 1_763_596_800; // 2025-11-20: after this, live sync brings new items
    let created = back_to + rng.below((cut_over - back_to) as u64) as i64;
    let service = Service { org, resource, for_orgs: false, templates: &[] };
    let tpl = Template {
        title,
        summary: "Meldingen er flyttet fra Altinn 2.",
        status: DialogStatus::Completed,
        extended_status: None,
        thread: &[],
        attachment: None,
        due_in_days: None,
    };
    let mut b = build(rng, &service, &tpl, party, "", created);
    with_a2_operations(&mut b.dialog);
    b.dialog.end_user_context.system_labels = vec![SystemLabel::Archive];
    b.dialog.system_label = SystemLabel::Archive;
    // How Altinn's adapters mark where a dialog came from (and what dialoglookup resolves).
    b.dialog.external_reference = Some(if source.starts_with("a2-melding") {
        format!("urn:altinn:correspondence-id:{}", rng.uuid_v4())
    } else {
        format!("urn:altinn:integration:storage:{}/{}", 50_000_000 + rng.below(999_999), rng.uuid_v4())
    });
    b
}

/// The demo set: dialogs as stored and who has already read what.
pub struct DemoData {
    pub dialogs: Vec<ServiceOwnerDialog>,
    pub seen: Vec<(Uuid, SeenEntry)>,
    /// Dialogs that came from a migration source.
    pub migrated: Vec<(Uuid, &'static str)>,
}

/// The whole demo set. About three in four dialogs have been read by their usual reader.
pub fn generate() -> DemoData {
    let mut rng = Rng::new(0xd1a1_0600);
    let mut data = DemoData { dialogs: Vec::new(), seen: Vec::new(), migrated: Vec::new() };
    for (index, (party, name, reader)) in all_parties().into_iter().enumerate() {
        let is_org = party.contains(":organization:");
        let services: Vec<&Service> = SERVICES.iter().filter(|s| s.for_orgs == is_org).collect();
        // The first person (the one the tests and tour log in as) gets a long inbox.
        let count = if index == 0 {
            60
        } else if is_org {
            12
        } else {
            20
        };
        let mut built = Vec::new();
        for _ in 0..count {
            let service = *rng.pick(&services);
            let tpl = rng.pick(service.templates);
            let content_updated = ANCHOR_UNIX - rng.below(400 * DAY as u64) as i64;
            built.push(build(&mut rng, service, tpl, &party, name, content_updated));
        }
        let mut sources = Vec::new();
        for entry in MIGRATED_A2.iter().filter(|_| index % 2 == 0) {
            built.push(migrated(&mut rng, &party, *entry));
            sources.push(entry.3);
        }
        let first_migrated = built.len() - sources.len();
        for (i, b) in built.into_iter().enumerate() {
            if i >= first_migrated {
                data.migrated.push((b.dialog.id, sources[i - first_migrated]));
            }
            if rng.chance(75) {
                let at = b.dialog.content_updated_at.ticks() + rng.below(48 * 3600) as i64 * 10_000_000;
                let seen = SeenEntry {
                    id: rng.uuid_v7((at / 10_000) as u64),
                    seen_by: person_urn(reader),
                    name: Some(person_name(reader).to_owned()),
                    at: UtcDateTime::from_ticks(at).unwrap_or(b.dialog.content_updated_at),
                    via_service_owner: false,
                };
                data.seen.push((b.dialog.id, seen));
            }
            data.dialogs.push(stored(&mut rng, b));
        }
    }
    data
}

/// A built dialog as the store keeps it.
fn stored(rng: &mut Rng, b: Built) -> ServiceOwnerDialog {
    let labels = b.dialog.external_reference.iter().filter(|r| r.starts_with("urn:altinn:")).map(|r| Value { value: r.clone() }).collect();
    let context = ServiceOwnerContext { revision: rng.uuid_v4(), service_owner_labels: labels };
    ServiceOwnerDialog {
        dialog: b.dialog,
        idempotent_key: None,
        visible_from: None,
        deleted_at: None,
        search_tags: Vec::new(),
        service_owner_context: context,
    }
}

/// One more dialog of the demo's kinds for `party`, updated some time in the last three years
/// (the large preset's filler).
pub(super) fn for_party(rng: &mut Rng, party: &str, name: &str, is_org: bool) -> ServiceOwnerDialog {
    let services: Vec<&Service> = SERVICES.iter().filter(|s| s.for_orgs == is_org).collect();
    let service = *rng.pick(&services);
    let tpl = rng.pick(service.templates);
    let content_updated = ANCHOR_UNIX - rng.below(3 * 365 * DAY as u64) as i64;
    let built = build(rng, service, tpl, party, name, content_updated);
    stored(rng, built)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn is_deterministic_and_covers_every_status_and_label() {
        let a: Vec<Dialog> = generate().dialogs.into_iter().map(|s| s.dialog).collect();
        let b: Vec<Dialog> = generate().dialogs.into_iter().map(|s| s.dialog).collect();
        assert_eq!(a, b, "same seed, same data");
        let statuses: HashSet<_> = a.iter().map(|d| d.status).collect();
        assert_eq!(statuses.len(), DialogStatus::ALL.len(), "{statuses:?}");
        let labels: HashSet<_> = a.iter().flat_map(|d| d.end_user_context.system_labels.clone()).collect();
        assert_eq!(labels.len(), SystemLabel::ALL.len(), "{labels:?}");
        let ids: HashSet<_> = a.iter().map(|d| d.id).collect();
        assert_eq!(ids.len(), a.len(), "ids are unique");
        assert!(a.iter().all(|d| d.id.get_version_num() == 7));
    }
}
