use dialogporten::Folder;
use leptos::prelude::*;
use leptos_router::{
    components::Redirect,
    hooks::{use_location, use_query_map},
};

use super::{folder_nav::FolderNav, header::Header};
use crate::{party_scope::ScopeKey, session::SessionState};

/// The logged-in layout: header, folders, main content. Sends you to /login when not logged in.
/// Pages show their own errors (including a failed parties list, which they all wait for).
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let state = SessionState::get();
    let location = use_location();
    let query_map = use_query_map();
    // A list's URL names whose dialogs it shows; other pages (a dialog) keep the last list's.
    Effect::new(move |_| {
        if Folder::ALL.iter().any(|f| f.path() == location.pathname.get()) {
            let key = query_map.with(|m| ScopeKey::from_pairs(m.into_iter().map(|(k, v)| (k.as_ref(), v))));
            if state.scope.with_untracked(|s| *s != key) {
                state.scope.set(key);
            }
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
                    {children()}
                </main>
            </div>
        </Show>
    }
}
