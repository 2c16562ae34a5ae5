//! Who is logged in (the bearer token and a display name), kept in localStorage so a reload
//! keeps you in. The national identity number is never stored here or put in a URL.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::party_scope::ScopeKey;

pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn storage_get(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub name: String,
    /// Set when logged in as a service owner (its org code); persons have none.
    #[serde(default)]
    pub org: Option<String>,
}

/// The session signal plus the party being acted for, provided at the root.
#[derive(Clone, Copy)]
pub struct SessionState {
    pub session: RwSignal<Option<Session>>,
    /// Whose dialogs the lists show, as the list URL names it (kept while a dialog is open).
    pub scope: RwSignal<ScopeKey>,
    /// Set when the server said the session is no longer valid, so the login page can say why.
    pub expired: RwSignal<bool>,
}

const SESSION_KEY: &str = "inbox.session";
const PARTY_KEY: &str = "inbox.party";
const RETURN_KEY: &str = "inbox.return_to";

/// Where to go after logging in: the place an expired session left, if it suits who logs in
/// (a service owner's workspace or a person's inbox), else that one's home.
pub fn take_return_to(service_owner: bool) -> String {
    let home = if service_owner { "/serviceowner" } else { "/" };
    let kept = storage_get(RETURN_KEY);
    storage_remove(RETURN_KEY);
    kept.filter(|p| p.starts_with('/') && !p.starts_with("//") && p.starts_with("/serviceowner") == service_owner)
        .unwrap_or_else(|| home.to_owned())
}

impl SessionState {
    pub fn provide() -> Self {
        let stored = storage_get(SESSION_KEY).and_then(|s| serde_json::from_str::<Session>(&s).ok());
        // Earlier versions kept the chosen party's URN here; the scope now lives in the URL.
        storage_remove(PARTY_KEY);
        let state = Self { session: RwSignal::new(stored), scope: RwSignal::new(ScopeKey::default()), expired: RwSignal::new(false) };
        provide_context(state);
        state.follow_other_tabs();
        state
    }

    /// Every tab of the app has one session: when another tab logs out (or in as someone else),
    /// this one follows at once, so no tab goes on working for a person who has left. The
    /// browser tells other tabs of a localStorage change with a `storage` event.
    fn follow_other_tabs(self) {
        // Held for the page's lifetime; the handle is not needed to keep it.
        let _ = window_event_listener(leptos::ev::storage, move |e| {
            if e.key().as_deref() != Some(SESSION_KEY) {
                return;
            }
            let next = e.new_value().and_then(|s| serde_json::from_str::<Session>(&s).ok());
            if next == self.session.get_untracked() {
                return;
            }
            self.scope.set(ScopeKey::default());
            self.expired.set(false);
            self.session.set(next);
        });
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    pub fn token(&self) -> Option<String> {
        self.session.with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
    }

    pub fn log_in(&self, session: Session) {
        // Offline copies belong to one session: a new login starts with none.
        leptos::task::spawn_local(crate::offline::forget());
        if let Ok(json) = serde_json::to_string(&session) {
            storage_set(SESSION_KEY, &json);
        }
        self.scope.set(ScopeKey::default());
        self.expired.set(false);
        self.session.set(Some(session));
    }

    pub fn log_out(&self, expired: bool) {
        // An expired session comes back to the same place after the next login. App routes
        // hold no identity numbers, so the path may be kept.
        if expired {
            if let Some(here) = current_path().filter(|here| here != "/login") {
                storage_set(RETURN_KEY, &here);
            }
        }
        storage_remove(SESSION_KEY);
        leptos::task::spawn_local(crate::offline::forget());
        self.scope.set(ScopeKey::default());
        self.expired.set(expired);
        self.session.set(None);
    }
}

/// The app route in view: path and query (routes hold no identity numbers, so it may be stored).
pub fn current_path() -> Option<String> {
    let l = web_sys::window()?.location();
    Some(format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default()))
}
