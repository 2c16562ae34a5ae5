//! App-wide data, loaded once and shared through context: the parties of whoever is logged in,
//! and the folder counters for the chosen party. Pages and components read these; actions that
//! change labels ask the counters to reload.

use std::{future::IntoFuture, sync::Arc};

use dialogporten::FolderCounters;
use leptos::{prelude::*, reactive::computed::ScopedFuture};

use crate::{
    api::{self, ApiError},
    party_scope::{page_of, PartyIndex, ScopeKey},
    session::{Session, SessionState},
};

/// The parties, indexed once per login (15,000 of them must not be walked per lookup), with the
/// session they were loaded for: while a new login's parties load, the last login's answer is no answer.
#[derive(Clone, Copy)]
pub struct PartiesResource(LocalResource<PartiesAnswer>, SessionState);

/// The session the parties were loaded for, and the answer.
type PartiesAnswer = (Option<Session>, Result<Arc<PartyIndex>, ApiError>);

/// The parties a list shows: one page of at most 100 (Dialogporten's limit per search), which
/// page it is, how many pages and parties the scope has.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopePage {
    pub parties: Vec<String>,
    pub page: usize,
    pub pages: usize,
    pub total: usize,
    /// The address named a party the user cannot act for; these are their own dialogs instead.
    pub refused: bool,
}

/// A person's session: a service owner has no parties to act for (Dialogporten answers them
/// 403), so none are asked for.
fn person(state: SessionState) -> Option<Session> {
    state.session.with(|s| s.clone().filter(|s| s.org.is_none()))
}

impl PartiesResource {
    pub fn provide() {
        let state = SessionState::get();
        let parties = LocalResource::new(move || {
            let who = person(state);
            async move {
                let result = match &who {
                    Some(_) => api::parties::list().await.map(|p| Arc::new(PartyIndex::new(&p.authorized_parties))),
                    None => Err(ApiError::Unauthorized),
                };
                (who, result)
            }
        });
        provide_context(Self(parties, state));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The parties of a scope, the page the key asks for, once the parties have loaded. Awaited
    /// untracked: callers track the session and the scope themselves, and a tracked await would
    /// run their fetch again when the parties arrive (two searches for one page).
    pub async fn page(self, key: &ScopeKey) -> Result<ScopePage, ApiError> {
        let (_, result) = ScopedFuture::new_untracked(self.0.into_future()).await;
        let index = result?;
        Self::page_of(&index, key)
    }

    /// The answer for the session in force, tracked; `None` while it loads.
    fn current(self) -> Option<Result<Arc<PartyIndex>, ApiError>> {
        let who = person(self.1);
        self.0.get().filter(|(loaded_for, _)| *loaded_for == who).map(|(_, result)| result)
    }

    fn page_of(index: &PartyIndex, key: &ScopeKey) -> Result<ScopePage, ApiError> {
        let scope = index.resolve(key).ok_or_else(|| ApiError::Forbidden("no parties".into()))?;
        let members = index.members(&scope);
        let (parties, pages) = page_of(&members, key.page);
        let refused = index.refuses(key);
        Ok(ScopePage { parties: parties.to_vec(), page: key.page.min(pages - 1), pages, total: members.len(), refused })
    }

    /// The loaded index (`None` while loading or after a failure).
    pub fn index(self) -> Option<Arc<PartyIndex>> {
        self.current().and_then(|r| r.ok())
    }
}

#[derive(Clone, Copy)]
/// The folder counters; `None` until the first list is painted ([`crate::perf::FirstPaint`]).
pub struct CountersResource(LocalResource<Option<Result<FolderCounters, ApiError>>>);

impl CountersResource {
    pub fn provide() {
        let state = SessionState::get();
        let parties = PartiesResource::get();
        let first_paint = crate::perf::FirstPaint::get();
        let counters = LocalResource::new(move || {
            // Our extension: not against another Dialogporten (no counters are shown there).
            let upstream = state.session.with(|s| s.as_ref().map(|s| s.upstream));
            let key = state.scope.get();
            // Not before the first list is painted: `None` until then (the resource runs again).
            first_paint.once_painted(move || async move {
                if upstream.ok_or(ApiError::Unauthorized)? {
                    return Err(ApiError::NotFound("no counters".into()));
                }
                let page = parties.page(&key).await?;
                api::dialogs::counters(&page.parties).await
            })
        });
        provide_context(Self(counters));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Counters if loaded; a failure only hides them (the list shows its own errors).
    pub fn current(self) -> Option<FolderCounters> {
        self.0.get().flatten().and_then(|r| r.ok())
    }

    pub fn reload(self) {
        self.0.refetch();
    }
}
