use dialogporten::{DialogStatus, Folder};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    i18n::I18n,
    list_query::{format_day, parse_day, ListQuery, Period, Sort, MIN_SEARCH},
    orgs,
};

/// Search, sort and filters for a folder's list. Every change becomes a new URL, so the browser's
/// back button, reload and bookmarks keep the view.
#[component]
pub fn ListToolbar(query: Memo<ListQuery>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let go = StoredValue::new(move |q: ListQuery| navigate(&format!("{}{}", folder.path(), q.to_url_query()), Default::default()));
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
        let text = search_text.get_untracked().trim().to_owned();
        let short = !text.is_empty() && text.chars().count() < MIN_SEARCH;
        too_short.set(short);
        if !short {
            update(&|q| q.search = Some(text.clone()).filter(|t| !t.is_empty()));
        }
    };
    let statuses: Vec<DialogStatus> = folder.statuses().unwrap_or_else(|| DialogStatus::ALL.to_vec());
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
            <div class="filters">
                <FilterSelect
                    label="sort.label"
                    options=Sort::ALL.into_iter().map(|s| (s.id().to_owned(), text(s.label_key()))).collect()
                    selected=Signal::derive(move || query.get().sort.id().to_owned())
                    on_pick=Callback::new(move |id: String| update(&|q| q.sort = Sort::ALL.into_iter().find(|s| s.id() == id).unwrap_or_default()))
                />
                <FilterSelect
                    label="filter.status"
                    options=std::iter::once((String::new(), text("filter.status_all")))
                        .chain(statuses.into_iter().map(|s| (s.as_str().to_owned(), text(&format!("status.{s}")))))
                        .collect()
                    selected=Signal::derive(move || query.get().statuses.first().map(|s| s.as_str().to_owned()).unwrap_or_default())
                    on_pick=Callback::new(move |v: String| update(&|q| q.statuses = v.parse::<DialogStatus>().ok().into_iter().collect()))
                />
                <FilterSelect
                    label="filter.sender"
                    options=std::iter::once((String::new(), text("filter.sender_all")))
                        .chain(orgs::all().iter().map(|o| (o.org.clone(), Signal::derive(move || orgs::name(&o.org, i18n.lang.get().code())))))
                        .collect()
                    selected=Signal::derive(move || query.get().orgs.first().cloned().unwrap_or_default())
                    on_pick=Callback::new(move |v: String| update(&|q| q.orgs = Some(v.clone()).filter(|o| !o.is_empty()).into_iter().collect()))
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
                <Show when=move || query.get().is_filtered()>
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| update(&|q| *q = ListQuery { sort: q.sort, scope: q.scope.clone(), ..ListQuery::default() })>
                        {move || i18n.t("filter.reset")}
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// One end of a custom date range, as a native date input (keyboard and screen-reader friendly).
#[component]
fn DayInput(label: &'static str, pick: fn(Period) -> Option<time::Date>, query: Memo<ListQuery>, set: Callback<Option<time::Date>>) -> impl IntoView {
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
                prop:value=move || pick(query.get().period).map(format_day).unwrap_or_default()
                on:change:target=move |ev| {
                    let v = ev.target().value();
                    set.run(parse_day(&v));
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
