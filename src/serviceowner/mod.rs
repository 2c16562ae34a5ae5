//! The service-owner workspace: find, inspect, create and manage the dialogs of your own services.

mod create;
mod dialog;
mod form;
mod manage;
pub mod query;

use self::{create::ServiceOwnerCreatePage, dialog::ServiceOwnerDialogPage};

// The workspace is one chunk: a service owner never loads the person's pages, nor they its.
crate::components::deferred::pages! {
    serviceowner => fn serviceowner_home() -> ServiceOwnerHome;
    serviceowner => fn serviceowner_create_page() -> ServiceOwnerCreatePage;
    serviceowner => fn serviceowner_dialog_page() -> ServiceOwnerDialogPage;
}

use dialogporten::{serviceowner::ServiceOwnerSearchDialog, PaginatedList};
use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, A},
    hooks::{use_navigate, use_query_map},
};

use crate::paging::Paged;
use crate::{
    api::{self, ApiError},
    components::{error_view::ErrorView, loaded::Loaded, page_title::PageTitle, status_tag::StatusTag},
    format,
    i18n::I18n,
    orgs,
    serviceowner::query::{Filter, Kind, OwnerQuery, FILTERS, SORTS},
    session::SessionState,
    shell::{
        footer::Footer,
        header::{mark, LanguageSelect},
        theme::ThemeSelect,
    },
};

/// Header and frame for service owners; anyone else is sent to log in.
#[component]
pub(crate) fn OwnerShell(children: ChildrenFn) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let org = move || state.session.with(|s| s.as_ref().and_then(|s| s.org.clone()));
    let children = StoredValue::new(children);
    view! {
        <Show when=move || org().is_some() fallback=|| view! { <Redirect path="/login" /> }>
            <header class="app-header">
                <A href="/serviceowner" attr:class="brand">{mark()}{move || i18n.t(k!("so.title"))}</A>
                <span class="party-select-label">{move || i18n.t(k!("so.acting_as"))}</span>
                <span class="user-name">{move || org().map(|o| orgs::name(&o, i18n.lang.get().code())).unwrap_or_default()}</span>
                <LanguageSelect />
                <ThemeSelect />
                <button
                    type="button"
                    class="ds-button"
                    data-variant="tertiary"
                    data-size="sm"
                    on:click=move |_| state.sign_out()
                >
                    {move || i18n.t(k!("header.logout"))}
                </button>
            </header>
            <main id="main" class="content so-content" tabindex="-1">{children.with_value(|c| c())}</main>
            <Footer />
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
    let url = use_query_map();
    let navigate = use_navigate();
    let query = Memo::new(move |_| url.with(|m| OwnerQuery::from_pairs(m.into_iter().map(|(k, v)| (k.as_ref(), v)))));
    // The person a free-text search is made for: kept for the tab, never put in the URL.
    let end_user = RwSignal::new(tab_get(END_USER_KEY).unwrap_or_default());
    let searched_for = RwSignal::new(end_user.get_untracked());
    let first = LocalResource::new(move || {
        let logged_in = state.logged_in();
        let mut pairs = query.get().api_pairs(&format::offset_minutes_at);
        let person = searched_for.get();
        if !person.trim().is_empty() {
            pairs.push(("endUserId", create::party_urn(&person)));
        }
        async move {
            if !logged_in {
                return Err(ApiError::Unauthorized);
            }
            api::serviceowner::search(&pairs, None).await
        }
    });
    let draft = RwSignal::new(query.get_untracked());
    Effect::new(move |_| draft.set(query.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let person = end_user.get_untracked().trim().to_owned();
        tab_set(END_USER_KEY, &person);
        searched_for.set(person);
        navigate(&format!("/serviceowner{}", draft.get_untracked().to_url_query()), Default::default());
    };
    let (basic, advanced): (Vec<&'static Filter>, Vec<&'static Filter>) =
        FILTERS.iter().partition(|f| matches!(f.key, "search" | "party" | "serviceResource" | "status" | "externalReference" | "deleted"));
    let advanced_keys: Vec<&'static str> = advanced.iter().map(|f| f.key).collect();
    let advanced_set = move || query.with(|q| advanced_keys.iter().any(|k| !q.get(k).is_empty()));
    view! {
        <PageTitle title=Signal::derive(move || i18n.t(k!("so.dialogs")).to_owned()) />
        <h1 class="ds-heading" data-size="md">{move || i18n.t(k!("so.dialogs"))}</h1>
        <p><A href="/serviceowner/new" attr:class="ds-button" attr:data-variant="primary">{move || i18n.t(k!("so.create.title"))}</A></p>
        <form class="so-filters" role="search" on:submit=submit>
            <div class="so-filter-row">
                {basic.into_iter().map(|f| view! { <FilterInput filter=f draft=draft /> }).collect_view()}
                <label class="ds-field">
                    <span class="ds-label" data-size="sm">{move || i18n.t(k!("so.filter.end_user"))}</span>
                    <input class="ds-input" data-size="sm" inputmode="numeric" autocomplete="off"
                        prop:value=move || end_user.get() on:input:target=move |ev| end_user.set(ev.target().value()) />
                </label>
                <label class="ds-field">
                    <span class="ds-label" data-size="sm">{move || i18n.t(k!("sort.label"))}</span>
                    <select class="ds-input" on:change:target=move |ev| {
                        let v = ev.target().value();
                        draft.update(|d| d.order_by = SORTS.iter().map(|c| c.value).find(|s| *s == v));
                    }>
                        {SORTS.iter().map(|c| {
                            let selected = move || draft.with(|d| d.order_by.unwrap_or(SORTS[0].value) == c.value);
                            view! { <option value=c.value selected=selected>{move || i18n.t(c.text)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <details class="ds-details so-more-filters" open=advanced_set>
                <summary>{move || i18n.t(k!("so.filter.more"))}</summary>
                <div class="so-filter-row">
                    {advanced.iter().map(|f| view! { <FilterInput filter=f draft=draft /> }).collect_view()}
                </div>
            </details>
            <div class="so-filter-buttons">
                <button type="submit" class="ds-button" data-variant="primary">{move || i18n.t(k!("search.button"))}</button>
                <Show when=move || query.with(OwnerQuery::is_filtered)>
                    <A href="/serviceowner" attr:class="ds-button" attr:data-variant="tertiary">{move || i18n.t(k!("filter.reset"))}</A>
                </Show>
            </div>
        </form>
        <Loaded resource=first view=move |page| view! { <OwnerResults first=page query=query.get_untracked() /> } />
    }
}

const END_USER_KEY: &str = "inbox.so.endUser";

/// The logged-in service owner's own service resources as (URN, name), from the public catalogue;
/// empty while loading or when it fails (the select then offers "any" only).
pub(crate) fn own_resources() -> Signal<Vec<(String, String)>> {
    let org = SessionState::get().session.with_untracked(|s| s.as_ref().and_then(|s| s.org.clone())).unwrap_or_default();
    let catalogue = crate::services::catalogue(Signal::stored(true));
    Signal::derive(move || catalogue.get().into_iter().filter(|s| s.org == org).map(|s| (s.urn, s.name)).collect())
}

fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

fn tab_get(key: &str) -> Option<String> {
    tab_storage().and_then(|s| s.get_item(key).ok().flatten())
}

fn tab_set(key: &str, value: &str) {
    if let Some(s) = tab_storage() {
        let _ = if value.is_empty() { s.remove_item(key) } else { s.set_item(key, value) };
    }
}

/// One filter's input, by its kind.
#[component]
fn FilterInput(filter: &'static Filter, draft: RwSignal<OwnerQuery>) -> impl IntoView {
    let i18n = I18n::get();
    let key = filter.key;
    let value = move || draft.with(|d| d.get(key).to_owned());
    let set = move |v: String| draft.update(|d| d.set(key, &v));
    let input = match filter.kind {
        Kind::Choice(options) => view! {
            <select class="ds-input" data-size="sm" on:change:target=move |ev| set(ev.target().value())>
                {options.iter().map(|c| {
                    view! { <option value=c.value selected=move || value() == c.value>{move || i18n.t(c.text)}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        Kind::Resource => {
            let resources = own_resources();
            view! {
                <select class="ds-input" data-size="sm" on:change:target=move |ev| set(ev.target().value())>
                    <option value="" selected=move || value().is_empty()>{move || i18n.t(k!("filter.any"))}</option>
                    {move || resources.get().into_iter().map(|(urn, name)| {
                        let mine = urn.clone();
                        view! { <option value=urn selected=move || value() == mine>{name}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        kind => {
            let (kind_attr, mode) = match kind {
                Kind::Day { .. } => ("date", "text"),
                Kind::Organisation => ("text", "numeric"),
                _ => ("text", "text"),
            };
            view! {
                <input class="ds-input" data-size="sm" type=kind_attr inputmode=mode
                    prop:value=value on:change:target=move |ev| set(ev.target().value()) />
            }
            .into_any()
        }
    };
    view! {
        <label class="ds-field">
            <span class="ds-label" data-size="sm">{move || i18n.t(filter.label)}</span>
            {input}
        </label>
    }
}

/// A recipient as a service owner's screen shows it: an organisation by its number, a person
/// masked (Dialogporten gives the owner no names, and a national identity number is not for
/// a screen anyone may look over).
pub fn party_label(urn: &str, i18n: I18n) -> String {
    match dialogporten::PartyUrn::parse(urn) {
        Ok(dialogporten::PartyUrn::Organization(no)) => i18n.tf(k!("so.party.organisation"), &[("number", no.as_str())]),
        // Eleven validated digits: the last three are a character boundary.
        Ok(dialogporten::PartyUrn::Person(pid)) => i18n.tf(k!("so.party.person"), &[("end", &pid.as_str()[8..])]),
        Err(_) => i18n.t(k!("so.party.other")).to_owned(),
    }
}

#[component]
fn OwnerResults(first: PaginatedList<ServiceOwnerSearchDialog>, query: OwnerQuery) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let paged = Paged::new(first);
    let Paged { items, next, failure } = paged;
    let pairs = StoredValue::new(query.api_pairs(&format::offset_minutes_at));
    let more = Action::new_local(move |cont: &String| {
        let cont = cont.clone();
        async move { paged.append(api::serviceowner::search(&pairs.get_value(), Some(&cont)).await) }
    });
    let load_more = move || {
        if let Some(cont) = next.get_untracked() {
            state.dispatch_once(more, cont);
        }
    };
    view! {
        <p class="ds-paragraph list-count" data-size="sm" aria-live="polite">
            {move || i18n.tn(k!("inbox.count_dialogs"), items.with(Vec::len), &[])}
        </p>
        <Show when=move || items.with(|v| !v.is_empty()) fallback=move || view! { <p class="ds-paragraph empty">{move || i18n.t(k!("inbox.no_matches"))}</p> }>
            // On a narrow screen the table scrolls in its own box, not the page.
            <div class="table-scroll">
            <table class="ds-table so-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(k!("so.col.title"))}</th>
                        <th scope="col">{move || i18n.t(k!("dialog.to"))}</th>
                        <th scope="col">{move || i18n.t(k!("dialog.status"))}</th>
                        <th scope="col">{move || i18n.t(k!("dialog.updated"))}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || items.get() key=|d| d.dialog.id let:d>
                        {
                            let prefs = i18n.lang.get_untracked().content_preference();
                            let title = d.dialog.content.title.text(&prefs).unwrap_or_default().to_owned();
                            let updated = d.dialog.updated_at;
                            view! {
                                <tr class:deleted=d.deleted_at.is_some()>
                                    <td><A href=format!("/serviceowner/dialogs/{}", d.dialog.id) attr:class="ds-link">{title}</A></td>
                                    <td class="party">{party_label(&d.dialog.party, i18n)}</td>
                                    <td><StatusTag status=d.dialog.status /></td>
                                    <td><time datetime=format::iso(updated)>{move || format::date(updated, i18n.lang.get())}</time></td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            </div>
        </Show>
        {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| load_more() /> })}
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="ds-button load-more" data-variant="secondary" disabled=move || more.pending().get() on:click=move |_| load_more()>
                {move || i18n.t(k!("inbox.load_more"))}
            </button>
        </Show>
    }
}
