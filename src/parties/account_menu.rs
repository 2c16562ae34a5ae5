//! The account menu: whose inbox to open. Search by name or organisation number, favourites
//! (kept on the server), the groups "Alle virksomheter" and "Alle personer", and a list that only
//! renders the rows in view, so 15,000 parties open as fast as five.

use std::{collections::BTreeSet, sync::Arc};

use dialogporten::Folder;
use leptos::{ev::KeyboardEvent, html, prelude::*, task::spawn_local};
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::{
    api::ApiError,
    components::deferred::{split_point, Deferred},
    i18n::{I18n, Key},
    list_query::ListQuery,
    party_scope::{Entry, Kind, PartyIndex, Scope, ScopeKey},
    profile_state::ProfileState,
    resources::PartiesResource,
    session::SessionState,
};
use crate::{components::error_view::ErrorView, parties::party_nav::list_href};

/// The favourites before they are read: none.
static NONE: BTreeSet<String> = BTreeSet::new();

/// Every row is this tall, so the rows in view follow from the scroll position alone.
const ROW_PX: f64 = 44.0;
const VIEW_PX: f64 = 352.0;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 6;

#[derive(Clone, Debug, PartialEq)]
enum Row {
    Heading(Key),
    Party { index: usize, favourite_section: bool },
}

/// Which parties the menu lists, as the profile says (deleted ones and sub-units may be hidden).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub deleted: bool,
    pub sub_units: bool,
}

impl Shown {
    pub fn of(settings: &dialogporten::inbox::ProfileSettings) -> Self {
        Shown { deleted: settings.show_deleted_parties, sub_units: settings.show_sub_units }
    }

    pub fn admits(self, e: &Entry) -> bool {
        (self.deleted || !e.deleted) && (self.sub_units || !matches!(e.kind, Kind::SubUnit(_)))
    }
}

/// The rows of the menu: favourites first, then persons (the user first), then organisations with
/// their sub-units; a search lists the matches alone.
fn rows(index: &PartyIndex, query: &str, favourites: &BTreeSet<String>, shown: Shown) -> Vec<Row> {
    let party = |index: usize| Row::Party { index, favourite_section: false };
    let admitted = |i: &usize| shown.admits(&index.entries[*i]);
    if !query.trim().is_empty() {
        return index.search(query).into_iter().filter(admitted).map(party).collect();
    }
    let mut out = Vec::new();
    let favs: Vec<usize> = index.entries.iter().enumerate().filter(|(_, e)| favourites.contains(&e.urn)).map(|(i, _)| i).collect();
    if !favs.is_empty() {
        out.push(Row::Heading(k!("accounts.favourites")));
        out.extend(favs.into_iter().map(|index| Row::Party { index, favourite_section: true }));
    }
    let of_kind = |person: bool| (0..index.entries.len()).filter(move |&i| (index.entries[i].kind == Kind::Person) == person);
    let persons: Vec<usize> = index.own().into_iter().chain(of_kind(true).filter(|&i| !index.entries[i].own)).filter(admitted).collect();
    out.push(Row::Heading(k!("accounts.persons")));
    out.extend(persons.into_iter().map(party));
    let orgs: Vec<usize> = of_kind(false).filter(admitted).collect();
    if !orgs.is_empty() {
        out.push(Row::Heading(k!("accounts.organisations")));
        out.extend(orgs.into_iter().map(party));
    }
    out
}

/// What is said under a party's name: "you", its organisation number, or that it is a sub-unit.
pub fn party_detail(e: &Entry, i18n: I18n) -> Option<String> {
    match e.kind {
        Kind::Person if e.own => Some(i18n.t(k!("accounts.you")).to_owned()),
        Kind::Person => None,
        Kind::Organisation => e.org_number().map(|n| i18n.tf(k!("accounts.org_no"), &[("number", n)])),
        Kind::SubUnit(_) => e.org_number().map(|n| i18n.tf(k!("accounts.sub_unit"), &[("number", n)])),
    }
}

/// The name of what the list shows, for the menu's button.
pub fn scope_name(index: &PartyIndex, scope: &Scope, i18n: I18n) -> String {
    match scope {
        Scope::One(i) => index.entries[*i].name.clone(),
        Scope::WithUnits(i) => i18n.tf(k!("accounts.with_units"), &[("name", &index.entries[*i].name)]),
        Scope::AllOrganisations => i18n.t(k!("accounts.all_organisations")).to_owned(),
        Scope::AllPersons => i18n.t(k!("accounts.all_persons")).to_owned(),
    }
}

/// The folder in view, so choosing a party keeps the reader where they are.
fn folder_at(path: &str) -> Folder {
    Folder::ALL.into_iter().find(|f| f.path() == path).unwrap_or(Folder::Inbox)
}

/// Up to two initials for the avatar pill: "Kari Nordmann" → "KN".
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_alphanumeric()).take(2).flat_map(char::to_uppercase).collect()
}

/// The menu's button: whose inbox is open. The panel is a chunk of its own (fetched when idle after
/// the first paint, or when first opened), so the first load does not carry it.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let parties = PartiesResource::get();
    let open = crate::components::menus::Menus::get().account;
    let toggle_ref = NodeRef::<html::Button>::new();
    crate::components::menus::close_on_press_outside(open, ".account-menu");
    let index = Signal::derive(move || parties.index());
    let current = Memo::new(move |_| index.get().and_then(|ix| ix.resolve(&state.scope.get())));
    let label = move || match (index.get(), current.get()) {
        (Some(ix), Some(scope)) => scope_name(&ix, &scope, i18n),
        _ => String::new(),
    };
    let first_paint = crate::perf::FirstPaint::get();
    Effect::new(move |done: Option<bool>| {
        let now = first_paint.done();
        if now && done != Some(true) {
            crate::components::deferred::prefetch(prefetch_account_panel);
        }
        now
    });
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            close(open, toggle_ref, true);
        }
    };
    view! {
        <div class="account-menu" on:keydown=on_keydown>
            <button type="button" class="ds-button account-toggle" data-variant="secondary" data-size="sm" node_ref=toggle_ref
                aria-expanded=move || open.get().to_string() aria-controls="account-panel"
                on:click=move |_| if open.get_untracked() { close(open, toggle_ref, false) } else { open.set(true) }>
                <span class="avatar" aria-hidden="true">{move || initials(&label())}</span>
                <span class="ds-sr-only">{move || i18n.t(k!("header.acting_for"))} ": "</span>
                <span class="account-current">{label}</span>
            </button>
            <Show when=move || open.get()>
                <Deferred load=move || account_panel(open, toggle_ref, index, current) />
            </Show>
        </div>
    }
}

/// Closes the menu; focus back on its button when asked (Escape, a choice).
fn close(open: RwSignal<bool>, toggle_ref: NodeRef<html::Button>, refocus: bool) {
    open.set(false);
    if refocus {
        if let Some(b) = toggle_ref.get_untracked() {
            let _ = b.focus();
        }
    }
}

split_point! {
    account_panel, preload prefetch_account_panel;
    fn account_panel(
        open: RwSignal<bool>,
        toggle_ref: NodeRef<html::Button>,
        index: Signal<Option<Arc<PartyIndex>>>,
        current: Memo<Option<Scope>>,
    ) -> Result<AnyView, ApiError> {
        Ok(view! { <AccountPanel open toggle_ref index current /> }.into_any())
    }
}

/// The open menu: search, groups, favourites and the party rows in view.
#[component]
fn AccountPanel(
    open: RwSignal<bool>,
    toggle_ref: NodeRef<html::Button>,
    index: Signal<Option<Arc<PartyIndex>>>,
    current: Memo<Option<Scope>>,
) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let location = use_location();
    let query_map = use_query_map();
    let navigate = use_navigate();
    let search = RwSignal::new(String::new());
    let scroll_top = RwSignal::new(0.0_f64);
    let profile = ProfileState::get();
    let list_ref = NodeRef::<html::Div>::new();
    let input_ref = NodeRef::<html::Input>::new();

    // Favourites are read when the menu first opens, unless login read them (the first paint of
    // the inbox does not wait for them); a failure only leaves the stars empty, and the next
    // opening tries again.
    if state.logged_in() {
        spawn_local(async move {
            let _ = profile.load().await;
        });
    }
    request_animation_frame(move || {
        if let Some(i) = input_ref.get_untracked() {
            let _ = i.focus();
        }
    });
    crate::perf::mark_when_painted(crate::perf::MENU_OPEN);

    let shown = Memo::new(move |_| profile.settings.with(Shown::of));
    let all_rows = Memo::new(move |_| {
        index
            .get()
            .map(|ix| profile.favourites.with(|f| search.with(|q| rows(&ix, q, f.as_ref().unwrap_or(&NONE), shown.get()))))
            .unwrap_or_default()
    });

    let choose = Callback::new(move |key: ScopeKey| {
        let folder = folder_at(&location.pathname.get_untracked());
        // Filters stay; the parties and their page change.
        let on_list = Folder::ALL.iter().any(|f| f.path() == location.pathname.get_untracked());
        let mut q = if on_list {
            query_map.with_untracked(|m| ListQuery::from_pairs(m.into_iter().map(|(k, v)| (k.as_ref(), v))))
        } else {
            ListQuery::default()
        };
        q.scope = key.clone();
        state.scope.set(key);
        close(open, toggle_ref, true);
        navigate(&list_href(folder, &q), Default::default());
    });
    let star = Action::new_local(move |party: &String| profile.toggle_favourite(party.clone()));
    let failure = move || star.value().get().and_then(Result::err);
    let toggle_favourite = Callback::new(move |urn: String| {
        if state.logged_in() {
            star.dispatch(urn);
        }
    });

    // Moves focus to a party row, scrolling it into the rendered window first.
    let focus_row = move |row: usize| {
        if let Some(list) = list_ref.get_untracked() {
            let top = row as f64 * ROW_PX;
            let st = list.scroll_top() as f64;
            if top < st || top + ROW_PX > st + VIEW_PX {
                list.set_scroll_top((top - VIEW_PX / 2.0).max(0.0) as i32);
                scroll_top.set(list.scroll_top() as f64);
            }
        }
        request_animation_frame(move || {
            let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("account-row-{row}")));
            if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                let _ = el.focus();
            }
        });
    };
    let party_rows =
        move || all_rows.with(|r| r.iter().enumerate().filter(|(_, r)| matches!(r, Row::Party { .. })).map(|(i, _)| i).collect::<Vec<_>>());
    let step = move |from: Option<usize>, down: bool| {
        let rows = party_rows();
        let next = match from {
            None => rows.first().copied(),
            Some(at) if down => rows.iter().copied().find(|&r| r > at),
            Some(at) => rows.iter().rev().copied().find(|&r| r < at),
        };
        match next {
            Some(r) => focus_row(r),
            None if !down => {
                if let Some(i) = input_ref.get_untracked() {
                    let _ = i.focus();
                }
            }
            None => {}
        }
    };
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            ev.prevent_default();
            let at = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|e| e.id().strip_prefix("account-row-").and_then(|n| n.parse().ok()));
            step(at, ev.key() == "ArrowDown");
        }
        _ => {}
    };

    let window_rows = move || {
        let total = all_rows.with(Vec::len);
        let first = ((scroll_top.get() / ROW_PX) as usize).saturating_sub(OVERSCAN);
        let last = (first + (VIEW_PX / ROW_PX) as usize + 2 * OVERSCAN).min(total);
        (first, last)
    };
    let render_row = move |at: usize, row: Row, ix: &Arc<PartyIndex>, current: &Option<Scope>| {
        // Through the CSSOM (`style:`), which the Content-Security-Policy allows; a style attribute it blocks.
        let top = format!("{}px", at as f64 * ROW_PX);
        match row {
            Row::Heading(key) => view! { <li class="account-heading" style:top=top>{move || i18n.t(key)}</li> }.into_any(),
            Row::Party { index, favourite_section } => {
                let chosen = *current == Some(Scope::One(index));
                view! { <PartyRow at top ix=ix.clone() index favourite_section chosen choose toggle_favourite /> }.into_any()
            }
        }
    };

    view! {
        <div id="account-panel" class="account-panel" role="dialog" on:keydown=on_keydown aria-label=move || i18n.t(k!("accounts.label"))>
            <input type="search" class="ds-input" data-size="sm" node_ref=input_ref
                aria-label=move || i18n.t(k!("accounts.search")) placeholder=move || i18n.t(k!("accounts.search"))
                prop:value=move || search.get()
                on:input:target=move |ev| {
                    search.set(ev.target().value());
                    scroll_top.set(0.0);
                    crate::perf::mark_when_painted(crate::perf::MENU_SEARCHED);
                    if let Some(l) = list_ref.get_untracked() { l.set_scroll_top(0); }
                } />
            <p class="ds-sr-only" aria-live="polite">
                {move || i18n.tn(k!("accounts.count"), all_rows.with(|r| r.iter().filter(|r| matches!(r, Row::Party { .. })).count()), &[])}
            </p>
            {move || index.get().map(|ix| view! { <ScopeGroups ix current choose /> })}
            <div class="account-list" node_ref=list_ref on:scroll=move |_| {
                if let Some(l) = list_ref.get_untracked() { scroll_top.set(l.scroll_top() as f64); }
            }>
                <ul class="ds-list--unstyled" style:height=move || format!("{}px", all_rows.with(Vec::len) as f64 * ROW_PX)>
                    {move || {
                        let (first, last) = window_rows();
                        let ix = index.get();
                        let cur = current.get();
                        ix.map(|ix| all_rows.with(|rows| {
                            rows[first..last].iter().enumerate().map(|(k, r)| render_row(first + k, r.clone(), &ix, &cur)).collect_view()
                        }))
                    }}
                </ul>
            </div>
            {move || failure().map(|e| view! { <ErrorView error=e retry=move |_| star.value().set(None) /> })}
        </div>
    }
}

/// One party in the list: choosing it, and its star.
#[component]
fn PartyRow(
    at: usize,
    top: String,
    ix: Arc<PartyIndex>,
    index: usize,
    favourite_section: bool,
    chosen: bool,
    choose: Callback<ScopeKey>,
    toggle_favourite: Callback<String>,
) -> impl IntoView {
    let i18n = I18n::get();
    let e = &ix.entries[index];
    let urn = e.urn.clone();
    let name = e.name.clone();
    let detail = party_detail(e, i18n);
    let key = ix.key_of(&Scope::One(index));
    // A component's body runs untracked: the star follows the favourites through closures.
    let profile = ProfileState::get();
    let starred = {
        let urn = urn.clone();
        Signal::derive(move || profile.is_favourite(&urn))
    };
    let star_label = {
        let name = name.clone();
        move || i18n.tf(if starred.get() { k!("accounts.unstar") } else { k!("accounts.star") }, &[("name", &name)])
    };
    let sub = matches!(e.kind, Kind::SubUnit(_)) && !favourite_section;
    let deleted = e.deleted.then(|| i18n.t(k!("accounts.deleted")));
    view! {
        <li class="account-row" class:sub-unit=sub style:top=top>
            <button type="button" id=format!("account-row-{at}") class="account-choose" aria-current=chosen.then_some("true")
                on:click=move |_| choose.run(key.clone())>
                <span class="account-name">{name}</span>
                {detail.map(|d| view! { <span class="account-detail">{d}</span> })}
                {deleted.map(|d| view! { <span class="account-detail">{d}</span> })}
            </button>
            <button type="button" class="account-star" aria-pressed=move || starred.get().to_string() aria-label=star_label
                on:click=move |_| toggle_favourite.run(urn.clone())>
                {move || if starred.get() { "★" } else { "☆" }}
            </button>
        </li>
    }
}

/// "All organisations" and "all persons", where the person has more than one of either.
#[component]
fn ScopeGroups(ix: Arc<PartyIndex>, current: Memo<Option<Scope>>, choose: Callback<ScopeKey>) -> impl IntoView {
    let i18n = I18n::get();
    let groups: Vec<(Key, ScopeKey, Scope)> = [
        ix.offers_all_organisations().then(|| (k!("accounts.all_organisations"), ScopeKey::all_organisations(), Scope::AllOrganisations)),
        ix.offers_all_persons().then(|| (k!("accounts.all_persons"), ScopeKey::all_persons(), Scope::AllPersons)),
    ]
    .into_iter()
    .flatten()
    .collect();
    view! {
        <div class="account-groups">
            {groups.into_iter().map(|(key, scope_key, scope)| {
                let count = ix.members(&scope).len().to_string();
                view! {
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm"
                        aria-current=move || (current.get() == Some(scope.clone())).then_some("true")
                        on:click=move |_| choose.run(scope_key.clone())>
                        {move || i18n.t(key)} " (" {count.clone()} ")"
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_of_the_first_two_words() {
        assert_eq!(initials("Kari Nordmann"), "KN");
        assert_eq!(initials("Ærlig Øvre Ås AS"), "ÆØ");
        assert_eq!(initials("  «Alle» virksomheter"), "V");
        assert_eq!(initials(""), "");
    }
}
