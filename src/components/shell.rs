use dialogporten::{AuthorizedParty, Parties};
use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::{folder_nav::FolderNav, header::Header};
use crate::{api, session::SessionState};

/// The parties the logged-in user may act for, loaded once per session and shared by pages.
#[derive(Clone, Copy)]
pub struct PartiesResource(pub LocalResource<Result<Parties, api::ApiError>>);

impl PartiesResource {
    /// Loads the parties of whoever is logged in, once per session, for the whole app.
    pub fn provide() {
        let state = SessionState::get();
        let parties = LocalResource::new(move || {
            let token = state.session.with(|s| s.as_ref().map(|s| s.token.clone()));
            async move {
                match token {
                    Some(t) => api::parties::list(&t).await,
                    None => Err(api::ApiError::Unauthorized),
                }
            }
        });
        provide_context(Self(parties));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The chosen party, or the user's own once the list is known.
    pub async fn current(self, chosen: Option<String>) -> Result<String, api::ApiError> {
        if let Some(p) = chosen {
            return Ok(p);
        }
        let parties = self.0.await?;
        let own = parties.authorized_parties.iter().find(|p| p.is_current_end_user).or(parties.authorized_parties.first());
        own.map(|p| p.party.clone()).ok_or_else(|| api::ApiError::Forbidden("no parties".into()))
    }
}

/// Name of a party in the list, for showing recipients.
pub fn party_name(parties: &[AuthorizedParty], urn: &str) -> Option<String> {
    parties.iter().flat_map(|p| p.flatten()).find(|p| p.party == urn).map(|p| p.name.clone())
}

/// The logged-in layout: header, folders, main content. Sends you to /login when not logged in.
/// Pages show their own errors (including a failed parties list, which they all wait for).
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let state = SessionState::get();
    let parties = PartiesResource::get().0;
    let party_list = Signal::derive(move || {
        parties.get().and_then(|r| r.ok()).map(|p| p.authorized_parties).unwrap_or_default()
    });
    // Once the list is known, make the user's own party the chosen one.
    Effect::new(move |_| {
        if state.party.get().is_none() {
            if let Some(own) = party_list.get().iter().find(|p| p.is_current_end_user) {
                state.choose_party(own.party.clone());
            }
        }
    });
    view! {
        <Show when=move || state.session.with(Option::is_some) fallback=|| view! { <Redirect path="/login" /> }>
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
