use dialogporten::{Day, Folder};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    components::icon::{icon, Icon},
    inbox::{
        filter_menu::{AddFilter, FilterTarget},
        list_actions::SaveSearch,
    },
    parties::party_nav::list_href,
};
use crate::{
    i18n::{keys, I18n},
    list_query::{phrase, toggle, ListQuery, Period, Sort, MIN_SEARCH},
    orgs,
    services::{self, Service},
};

/// Search, "Legg til filter", sort and the active filters as chips, for a folder's list. Every
/// change becomes a new URL, so the browser's back button, reload and bookmarks keep the view.
#[component]
pub fn ListToolbar(query: Memo<ListQuery>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let go = Callback::new(move |q: ListQuery| navigate(&list_href(folder, &q), Default::default()));
    let search_text = RwSignal::new(query.get_untracked().search.unwrap_or_default());
    let too_short = RwSignal::new(false);
    Effect::new(move |_| search_text.set(query.get().search.unwrap_or_default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = phrase(&search_text.get_untracked());
        let short = !text.is_empty() && text.chars().count() < MIN_SEARCH;
        too_short.set(short);
        if !short {
            let mut q = query.get_untracked();
            q.search = Some(text).filter(|t| !t.is_empty());
            go.run(q);
        }
    };
    // The service names load when the service filter is first used or shown in a chip.
    let services_wanted = RwSignal::new(false);
    Effect::new(move |_| {
        if query.with(|q| !q.services.is_empty()) {
            services_wanted.set(true);
        }
    });
    let services = services::catalogue(services_wanted.into());
    // The menu reads plain signals: a resource read under its chunk's `Suspense` would suspend it.
    let services_known = RwSignal::new(Vec::new());
    Effect::new(move |_| services_known.set(services.get()));
    let outside = StoredValue::new(Owner::current().unwrap_or_else(|| Owner::new_root(None)));
    let target = FilterTarget { query, folder, go, services: services_known.into(), services_wanted, outside };
    view! {
        <div class="list-toolbar">
            <div class="toolbar-row">
                <form class="search-form" role="search" on:submit=submit>
                    <label class="ds-sr-only" for="list-search">{move || i18n.t(k!("search.label"))}</label>
                    <span class="search-field">
                        {icon(Icon::Search)}
                        <input
                            id="list-search"
                            class="ds-input"
                            data-size="sm"
                            type="search"
                            placeholder=move || i18n.t(k!("search.placeholder"))
                            aria-describedby="list-search-hint"
                            prop:value=move || search_text.get()
                            on:input:target=move |ev| search_text.set(ev.target().value())
                        />
                    </span>
                    <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">{move || i18n.t(k!("search.button"))}</button>
                </form>
                <AddFilter target=target />
                <label class="sort-select">
                    <span>{move || i18n.t(k!("sort.label"))}</span>
                    <select class="ds-input" data-size="sm" on:change:target=move |ev| {
                        let id = ev.target().value();
                        let mut q = query.get_untracked();
                        q.sort = Sort::ALL.into_iter().find(|s| s.id() == id).unwrap_or_default();
                        go.run(q);
                    }>
                        {Sort::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.id() selected=move || query.get().sort == s>{move || i18n.t(s.label_key())}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <p id="list-search-hint" class="ds-validation-message" data-color="danger" aria-live="polite">
                {move || too_short.get().then(|| i18n.t(k!("search.too_short")))}
            </p>
            <FilterChips query=query go=go services=services folder=folder />
        </div>
    }
}

/// Every active filter of `q` in words, each with the query without it (what removing it opens):
/// the list's chips, and what a saved search shows of itself.
pub fn active_filters(q: &ListQuery, i18n: I18n, catalogue: &[Service]) -> Vec<(String, ListQuery)> {
    let lang = i18n.lang.get();
    let without = |f: &dyn Fn(&mut ListQuery)| {
        let mut less = q.clone();
        f(&mut less);
        less
    };
    let mut out: Vec<(String, ListQuery)> = Vec::new();
    if let Some(s) = &q.search {
        out.push((format!("«{s}»"), without(&|q| q.search = None)));
    }
    for &s in &q.statuses {
        out.push((i18n.t(keys::status(s)).to_owned(), without(&|q| toggle(&mut q.statuses, s, false))));
    }
    for o in &q.orgs {
        out.push((orgs::name(o, lang.code()), without(&|q| toggle(&mut q.orgs, o.clone(), false))));
    }
    for r in &q.services {
        let name = catalogue.iter().find(|s| s.short() == r).map_or_else(|| r.clone(), |s| s.name.clone());
        out.push((name, without(&|q| toggle(&mut q.services, r.clone(), false))));
    }
    if q.unread_only {
        out.push((i18n.t(k!("filter.unread")).to_owned(), without(&|q| q.unread_only = false)));
    }
    if q.period.narrows() {
        let text = match q.period {
            Period::Custom { from, to } => {
                let day = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_else(|| "…".into());
                format!("{} – {}", day(from), day(to))
            }
            p => i18n.t(p.label_key()).to_owned(),
        };
        out.push((text, without(&|q| q.period = Period::Any)));
    }
    out
}

/// Every active filter as a chip that removes it, then "Nullstill" and "Lagre søk" for all of
/// them: only when something is set.
#[component]
fn FilterChips(query: Memo<ListQuery>, go: Callback<ListQuery>, services: Signal<Vec<Service>>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    // Each chip: its text, and the query without it (what clicking it opens).
    let chips = move || active_filters(&query.get(), i18n, &services.get());
    move || {
        let list = chips();
        (!list.is_empty()).then(|| {
            view! {
                <div class="filter-chips">
                    <ul class="ds-list--unstyled" aria-label=move || i18n.t(k!("filter.active"))>
                        {list
                            .into_iter()
                            .map(|(text, less)| {
                                let label = i18n.tf(k!("filter.remove"), &[("name", &text)]);
                                let whole = text.clone();
                                view! {
                                    <li>
                                        <button type="button" class="ds-chip" data-removable="true" aria-label=label title=whole
                                            on:click=move |_| go.run(less.clone())>
                                            <span class="chip-text">{text}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm"
                        on:click=move |_| query.with_untracked(|q| go.run(ListQuery { sort: q.sort, scope: q.scope.clone(), ..ListQuery::default() }))>
                        {move || i18n.t(k!("filter.reset"))}
                    </button>
                    <SaveSearch query=query folder=folder />
                </div>
            }
        })
    }
}
