//! A dialog's logs, as the citizen and the service owner both see them: who has seen it, and
//! activities and transmissions as one timeline.

use leptos::prelude::*;

use crate::{
    format, history,
    i18n::{keys, I18n},
};

/// Who has opened the dialog since it last changed; the reader is "you".
#[component]
pub fn SeenBy(seen: Vec<dialogporten::SeenLog>) -> impl IntoView {
    let i18n = I18n::get();
    let lang = move || i18n.lang.get();
    view! {
        <section class="seen-by" aria-labelledby="seen-by-heading">
            <h2 id="seen-by-heading" class="ds-heading" data-size="xs">{move || i18n.t(k!("dialog.seen_by"))}</h2>
            {if seen.is_empty() {
                view! { <p class="ds-paragraph" data-size="sm">{move || i18n.t(k!("dialog.not_seen"))}</p> }.into_any()
            } else {
                view! {
                    <ul class="ds-list--unstyled seen-list">
                        {seen
                            .into_iter()
                            .map(|s| {
                                let at = s.seen_at;
                                let name = s.seen_by.actor_name.clone().unwrap_or_default();
                                let me = s.is_current_end_user;
                                view! {
                                    <li>
                                        <span class="seen-name">{move || if me { i18n.t(k!("dialog.seen_by_you")).to_owned() } else { name.clone() }}</span>
                                        " · "
                                        <time datetime=format::iso(at)>{move || format::date_time(at, lang())}</time>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// Activities and messages in one timeline, newest first, each with its own text.
#[component]
pub fn History(items: Vec<history::HistoryItem>) -> impl IntoView {
    let i18n = I18n::get();
    let lang = move || i18n.lang.get();
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading" class="ds-heading" data-size="xs">{move || i18n.t(k!("dialog.history"))}</h2>
            <ol class="ds-list--unstyled history-list">
                {items
                    .into_iter()
                    .map(|item| {
                        let at = item.at;
                        let what = item.what.clone();
                        let label = move || match &what {
                            history::What::Activity(kind, description) => {
                                let base = i18n.t(keys::activity(*kind)).to_owned();
                                let extra = format::localized(description, lang());
                                if extra.is_empty() { base } else { format!("{base}: {extra}") }
                            }
                            history::What::Transmission(title) => i18n.tf(k!("dialog.sent_message"), &[("title", &format::localized(title, lang()))]),
                        };
                        let by = item.by.clone();
                        let by_text = move || match &by {
                            Some(name) => i18n.tf(k!("dialog.by"), &[("name", name)]),
                            None => i18n.tf(k!("dialog.by"), &[("name", i18n.t(k!("dialog.service_owner")))]),
                        };
                        view! {
                            <li class="history-item">
                                <span class="history-what">{label}</span>
                                " "
                                <span class="history-by">{by_text}</span>
                                " · "
                                <time datetime=format::iso(at)>{move || format::date_time(at, lang())}</time>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// Whether the reader has seen the latest content, and the names of the others who have.
pub fn seen_by(log: &[dialogporten::SeenLog]) -> Option<(bool, Vec<String>)> {
    let you = log.iter().any(|s| s.is_current_end_user);
    let others: Vec<String> =
        log.iter().filter(|s| !s.is_current_end_user).map(|s| s.seen_by.actor_name.clone().unwrap_or_default()).collect();
    (you || !others.is_empty()).then_some((you, others))
}

/// Named when one other has seen it, counted when more have (so no "1 others").
pub fn seen_by_text(i18n: I18n, you: bool, others: &[String]) -> String {
    let n = others.len().to_string();
    match (you, others) {
        (true, []) => i18n.t(k!("item.seen_you")).to_owned(),
        (true, [name]) => i18n.tf(k!("item.seen_you_and_name"), &[("name", name)]),
        (true, _) => i18n.tf(k!("item.seen_you_and"), &[("count", &n)]),
        (false, [name]) => i18n.tf(k!("item.seen_name"), &[("name", name)]),
        (false, _) => i18n.tf(k!("item.seen_others"), &[("count", &n)]),
    }
}
