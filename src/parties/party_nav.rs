//! Around a list, for the parties in view: the sub-unit selector of a main unit, the pages of a
//! group larger than one search may hold, and where a free-text search looks.

use dialogporten::Folder;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

use crate::{
    i18n::I18n,
    list_query::ListQuery,
    party_scope::{Kind, Scope, ScopeKey},
    resources::{PartiesResource, ScopePage},
};

/// A list's URL: the folder's path and the query.
pub fn list_href(folder: Folder, q: &ListQuery) -> String {
    format!("{}{}", folder.path(), q.to_url_query())
}

fn with_scope(q: &ListQuery, scope: ScopeKey) -> ListQuery {
    ListQuery { scope, ..q.clone() }
}

/// For a main unit with sub-units (or one of them): all units together, the main unit alone, or
/// one sub-unit, as af.altinn.no's second menu offers.
#[component]
pub fn UnitSelect(query: Memo<ListQuery>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    let parties = PartiesResource::get();
    let navigate = use_navigate();
    let choices = Memo::new(move |_| {
        let index = parties.index()?;
        let main = match index.resolve(&query.get().scope)? {
            Scope::WithUnits(i) => i,
            Scope::One(i) => match index.entries[i].kind {
                Kind::SubUnit(m) => m,
                _ if !index.entries[i].sub_units.is_empty() => i,
                _ => return None,
            },
            _ => return None,
        };
        let current = index.resolve(&query.get().scope)?;
        let mut out = vec![(index.key_of(&Scope::WithUnits(main)), None, Scope::WithUnits(main) == current)];
        for i in std::iter::once(main).chain(index.entries[main].sub_units.iter().copied()) {
            out.push((index.key_of(&Scope::One(i)), Some(index.entries[i].name.clone()), Scope::One(i) == current));
        }
        Some(out)
    });
    let choose = Callback::new(move |value: String| {
        let Some(list) = choices.get_untracked() else { return };
        if let Some((key, _, _)) = list.into_iter().find(|(k, _, _)| key_value(k) == value) {
            navigate(&list_href(folder, &with_scope(&query.get_untracked(), key)), Default::default());
        }
    });
    move || {
        choices.get().map(|list| {
            view! {
                <label class="unit-select">
                    <span>{move || i18n.t(k!("units.label"))}</span>
                    <select class="ds-input" data-size="sm" on:change:target=move |ev| choose.run(ev.target().value())>
                        {list
                            .into_iter()
                            .map(|(key, name, selected)| {
                                let label = name.unwrap_or_else(|| i18n.t(k!("units.all")).to_owned());
                                view! { <option value=key_value(&key) selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            }
        })
    }
}

fn key_value(key: &ScopeKey) -> String {
    format!("{}{}", key.party.as_deref().unwrap_or_default(), if key.all_units { "+units" } else { "" })
}

/// Pages of 100 parties when a group holds more (Dialogporten searches at most 100 at once).
#[component]
pub fn PartyPager(scope: ScopePage, query: Memo<ListQuery>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    (scope.pages > 1).then(|| {
        let q = query.get_untracked();
        let href = move |page: usize| list_href(folder, &with_scope(&q, q.scope.with_page(page)));
        let from = scope.page * crate::party_scope::PARTIES_PER_SEARCH + 1;
        let to = from + scope.parties.len() - 1;
        let shown =
            i18n.tf(k!("parties.page"), &[("from", &from.to_string()), ("to", &to.to_string()), ("total", &scope.total.to_string())]);
        let (prev, next) = ((scope.page > 0).then(|| href(scope.page - 1)), (scope.page + 1 < scope.pages).then(|| href(scope.page + 1)));
        view! {
            <nav class="party-pager" aria-label=move || i18n.t(k!("parties.pages"))>
                <p class="ds-paragraph" data-size="sm">{shown}</p>
                {prev.map(|h| view! { <A href=h attr:class="ds-link">{move || i18n.t(k!("parties.previous"))}</A> })}
                {next.map(|h| view! { <A href=h attr:class="ds-link">{move || i18n.t(k!("parties.next"))}</A> })}
            </nav>
        }
    })
}

/// While searching: every folder, or one of them (af.altinn.no's "narrow to" buttons).
#[component]
pub fn SearchScope(query: Memo<ListQuery>, folder: Folder) -> impl IntoView {
    let i18n = I18n::get();
    move || {
        let q = query.get();
        q.search.is_some().then(|| {
            let everywhere = q.spans_folders(folder);
            let all = ListQuery { inbox_only: false, ..q.clone() };
            let mut links = vec![(k!("search.all_folders"), list_href(Folder::Inbox, &all), everywhere)];
            for f in Folder::ALL {
                let target = ListQuery { inbox_only: f == Folder::Inbox, ..q.clone() };
                links.push((crate::i18n::keys::folder(f), list_href(f, &target), f == folder && !everywhere));
            }
            view! {
                <nav class="search-scope" aria-label=move || i18n.t(k!("search.scope"))>
                    {links
                        .into_iter()
                        .map(|(key, href, current)| view! {
                            <A href=href attr:class="scope-link" attr:aria-current=current.then_some("page")>{move || i18n.t(key)}</A>
                        })
                        .collect_view()}
                </nav>
            }
        })
    }
}
