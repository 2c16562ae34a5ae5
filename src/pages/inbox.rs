use dialogporten::{PaginatedList, SearchDialog};
use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::{self, ApiError},
    components::{
        dialog_item::DialogItem,
        error_view::{ErrorView, Loading},
        flash::FlashMessage,
        shell::{party_name, PartiesResource, Shell},
    },
    folders::Folder,
    i18n::I18n,
    session::SessionState,
};

/// A folder's dialogs for the chosen party, newest first, with "show more" paging.
#[component]
pub fn InboxPage(folder: Folder) -> impl IntoView {
    view! { <Shell><FolderList folder=folder /></Shell> }
}

#[component]
fn FolderList(folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let parties = PartiesResource::get();
    let first = LocalResource::new(move || {
        let chosen = state.party.get();
        let token = state.token();
        async move {
            let token = token.ok_or(ApiError::Unauthorized)?;
            let party = parties.current(chosen).await?;
            api::dialogs::search(&token, &[party], &folder.filters(), None).await
        }
    });
    view! {
        <h1 class="ds-heading" data-size="md">{move || i18n.t(folder.label_key())}</h1>
        <FlashMessage />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match first.await {
                    Ok(page) => view! { <DialogList first=page folder=folder /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e retry=move |_| first.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DialogList(first: PaginatedList<SearchDialog>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let parties = PartiesResource::get();
    let items = RwSignal::new(first.items);
    let next = RwSignal::new(first.continuation_token.filter(|_| first.has_next_page));
    let loading = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let party_names = Signal::derive(move || parties.0.get().and_then(|r| r.ok()).map(|p| p.authorized_parties).unwrap_or_default());
    let load_more = move || {
        let (Some(token), Some(cont)) = (state.token(), next.get_untracked()) else { return };
        let party = state.party.get_untracked();
        loading.set(true);
        spawn_local(async move {
            let result = match parties.current(party).await {
                Ok(p) => api::dialogs::search(&token, &[p], &folder.filters(), Some(&cont)).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(page) => {
                    items.update(|v| v.extend(page.items));
                    next.set(page.continuation_token.filter(|_| page.has_next_page));
                    failure.set(None);
                }
                Err(e) => failure.set(Some(e)),
            }
            loading.set(false);
        });
    };
    view! {
        <Show
            when=move || items.with(|v| !v.is_empty())
            fallback=move || view! { <p class="ds-paragraph empty">{move || i18n.t("inbox.empty")}</p> }
        >
            <p class="ds-paragraph list-count" data-size="sm" aria-live="polite">
                {move || i18n.tf("inbox.count", &[("count", &items.with(Vec::len).to_string())])}
            </p>
            <ul class="dialog-list ds-list--unstyled">
                <For each=move || items.get() key=|d| d.id let:dialog>
                    {
                        let own = state.party.get_untracked();
                        let recipient = (own.as_deref() != Some(dialog.party.as_str()))
                            .then(|| party_name(&party_names.get_untracked(), &dialog.party))
                            .flatten();
                        view! { <DialogItem dialog=dialog party_name=recipient /> }
                    }
                </For>
            </ul>
        </Show>
        {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| load_more() /> })}
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="ds-button load-more" data-variant="secondary" disabled=move || loading.get() on:click=move |_| load_more()>
                {move || i18n.t("inbox.load_more")}
            </button>
        </Show>
    }
}
