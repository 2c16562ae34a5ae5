//! `/saved-searches`: the user's saved searches (kept on the server), grouped by whose dialogs they
//! search and showing their filters as the list's chips: open, rename, delete, and find one by name. Named ones come A–Z, unnamed ones newest first, as af.altinn.no lists them.

use dialogporten::{inbox::SavedSearch, Folder};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api::{self, ApiError},
    components::{
        breadcrumbs::{list_crumb, Breadcrumbs},
        error_view::ErrorView,
        flash::{Flash, FlashMessage},
        loaded::Loaded,
        page_title::PageTitle,
    },
    i18n::I18n,
    inbox::list_toolbar::active_filters,
    list_query::ListQuery,
    parties::account_menu::scope_name,
    party_scope::{PartyIndex, ScopeKey},
    resources::PartiesResource,
    session::SessionState,
    shell::Shell,
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

/// A saved search as it reads: its folder, then each filter as the list's chips name it, and
/// whose dialogs it searches.
struct Described {
    parts: Vec<String>,
    scope: ScopeKey,
}

impl Described {
    fn of(query: &str, i18n: I18n) -> Self {
        let (path, qs) = query.split_once('?').unwrap_or((query, ""));
        let folder = Folder::ALL.into_iter().find(|f| f.path() == path).unwrap_or(Folder::Inbox);
        let pairs: Vec<(String, String)> = qs
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), js_sys::decode_uri_component(v).ok().and_then(|s| s.as_string()).unwrap_or_default()))
            .collect();
        let q = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut parts = vec![i18n.t(crate::i18n::keys::folder(folder)).to_owned()];
        parts.extend(active_filters(&q, i18n, &[]).into_iter().map(|(text, _)| text));
        Self { parts, scope: q.scope }
    }

    fn text(&self) -> String {
        self.parts.join(" · ")
    }
}

/// Whose dialogs a saved search looks in, as the account menu names it (the person's own first).
fn group_name(scope: &ScopeKey, index: Option<&PartyIndex>, i18n: I18n) -> (bool, String) {
    let own = scope.party.is_none();
    let name = index.and_then(|ix| ix.resolve(scope).map(|s| scope_name(ix, &s, i18n))).unwrap_or_default();
    (!own, name)
}

#[component]
fn SavedSearches() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let list = LocalResource::new(move || {
        let logged_in = state.session.with(Option::is_some);
        async move {
            if !logged_in {
                return Err(ApiError::Unauthorized);
            }
            api::preferences::saved_searches().await
        }
    });
    view! {
        <PageTitle title=Signal::derive(move || i18n.t(k!("saved.title")).to_owned()) />
        <Breadcrumbs trail=vec![list_crumb()] here=Signal::derive(move || i18n.t(k!("saved.title")).to_owned()) />
        <h1 class="ds-heading" data-size="md">{move || i18n.t(k!("saved.title"))}</h1>
        <FlashMessage />
        <Loaded resource=list view=move |items| view! { <SavedList items=items /> } />
    }
}

#[component]
fn SavedList(items: Vec<SavedSearch>) -> impl IntoView {
    let i18n = I18n::get();
    let items = RwSignal::new(ordered(items));
    let filter = RwSignal::new(String::new());
    let parties = PartiesResource::get();
    // Grouped by whose dialogs they search, the person's own first; the order within a group kept.
    let groups = move || {
        let f = filter.get().to_lowercase();
        let index = parties.index();
        let mut groups: Vec<((bool, String), Vec<SavedSearch>)> = Vec::new();
        for s in items.get() {
            let described = Described::of(&s.query, i18n);
            if !(f.is_empty() || s.name.to_lowercase().contains(&f) || described.text().to_lowercase().contains(&f)) {
                continue;
            }
            let key = group_name(&described.scope, index.as_deref(), i18n);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(s),
                None => groups.push((key, vec![s])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        groups
    };
    view! {
        <Show when=move || items.with(|v| !v.is_empty()) fallback=move || view! { <p class="ds-paragraph empty">{move || i18n.t(k!("saved.empty"))}</p> }>
            <label class="saved-filter">
                <span>{move || i18n.t(k!("saved.find"))}</span>
                <input type="search" class="ds-input" data-size="sm" prop:value=move || filter.get() on:input:target=move |ev| filter.set(ev.target().value()) />
            </label>
            {move || {
                let many = groups().len() > 1;
                groups()
                    .into_iter()
                    .map(|((_, name), list)| view! {
                        <section class="saved-group">
                            {many.then(|| view! { <h2 class="ds-heading" data-size="xs">{name}</h2> })}
                            <ul class="saved-list ds-list--unstyled">
                                {list.into_iter().map(|search| view! { <SavedItem search=search items=items /> }).collect_view()}
                            </ul>
                        </section>
                    })
                    .collect_view()
            }}
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
    let id = search.id;
    let described = Described::of(&search.query, i18n);
    let title = if search.name.is_empty() { described.text() } else { search.name.clone() };
    let chips = described.parts;
    // Mutations as actions: each knows whether it is under way and how it ended.
    let renamer = Action::new_local(move |name: &String| {
        let name = name.clone();
        async move {
            let saved = api::preferences::rename_search(id, &name).await?;
            renaming.set(false);
            items.update(|v| {
                v.retain(|s| s.id != id);
                v.push(saved);
                *v = ordered(std::mem::take(v));
            });
            flash.say(k!("saved.renamed"));
            Ok::<_, ApiError>(())
        }
    });
    let remover = Action::new_local(move |_: &()| async move {
        api::preferences::delete_search(id).await?;
        items.update(|v| v.retain(|s| s.id != id));
        flash.say(k!("saved.deleted"));
        Ok::<_, ApiError>(())
    });
    let busy = move || renamer.pending().get() || remover.pending().get();
    let failure = move || renamer.value().get().and_then(Result::err).or_else(|| remover.value().get().and_then(Result::err));
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.logged_in() && !busy() {
            renamer.dispatch(name.get_untracked());
        }
    };
    let delete = move |_| {
        if state.logged_in() && !busy() {
            remover.dispatch(());
        }
    };
    let title_for_labels = title.clone();
    view! {
        <li class="saved-item">
            <A href=search.query.clone() attr:class="saved-open">
                <span class="ds-heading" data-size="2xs">{title.clone()}</span>
                <span class="saved-description">
                    {chips.into_iter().map(|c| view! { <span class="ds-tag" data-color="neutral" data-size="sm">{c}</span> }).collect_view()}
                </span>
            </A>
            <Show when=move || renaming.get()>
                <form class="saved-rename" on:submit=rename>
                    <label>
                        <span class="ds-sr-only">{move || i18n.t(k!("saved.name"))}</span>
                        <input class="ds-input" data-size="sm" maxlength="100" prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                    </label>
                    <button type="submit" class="ds-button" data-size="sm" aria-disabled=move || busy().to_string()>{move || i18n.t(k!("saved.save_name"))}</button>
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| renaming.set(false)>{move || i18n.t(k!("app.cancel"))}</button>
                </form>
            </Show>
            <div class="saved-actions">
                <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" aria-label=i18n.tf(k!("saved.rename_named"), &[("name", &title_for_labels)])
                    on:click=move |_| renaming.update(|r| *r = !*r)>{move || i18n.t(k!("saved.rename"))}</button>
                <Show when=move || confirming.get() fallback=move || view! {
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| confirming.set(true)>{move || i18n.t(k!("saved.delete"))}</button>
                }>
                    <button type="button" class="ds-button" data-color="danger" data-size="sm" aria-disabled=move || busy().to_string() on:click=delete>{move || i18n.t(k!("saved.delete_confirm"))}</button>
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| confirming.set(false)>{move || i18n.t(k!("app.cancel"))}</button>
                </Show>
            </div>
            {move || failure().map(|e| view! { <ErrorView error=e retry=move |_| {
                renamer.value().set(None);
                remover.value().set(None);
            } /> })}
        </li>
    }
}
