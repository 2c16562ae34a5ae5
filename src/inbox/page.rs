use dialogporten::{Folder, PaginatedList, SearchDialog, UtcDateTime};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_query_map;

use crate::list_return::ListReturn;
use crate::paging::Paged;
use crate::{
    api::{self, ApiError},
    components::{
        deferred::{split_point, Deferred},
        error_view::ErrorView,
        flash::{Flash, FlashMessage},
        item_menu::{move_label, ItemMenu},
        loaded::Loaded,
        menus::Menus,
        page_title::PageTitle,
    },
    format,
    i18n::I18n,
    inbox::{
        dialog_item::DialogItem, list_actions::ExportCsv, list_keys::ListKeys, list_toolbar::ListToolbar, migration_notice::MigrationNotice,
    },
    list_query::{ListQuery, Sort},
    live::{merge_first_page, Live},
    moves,
    parties::party_nav::{PartyPager, SearchScope, UnitSelect},
    resources::{CountersResource, PartiesResource, ScopePage},
    session::SessionState,
    shell::Shell,
};

/// A folder's dialogs for the chosen party, with search, filters and sort from the URL, grouped
/// by month, and "show more" paging.
#[component]
pub fn InboxPage(folder: Folder) -> impl IntoView {
    view! { <Shell><FolderList folder=folder /></Shell> }
}

#[component]
fn FolderList(folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let parties = PartiesResource::get();
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|m| ListQuery::from_pairs(m.into_iter().map(|(k, v)| (k.as_ref(), v)))));
    let live = Live::get();
    let first = LocalResource::new(move || {
        let logged_in = state.logged_in();
        let q = query.get();
        // Notices from here on concern what this fetch may already be too old to show.
        let since = live.seq();
        async move {
            if !logged_in {
                return Err(ApiError::Unauthorized);
            }
            let scope = parties.page(&q.scope).await?;
            let page =
                api::dialogs::search(&scope.parties, &q.api_filters(folder, format::now(), &format::offset_minutes_at), None).await?;
            Ok::<_, ApiError>((page, since, scope))
        }
    });
    // Loaded once per folder view: only needed to tell whether older history may be missing, so
    // it waits until the first list is painted (one request fewer before the inbox shows; issue 30).
    let first_paint = crate::perf::FirstPaint::get();
    let migration = LocalResource::new(move || first_paint.once_painted(api::migration::status));
    let back_to = Signal::derive(move || migration.get().flatten().and_then(|r| r.ok()).and_then(|s| s.complete_back_to()));
    view! {
        <PageTitle title=Signal::derive(move || i18n.t(crate::i18n::keys::folder(folder)).to_owned()) />
        <h1 class="ds-heading" data-size="md">{move || i18n.t(crate::i18n::keys::folder(folder))}</h1>
        <FlashMessage />
        <ListToolbar query=query folder=folder />
        <UnitSelect query=query folder=folder />
        <SearchScope query=query folder=folder />
        <Loaded
            resource=first
            view=move |(page, since, scope)| {
                let list = view! {
                {scope.refused.then(|| view! { <RefusedParty /> })}
                <PartyPager scope=scope.clone() query=query folder=folder />
                <DialogList first=page since=since folder=folder query=query.get_untracked() scope=scope back_to=back_to reload=Callback::new(move |_| first.refetch()) />
                };
                // After the list's own "painted" mark, which it asked for while being built. The
                // dialog page is what a reader opens next: its code is fetched meanwhile, once
                // the list is painted (a timer from here raced a slow first paint); so is the filter menu's.
                crate::perf::after_paint(move || {
                    first_paint.reached();
                    crate::components::deferred::prefetch(crate::dialog::prefetch_dialog_page);
                    crate::components::deferred::prefetch(crate::inbox::filter_menu::prefetch_filter_menu);
                });
                list
            }
        />
    }
}

/// The address named a party the person cannot act for: say so (their own dialogs are shown)
/// and offer the account menu, rather than silently showing something else.
#[component]
fn RefusedParty() -> impl IntoView {
    let i18n = I18n::get();
    let menu = Menus::get();
    view! {
        <div class="ds-alert refused-party" data-color="warning" role="status">
            <p class="ds-paragraph">{move || i18n.t(k!("party.refused"))}</p>
            <button type="button" class="ds-button" data-variant="secondary" data-size="sm" on:click=move |_| menu.account.set(true)>
                {move || i18n.t(k!("accounts.label"))}
            </button>
        </div>
    }
}

/// A list group: (year, month) this year, (year, 0) for an earlier year; `None` when the order is
/// not by date (no groups).
type GroupKey = Option<(i32, u8)>;

/// Month groups (this year) or year groups (earlier) for date-ordered lists.
fn group_key(d: &SearchDialog, sort: Sort, this_year: i32) -> GroupKey {
    let t = match sort {
        Sort::Updated | Sort::UpdatedOldest => d.content_updated_at,
        Sort::Created => d.created_at,
        Sort::Due => return None,
    };
    let (y, m, _) = t.date_parts();
    Some(if y == this_year { (y, m) } else { (y, 0) })
}

#[component]
fn DialogList(
    first: PaginatedList<SearchDialog>,
    since: u64,
    folder: Folder,
    query: ListQuery,
    scope: ScopePage,
    back_to: Signal<Option<UtcDateTime>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let scope = StoredValue::new(scope.parties);
    let paged = Paged::new(first);
    let Paged { items, next, failure } = paged;
    let sort = query.sort;
    let (after, before) = query.period.bounds(format::now(), &format::offset_minutes_at);
    // How far back the list in view reaches: the date filter's start, or else the oldest item
    // loaded, or the beginning of time once everything is loaded (or the filter is open-ended).
    let reaches_before = move |date: UtcDateTime| match after {
        Some(a) => a < date,
        None if before.is_some() || next.with(Option::is_none) => true,
        None => matches!(sort, Sort::Updated | Sort::UpdatedOldest) && items.with(|v| v.iter().any(|d| d.content_updated_at < date)),
    };
    // Drafts are never migrated.
    let notice = move || back_to.get().filter(|d| folder != Folder::Drafts && reaches_before(*d));
    let filters = StoredValue::new(query.api_filters(folder, format::now(), &format::offset_minutes_at));
    // Back from a dialog opened here: where the reader left off.
    let list_return = ListReturn::get();
    request_animation_frame(move || list_return.restore_scroll());
    crate::perf::mark_when_painted(crate::perf::LIST_SHOWN);
    let filtered = query.is_filtered();
    let search = StoredValue::new(query.search.clone());
    let this_year = format::now().date_parts().0;
    let selecting = RwSignal::new(false);
    let selected = RwSignal::new(std::collections::BTreeSet::<uuid::Uuid>::new());
    let key_failure = RwSignal::new(None::<ApiError>);
    ListKeys { items, selecting, selected, reload, failure: key_failure }.install();
    // The groups as ranges of `items`: appending a page extends the last group or adds new ones,
    // and the keyed lists below then build only the new rows (10,000 loaded rows stay smooth).
    let groups = Memo::new(move |_| {
        items.with(|all| {
            let mut out: Vec<(GroupKey, std::ops::Range<usize>)> = Vec::new();
            for (i, d) in all.iter().enumerate() {
                let key = group_key(d, sort, this_year);
                match out.last_mut() {
                    Some((k, range)) if *k == key => range.end = i + 1,
                    _ => out.push((key, i..i + 1)),
                }
            }
            out
        })
    });
    // A group's rows as (index, key): a row is rebuilt when its dialog changed (a live update, a
    // move), not when others did, and only a new row's dialog is cloned.
    let group_rows = move |key: Option<(i32, u8)>| {
        let range = groups.with(|g| g.iter().find(|(k, _)| *k == key).map(|(_, r)| r.clone())).unwrap_or_default();
        items.with(|v| {
            v.get(range.clone())
                .unwrap_or_default()
                .iter()
                .zip(range)
                .map(|(d, i)| (i, (d.id, d.updated_at, d.is_content_seen, d.end_user_context.revision)))
                .collect::<Vec<_>>()
        })
    };
    // "Show more": the next page, appended (a failure is kept for a retry). A task, not an
    // `Action`: this is the first load's only mutation-like request, and `Action` would bring
    // its 2 kB of machinery into the first load (measured: 347,535 against 345,103 bytes).
    let loading = RwSignal::new(false);
    let load_more = move || {
        let (true, Some(cont), false) = (state.logged_in(), next.get_untracked(), loading.get_untracked()) else { return };
        loading.set(true);
        spawn_local(async move {
            let result = api::dialogs::search(&scope.get_value(), &filters.get_value(), Some(&cont)).await;
            paged.append(result);
            loading.try_set(false);
            crate::perf::mark_when_painted(crate::perf::MORE_SHOWN);
        });
    };
    follow_live(since, paged, sort, filters, scope);
    let group_title = move |key: Option<(i32, u8)>| match key {
        Some((y, 0)) => y.to_string(),
        Some((y, m)) => {
            let name = format::month_name(m, i18n.lang.get());
            format!("{}{} {y}", name[..1].to_uppercase(), &name[1..])
        }
        None => String::new(),
    };
    view! {
        <Show
            when=move || items.with(|v| !v.is_empty())
            fallback=move || {
                let key = if filtered { k!("inbox.no_matches") } else { k!("inbox.empty") };
                view! { <p class="ds-paragraph empty">{move || i18n.t(key)}</p> }
            }
        >
            <ListHead items selecting selected />
            <Show when=move || selecting.get()>
                <Deferred load=move || bulk_bar(folder, items, selected, selecting, reload) />
            </Show>
            <For each=move || groups.with(|g| g.iter().map(|(k, r)| (*k, r.start)).collect::<Vec<_>>()) key=|group| *group let:group>
                <section class="dialog-group">
                    {group.0.map(|key| view! { <h2 class="ds-heading group-heading" data-size="2xs">{move || group_title(Some(key))}</h2> })}
                    <ul class="dialog-list ds-list--unstyled" on:click=move |_| list_return.remember()>
                        <For each=move || group_rows(group.0) key=|(_, key)| *key let:row>
                            {items.with_untracked(|v| v.get(row.0).cloned()).map(|dialog| view! {
                                <Row dialog search=search.get_value() selecting selected reload />
                            })}
                        </For>
                    </ul>
                </section>
            </For>
        </Show>
        {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| load_more() /> })}
        {move || key_failure.get().map(|e| view! { <ErrorView error=e retry=move |_| key_failure.set(None) /> })}
        {move || notice().map(|d| view! { <MigrationNotice back_to=d /> })}
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="ds-button load-more" data-variant="secondary" disabled=move || loading.get() on:click=move |_| load_more()>
                {move || i18n.t(k!("inbox.load_more"))}
            </button>
        </Show>
    }
}

/// Live: after a change notice (debounced, as a bulk change sends many), the first page is
/// fetched again and merged, so items loaded with "show more" stay.
fn follow_live(
    since: u64,
    paged: Paged<SearchDialog>,
    sort: Sort,
    filters: StoredValue<Vec<(&'static str, String)>>,
    scope: StoredValue<Vec<String>>,
) {
    let state = SessionState::get();
    let Paged { items, next, .. } = paged;
    let refresh_pending = StoredValue::new(false);
    let refresh = move || {
        // The list may have gone (another folder, a reload) while the timer ran.
        if refresh_pending.try_set_value(false).is_some() {
            return;
        }
        let (true, Some(filters), Some(parties)) = (state.logged_in(), filters.try_get_value(), scope.try_get_value()) else { return };
        spawn_local(async move {
            let page = api::dialogs::search(&parties, &filters, None).await;
            // A failed refresh leaves the list as it was; the next notice or a reload tries again.
            let Ok(page) = page else { return };
            let Some((merged, kept_old)) = items.try_with_untracked(|old| merge_first_page(old, &page, sort)) else { return };
            if !kept_old {
                next.try_set(page.continuation_token.filter(|_| page.has_next_page));
            }
            items.try_set(merged);
        });
    };
    Live::get().on_notice_since(since, move |_| {
        if !refresh_pending.get_value() {
            refresh_pending.set_value(true);
            set_timeout(refresh, std::time::Duration::from_millis(300));
        }
    });
}

/// How many are listed, the switch to select several, and the export.
#[component]
fn ListHead(
    items: RwSignal<Vec<SearchDialog>>,
    selecting: RwSignal<bool>,
    selected: RwSignal<std::collections::BTreeSet<uuid::Uuid>>,
) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div class="list-head">
            <p class="ds-paragraph list-count" data-size="sm" aria-live="polite">
                {move || i18n.tn(k!("inbox.count"), items.with(Vec::len), &[])}
            </p>
            <button
                type="button"
                class="ds-button"
                data-variant="tertiary"
                data-size="sm"
                aria-pressed=move || selecting.get().to_string()
                on:click=move |_| {
                    selecting.update(|s| *s = !*s);
                    selected.update(|s| s.clear());
                }
            >
                {move || i18n.t(k!("bulk.select"))}
            </button>
            <ExportCsv items=items />
        </div>
    }
}

/// One dialog in the list, with its menu and, while selecting, its check box.
#[component]
fn Row(
    dialog: SearchDialog,
    search: Option<String>,
    selecting: RwSignal<bool>,
    selected: RwSignal<std::collections::BTreeSet<uuid::Uuid>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = I18n::get();
    // To whom, on every card (as af.altinn.no): it matters most when the list holds more than
    // one party's dialogs. Read once, untracked: a row must not rebuild (or outlive its list,
    // as at logout) when the parties reload.
    let recipient = untrack(|| PartiesResource::get().index()).and_then(|i| i.by_urn(&dialog.party).map(|e| e.name.clone()));
    let id = dialog.id;
    let title = dialog.content.title.text(&i18n.lang.get_untracked().content_preference()).unwrap_or_default().to_owned();
    let own_folder = dialog.end_user_context.folder();
    let menu_title = title.clone();
    view! {
        <DialogItem dialog=dialog party_name=recipient search=search
            menu=move || view! { <ItemMenu id=id title=menu_title.clone() folder=own_folder done=reload /> }>
            <Show when=move || selecting.get()>
                <label class="select-box">
                    <input
                        type="checkbox"
                        prop:checked=move || selected.with(|s| s.contains(&id))
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                        }
                    />
                    <span class="ds-sr-only">{i18n.tf(k!("bulk.select_one"), &[("title", &title)])}</span>
                </label>
            </Show>
        </DialogItem>
    }
}

split_point! {
    bulk_bar;
    fn bulk_bar(
        folder: Folder,
        items: RwSignal<Vec<SearchDialog>>,
        selected: RwSignal<std::collections::BTreeSet<uuid::Uuid>>,
        selecting: RwSignal<bool>,
        reload: Callback<()>,
    ) -> Result<AnyView, ApiError> {
        Ok(view! { <BulkBar folder items selected selecting reload /> }.into_any())
    }
}

/// Actions on the selected dialogs: select all loaded, then archive, bin, restore or mark unread,
/// or leave selecting. The bar sticks to the top of the screen while the list scrolls under it.
#[component]
fn BulkBar(
    folder: Folder,
    items: RwSignal<Vec<SearchDialog>>,
    selected: RwSignal<std::collections::BTreeSet<uuid::Uuid>>,
    selecting: RwSignal<bool>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let flash = Flash::get();
    let counters = CountersResource::get();
    // One move of the selection at a time.
    let bulk = Action::new_local(move |(ids, m): &(Vec<uuid::Uuid>, &'static moves::Move)| {
        let (ids, m) = (ids.clone(), *m);
        async move {
            let moved = api::dialogs::bulk_set_labels(&ids, m.add, m.remove).await;
            if moved.is_ok() {
                flash.say_n(m.done, ids.len());
                counters.reload();
                reload.run(());
            }
            moved
        }
    });
    let failure = move || bulk.value().get().and_then(Result::err);
    let run = move |m: &'static moves::Move| {
        let ids: Vec<uuid::Uuid> = selected.get_untracked().into_iter().collect();
        if !ids.is_empty() {
            state.dispatch_once(bulk, (ids, m));
        }
    };
    view! {
        <div class="bulk-bar" role="toolbar" aria-label=move || i18n.t(k!("bulk.label"))>
            <span aria-live="polite">{move || i18n.tf(k!("bulk.count"), &[("count", &selected.with(|s| s.len()).to_string())])}</span>
            <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| selected.set(items.with(|v| v.iter().map(|d| d.id).collect()))>
                {move || i18n.t(k!("bulk.select_all"))}
            </button>
            {moves::for_folder(folder.label())
                .iter()
                .map(|m| {
                    let m: &'static moves::Move = m;
                    view! {
                        <button type="button" class="ds-button" data-variant="secondary" data-size="sm"
                            disabled=move || bulk.pending().get() || selected.with(|s| s.is_empty()) on:click=move |_| run(m)>
                            {move_label(m)}
                        </button>
                    }
                })
                .collect_view()}
            <button type="button" class="ds-button" data-variant="tertiary" data-size="sm"
                on:click=move |_| { selected.update(|s| s.clear()); selecting.set(false); }>
                {move || i18n.t(k!("dialog.cancel"))}
            </button>
        </div>
        {move || failure().map(|e| view! { <ErrorView error=e retry=move |_| bulk.value().set(None) /> })}
    }
}
