//! An end user's view of a stored dialog: per-user seen state and the search-row shape.

use dialogporten::{
    Activity, Actor, ActorType, AttachmentUrlConsumerType, Dialog, SearchDialog, SearchDialogContent, SystemLabel, UtcDateTime, EXPIRED_URL,
};

use super::authorization::{self, Access, Mask};
use crate::store::SeenEntry;

/// The end user's view of the stored aggregate: what only the service owner sees is left out.
pub fn end_user(stored: dialogporten::serviceowner::ServiceOwnerDialog) -> Dialog {
    let mut d = stored.dialog;
    d.content.non_sensitive_title = None;
    d.content.non_sensitive_summary = None;
    for t in &mut d.transmissions {
        t.idempotent_key = None;
        mask_actor(&mut t.sender);
    }
    d.activities.iter_mut().for_each(|a| mask_actor(&mut a.performed_by));
    d.dialog_token = None;
    d
}

/// What one end user gets of the stored dialog: `isAuthorized` for the role and rights they hold, and
/// URLs they may not use masked (unauthorized ones, and expired attachments and links).
pub fn for_reader(stored: dialogporten::serviceowner::ServiceOwnerDialog, access: &Access, now: UtcDateTime) -> Dialog {
    let mut d = end_user(stored);
    authorization::authorize(&mut d, access, Mask::Urls);
    mask_expired(&mut d, now);
    d
}

fn mask_expired(d: &mut Dialog, now: UtcDateTime) {
    let expired = |at: Option<UtcDateTime>| at.is_some_and(|t| t <= now);
    let attachments = d.attachments.iter_mut().chain(d.transmissions.iter_mut().flat_map(|t| t.attachments.iter_mut()));
    for a in attachments.filter(|a| expired(a.expires_at)) {
        a.urls.iter_mut().for_each(|u| u.url = EXPIRED_URL.to_owned());
    }
    for n in d.transmissions.iter_mut().flat_map(|t| t.navigational_actions.iter_mut()).filter(|n| expired(n.expires_at)) {
        n.url = EXPIRED_URL.to_owned();
    }
}

/// Root-relative URLs in a stored dialog point at this server (the demo services; the API
/// itself only accepts https URLs), and are answered absolute, on the origin the client used.
pub fn own_urls_absolute(d: &mut Dialog, origin: &str) {
    let fix = |url: &mut String| {
        if url.starts_with('/') && !url.starts_with("//") {
            *url = format!("{origin}{url}");
        }
    };
    d.gui_actions.iter_mut().for_each(|a| fix(&mut a.url));
    d.api_actions.iter_mut().flat_map(|a| a.endpoints.iter_mut()).for_each(|e| fix(&mut e.url));
    d.attachments.iter_mut().flat_map(|a| a.urls.iter_mut()).for_each(|u| fix(&mut u.url));
    let references =
        d.content.main_content_reference.iter_mut().chain(d.transmissions.iter_mut().filter_map(|t| t.content.content_reference.as_mut()));
    references.flat_map(|r| r.value.iter_mut()).for_each(|l| fix(&mut l.value));
}

/// Fills in what depends on who is reading: `isContentSeen` is "seen since the content last
/// changed, and not marked as unopened" (`hasUnopenedContent` is about transmissions and is
/// derived when the dialog changes).
pub fn personalise(mut dialog: Dialog, content_seen_by_user: bool) -> Dialog {
    dialog.is_content_seen = content_seen_by_user && !dialog.end_user_context.has(SystemLabel::MarkedAsUnopened);
    dialog.system_label = dialog.end_user_context.folder();
    dialog
}

/// Who reads seen logs: end users see only their own identifier; service owners see all, and
/// when they read on an end user's behalf that user's entries are the current end user's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SeenBy<'a> {
    EndUser(&'a str),
    ServiceOwner,
    ServiceOwnerFor(&'a str),
}

/// Seen-log entries (newest first) as the API shows them: the latest per person, the reader's
/// own marked as the current end user, and for end users every person's identifier masked.
pub fn seen_logs<'a>(entries: impl IntoIterator<Item = &'a SeenEntry>, reader: SeenBy) -> Vec<dialogporten::SeenLog> {
    let mut seen_people = std::collections::HashSet::new();
    entries
        .into_iter()
        .filter(|e| seen_people.insert(e.seen_by.as_str()))
        .map(|e| {
            let is_me = match reader {
                SeenBy::EndUser(me) | SeenBy::ServiceOwnerFor(me) => me == e.seen_by,
                SeenBy::ServiceOwner => false,
            };
            let shown_id = match reader {
                SeenBy::EndUser(_) => mask(&e.seen_by),
                _ => e.seen_by.clone(),
            };
            let actor = Actor { actor_type: ActorType::PartyRepresentative, actor_id: Some(shown_id), actor_name: e.name.clone() };
            e.to_wire(actor, is_me)
        })
        .collect()
}

/// A person's identifier as end users see other people's, and their own, in logs: as
/// Dialogporten's `IdentifierMasker`, `urn:altinn:person:identifier-ephemeral:` and the first five
/// bytes of SHA-256(identifier ‖ salt) in hex. The salt is drawn once per process, so the ids are
/// stable while it runs and mean nothing elsewhere. Organisations, system users and service
/// owners are shown as they are.
pub fn mask(actor_id: &str) -> String {
    use sha2::{Digest, Sha256};
    static SALT: std::sync::OnceLock<[u8; 16]> = std::sync::OnceLock::new();
    if !actor_id.starts_with(PERSON_PREFIX) {
        return actor_id.to_owned();
    }
    let salt = SALT.get_or_init(|| {
        let mut salt = [0u8; 16];
        // Without randomness a fixed salt still hides the digits from readers of the API.
        let _ = getrandom::getrandom(&mut salt);
        salt
    });
    let digest = Sha256::new().chain_update(actor_id.as_bytes()).chain_update(salt).finalize();
    let hex: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    format!("urn:altinn:person:identifier-ephemeral:{hex}")
}

const PERSON_PREFIX: &str = "urn:altinn:person:identifier-no";

/// [`mask`] on an actor, in place.
pub fn mask_actor(actor: &mut Actor) {
    if let Some(id) = actor.actor_id.as_mut() {
        *id = mask(id);
    }
}

fn latest_activity(d: &Dialog) -> Option<Activity> {
    d.activities.iter().max_by_key(|a| a.created_at).cloned()
}

/// The search row for a (personalised) dialog.
pub fn to_search(d: &Dialog) -> SearchDialog {
    let gui_attachments = d.attachments.iter().filter(|a| a.urls.iter().any(|u| u.consumer_type == AttachmentUrlConsumerType::Gui)).count();
    SearchDialog {
        id: d.id,
        org: d.org.clone(),
        service_resource: d.service_resource.clone(),
        service_resource_type: d.service_resource_type.clone(),
        party: d.party.clone(),
        progress: d.progress,
        process: d.process.clone(),
        preceding_process: d.preceding_process.clone(),
        gui_attachment_count: Some(i32::try_from(gui_attachments).unwrap_or(i32::MAX)),
        extended_status: d.extended_status.clone(),
        external_reference: d.external_reference.clone(),
        created_at: d.created_at,
        updated_at: d.updated_at,
        content_updated_at: d.content_updated_at,
        due_at: d.due_at,
        status: d.status,
        system_label: d.end_user_context.folder(),
        is_api_only: d.is_api_only,
        has_unopened_content: d.has_unopened_content,
        is_content_seen: d.is_content_seen,
        from_service_owner_transmissions_count: d.from_service_owner_transmissions_count,
        from_party_transmissions_count: d.from_party_transmissions_count,
        latest_activity: latest_activity(d),
        content: SearchDialogContent {
            title: d.content.title.clone(),
            summary: d.content.summary.clone(),
            sender_name: d.content.sender_name.clone(),
            extended_status: d.content.extended_status.clone(),
            non_sensitive_title: None,
            non_sensitive_summary: None,
        },
        end_user_context: d.end_user_context.clone(),
        seen_since_last_update: d.seen_since_last_update.clone(),
        seen_since_last_content_update: d.seen_since_last_content_update.clone(),
    }
}
