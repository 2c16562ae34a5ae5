//! From a source item to a dialog: the rules of docs/migration.md, as Altinn's own migration
//! applies them where it has them. Pure functions of the item and the register, so the same item
//! always gives the same dialog (ids and revisions included) and a second run changes nothing.

use std::collections::{HashMap, HashSet};

use dialogporten::{
    serviceowner::{ServiceOwnerContext, ServiceOwnerDialog, Value},
    Activity, ActivityType, Actor, ActorType, Attachment, AttachmentUrl, AttachmentUrlConsumerType, ContentValue, Dialog, DialogContent,
    DialogStatus, EndUserContext, GuiAction, GuiActionPriority, HttpVerb, Localization, OrgNumber, PersonId, SystemLabel, UtcDateTime,
};
use uuid::Uuid;

use super::{
    items::{A2Message, A2Type, Instance},
    oslo,
    source_store::SourceItem,
    Family,
};
use crate::store::ServiceResourceRecord;

mod altinn2;
mod altinn3;
mod ids;

use altinn2::a2;
use altinn3::a3_instance;
pub use ids::uuid_v7;
use ids::{ms, part, revision};

/// Who exists and who the agencies are, read once per run from the target's register.
#[derive(Clone, Debug, Default)]
pub struct Register {
    /// Party URNs.
    pub parties: HashSet<String>,
    /// Altinn's numeric party ids (Storage's instance owners) → party URN.
    pub by_party_id: HashMap<i64, String>,
    /// Service owner display name (lower case) → org code.
    pub owner_by_name: HashMap<String, String>,
    /// Org codes.
    pub owners: HashSet<String>,
}

/// Why an item was set aside instead of migrated. Shown and counted on the status page; never
/// holds an identity number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Quarantine {
    #[error("the item cannot be read: {0}")]
    Unreadable(String),
    #[error("the owner is not in the register (a person)")]
    UnknownPerson,
    #[error("the owner is not in the register: organisation {0}")]
    UnknownOrganisation(String),
    #[error("the owner '{0}' is neither an identity number nor an organisation number")]
    BadOwner(String),
    #[error("instance owner party {0} is not in the register")]
    UnknownPartyId(String),
    #[error("unknown service owner '{0}'")]
    UnknownServiceOwner(String),
    #[error("{field}: {message}")]
    BadDate { field: &'static str, message: String },
    #[error("the item has no title")]
    NoTitle,
}

/// What the rules make of an item.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Dialog(Box<Migrated>),
    /// Not migrated yet, and why (a form still being filled in, an instance purged at source).
    Waiting(&'static str),
    Quarantined(Quarantine),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Migrated {
    pub dialog: ServiceOwnerDialog,
    pub resource: ServiceResourceRecord,
}

fn nb(text: &str) -> Vec<Localization> {
    vec![Localization::new("nb", text)]
}

fn activity(id: Uuid, at: UtcDateTime, kind: ActivityType, by: Actor) -> Activity {
    Activity {
        id,
        created_at: Some(at),
        extended_type: None,
        activity_type: kind,
        transmission_id: None,
        performed_by: by,
        description: Vec::new(),
    }
}

/// The party's representative who acted: by name when the source gives one, else the party
/// itself (Dialogporten wants an id or a name, never both, never neither).
fn representative(name: Option<&str>, party: &str) -> Actor {
    match name.filter(|n| !n.trim().is_empty()) {
        Some(name) => Actor { actor_type: ActorType::PartyRepresentative, actor_id: None, actor_name: Some(name.to_owned()) },
        None => Actor { actor_type: ActorType::PartyRepresentative, actor_id: Some(party.to_owned()), actor_name: None },
    }
}

fn service_owner() -> Actor {
    Actor { actor_type: ActorType::ServiceOwner, actor_id: None, actor_name: None }
}

fn action(id: Uuid, name: &str, title: &str, url: &str, verb: HttpVerb, priority: GuiActionPriority, prompt: Option<&str>) -> GuiAction {
    GuiAction {
        id,
        action: name.to_owned(),
        url: url.to_owned(),
        authorization_attribute: None,
        is_authorized: None,
        is_delete_dialog_action: false,
        http_method: verb,
        priority,
        title: nb(title),
        prompt: prompt.map(nb).unwrap_or_default(),
    }
}

/// The dialog every rule set fills in, with the parts all sources share.
struct Draft {
    id: Uuid,
    org: String,
    resource: String,
    resource_type: &'static str,
    party: String,
    created: UtcDateTime,
    updated: UtcDateTime,
    status: DialogStatus,
    label: SystemLabel,
    unread: bool,
    title: String,
    summary: Option<String>,
    sender: Option<String>,
    extended_status: Option<String>,
    external_reference: Option<String>,
    attachments: Vec<Attachment>,
    actions: Vec<GuiAction>,
    activities: Vec<Activity>,
    deleted_at: Option<UtcDateTime>,
}

impl Draft {
    fn finish(self, item: &SourceItem, resource_name: String) -> Outcome {
        let mut labels = vec![self.label];
        if self.unread {
            labels.push(SystemLabel::MarkedAsUnopened);
        }
        let mut dialog = Dialog {
            id: self.id,
            revision: revision(item, "dialog"),
            org: self.org.clone(),
            service_resource: self.resource.clone(),
            service_resource_type: self.resource_type.to_ascii_lowercase(),
            party: self.party,
            progress: None,
            process: None,
            preceding_process: None,
            extended_status: self.extended_status.clone(),
            external_reference: self.external_reference.clone(),
            due_at: None,
            expires_at: None,
            created_at: self.created,
            updated_at: self.updated,
            content_updated_at: self.updated,
            dialog_token: None,
            status: self.status,
            system_label: self.label,
            is_api_only: false,
            has_unopened_content: false,
            is_content_seen: false,
            from_service_owner_transmissions_count: 0,
            from_party_transmissions_count: 0,
            content: DialogContent {
                title: ContentValue::plain(nb(&self.title)),
                summary: self.summary.as_deref().map(|s| ContentValue::plain(nb(s))),
                sender_name: self.sender.as_deref().map(|s| ContentValue::plain(nb(s))),
                additional_info: None,
                extended_status: self.extended_status.as_deref().map(|s| ContentValue::plain(nb(s))),
                main_content_reference: None,
                non_sensitive_title: None,
                non_sensitive_summary: None,
            },
            end_user_context: EndUserContext { revision: revision(item, "end-user"), system_labels: labels },
            attachments: self.attachments,
            transmissions: Vec::new(),
            gui_actions: self.actions,
            api_actions: Vec::new(),
            activities: self.activities,
            seen_since_last_update: Vec::new(),
            seen_since_last_content_update: Vec::new(),
        };
        crate::domain::serviceowner::create::derive(&mut dialog);
        let labels = self.external_reference.iter().filter(|r| r.starts_with("urn:altinn:")).map(|r| Value { value: r.clone() }).collect();
        let stored = ServiceOwnerDialog {
            dialog,
            idempotent_key: None,
            visible_from: None,
            deleted_at: self.deleted_at,
            search_tags: Vec::new(),
            service_owner_context: ServiceOwnerContext { revision: revision(item, "service-owner"), service_owner_labels: labels },
        };
        let resource = ServiceResourceRecord {
            id: self.resource,
            org: self.org,
            resource_type: self.resource_type.to_owned(),
            name: resource_name,
            min_auth_level: 3,
        };
        Outcome::Dialog(Box::new(Migrated { dialog: stored, resource }))
    }
}

/// Maps one item. `history` is true in the backwards run (Altinn's `IsMigration`), which is when
/// an archived app instance gets the Archive label.
pub fn map(item: &SourceItem, register: &Register, history: bool) -> Outcome {
    let result = match item.family {
        Family::A2Correspondence | Family::A2Form => serde_json::from_str::<A2Message>(&item.body)
            .map_err(|e| Quarantine::Unreadable(e.to_string()))
            .and_then(|m| a2(item, &m, register)),
        Family::A3Instance => serde_json::from_str::<Instance>(&item.body)
            .map_err(|e| Quarantine::Unreadable(e.to_string()))
            .and_then(|i| a3_instance(item, &i, register, history)),
    };
    result.unwrap_or_else(Outcome::Quarantined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::items::{A2Attachment, A2Links, Href, InstanceOwner, InstanceStatus, ProcessElement, ProcessState};

    const PID: &str = "08089403198";
    const ORG: &str = "310654302";

    fn register() -> Register {
        let mut r = Register::default();
        r.parties.insert(format!("urn:altinn:person:identifier-no:{PID}"));
        r.parties.insert(format!("urn:altinn:organization:identifier-no:{ORG}"));
        r.by_party_id.insert(50_001, format!("urn:altinn:organization:identifier-no:{ORG}"));
        r.owner_by_name.insert("skatteetaten".into(), "skd".into());
        r.owners.insert("skd".into());
        r
    }

    fn utc(s: &str) -> UtcDateTime {
        UtcDateTime::parse(s).unwrap()
    }

    fn message(kind: A2Type, status: &str) -> A2Message {
        A2Message {
            message_id: "a123".into(),
            subject: "Vedtak".into(),
            status: status.into(),
            created_date: "2024-07-01T09:00:00".into(),
            last_changed_date_time: "2024-07-03T10:30:00.25".into(),
            last_changed_by: None,
            service_owner: "Skatteetaten".into(),
            kind,
            message_sender: None,
            service_code: "2802".into(),
            service_edition: 10_793,
            summary: None,
            body: None,
            archive_reference: None,
            links: A2Links::default(),
        }
    }

    fn a2_item(family: Family, owner: &str, m: &A2Message) -> SourceItem {
        SourceItem {
            family,
            key: "123".into(),
            owner: owner.into(),
            created_at: utc("2024-07-01T07:00:00Z"),
            files_expire: Some(utc("2034-07-01T07:00:00Z")),
            seq: 1,
            body: serde_json::to_string(m).unwrap(),
        }
    }

    fn dialog(o: Outcome) -> Migrated {
        match o {
            Outcome::Dialog(m) => *m,
            other => panic!("expected a dialog, got {other:?}"),
        }
    }

    #[test]
    fn an_archived_a2_form_is_an_app_resource_in_archive_with_its_local_times_as_utc() {
        let mut m = message(A2Type::FormTask, "Sendt og arkivert");
        m.archive_reference = Some("AR1".into());
        let d = dialog(map(&a2_item(Family::A2Form, ORG, &m), &register(), true));
        assert_eq!(d.resource.id, "urn:altinn:resource:app_skd_a2-2802-10793");
        assert_eq!(d.dialog.dialog.service_resource, d.resource.id);
        assert_eq!(d.dialog.dialog.party, format!("urn:altinn:organization:identifier-no:{ORG}"));
        assert_eq!(d.dialog.dialog.org, "skd");
        assert_eq!(d.dialog.dialog.system_label, SystemLabel::Archive);
        assert_eq!(d.dialog.dialog.status, DialogStatus::Completed);
        // Summer time: 09:00 in Oslo is 07:00 UTC; never "now", never the local time read as UTC.
        assert_eq!(d.dialog.dialog.created_at, utc("2024-07-01T07:00:00Z"));
        assert_eq!(d.dialog.dialog.updated_at, utc("2024-07-03T08:30:00.25Z"));
        assert_eq!(d.dialog.dialog.content_updated_at, d.dialog.dialog.updated_at);
        assert_eq!(d.dialog.dialog.id.get_version_num(), 7);
    }

    #[test]
    fn a2_correspondence_offers_confirm_sign_and_pay_and_keeps_its_attachments_until_they_expire() {
        let mut m = message(A2Type::Correspondence, "Ulest");
        let href = |p: &str| Some(Href { href: format!("https://www.altinn.no/api/r50001/messages/a123/{p}") });
        m.summary = Some("<p>Du har f&aring;tt <b>svar</b>&nbsp;fra oss</p>".into());
        m.links = A2Links {
            confirm: href("confirm"),
            sign: href("sign"),
            payment: href("payment"),
            attachment: vec![A2Attachment {
                href: "https://www.altinn.no/api/x/attachments/9".into(),
                name: "Vedtak".into(),
                file_name: "vedtak.pdf".into(),
                encrypted: false,
                signinglocked: false,
                signedbydefault: false,
                filesize: 1,
            }],
            ..Default::default()
        };
        let item = a2_item(Family::A2Correspondence, PID, &m);
        let d = dialog(map(&item, &register(), true)).dialog.dialog;
        let actions: Vec<(&str, HttpVerb)> = d.gui_actions.iter().map(|a| (a.action.as_str(), a.http_method)).collect();
        assert_eq!(actions, [("confirm", HttpVerb::Post), ("sign", HttpVerb::Post), ("pay", HttpVerb::Get)]);
        assert!(d.gui_actions[0].url.ends_with("/confirm"));
        assert_eq!(d.status, DialogStatus::RequiresAttention);
        assert_eq!(d.service_resource, "urn:altinn:resource:skd-a2-melding-2802-10793");
        assert_eq!(d.party, format!("urn:altinn:person:identifier-no:{PID}"));
        assert!(d.end_user_context.has(SystemLabel::MarkedAsUnopened), "Ulest stays unread");
        assert_eq!(d.system_label, SystemLabel::Default);
        assert_eq!(d.attachments.len(), 1);
        assert_eq!(d.attachments[0].expires_at, item.files_expire);
        assert_eq!(d.attachments[0].urls[0].url, "https://www.altinn.no/api/x/attachments/9");
        let summary = d.content.summary.unwrap();
        assert!(!format!("{summary:?}").contains('<'), "HTML is stripped: {summary:?}");
    }

    #[test]
    fn archived_and_deleted_correspondence_land_in_archive_and_bin() {
        for (status, label) in [("Arkivert", SystemLabel::Archive), ("Slettet", SystemLabel::Bin), ("Lest", SystemLabel::Default)] {
            let m = message(A2Type::Correspondence, status);
            let d = dialog(map(&a2_item(Family::A2Correspondence, PID, &m), &register(), false));
            assert_eq!(d.dialog.dialog.system_label, label, "{status}");
        }
    }

    #[test]
    fn the_same_item_gives_the_same_dialog_and_a_change_keeps_the_id_with_a_new_revision() {
        let m = message(A2Type::Correspondence, "Ulest");
        let item = a2_item(Family::A2Correspondence, PID, &m);
        let first = dialog(map(&item, &register(), true));
        assert_eq!(first, dialog(map(&item, &register(), true)));
        let changed = a2_item(Family::A2Correspondence, PID, &message(A2Type::Correspondence, "Lest"));
        let second = dialog(map(&changed, &register(), true));
        assert_eq!(first.dialog.dialog.id, second.dialog.dialog.id);
        assert_ne!(first.dialog.dialog.revision, second.dialog.dialog.revision);
        let parts = |d: &Migrated| d.dialog.dialog.activities.iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(parts(&first), parts(&second), "parts keep their ids");
    }

    #[test]
    fn what_cannot_be_mapped_waits_or_is_quarantined_with_a_reason_that_names_no_person() {
        let r = register();
        assert_eq!(
            map(&a2_item(Family::A2Form, ORG, &message(A2Type::FormTask, "Utfylling")), &r, true),
            Outcome::Waiting("form not archived yet")
        );
        let unknown = "01017012345";
        match map(&a2_item(Family::A2Correspondence, unknown, &message(A2Type::Correspondence, "Lest")), &r, true) {
            Outcome::Quarantined(q) => {
                assert!(matches!(q, Quarantine::UnknownPerson | Quarantine::BadOwner(_)), "{q:?}");
                assert!(!q.to_string().contains(unknown), "{q}");
            }
            other => panic!("{other:?}"),
        }
        let mut offset = message(A2Type::Correspondence, "Lest");
        offset.created_date = "2024-07-01T09:00:00Z".into();
        assert!(matches!(
            map(&a2_item(Family::A2Correspondence, PID, &offset), &r, true),
            Outcome::Quarantined(Quarantine::BadDate { field: "CreatedDate", .. })
        ));
        let mut agency = message(A2Type::Correspondence, "Lest");
        agency.service_owner = "Ukjent etat".into();
        assert_eq!(
            map(&a2_item(Family::A2Correspondence, PID, &agency), &r, true),
            Outcome::Quarantined(Quarantine::UnknownServiceOwner("Ukjent etat".into()))
        );
        let mut untitled = message(A2Type::Correspondence, "Lest");
        untitled.subject = " ".into();
        assert_eq!(map(&a2_item(Family::A2Correspondence, PID, &untitled), &r, true), Outcome::Quarantined(Quarantine::NoTitle));
        let broken = SourceItem { body: "{".into(), ..a2_item(Family::A2Correspondence, PID, &untitled) };
        assert!(matches!(map(&broken, &r, true), Outcome::Quarantined(Quarantine::Unreadable(_))));
    }

    fn instance(archived: bool, task: Option<&str>) -> Instance {
        Instance {
            id: "50001/0a6b3c1e-2f4d-4c5b-9a8e-7d6c5b4a3f21".into(),
            app_id: "skd/mva-melding".into(),
            org: "skd".into(),
            instance_owner: InstanceOwner { party_id: "50001".into(), person_number: None, organisation_number: Some(ORG.into()) },
            due_before: None,
            visible_after: None,
            process: ProcessState {
                started: None,
                current_task: task.map(|t| ProcessElement {
                    element_id: "Task_1".into(),
                    name: None,
                    altinn_task_type: Some(t.into()),
                    started: None,
                }),
                ended: None,
            },
            status: InstanceStatus { is_archived: archived, ..Default::default() },
            complete_confirmations: Vec::new(),
            data: Vec::new(),
            presentation_texts: Default::default(),
            data_values: Default::default(),
            created: "2025-02-03T10:00:00Z".into(),
            last_changed: "2025-02-04T10:00:00Z".into(),
        }
    }

    fn a3_item(i: &Instance) -> SourceItem {
        SourceItem {
            family: Family::A3Instance,
            key: i.id.clone(),
            owner: "50001".into(),
            created_at: utc("2025-02-03T10:00:00Z"),
            files_expire: None,
            seq: 1,
            body: serde_json::to_string(i).unwrap(),
        }
    }

    #[test]
    fn app_instances_get_the_adapters_status_first_match_wins() {
        let status = |i: &Instance| dialog(map(&a3_item(i), &register(), false)).dialog.dialog.status;
        let mut confirmed = instance(true, None);
        confirmed.data_values.insert("A2ArchRef".into(), "AR1".into());
        assert_eq!(status(&confirmed), DialogStatus::Completed);
        assert_eq!(status(&instance(true, None)), DialogStatus::Awaiting);
        assert_eq!(status(&instance(false, Some("reject"))), DialogStatus::RequiresAttention);
        assert_eq!(status(&instance(false, Some("feedback"))), DialogStatus::Awaiting);
        assert_eq!(status(&instance(false, Some("signing"))), DialogStatus::InProgress);
        assert_eq!(status(&instance(false, Some("confirmation"))), DialogStatus::InProgress);
        assert_eq!(status(&instance(false, Some("data"))), DialogStatus::Draft);
    }

    #[test]
    fn an_app_instance_keeps_its_guid_and_dates_and_is_archived_only_when_migrated() {
        let i = instance(true, None);
        let history = dialog(map(&a3_item(&i), &register(), true)).dialog.dialog;
        assert_eq!(history.system_label, SystemLabel::Archive);
        assert_eq!(
            dialog(map(&a3_item(&i), &register(), false)).dialog.dialog.system_label,
            SystemLabel::Default,
            "live archival adds no label"
        );
        assert_eq!(history.service_resource, "urn:altinn:resource:app_skd_mva-melding");
        assert_eq!(history.created_at, utc("2025-02-03T10:00:00Z"));
        assert_eq!(history.id.get_version_num(), 7);
        assert!(history.id.to_string().ends_with("-9a8e-7d6c5b4a3f21"), "the instance GUID's tail: {}", history.id);
        let mut lost = i.clone();
        lost.instance_owner.party_id = "77".into();
        assert_eq!(map(&a3_item(&lost), &register(), true), Outcome::Quarantined(Quarantine::UnknownPartyId("77".into())));
        let mut purged = i;
        purged.status.is_hard_deleted = true;
        assert_eq!(map(&a3_item(&purged), &register(), true), Outcome::Waiting("purged at source"));
    }
}
