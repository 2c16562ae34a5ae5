use dialogporten::AuthorizedParty;
use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::{folder_nav::FolderNav, header::Header};
use crate::{resources::PartiesResource, session::SessionState};

/// Name of a party in the list, for showing recipients.
pub fn party_name(parties: &[AuthorizedParty], urn: &str) -> Option<String> {
    parties.iter().flat_map(|p| p.flatten()).find(|p| p.party == urn).map(|p| p.name.clone())
}

/// The logged-in layout: header, folders, main content. Sends you to /login when not logged in.
/// Pages show their own errors (including a failed parties list, which they all wait for).
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let state = SessionState::get();
    let parties = PartiesResource::get();
    let party_list = Signal::derive(move || parties.list());
    // Once the list is known, make the user's own party the chosen one.
    Effect::new(move |_| {
        if state.party.get().is_none() {
            if let Some(own) = party_list.get().iter().find(|p| p.is_current_end_user) {
                state.choose_party(own.party.clone());
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
            <Header parties=party_list />
            <div class="layout">
                <FolderNav />
                <main id="main" class="content" tabindex="-1">
                    {children()}
                </main>
            </div>
        </Show>
    }
}
