//! The service-owner workspace: find and inspect the dialogs of your own services.

use dialogporten::{serviceowner::ServiceOwnerDialog, DialogStatus};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    components::{Redirect, A},
    hooks::{use_navigate, use_params_map, use_query_map},
};

use crate::{
    api::{self, ApiError},
    components::{
        error_view::{ErrorView, Loading},
        loaded::Loaded,
        header::LanguageSelect,
        page_title::PageTitle,
        status_tag::StatusTag,
    },
    format,
    i18n::I18n,
    orgs,
    session::SessionState,
};

/// Header and frame for service owners; anyone else is sent to log in.
#[component]
fn OwnerShell(children: ChildrenFn) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let navigate = use_navigate();
    let org = move || state.session.with(|s| s.as_ref().and_then(|s| s.org.clone()));
    let children = StoredValue::new(children);
    view! {
        <Show when=move || org().is_some() fallback=|| view! { <Redirect path="/login" /> }>
            <header class="app-header">
                <A href="/serviceowner" attr:class="brand">{move || i18n.t("so.title")}</A>
                <span class="party-select-label">{move || i18n.t("so.acting_as")}</span>
                <span class="user-name">{move || org().map(|o| orgs::name(&o, i18n.lang.get().code())).unwrap_or_default()}</span>
                <LanguageSelect />
                <button
                    type="button"
                    class="ds-button"
                    data-variant="tertiary"
                    data-size="sm"
                    on:click={
                        let navigate = navigate.clone();
                        move |_| {
                            state.log_out(false);
                            navigate("/login", Default::default());
                        }
                    }
                >
                    {move || i18n.t("header.logout")}
                </button>
            </header>
            <main id="main" class="content so-content" tabindex="-1">{children.with_value(|c| c())}</main>
        </Show>
    }
}

#[component]
pub fn ServiceOwnerHome() -> impl IntoView {
    view! { <OwnerShell><OwnerDialogs /></OwnerShell> }
}

#[component]
fn OwnerDialogs() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let query = use_query_map();
    let navigate = use_navigate();
    let params = Memo::new(move |_| {
        query.with(|q| {
            ["search", "status", "deleted", "party"]
                .into_iter()
                .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| (k, v)))
                .collect::<Vec<(&'static str, String)>>()
        })
    });
    let results = LocalResource::new(move || {
        let token = state.token();
        let p = params.get();
        async move {
            let token = token.ok_or(ApiError::Unauthorized)?;
            // Free text needs an end user upstream; here it narrows by external reference.
            let api_pairs: Vec<(&str, String)> =
                p.into_iter().map(|(k, v)| if k == "search" { ("externalReference", v) } else { (k, v) }).collect();
            api::serviceowner::search(&token, &api_pairs, None).await
        }
    });
    let reference = RwSignal::new(params.get_untracked().iter().find(|(k, _)| *k == "search").map(|(_, v)| v.clone()).unwrap_or_default());
    let status = RwSignal::new(params.get_untracked().iter().find(|(k, _)| *k == "status").map(|(_, v)| v.clone()).unwrap_or_default());
    let deleted = RwSignal::new(params.get_untracked().iter().find(|(k, _)| *k == "deleted").map(|(_, v)| v.clone()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pairs: Vec<String> = [("search", reference.get_untracked()), ("status", status.get_untracked()), ("deleted", deleted.get_untracked())]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(&v))))
            .collect();
        let q = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
        navigate(&format!("/serviceowner{q}"), Default::default());
    };
    view! {
        <PageTitle title=Signal::derive(move || i18n.t("so.dialogs").to_owned()) />
        <h1 class="ds-heading" data-size="md">{move || i18n.t("so.dialogs")}</h1>
        <form class="so-filters" role="search" on:submit=submit>
            <label class="ds-field">
                <span class="ds-label" data-size="sm">{move || i18n.t("so.external_reference")}</span>
                <input class="ds-input" type="search" prop:value=move || reference.get() on:input:target=move |ev| reference.set(ev.target().value()) />
            </label>
            <label class="ds-field">
                <span class="ds-label" data-size="sm">{move || i18n.t("filter.status")}</span>
                <select class="ds-input" on:change:target=move |ev| status.set(ev.target().value())>
                    <option value="" selected=move || status.get().is_empty()>{move || i18n.t("filter.status_all")}</option>
                    {DialogStatus::ALL
                        .iter()
                        .map(|s| {
                            let key = format!("status.{s}");
                            let v = s.as_str();
                            view! { <option value=v selected=move || status.get() == v>{move || i18n.t(&key)}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="ds-field">
                <span class="ds-label" data-size="sm">{move || i18n.t("so.deleted")}</span>
                <select class="ds-input" on:change:target=move |ev| deleted.set(ev.target().value())>
                    <option value="" selected=move || deleted.get().is_empty()>{move || i18n.t("so.deleted.exclude")}</option>
                    <option value="Include" selected=move || deleted.get() == "Include">{move || i18n.t("so.deleted.include")}</option>
                    <option value="Only" selected=move || deleted.get() == "Only">{move || i18n.t("so.deleted.only")}</option>
                </select>
            </label>
            <button type="submit" class="ds-button" data-variant="primary">{move || i18n.t("search.button")}</button>
        </form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => view! {
                        <table class="ds-table so-table">
                            <thead>
                                <tr>
                                    <th scope="col">{move || i18n.t("so.col.title")}</th>
                                    <th scope="col">{move || i18n.t("dialog.to")}</th>
                                    <th scope="col">{move || i18n.t("dialog.status")}</th>
                                    <th scope="col">{move || i18n.t("dialog.updated")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page
                                    .items
                                    .into_iter()
                                    .map(|d| {
                                        let prefs = i18n.lang.get_untracked().content_preference();
                                        let title = d.dialog.content.title.text(&prefs).unwrap_or_default().to_owned();
                                        let updated = d.dialog.updated_at;
                                        let deleted = d.deleted_at.is_some();
                                        view! {
                                            <tr class:deleted=deleted>
                                                <td><A href=format!("/serviceowner/dialogs/{}", d.dialog.id) attr:class="ds-link">{title}</A></td>
                                                <td class="party">{d.dialog.party.clone()}</td>
                                                <td><StatusTag status=d.dialog.status /></td>
                                                <td><time datetime=format::iso(updated)>{move || format::date(updated, i18n.lang.get())}</time></td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorView error=e retry=move |_| results.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

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
        let token = state.token();
        async move { api::serviceowner::get(&token.ok_or(ApiError::Unauthorized)?, &id).await }
    });
    view! { <Loaded resource=dialog view=move |d| view! { <OwnerDialogView dialog=d reload=Callback::new(move |_| dialog.refetch()) /> } /> }
}

#[component]
fn OwnerDialogView(dialog: ServiceOwnerDialog, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let failure = RwSignal::new(None::<ApiError>);
    let prefs = i18n.lang.get_untracked().content_preference();
    let title = dialog.dialog.content.title.text(&prefs).unwrap_or_default().to_owned();
    let raw = serde_json::to_string_pretty(&dialog).unwrap_or_default();
    let id = dialog.dialog.id.to_string();
    let deleted = dialog.deleted_at.is_some();
    let labels: Vec<String> = dialog.service_owner_context.service_owner_labels.iter().map(|l| l.value.clone()).collect();
    let facts: Vec<(&'static str, String)> = vec![
        ("so.fact.id", id.clone()),
        ("so.fact.party", dialog.dialog.party.clone()),
        ("so.fact.resource", dialog.dialog.service_resource.clone()),
        ("so.fact.revision", dialog.dialog.revision.to_string()),
        ("so.fact.external_reference", dialog.dialog.external_reference.clone().unwrap_or_default()),
        ("so.fact.progress", dialog.dialog.progress.map(|p| p.to_string()).unwrap_or_default()),
        ("so.fact.labels", labels.join(", ")),
        ("so.fact.deleted", dialog.deleted_at.map(|t| t.to_string()).unwrap_or_default()),
    ];
    let act = move |restore: bool| {
        let (id, Some(token)) = (id.clone(), state.token()) else { return };
        spawn_local(async move {
            let result = if restore { api::serviceowner::restore(&token, &id).await } else { api::serviceowner::delete(&token, &id).await };
            match result {
                Ok(()) => reload.run(()),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <article class="so-dialog">
            <A href="/serviceowner" attr:class="ds-link">{move || i18n.t("dialog.back")}</A>
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
                    let act = act.clone();
                    view! { <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| act(true)>{move || i18n.t("so.restore")}</button> }.into_any()
                } else {
                    let act = act.clone();
                    view! { <button type="button" class="ds-button" data-variant="secondary" data-color="danger" on:click=move |_| act(false)>{move || i18n.t("so.delete")}</button> }.into_any()
                }}
            </div>
            {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
            <details class="ds-details raw-json">
                <summary>{move || i18n.t("so.raw")}</summary>
                <pre tabindex="0">{raw}</pre>
            </details>
        </article>
    }
}
