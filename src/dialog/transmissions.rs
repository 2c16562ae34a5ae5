//! Transmissions as conversation threads (linked by `relatedTransmissionId`), newest thread
//! first: the first three threads, then "show all". Unread ones are marked; one the reader may
//! not see is shown without its content; a service-hosted body loads when it is opened.

use std::collections::HashMap;

use dialogporten::{ActorType, Transmission};
use leptos::prelude::*;

use crate::dialog::{attachments::AttachmentItem, main_content::Embed};
use crate::{format, i18n::I18n};

/// Threads first shown.
const FIRST_THREADS: usize = 3;

/// Groups transmissions into threads by following `relatedTransmissionId` to the first one;
/// threads and their items newest first.
pub fn threads(transmissions: Vec<Transmission>) -> Vec<Vec<Transmission>> {
    let parent: HashMap<uuid::Uuid, Option<uuid::Uuid>> = transmissions.iter().map(|t| (t.id, t.related_transmission_id)).collect();
    let root = |mut id: uuid::Uuid| {
        // Bounded, so a cycle in the data cannot hang the page.
        for _ in 0..parent.len() {
            match parent.get(&id).copied().flatten() {
                Some(p) if parent.contains_key(&p) => id = p,
                _ => break,
            }
        }
        id
    };
    let mut groups: Vec<(uuid::Uuid, Vec<Transmission>)> = Vec::new();
    for t in transmissions {
        let r = root(t.id);
        match groups.iter_mut().find(|(id, _)| *id == r) {
            Some((_, g)) => g.push(t),
            None => groups.push((r, vec![t])),
        }
    }
    let mut out: Vec<Vec<Transmission>> = groups.into_iter().map(|(_, g)| g).collect();
    for g in &mut out {
        g.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    }
    out.sort_by(|a, b| b[0].created_at.cmp(&a[0].created_at));
    out
}

#[component]
pub fn Transmissions(transmissions: Vec<Transmission>, token: Option<String>) -> impl IntoView {
    let i18n = I18n::get();
    let all = threads(transmissions);
    let total = all.len();
    let show_all = RwSignal::new(false);
    let token = StoredValue::new(token);
    let all = StoredValue::new(all);
    view! {
        <section class="transmissions" aria-labelledby="transmissions-heading">
            <h2 id="transmissions-heading" class="ds-heading" data-size="xs">{move || i18n.t(k!("dialog.transmissions"))}</h2>
            <ol class="ds-list--unstyled thread-list">
                {move || {
                    let limit = if show_all.get() { usize::MAX } else { FIRST_THREADS };
                    all.get_value()
                        .into_iter()
                        .take(limit)
                        .map(|thread| view! {
                            <li class="thread">
                                <ol class="ds-list--unstyled transmission-list">
                                    {thread.into_iter().map(|t| view! { <TransmissionItem transmission=t token=token.get_value() /> }).collect_view()}
                                </ol>
                            </li>
                        })
                        .collect_view()
                }}
            </ol>
            {(total > FIRST_THREADS).then(|| view! {
                <button type="button" class="ds-button" data-variant="tertiary" aria-expanded=move || show_all.get().to_string()
                    on:click=move |_| show_all.update(|s| *s = !*s)>
                    {move || if show_all.get() { i18n.t(k!("dialog.show_fewer")).to_owned() } else { i18n.tf(k!("dialog.show_all"), &[("count", &total.to_string())]) }}
                </button>
            })}
        </section>
    }
}

#[component]
fn TransmissionItem(transmission: Transmission, token: Option<String>) -> impl IntoView {
    let i18n = I18n::get();
    let lang = move || i18n.lang.get();
    let t = transmission;
    let title = t.content.title.value.clone();
    let summary = t.content.summary.clone().map(|s| s.value).unwrap_or_default();
    let who = t.sender.actor_name.clone();
    let created = t.created_at;
    let allowed = t.is_authorized != Some(false);
    let unread = allowed && !t.is_opened && t.sender.actor_type == ActorType::ServiceOwner;
    let reference = t.content.content_reference.clone().filter(|_| allowed);
    let attachments = if allowed { crate::dialog::attachments::for_people(t.attachments) } else { Vec::new() };
    let opened = RwSignal::new(false);
    view! {
        <li class="ds-card transmission" data-variant="tinted" data-unread=unread.then_some("true")>
            <h3 class="ds-heading" data-size="2xs">
                {move || format::localized(&title, lang())}
                {unread.then(|| view! { " " <span class="ds-tag" data-color="info" data-size="sm">{move || i18n.t(k!("inbox.unread"))}</span> })}
            </h3>
            {if allowed {
                view! { <p class="ds-paragraph" data-size="sm">{move || format::localized(&summary, lang())}</p> }.into_any()
            } else {
                view! { <p class="ds-paragraph transmission-forbidden" data-size="sm">{move || i18n.t(k!("dialog.transmission_forbidden"))}</p> }.into_any()
            }}
            <p class="transmission-meta" data-size="xs">
                {who.map(|w| view! { <span>{w}" · "</span> })}
                <time datetime=format::iso(created)>{move || format::date_time(created, lang())}</time>
            </p>
            {reference.map(|r| view! {
                <details class="transmission-content" on:toggle=move |_| opened.set(true)>
                    <summary>{move || i18n.t(k!("dialog.transmission_content"))}</summary>
                    {move || opened.get().then(|| view! { <Embed reference=r.clone() token=token.clone() forbidden_key={k!("dialog.content_forbidden")} /> })}
                </details>
            })}
            {(!attachments.is_empty()).then(|| view! {
                <ul class="ds-list--unstyled attachment-list">
                    {attachments.into_iter().map(|a| view! { <AttachmentItem attachment=a /> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::threads;

    fn t(id: u128, related: Option<u128>, at: i64) -> dialogporten::Transmission {
        serde_json::from_value(serde_json::json!({
            "id": uuid::Uuid::from_u128(id), "createdAt": dialogporten::UtcDateTime::from_unix_seconds(at).unwrap(),
            "relatedTransmissionId": related.map(uuid::Uuid::from_u128), "type": "Information",
            "sender": {"actorType": "ServiceOwner"}, "isOpened": false,
            "content": {"title": {"value": [{"languageCode": "nb", "value": "x"}], "mediaType": "text/plain"}}
        }))
        .unwrap()
    }

    #[test]
    fn threads_follow_related_ids_newest_first() {
        let groups = threads(vec![
            t(1, None, 10),
            t(2, Some(1), 20),
            t(3, None, 15),
            t(4, Some(2), 30),
            t(5, Some(99), 5),
            t(6, Some(7), 1),
            t(7, Some(6), 2),
        ]);
        let ids: Vec<Vec<u128>> = groups.iter().map(|g| g.iter().map(|t| t.id.as_u128()).collect()).collect();
        assert_eq!(ids[0], vec![4, 2, 1], "a reply chain is one thread, newest first");
        assert_eq!(ids[1], vec![3]);
        assert!(ids.contains(&vec![5]), "a missing parent starts its own thread");
        assert_eq!(ids.iter().map(Vec::len).sum::<usize>(), 7, "a cycle loses nothing");
    }
}
