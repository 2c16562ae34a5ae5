use dialogporten::{SearchDialog, SystemLabel};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{
    dialog_log::{seen_by, seen_by_text},
    icon::{icon, Icon},
    sender_mark::sender_mark,
    status_tag::StatusTag,
};
use crate::{
    format,
    i18n::{I18n, Key},
    inbox::{
        due::{self, DueTone},
        highlight,
    },
    orgs,
};

/// One row of the dialog list: title, sender and to whom, summary, status, date; unread rows
/// stand out, and
/// what a free-text search (`search`) matched in the title and summary is marked.
/// Children (e.g. a selection checkbox) go before the link, `menu` after it.
#[component]
pub fn DialogItem(
    dialog: SearchDialog,
    party_name: Option<String>,
    #[prop(optional_no_strip)] search: Option<String>,
    #[prop(optional)] children: Option<Children>,
    /// After the link (so it comes after it in the tab order too): the item's own menu.
    #[prop(optional, into)]
    menu: Option<ViewFn>,
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
    // The sender is the content's sender name when the service owner gives one (af.altinn.no's rule).
    let from = move || {
        let named = text(|d| d.content.sender_name.as_ref());
        d.with_value(|d| orgs::sender(Some(&named), &d.org, i18n.lang.get().code()))
    };
    let org = d.with_value(|d| d.org.clone());
    let extended = move || Some(text(|d| d.content.extended_status.as_ref())).filter(|s| !s.is_empty());
    let updated = d.with_value(|d| d.content_updated_at);
    let status = d.with_value(|d| d.status);
    let due = d.with_value(|d| d.due_at).map(|due| {
        let now = format::now();
        let tone = DueTone::of(due, now, status);
        let key = due::label_key(due, now);
        view! {
            <span class="ds-tag due-tag" data-color=tone.color() data-size="sm" data-variant=(tone == DueTone::Settled).then_some("outline")>
                {icon(Icon::Deadline)}
                {move || i18n.tf(key, &[("date", &format::date(due, i18n.lang.get()))])}
            </span>
        }
    });
    let (attachments, received, sent) =
        d.with_value(|d| (d.gui_attachment_count.unwrap_or(0), d.from_service_owner_transmissions_count, d.from_party_transmissions_count));
    let count = move |key: Key, n: i32, glyph: Option<Icon>| {
        let n = usize::try_from(n).unwrap_or(0);
        (n > 0).then(|| view! { <span class="dialog-count">{glyph.map(icon)}{move || i18n.tn(key, n, &[])}</span> })
    };
    let seen_by = d.with_value(|d| seen_by(&d.seen_since_last_content_update));
    let folder_tag = folder_tag_key(d.with_value(|d| d.end_user_context.folder()));
    view! {
        <li class="dialog-item" class:unread=unread>
            {children.map(|c| c())}
            <A href=href attr:class="dialog-link">
                <span class="dialog-title ds-heading" data-size="2xs">
                    {unread.then(|| view! { <span class="ds-sr-only">{move || i18n.t(k!("inbox.unread"))} ": "</span> })}
                    {title}
                </span>
                <span class="dialog-sender">
                    {move || {
                        let (name, mark) = from();
                        (mark.map(|m| sender_mark(m, &org, "sm")), view! { <span class="sender-name">{name}</span> })
                    }}
                    {party_name.map(|n| view! { " " <span class="dialog-recipient">{move || i18n.tf(k!("item.to"), &[("name", &n)])}</span> })}
                </span>
                <span class="dialog-summary">{summary}</span>
                <span class="dialog-meta">
                    <StatusTag status=status />
                    {move || extended().map(|e| view! { <span class="ds-tag" data-color="neutral" data-size="sm" data-variant="outline">{e}</span> })}
                    {due}
                    {folder_tag.map(|key| view! { <span class="ds-tag" data-color="neutral" data-size="sm">{move || i18n.t(key)}</span> })}
                    <time datetime=format::iso(updated)>{move || format::date(updated, i18n.lang.get())}</time>
                </span>
                <span class="dialog-counts">
                    {count(k!("item.attachments"), attachments, Some(Icon::Attachment))}
                    {count(k!("item.received"), received, None)}
                    {count(k!("item.sent"), sent, None)}
                    {seen_by.map(|(you, others)| view! { <span class="dialog-seen">{move || seen_by_text(i18n, you, &others)}</span> })}
                </span>
            </A>
            {menu.map(|m| m.run())}
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
fn folder_tag_key(label: SystemLabel) -> Option<Key> {
    match label {
        SystemLabel::Archive => Some(k!("label.Archive")),
        SystemLabel::Bin => Some(k!("label.Bin")),
        _ => None,
    }
}
