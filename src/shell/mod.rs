//! The frame every page of a signed-in person sits in: the header with the account menu, the
//! folders, the offline and live notices, the footer and the keyboard help. Service owners have
//! their own frame (`serviceowner::OwnerShell`), which shares the header's pieces.

pub mod folder_nav;
pub mod footer;
pub mod header;
pub mod live_status;
pub mod offline;
pub mod shortcuts_help;
pub mod theme;

use dialogporten::Folder;
use leptos::prelude::*;
use leptos_router::{
    components::Redirect,
    hooks::{use_location, use_query_map},
    NavigateOptions,
};

use self::{
    folder_nav::FolderNav, footer::Footer, header::Header, live_status::LiveStatus, offline::OfflineBanner, shortcuts_help::ShortcutsHelp,
};
use crate::{components::menus::Menus, parties::party_nav::list_href};
use crate::{
    list_query::ListQuery,
    list_return::ListReturn,
    party_scope::{Scope, ScopeKey},
    profile_state::ProfileState,
    resources::PartiesResource,
    session::SessionState,
    shortcuts::{Command, Shortcuts},
};

/// The logged-in layout: header, folders, main content. Sends you to /login when not logged in.
/// Pages show their own errors (including a failed parties list, which they all wait for).
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let state = SessionState::get();
    Menus::provide();
    let location = use_location();
    let query_map = use_query_map();
    // A narrow screen's menu closes once a choice in it has taken the person somewhere.
    let menu = Menus::get().site;
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        if menu.get_untracked() {
            menu.set(false);
        }
    });
    // A list's URL names whose dialogs it shows; other pages (a dialog) keep the last list's.
    Effect::new(move |_| {
        if Folder::ALL.iter().any(|f| f.path() == location.pathname.get()) {
            let key = query_map.with(|m| ScopeKey::from_pairs(m.into_iter().map(|(k, v)| (k.as_ref(), v))));
            if state.scope.with_untracked(|s| *s != key) {
                state.scope.set(key);
            }
        }
    });
    // The party preselected in the profile opens with the first list after login, unless the
    // address already names one (a bookmark wins).
    let profile = ProfileState::get();
    let parties = PartiesResource::get();
    let go_to_preselected = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        let (Some(urn), Some(index)) = (profile.preselect.get(), parties.index()) else { return };
        let path = location.pathname.get_untracked();
        let Some(folder) = Folder::ALL.into_iter().find(|f| f.path() == path) else { return };
        profile.preselect.set(None);
        let mut q = query_map.with_untracked(|m| ListQuery::from_pairs(m.into_iter().map(|(k, v)| (k.as_ref(), v))));
        if q.scope.party.is_some() {
            return;
        }
        if let Some(i) = index.position(&urn) {
            q.scope = index.key_of(&Scope::One(i));
            go_to_preselected(&list_href(folder, &q), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    // The keys that navigate: a folder (for the same parties), back to the list, and on a
    // dialog's page its neighbours in the list it was opened from.
    let navigate = leptos_router::hooks::use_navigate();
    let list_return = ListReturn::get();
    Shortcuts::get().install(move |command| {
        let here = location.pathname.get_untracked();
        let on_dialog = here.starts_with("/inbox/");
        let target = match command {
            Command::GoTo(folder) => Some(list_href(folder, &ListQuery { scope: state.scope.get_untracked(), ..Default::default() })),
            Command::Back if on_dialog => Some(list_return.url()),
            Command::Next | Command::Previous if on_dialog => list_return.neighbour(&here, command == Command::Next),
            _ => None,
        };
        if let Some(to) = target {
            navigate(&to, Default::default());
        }
    });
    view! {
        // Service owners have their own workspace.
        <Show when=move || state.session.with(|s| s.as_ref().is_some_and(|s| s.org.is_some()))>
            <Redirect path="/serviceowner" />
        </Show>
        <Show when=move || state.session.with(|s| s.as_ref().is_some_and(|s| s.org.is_none())) fallback=move || {
            view! { <Show when=move || state.session.with(Option::is_none)><Redirect path="/login" /></Show> }
        }>
            <Header />
            <div class="layout">
                <FolderNav />
                <main id="main" class="content" tabindex="-1">
                    <OfflineBanner />
                    <LiveStatus />
                    {children()}
                </main>
            </div>
            <Footer />
            <ShortcutsHelp />
        </Show>
    }
}
