use dialogporten::{Day, DialogStatus, Folder};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::party_nav::list_href;
use crate::{
    api,
    i18n::I18n,
    list_query::{phrase, toggle, ListQuery, Period, Sort, MAX_SERVICES, MIN_SEARCH},
    orgs,
    resources::PartiesResource,
    services::{self, Service},
    session::SessionState,
};

/// The services the parties in view have received (our extension), once `wanted`; `None` while
/// loading, or against a Dialogporten without the extension (the whole catalogue is offered).
fn received_services(wanted: Signal<bool>, query: Memo<ListQuery>) -> Signal<Option<Vec<String>>> {
    let (state, parties) = (SessionState::get(), PartiesResource::get());
    let scope = Memo::new(move |_| query.with(|q| q.scope.clone()));
    let loaded = LocalResource::new(move || {
        let (wanted, key, token) = (wanted.get(), scope.get(), state.token());
        async move {
            let token = token.filter(|_| wanted)?;
            let page = parties.page(&key).await.ok()?;
            api::dialogs::services_received(&token, &page.parties).await.ok().map(|r| r.service_resources)
        }
    });
    Signal::derive(move || loaded.get().flatten())
}

/// Search, sort and filters for a folder's list. Every change becomes a new URL, so the browser's
/// back button, reload and bookmarks keep the view.
#[component]
pub fn ListToolbar(query: Memo<ListQuery>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let go = StoredValue::new(move |q: ListQuery| navigate(&list_href(folder, &q), Default::default()));
    let update = move |f: &dyn Fn(&mut ListQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        go.with_value(|go| go(q));
    };
    let search_text = RwSignal::new(query.get_untracked().search.unwrap_or_default());
    let too_short = RwSignal::new(false);
    Effect::new(move |_| search_text.set(query.get().search.unwrap_or_default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = phrase(&search_text.get_untracked());
        let short = !text.is_empty() && text.chars().count() < MIN_SEARCH;
        too_short.set(short);
        if !short {
            update(&|q| q.search = Some(text.clone()).filter(|t| !t.is_empty()));
        }
    };
    let statuses: Vec<DialogStatus> = folder.statuses().unwrap_or_else(|| DialogStatus::ALL.to_vec());
    // The service names load when the service filter is first used or shown in a chip.
    let services_wanted = RwSignal::new(false);
    Effect::new(move |_| {
        if query.with(|q| !q.services.is_empty()) {
            services_wanted.set(true);
        }
    });
    let services = services::catalogue(services_wanted.into());
    let received = received_services(services_wanted.into(), query);
    let filters_open = RwSignal::new(false);
    let text = move |key: &str| {
        let key = key.to_owned();
        Signal::derive(move || i18n.t(&key).to_owned())
    };
    view! {
        <div class="list-toolbar">
            <form class="search-form" role="search" on:submit=submit>
                <div class="ds-field">
                    <label class="ds-label" for="list-search">{move || i18n.t("search.label")}</label>
                    <div class="search-row">
                        <input
                            id="list-search"
                            class="ds-input"
                            type="search"
                            aria-describedby="list-search-hint"
                            prop:value=move || search_text.get()
                            on:input:target=move |ev| search_text.set(ev.target().value())
                        />
                        <button type="submit" class="ds-button" data-variant="primary">{move || i18n.t("search.button")}</button>
                    </div>
                    <p id="list-search-hint" class="ds-validation-message" data-color="danger" aria-live="polite">
                        {move || too_short.get().then(|| i18n.t("search.too_short"))}
                    </p>
                </div>
            </form>
            // On a narrow screen the filters fold away behind one button (CSS shows it there only).
            <button type="button" class="ds-button filters-toggle" data-variant="secondary" data-size="sm"
                aria-expanded=move || filters_open.get().to_string() aria-controls="list-filters"
                on:click=move |_| filters_open.update(|o| *o = !*o)>
                {move || i18n.t("filter.show")}
                {move || { let n = query.with(ListQuery::filter_count); (n > 0).then(|| format!(" ({n})")) }}
            </button>
            <div class="filters" id="list-filters" class:folded=move || !filters_open.get()>
                <FilterSelect
                    label="sort.label"
                    options=Sort::ALL.into_iter().map(|s| (s.id().to_owned(), text(s.label_key()))).collect()
                    selected=Signal::derive(move || query.get().sort.id().to_owned())
                    on_pick=Callback::new(move |id: String| update(&|q| q.sort = Sort::ALL.into_iter().find(|s| s.id() == id).unwrap_or_default()))
                />
                <AddSelect
                    label="filter.status"
                    placeholder="filter.status_add"
                    options=Signal::derive(move || {
                        let chosen = query.get().statuses;
                        statuses.iter().filter(|s| !chosen.contains(s)).map(|s| (s.as_str().to_owned(), i18n.t(&format!("status.{s}")).to_owned())).collect()
                    })
                    on_pick=Callback::new(move |v: String| update(&|q| if let Ok(s) = v.parse::<DialogStatus>() { toggle(&mut q.statuses, s, true) }))
                />
                <AddSelect
                    label="filter.sender"
                    placeholder="filter.sender_add"
                    options=Signal::derive(move || {
                        let chosen = query.get().orgs;
                        let lang = i18n.lang.get().code();
                        orgs::all().iter().filter(|o| !chosen.contains(&o.org)).map(|o| (o.org.clone(), orgs::name(&o.org, lang))).collect()
                    })
                    on_pick=Callback::new(move |v: String| update(&|q| toggle(&mut q.orgs, v.clone(), true)))
                />
                <AddSelect
                    label="filter.service"
                    placeholder="filter.service_add"
                    on_approach=Callback::new(move |_| if !services_wanted.get_untracked() { services_wanted.set(true) })
                    options=Signal::derive(move || {
                        let q = query.get();
                        if q.services.len() >= MAX_SERVICES {
                            return Vec::new();
                        }
                        // Those received (once known), of the chosen senders if any, not yet chosen.
                        let received = received.get();
                        services.get().into_iter()
                            .filter(|s| received.as_ref().is_none_or(|r| r.contains(&s.urn)))
                            .filter(|s| (q.orgs.is_empty() || q.orgs.contains(&s.org)) && !q.services.iter().any(|c| c == s.short()))
                            .map(|s| (s.short().to_owned(), s.name))
                            .collect()
                    })
                    on_pick=Callback::new(move |v: String| update(&|q| toggle(&mut q.services, v.clone(), true)))
                />
                <FilterSelect
                    label="filter.date"
                    options=Period::CHOICES.into_iter().map(|p| (p.id().to_owned(), text(p.label_key()))).collect()
                    selected=Signal::derive(move || query.get().period.id().to_owned())
                    on_pick=Callback::new(move |id: String| update(&|q| q.period = Period::CHOICES.into_iter().find(|p| p.id() == id).unwrap_or_default()))
                />
                <Show when=move || matches!(query.get().period, Period::Custom { .. })>
                    <DayInput label="date.from" pick=|p| match p { Period::Custom { from, .. } => from, _ => None } query=query
                        set=Callback::new(move |d| update(&|q| if let Period::Custom { from, .. } = &mut q.period { *from = d }))
                    />
                    <DayInput label="date.to" pick=|p| match p { Period::Custom { to, .. } => to, _ => None } query=query
                        set=Callback::new(move |d| update(&|q| if let Period::Custom { to, .. } = &mut q.period { *to = d }))
                    />
                </Show>
                <label class="ds-checkbox unread-filter">
                    <input
                        type="checkbox"
                        prop:checked=move || query.get().unread_only
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            update(&|q| q.unread_only = on);
                        }
                    />
                    <span>{move || i18n.t("filter.unread")}</span>
                </label>
            </div>
            <FilterChips query=query go=Callback::new(move |q: ListQuery| go.with_value(|go| go(q))) services=services />
        </div>
    }
}

/// One end of a custom date range, as a native date input (keyboard and screen-reader friendly).
#[component]
fn DayInput(label: &'static str, pick: fn(Period) -> Option<Day>, query: Memo<ListQuery>, set: Callback<Option<Day>>) -> impl IntoView {
    let i18n = I18n::get();
    let id = format!("period-{}", label.trim_start_matches("date."));
    view! {
        <div class="ds-field">
            <label class="ds-label" data-size="sm" for=id.clone()>{move || i18n.t(label)}</label>
            <input
                id=id
                class="ds-input"
                data-size="sm"
                type="date"
                prop:value=move || pick(query.get().period).map(|d| d.to_string()).unwrap_or_default()
                on:change:target=move |ev| {
                    let v = ev.target().value();
                    set.run(Day::parse(&v));
                }
            />
        </div>
    }
}

/// A labelled select whose options are (value, text) and whose choice is reported by value.
#[component]
fn FilterSelect(
    label: &'static str,
    options: Vec<(String, Signal<String>)>,
    selected: Signal<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <label class="ds-field">
            <span class="ds-label" data-size="sm">{move || i18n.t(label)}</span>
            <select class="ds-input" data-size="sm" on:change:target=move |ev| on_pick.run(ev.target().value())>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let mine = value.clone();
                        view! { <option value=value selected=move || selected.get() == mine>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A select that adds one more value to a filter: it always shows its placeholder, and offers
/// only what is not chosen yet (the chips below show and remove what is).
#[component]
fn AddSelect(
    label: &'static str,
    placeholder: &'static str,
    options: Signal<Vec<(String, String)>>,
    on_pick: Callback<String>,
    /// Told when the select is about to be used (focus or pointer), to load its options then.
    #[prop(optional)]
    on_approach: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = I18n::get();
    let approach = move || {
        if let Some(cb) = on_approach {
            cb.run(());
        }
    };
    view! {
        <label class="ds-field">
            <span class="ds-label" data-size="sm">{move || i18n.t(label)}</span>
            <select class="ds-input" data-size="sm" prop:value="" on:focus=move |_| approach() on:pointerdown=move |_| approach() on:change:target=move |ev| {
                let v = ev.target().value();
                ev.target().set_value("");
                if !v.is_empty() {
                    on_pick.run(v);
                }
            }>
                <option value="" selected>{move || i18n.t(placeholder)}</option>
                {move || options.get().into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
            </select>
        </label>
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
        out.push((i18n.t(&format!("status.{s}")).to_owned(), without(&|q| toggle(&mut q.statuses, s, false))));
    }
    for o in &q.orgs {
        out.push((orgs::name(o, lang.code()), without(&|q| toggle(&mut q.orgs, o.clone(), false))));
    }
    for r in &q.services {
        let name = catalogue.iter().find(|s| s.short() == r).map_or_else(|| r.clone(), |s| s.name.clone());
        out.push((name, without(&|q| toggle(&mut q.services, r.clone(), false))));
    }
    if q.unread_only {
        out.push((i18n.t("filter.unread").to_owned(), without(&|q| q.unread_only = false)));
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

/// Every active filter as a chip that removes it, and "Nullstill" for all of them.
#[component]
fn FilterChips(query: Memo<ListQuery>, go: Callback<ListQuery>, services: Signal<Vec<Service>>) -> impl IntoView {
    let i18n = I18n::get();
    // Each chip: its text, and the query without it (what clicking it opens).
    let chips = move || active_filters(&query.get(), i18n, &services.get());
    move || {
        let list = chips();
        (!list.is_empty()).then(|| {
            view! {
                <div class="filter-chips">
                    <ul class="ds-list--unstyled" aria-label=move || i18n.t("filter.active")>
                        {list
                            .into_iter()
                            .map(|(text, less)| {
                                let label = i18n.tf("filter.remove", &[("name", &text)]);
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
                        {move || i18n.t("filter.reset")}
                    </button>
                </div>
            }
        })
    }
}
