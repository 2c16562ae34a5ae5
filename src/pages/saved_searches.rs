//! `/saved-searches`: the user's saved searches (kept on the server): open, rename, delete, and
//! find one by name. Named ones come A–Z, unnamed ones newest first, as af.altinn.no lists them.

use dialogporten::{inbox::SavedSearch, Folder};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::{
    api::{self, ApiError},
    components::{error_view::ErrorView, flash::Flash, flash::FlashMessage, loaded::Loaded, page_title::PageTitle, shell::Shell},
    i18n::I18n,
    list_query::ListQuery,
    session::SessionState,
};

#[component]
pub fn SavedSearchesPage() -> impl IntoView {
    view! { <Shell><SavedSearches /></Shell> }
}

/// Named A–Z (by the user's language's rules of thumb: case-insensitive), then unnamed, newest first.
pub fn ordered(mut list: Vec<SavedSearch>) -> Vec<SavedSearch> {
    list.sort_by(|a, b| match (a.name.is_empty(), b.name.is_empty()) {
        (false, false) => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        (true, true) => b.created_at.cmp(&a.created_at),
        (named, _) => named.cmp(&b.name.is_empty()),
    });
    list
}

/// What a saved search shows, in words: its folder, its search text and how many filters.
fn describe(query: &str, i18n: I18n) -> String {
    let (path, qs) = query.split_once('?').unwrap_or((query, ""));
    let folder = Folder::ALL.into_iter().find(|f| f.path() == path).unwrap_or(Folder::Inbox);
    let pairs: Vec<(String, String)> = qs
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), js_sys::decode_uri_component(v).ok().and_then(|s| s.as_string()).unwrap_or_default()))
        .collect();
    let q = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let mut parts = vec![i18n.t(folder.label_key()).to_owned()];
    if let Some(s) = &q.search {
        parts.push(format!("«{s}»"));
    }
    let filters = q.filter_count();
    if filters > 0 {
        parts.push(i18n.tf("saved.filters", &[("count", &filters.to_string())]));
    }
    parts.join(" · ")
}

#[component]
fn SavedSearches() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let list = LocalResource::new(move || {
        let token = state.session.with(|s| s.as_ref().map(|s| s.token.clone()));
        async move { api::preferences::saved_searches(&token.ok_or(ApiError::Unauthorized)?).await }
    });
    view! {
        <PageTitle title=Signal::derive(move || i18n.t("saved.title").to_owned()) />
        <h1 class="ds-heading" data-size="md">{move || i18n.t("saved.title")}</h1>
        <FlashMessage />
        <Loaded resource=list view=move |items| view! { <SavedList items=items /> } />
    }
}

#[component]
fn SavedList(items: Vec<SavedSearch>) -> impl IntoView {
    let i18n = I18n::get();
    let items = RwSignal::new(ordered(items));
    let filter = RwSignal::new(String::new());
    let shown = move || {
        let f = filter.get().to_lowercase();
        items
            .get()
            .into_iter()
            .filter(|s| f.is_empty() || s.name.to_lowercase().contains(&f) || describe(&s.query, i18n).to_lowercase().contains(&f))
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || items.with(|v| !v.is_empty()) fallback=move || view! { <p class="ds-paragraph empty">{move || i18n.t("saved.empty")}</p> }>
            <label class="saved-filter">
                <span>{move || i18n.t("saved.find")}</span>
                <input type="search" class="ds-input" data-size="sm" prop:value=move || filter.get() on:input:target=move |ev| filter.set(ev.target().value()) />
            </label>
            <ul class="saved-list ds-list--unstyled">
                <For each=shown key=|s| (s.id, s.name.clone()) let:search>
                    <SavedItem search=search items=items />
                </For>
            </ul>
        </Show>
    }
}

#[component]
fn SavedItem(search: SavedSearch, items: RwSignal<Vec<SavedSearch>>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let flash = Flash::get();
    let renaming = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let name = RwSignal::new(search.name.clone());
    let failure = RwSignal::new(None::<ApiError>);
    let id = search.id;
    let description = describe(&search.query, i18n);
    let title = if search.name.is_empty() { description.clone() } else { search.name.clone() };
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = state.token() else { return };
        spawn_local(async move {
            match api::preferences::rename_search(&token, id, &name.get_untracked()).await {
                Ok(saved) => {
                    renaming.set(false);
                    items.update(|v| {
                        v.retain(|s| s.id != id);
                        v.push(saved);
                        *v = ordered(std::mem::take(v));
                    });
                    flash.say("saved.renamed");
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let delete = move |_| {
        let Some(token) = state.token() else { return };
        spawn_local(async move {
            match api::preferences::delete_search(&token, id).await {
                Ok(()) => {
                    items.update(|v| v.retain(|s| s.id != id));
                    flash.say("saved.deleted");
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let title_for_labels = title.clone();
    view! {
        <li class="saved-item">
            <A href=search.query.clone() attr:class="saved-open">
                <span class="ds-heading" data-size="2xs">{title.clone()}</span>
                <span class="saved-description">{description}</span>
            </A>
            <Show when=move || renaming.get()>
                <form class="saved-rename" on:submit=rename>
                    <label>
                        <span class="ds-sr-only">{move || i18n.t("saved.name")}</span>
                        <input class="ds-input" data-size="sm" maxlength="100" prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                    </label>
                    <button type="submit" class="ds-button" data-size="sm">{move || i18n.t("saved.save_name")}</button>
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| renaming.set(false)>{move || i18n.t("app.cancel")}</button>
                </form>
            </Show>
            <div class="saved-actions">
                <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" aria-label=i18n.tf("saved.rename_named", &[("name", &title_for_labels)])
                    on:click=move |_| renaming.update(|r| *r = !*r)>{move || i18n.t("saved.rename")}</button>
                <Show when=move || confirming.get() fallback=move || view! {
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| confirming.set(true)>{move || i18n.t("saved.delete")}</button>
                }>
                    <button type="button" class="ds-button" data-color="danger" data-size="sm" on:click=delete>{move || i18n.t("saved.delete_confirm")}</button>
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| confirming.set(false)>{move || i18n.t("app.cancel")}</button>
                </Show>
            </div>
            {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
        </li>
    }
}
