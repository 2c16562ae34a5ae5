use dialogporten::{Attachment, Dialog, GuiActionPriority, HttpVerb, SystemLabel, Transmission};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
};

use crate::{
    api::{self, ApiError},
    components::{
        error_view::ErrorView,
        loaded::Loaded,
        flash::Flash,
        page_title::PageTitle,
        shell::{party_name, Shell},
        dialog_log::{History, SeenBy},
        status_tag::StatusTag,
    },
    format, history,
    live::Live,
    moves::{self, Move},
    i18n::I18n,
    orgs,
    resources::{CountersResource, PartiesResource},
    session::SessionState,
};

/// A dialog in full: header facts, summary, attachments, GUI actions and the transmissions.
#[component]
pub fn DialogPage() -> impl IntoView {
    view! { <Shell><DialogDetails /></Shell> }
}

#[component]
fn DialogDetails() -> impl IntoView {
    let state = SessionState::get();
    let params = use_params_map();
    let dialog = LocalResource::new(move || {
        let id = params.read().get("id").unwrap_or_default();
        let token = state.token();
        async move { api::dialogs::get(&token.ok_or(ApiError::Unauthorized)?, &id).await }
    });
    // A change by the service owner (or in another tab) shows without reload.
    Live::get().on_notice(move |changed| {
        let open = params.with_untracked(|p| p.get("id")).and_then(|id| uuid::Uuid::parse_str(&id).ok());
        if changed.is_none() || changed == open {
            dialog.refetch();
        }
    });
    view! { <Loaded resource=dialog view=|d| view! { <DialogView dialog=d /> } /> }
}


#[component]
fn DialogView(dialog: Dialog) -> impl IntoView {
    let i18n = I18n::get();
    let parties = PartiesResource::get();
    let d = StoredValue::new(dialog);
    let lang = move || i18n.lang.get();
    let content = move |f: fn(&Dialog) -> Option<&dialogporten::ContentValue>| {
        d.with_value(|d| f(d).map(|c| format::localized(&c.value, lang())).unwrap_or_default())
    };
    let title = move || content(|d| Some(&d.content.title));
    let summary = move || content(|d| d.content.summary.as_ref());
    let additional = move || content(|d| d.content.additional_info.as_ref());
    let sender = move || d.with_value(|d| orgs::name(&d.org, lang().code()));
    let recipient = move || {
        let urn = d.with_value(|d| d.party.clone());
        parties.0.get().and_then(|r| r.ok()).and_then(|p| party_name(&p.authorized_parties, &urn)).unwrap_or(urn)
    };
    let (status, updated, created, due, folder) =
        d.with_value(|d| (d.status, d.content_updated_at, d.created_at, d.due_at, d.end_user_context.folder()));
    let attachments = d.with_value(|d| d.attachments.clone());
    let transmissions = d.with_value(|d| d.transmissions.clone());
    let actions = d.with_value(|d| {
        let mut a = d.gui_actions.clone();
        a.sort_by_key(|a| a.priority as u8);
        a
    });
    view! {
        <article class="dialog-details">
            <A href="/" attr:class="ds-link back-link">{move || i18n.t("dialog.back")}</A>
            <PageTitle title=Signal::derive(title) />
            <h1 class="ds-heading" data-size="md">{title}</h1>
            <div class="dialog-tags">
                <StatusTag status=status />
                {(folder != SystemLabel::Default).then(|| {
                    let key = if folder == SystemLabel::Archive { "label.Archive" } else { "label.Bin" };
                    view! { <span class="ds-tag" data-color="neutral" data-size="sm">{move || i18n.t(key)}</span> }
                })}
            </div>
            <FolderActions id=d.with_value(|d| d.id.to_string()) folder=folder />
            <dl class="dialog-facts">
                <dt>{move || i18n.t("dialog.from")}</dt>
                <dd>{sender}</dd>
                <dt>{move || i18n.t("dialog.to")}</dt>
                <dd>{recipient}</dd>
                <dt>{move || i18n.t("dialog.updated")}</dt>
                <dd><time datetime=format::iso(updated)>{move || format::date_time(updated, lang())}</time></dd>
                <dt>{move || i18n.t("dialog.created")}</dt>
                <dd><time datetime=format::iso(created)>{move || format::date(created, lang())}</time></dd>
                {due.map(|due| view! {
                    <dt>{move || i18n.t("dialog.due")}</dt>
                    <dd><time datetime=format::iso(due)>{move || format::date(due, lang())}</time></dd>
                })}
            </dl>
            <p class="ds-paragraph dialog-summary-text">{summary}</p>
            <Show when=move || !additional().is_empty()>
                <p class="ds-paragraph">{additional}</p>
            </Show>
            {(!actions.is_empty()).then(|| view! {
                <section class="dialog-actions" aria-label=move || i18n.t("dialog.actions")>
                    {actions
                        .into_iter()
                        .filter(|a| a.http_method == HttpVerb::Get && a.is_authorized)
                        .map(|a| {
                            let variant = match a.priority {
                                GuiActionPriority::Primary => "primary",
                                GuiActionPriority::Secondary => "secondary",
                                GuiActionPriority::Tertiary => "tertiary",
                            };
                            let title = a.title.clone();
                            view! { <a class="ds-button" data-variant=variant href=a.url.clone() rel="noopener noreferrer">{move || format::localized(&title, lang())}</a> }
                        })
                        .collect_view()}
                </section>
            })}
            <section class="attachments" aria-labelledby="attachments-heading">
                <h2 id="attachments-heading" class="ds-heading" data-size="xs">{move || i18n.t("dialog.attachments")}</h2>
                {if attachments.is_empty() {
                    view! { <p class="ds-paragraph" data-size="sm">{move || i18n.t("dialog.no_attachments")}</p> }.into_any()
                } else {
                    view! { <ul class="ds-list--unstyled attachment-list">{attachments.into_iter().map(attachment_item).collect_view()}</ul> }.into_any()
                }}
            </section>
            {(!transmissions.is_empty()).then(|| view! {
                <section class="transmissions" aria-labelledby="transmissions-heading">
                    <h2 id="transmissions-heading" class="ds-heading" data-size="xs">{move || i18n.t("dialog.transmissions")}</h2>
                    <ol class="ds-list--unstyled transmission-list">{transmissions.into_iter().map(transmission_item).collect_view()}</ol>
                </section>
            })}
            <SeenBy seen=d.with_value(|d| d.seen_since_last_content_update.clone()) />
            <History items=d.with_value(history::history) />
        </article>
    }
}

fn attachment_item(a: Attachment) -> impl IntoView {
    let i18n = I18n::get();
    let lang = move || i18n.lang.get();
    let name = a.display_name.clone();
    let fallback = a.name.clone().unwrap_or_default();
    let label = move || Some(format::localized(&name, lang())).filter(|s| !s.is_empty()).unwrap_or_else(|| fallback.clone());
    let expired = a.expires_at.is_some_and(|e| e < crate::format::now()) || a.urls.iter().any(|u| u.url == "urn:dialogporten:expired");
    let url = a.urls.iter().find(|u| u.consumer_type == dialogporten::AttachmentUrlConsumerType::Gui).map(|u| u.url.clone());
    match (url.filter(|u| u.starts_with("https://") || u.starts_with("http://")), expired) {
        (Some(href), false) => view! { <li><a class="ds-link" href=href rel="noopener noreferrer">{label}</a></li> }.into_any(),
        _ => view! {
            <li class="attachment-disabled">
                <span>{label}</span>
                " "
                <span class="ds-tag" data-color="neutral" data-size="sm">{move || i18n.t("dialog.expired")}</span>
            </li>
        }
        .into_any(),
    }
}

fn transmission_item(t: Transmission) -> impl IntoView {
    let i18n = I18n::get();
    let lang = move || i18n.lang.get();
    let title = t.content.title.value.clone();
    let summary = t.content.summary.map(|s| s.value).unwrap_or_default();
    let who = t.sender.actor_name.clone();
    let created = t.created_at;
    let attachments = t.attachments;
    view! {
        <li class="ds-card transmission" data-variant="tinted">
            <h3 class="ds-heading" data-size="2xs">{move || format::localized(&title, lang())}</h3>
            <p class="ds-paragraph" data-size="sm">{move || format::localized(&summary, lang())}</p>
            <p class="transmission-meta" data-size="xs">
                {who.map(|w| view! { <span>{w}" · "</span> })}
                <time datetime=format::iso(created)>{move || format::date_time(created, lang())}</time>
            </p>
            {(!attachments.is_empty()).then(|| view! {
                <ul class="ds-list--unstyled attachment-list">{attachments.into_iter().map(attachment_item).collect_view()}</ul>
            })}
        </li>
    }
}

/// Archive, bin, restore and mark-unread for the open dialog; back to the list with a confirmation.
#[component]
fn FolderActions(id: String, folder: SystemLabel) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let flash = Flash::get();
    let counters = CountersResource::get();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let moves = moves::for_folder(folder);
    let run = move |m: &'static Move| {
        let (id, navigate) = (id.clone(), navigate.clone());
        let Some(token) = state.token() else { return };
        busy.set(true);
        spawn_local(async move {
            match api::dialogs::set_labels(&token, &id, m.add, m.remove).await {
                Ok(()) => {
                    counters.reload();
                    flash.say(m.done);
                    navigate("/", Default::default());
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="folder-actions">
            {moves
                .iter()
                .map(|m| {
                    let run = run.clone();
                    let m: &'static Move = m;
                    view! {
                        <button type="button" class="ds-button" data-variant="secondary" data-size="sm" disabled=move || busy.get() on:click=move |_| run(m)>
                            {move || i18n.t(m.label)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
    }
}
