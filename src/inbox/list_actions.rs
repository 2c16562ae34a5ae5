//! What a user can do with the list as a whole: save its search and filters by name, or download
//! the loaded dialogs as CSV.

use dialogporten::{Folder, SearchDialog};
use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::{self, ApiError},
    components::deferred::{split_point, Deferred},
    format,
    i18n::{keys, I18n},
    inbox::csv_export,
    list_query::ListQuery,
    orgs,
    resources::PartiesResource,
    session::SessionState,
};
use crate::{
    components::{error_view::ErrorView, flash::Flash},
    parties::party_nav::list_href,
};

/// "Lagre søk", beside the active filters (so offered once there is a search or a filter to keep,
/// as af.altinn.no does). The naming form is a chunk of its own, fetched when first opened.
#[component]
pub fn SaveSearch(query: Memo<ListQuery>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    let naming = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    // Owned here, not by the form: the form goes when saving closes it, the answer comes after.
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    view! {
        <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" aria-expanded=move || naming.get().to_string()
            on:click=move |_| {
                name.set(query.get_untracked().search.unwrap_or_default());
                naming.update(|n| *n = !*n);
            }>
            {move || i18n.t(k!("saved.save"))}
        </button>
        <Show when=move || naming.get()>
            <Deferred load=move || save_search_form(query, folder, naming, name, busy, failure) />
        </Show>
        {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
    }
}

split_point! {
    save_search;
    fn save_search_form(
        query: Memo<ListQuery>,
        folder: Folder,
        naming: RwSignal<bool>,
        name: RwSignal<String>,
        busy: RwSignal<bool>,
        failure: RwSignal<Option<ApiError>>,
    ) -> Result<AnyView, ApiError> {
        Ok(view! { <SaveSearchForm query folder naming name busy failure /> }.into_any())
    }
}

/// The name to save the list's search under, and the saving.
#[component]
fn SaveSearchForm(
    query: Memo<ListQuery>,
    folder: Folder,
    naming: RwSignal<bool>,
    name: RwSignal<String>,
    busy: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let flash = Flash::get();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !state.logged_in() {
            return;
        }
        let target = list_href(folder, &query.get_untracked());
        busy.set(true);
        spawn_local(async move {
            let result = api::preferences::save_search(&name.get_untracked(), &target).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    naming.set(false);
                    flash.say(k!("saved.saved"));
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <form class="save-search" on:submit=save>
            <label>
                <span>{move || i18n.t(k!("saved.name"))}</span>
                <input class="ds-input" data-size="sm" maxlength="100" autofocus prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
            </label>
            <button type="submit" class="ds-button" data-size="sm" disabled=move || busy.get()>{move || i18n.t(k!("saved.save"))}</button>
            <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| naming.set(false)>{move || i18n.t(k!("app.cancel"))}</button>
        </form>
    }
}

/// The loaded list as CSV: title, updated, service owner, sender, recipient, organisation number
/// (organisations only), status, due date. Writing it is a chunk of its own, fetched on first use.
#[component]
pub fn ExportCsv(items: RwSignal<Vec<SearchDialog>>) -> impl IntoView {
    let i18n = I18n::get();
    let parties = PartiesResource::get();
    let failure = RwSignal::new(None::<ApiError>);
    let export = move |_| {
        spawn_local(async move {
            if let Err(e) = export_csv(items, i18n, parties).await {
                failure.set(Some(e));
            }
        });
    };
    view! {
        <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=export>{move || i18n.t(k!("export.csv"))}</button>
        {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
    }
}

split_point! {
    csv_export;
    fn export_csv(items: RwSignal<Vec<SearchDialog>>, i18n: I18n, parties: PartiesResource) -> Result<(), ApiError> {
        let lang = i18n.lang.get_untracked();
        let prefs = lang.content_preference();
        let index = parties.index();
        let header: Vec<&str> =
            [k!("export.title"), k!("export.updated"), k!("export.owner"), k!("export.sender"), k!("export.party"), k!("export.org_no"), k!("export.status"), k!("export.due")].map(|k| i18n.t(k)).to_vec();
        let rows: Vec<Vec<String>> = items.with_untracked(|all| {
            all.iter()
                .map(|d| {
                    let text = |c: Option<&dialogporten::ContentValue>| c.and_then(|c| c.text(&prefs)).unwrap_or_default().to_owned();
                    let entry = index.as_ref().and_then(|i| i.by_urn(&d.party));
                    vec![
                        text(Some(&d.content.title)),
                        format::numeric_date(d.content_updated_at),
                        orgs::name(&d.org, lang.code()),
                        orgs::sender(Some(&text(d.content.sender_name.as_ref())), &d.org, lang.code()).0,
                        entry.map(|e| e.name.clone()).unwrap_or_default(),
                        entry.and_then(|e| e.org_number()).unwrap_or_default().to_owned(),
                        i18n.t(keys::status(d.status)).to_owned(),
                        d.due_at.map(format::numeric_date).unwrap_or_default(),
                    ]
                })
                .collect()
        });
        let _ = csv_export::download("innboks.csv", &csv_export::document(&header, &rows));
        Ok(())
    }
}
