//! App-wide data, loaded once and shared through context: the parties of whoever is logged in,
//! and the folder counters for the chosen party. Pages and components read these; actions that
//! change labels ask the counters to reload.

use dialogporten::{FolderCounters, Parties};
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    session::SessionState,
};

#[derive(Clone, Copy)]
pub struct PartiesResource(pub LocalResource<Result<Parties, ApiError>>);

impl PartiesResource {
    pub fn provide() {
        let state = SessionState::get();
        let parties = LocalResource::new(move || {
            let token = state.session.with(|s| s.as_ref().map(|s| s.token.clone()));
            async move {
                match token {
                    Some(t) => api::parties::list(&t).await,
                    None => Err(ApiError::Unauthorized),
                }
            }
        });
        provide_context(Self(parties));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The chosen party, or the user's own once the list is known.
    pub async fn current(self, chosen: Option<String>) -> Result<String, ApiError> {
        if let Some(p) = chosen {
            return Ok(p);
        }
        let parties = self.0.await?;
        let own = parties.authorized_parties.iter().find(|p| p.is_current_end_user).or(parties.authorized_parties.first());
        own.map(|p| p.party.clone()).ok_or_else(|| ApiError::Forbidden("no parties".into()))
    }

    /// The loaded list (empty while loading or after a failure).
    pub fn list(self) -> Vec<dialogporten::AuthorizedParty> {
        self.0.get().and_then(|r| r.ok()).map(|p| p.authorized_parties).unwrap_or_default()
    }
}

#[derive(Clone, Copy)]
pub struct CountersResource(pub LocalResource<Result<FolderCounters, ApiError>>);

impl CountersResource {
    pub fn provide() {
        let state = SessionState::get();
        let parties = PartiesResource::get();
        let counters = LocalResource::new(move || {
            let token = state.session.with(|s| s.as_ref().map(|s| s.token.clone()));
            let chosen = state.party.get();
            async move {
                let token = token.ok_or(ApiError::Unauthorized)?;
                let party = parties.current(chosen).await?;
                api::dialogs::counters(&token, &[party]).await
            }
        });
        provide_context(Self(counters));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Counters if loaded; a failure only hides them (the list shows its own errors).
    pub fn current(self) -> Option<FolderCounters> {
        self.0.get().and_then(|r| r.ok())
    }

    pub fn reload(self) {
        self.0.refetch();
    }
}
