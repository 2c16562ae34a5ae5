use dialogporten::{DialogStatus, Folder};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    i18n::I18n,
    list_query::{ListQuery, Sort, MIN_SEARCH},
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
                <label class="ds-field">
                    <span class="ds-label" data-size="sm">{move || i18n.t("sort.label")}</span>
                    <select
                        class="ds-input"
                        data-size="sm"
                        on:change:target=move |ev| {
                            let id = ev.target().value();
                            update(&|q| q.sort = Sort::ALL.into_iter().find(|s| s.id() == id).unwrap_or_default());
                        }
                    >
                        {Sort::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.id() selected=move || query.get().sort == s>{move || i18n.t(s.label_key())}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="ds-field">
                    <span class="ds-label" data-size="sm">{move || i18n.t("filter.status")}</span>
                    <select
                        class="ds-input"
                        data-size="sm"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            update(&|q| q.statuses = v.parse::<DialogStatus>().ok().into_iter().collect());
                        }
                    >
                        <option value="" selected=move || query.get().statuses.is_empty()>{move || i18n.t("filter.status_all")}</option>
                        {statuses
                            .into_iter()
                            .map(|s| {
                                let key = format!("status.{s}");
                                view! { <option value=s.as_str() selected=move || query.get().statuses == [s]>{move || i18n.t(&key)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="ds-field">
                    <span class="ds-label" data-size="sm">{move || i18n.t("filter.sender")}</span>
                    <select
                        class="ds-input"
                        data-size="sm"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            update(&|q| q.orgs = Some(v.clone()).filter(|o| !o.is_empty()).into_iter().collect());
                        }
                    >
                        <option value="" selected=move || query.get().orgs.is_empty()>{move || i18n.t("filter.sender_all")}</option>
                        {orgs::all()
                            .iter()
                            .map(|o| {
                                let code = o.org.clone();
                                let selected_code = code.clone();
                                view! {
                                    <option value=code selected=move || query.get().orgs == [selected_code.clone()]>
                                        {move || orgs::name(&o.org, i18n.lang.get().code())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
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
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| update(&|q| *q = ListQuery { sort: q.sort, ..ListQuery::default() })>
                        {move || i18n.t("filter.reset")}
                    </button>
                </Show>
            </div>
        </div>
    }
}
