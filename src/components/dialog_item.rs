use dialogporten::{SearchDialog, SystemLabel};
use leptos::prelude::*;
use leptos_router::components::A;

use super::status_tag::StatusTag;
use crate::{format, highlight, i18n::I18n, orgs};

/// One row of the dialog list: sender, title, summary, status, date; unread rows stand out, and
/// what a free-text search (`search`) matched in the title and summary is marked.
/// Children (e.g. a selection checkbox) go before the link.
#[component]
pub fn DialogItem(
    dialog: SearchDialog,
    party_name: Option<String>,
    #[prop(optional_no_strip)] search: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = I18n::get();
    let unread = !dialog.is_content_seen || dialog.end_user_context.has(SystemLabel::MarkedAsUnopened);
    let href = format!("/inbox/{}", dialog.id);
    let d = StoredValue::new(dialog);
    let text = move |f: fn(&SearchDialog) -> Option<&dialogporten::ContentValue>| {
        let prefs = i18n.lang.get().content_preference();
        d.with_value(|d| f(d).and_then(|c| c.text(&prefs)).unwrap_or_default().to_owned())
    };
    let search = StoredValue::new(search);
    let marked = move |t: String| search.with_value(|q| highlighted(&t, q.as_deref()));
    let title = move || marked(text(|d| Some(&d.content.title)));
    let summary = move || marked(text(|d| d.content.summary.as_ref()));
    let sender = move || d.with_value(|d| orgs::name(&d.org, i18n.lang.get().code()));
    let updated = d.with_value(|d| d.content_updated_at);
    let status = d.with_value(|d| d.status);
    let folder_tag = folder_tag_key(d.with_value(|d| d.end_user_context.folder()));
    view! {
        <li class="dialog-item" class:unread=unread>
            {children.map(|c| c())}
            <A href=href attr:class="dialog-link">
                <span class="dialog-sender">{sender}</span>
                {party_name.map(|n| view! { <span class="dialog-recipient">" → " {n}</span> })}
                <span class="dialog-title ds-heading" data-size="2xs">
                    {unread.then(|| view! { <span class="ds-sr-only">{move || i18n.t("inbox.unread")} ": "</span> })}
                    {title}
                </span>
                <span class="dialog-summary">{summary}</span>
                <span class="dialog-meta">
                    <StatusTag status=status />
                    {folder_tag.map(|key| view! { <span class="ds-tag" data-color="neutral" data-size="sm">{move || i18n.t(key)}</span> })}
                    <time datetime=format::iso(updated)>{move || format::date(updated, i18n.lang.get())}</time>
                </span>
            </A>
        </li>
    }
}

/// The text with the search's matches in `<mark>`; pieces are text nodes, never markup.
fn highlighted(text: &str, search: Option<&str>) -> impl IntoView {
    highlight::segments(text, search)
        .into_iter()
        .map(|(piece, matched)| if matched { view! { <mark>{piece}</mark> }.into_any() } else { piece.into_any() })
        .collect_view()
}

/// Archive and Bin are worth a tag where they show up outside their own folder (e.g. Sendt).
fn folder_tag_key(label: SystemLabel) -> Option<&'static str> {
    match label {
        SystemLabel::Archive => Some("label.Archive"),
        SystemLabel::Bin => Some("label.Bin"),
        _ => None,
    }
}
