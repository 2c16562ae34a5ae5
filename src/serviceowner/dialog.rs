use dialogporten::serviceowner::ServiceOwnerDialog;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

use crate::serviceowner::{manage::ManageDialog, OwnerShell};
use crate::{
    api::{self, ApiError},
    components::{
        dialog_log::{History, SeenBy},
        error_view::ErrorView,
        loaded::Loaded,
        status_tag::StatusTag,
    },
    format, history,
    i18n::{I18n, Key},
    session::SessionState,
};

#[component]
pub fn ServiceOwnerDialogPage() -> impl IntoView {
    view! { <OwnerShell><OwnerDialog /></OwnerShell> }
}

#[component]
fn OwnerDialog() -> impl IntoView {
    let state = SessionState::get();
    let params = use_params_map();
    let dialog = LocalResource::new(move || {
        let id = params.read().get("id").unwrap_or_default();
        let logged_in = state.logged_in();
        async move {
            if !logged_in {
                return Err(ApiError::Unauthorized);
            }
            api::serviceowner::get(&id).await
        }
    });
    view! { <Loaded resource=dialog view=move |d| view! { <OwnerDialogView dialog=d reload=Callback::new(move |_| dialog.refetch()) /> } /> }
}

#[component]
fn OwnerDialogView(dialog: ServiceOwnerDialog, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let prefs = i18n.lang.get_untracked().content_preference();
    let title = dialog.dialog.content.title.text(&prefs).unwrap_or_default().to_owned();
    let raw = serde_json::to_string_pretty(&dialog).unwrap_or_default();
    let id = dialog.dialog.id.to_string();
    let deleted = dialog.deleted_at.is_some();
    let (seen, timeline) = (dialog.dialog.seen_since_last_content_update.clone(), history::history(&dialog.dialog));
    let (id_for_manage, status, extended_status) = (id.clone(), dialog.dialog.status, dialog.dialog.extended_status.clone());
    let labels: Vec<String> = dialog.service_owner_context.service_owner_labels.iter().map(|l| l.value.clone()).collect();
    let (party, labels_for_manage) = (dialog.dialog.party.clone(), labels.clone());
    // What the recipient reads: summary, additional info, attachments and actions.
    let summary = dialog.dialog.content.summary.as_ref().and_then(|c| c.text(&prefs)).unwrap_or_default().to_owned();
    let additional = dialog.dialog.content.additional_info.as_ref().and_then(|c| c.text(&prefs)).unwrap_or_default().to_owned();
    let links: Vec<(String, String)> = dialog
        .dialog
        .attachments
        .iter()
        .flat_map(|a| {
            let name = format::localized(&a.display_name, i18n.lang.get_untracked());
            a.urls.iter().map(move |u| (if name.is_empty() { u.url.clone() } else { name.clone() }, u.url.clone()))
        })
        .chain(dialog.dialog.gui_actions.iter().map(|g| (format::localized(&g.title, i18n.lang.get_untracked()), g.url.clone())))
        .collect();
    let lang = i18n.lang.get_untracked();
    let facts: Vec<(Key, String)> = vec![
        (k!("so.fact.id"), id.clone()),
        (k!("so.fact.party"), crate::serviceowner::party_label(&dialog.dialog.party, i18n)),
        (k!("so.fact.resource"), dialog.dialog.service_resource.clone()),
        (k!("so.fact.revision"), dialog.dialog.revision.to_string()),
        (k!("so.fact.external_reference"), dialog.dialog.external_reference.clone().unwrap_or_default()),
        (k!("so.status.extended"), dialog.dialog.extended_status.clone().unwrap_or_default()),
        (k!("so.filter.process"), dialog.dialog.process.clone().unwrap_or_default()),
        (k!("dialog.due"), dialog.dialog.due_at.map(|t| format::date_time(t, lang)).unwrap_or_default()),
        (k!("so.fact.progress"), dialog.dialog.progress.map(|p| p.to_string()).unwrap_or_default()),
        (k!("so.fact.labels"), labels.join(", ")),
        (k!("so.fact.deleted"), dialog.deleted_at.map(|t| format::date_time(t, lang)).unwrap_or_default()),
    ];
    // Delete (false) or restore (true), one at a time.
    let change = {
        let id = id.clone();
        Action::new_local(move |restore: &bool| {
            let (id, restore) = (id.clone(), *restore);
            async move {
                let result = if restore { api::serviceowner::restore(&id).await } else { api::serviceowner::delete(&id).await };
                if result.is_ok() {
                    reload.run(());
                }
                result
            }
        })
    };
    let failure = move || change.value().get().and_then(Result::err);
    let act = move |restore: bool| state.dispatch_once(change, restore);
    view! {
        <article class="so-dialog">
            <A href="/serviceowner" attr:class="ds-link">{move || i18n.t(k!("dialog.back"))}</A>
            <h1 class="ds-heading" data-size="md">{title}</h1>
            <div class="dialog-tags"><StatusTag status=dialog.dialog.status /></div>
            <dl class="dialog-facts">
                {facts
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| view! { <dt>{move || i18n.t(k)}</dt> <dd class="mono">{v}</dd> })
                    .collect_view()}
            </dl>
            <div class="folder-actions">
                {if deleted {
                    view! { <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| act(true)>{move || i18n.t(k!("so.restore"))}</button> }.into_any()
                } else {
                    view! { <button type="button" class="ds-button" data-variant="secondary" data-color="danger" on:click=move |_| act(false)>{move || i18n.t(k!("so.delete"))}</button> }.into_any()
                }}
            </div>
            {move || failure().map(|e| view! { <ErrorView error=e retry=move |_| change.value().set(None) /> })}
            {(!summary.is_empty()).then(|| view! { <p class="ds-paragraph summary">{summary.clone()}</p> })}
            {(!additional.is_empty()).then(|| view! { <p class="ds-paragraph additional-info">{additional.clone()}</p> })}
            {(!links.is_empty()).then(|| view! {
                <ul class="so-links">
                    {links.into_iter().map(|(text, url)| view! { <li><span>{text}</span>" · "<span class="mono">{url}</span></li> }).collect_view()}
                </ul>
            })}
            <SeenBy seen=seen />
            <History items=timeline />
            {(!deleted).then(|| view! { <ManageDialog id=id_for_manage party=party status=status extended_status=extended_status labels=labels_for_manage reload=reload /> })}
            <details class="ds-details raw-json">
                <summary>{move || i18n.t(k!("so.raw"))}</summary>
                <pre tabindex="0">{raw}</pre>
            </details>
        </article>
    }
}
