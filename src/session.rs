//! Who is logged in, as the UI shows it (name, organisation, sign-in level), kept in localStorage
//! so a reload keeps you in and other tabs follow a login or logout. The session itself is the
//! server's: an httpOnly cookie the browser sends with every same-origin request, so no token is
//! ever held by the app. The national identity number is never stored here or put in a URL.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    party_scope::ScopeKey,
    storage::{get as storage_get, remove as storage_remove, set as storage_set},
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub name: String,
    /// Set when logged in as a service owner (its org code); persons have none.
    #[serde(default)]
    pub org: Option<String>,
    /// The server forwards to another Dialogporten: our extensions (counters, the services
    /// received, live updates) are not there.
    #[serde(default)]
    pub upstream: bool,
    /// The sign-in's security level (3 substantial, 4 high).
    #[serde(default)]
    pub level: u8,
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

/// Where to go after logging in: `asked` (the login link's `returnTo`), else the place an expired
/// session left, if it is a path of this app that suits who logs in (a service owner's workspace
/// or a person's inbox), else that one's home.
pub fn take_return_to(service_owner: bool, asked: Option<String>) -> String {
    let home = if service_owner { "/serviceowner" } else { "/" };
    let kept = asked.or_else(|| storage_get(RETURN_KEY));
    storage_remove(RETURN_KEY);
    kept.filter(|p| local_path(p) && p.starts_with("/serviceowner") == service_owner).unwrap_or_else(|| home.to_owned())
}

/// Remembers where to go after the next login (kept across the sign-in service's pages).
pub fn remember_return_to(path: &str) {
    storage_set(RETURN_KEY, path);
}

/// A path on this origin (not `//host` nor `/\host`, which browsers read as another host).
pub fn local_path(p: &str) -> bool {
    p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/\\")
}

impl SessionState {
    pub fn provide() -> Self {
        // A session kept by an earlier version holds a bearer token: it is dropped, not used.
        let stored = storage_get(SESSION_KEY).filter(|s| !s.contains("\"token\"")).and_then(|s| serde_json::from_str::<Session>(&s).ok());
        if stored.is_none() {
            storage_remove(SESSION_KEY);
        }
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

    /// Whether someone is logged in (untracked): the cookie goes with every request by itself.
    pub fn logged_in(&self) -> bool {
        self.session.with_untracked(Option::is_some)
    }

    /// Runs `action` on `input` when someone is logged in and no run of it is under way, so a
    /// second press while a change is being sent sends nothing.
    pub fn dispatch_once<I: Send + Sync + 'static, O: Send + Sync + 'static>(&self, action: Action<I, O>, input: I) {
        if self.logged_in() && !action.pending().get_untracked() {
            action.dispatch(input);
        }
    }

    /// Whether the server forwards to another Dialogporten (untracked).
    pub fn upstream(&self) -> bool {
        self.session.with_untracked(|s| s.as_ref().is_some_and(|s| s.upstream))
    }

    pub fn log_in(&self, session: Session) {
        // Offline copies belong to one session: a new login starts with none.
        leptos::task::spawn_local(crate::offline_store::forget());
        if let Ok(json) = serde_json::to_string(&session) {
            storage_set(SESSION_KEY, &json);
        }
        self.scope.set(ScopeKey::default());
        self.expired.set(false);
        self.session.set(Some(session));
    }

    /// Logs out for good: the server ends the session and clears its cookie, then this tab (and
    /// with it every other, by the storage event) forgets it and the offline copies. The page is
    /// left by a full load: to the sign-in service's own logout where it has one (it sends the
    /// person back to `/login`), else to `/login`. So nothing of the session stays in memory, and
    /// no part of the page runs on after what it shows is gone.
    pub fn sign_out(self) {
        leptos::task::spawn_local(async move {
            let redirect =
                crate::api::login::log_out().await.ok().flatten().filter(|u| u.starts_with("https://") || u.starts_with("http://"));
            storage_remove(SESSION_KEY);
            crate::offline_store::forget().await;
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign(redirect.as_deref().unwrap_or("/login"));
            }
        });
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
        leptos::task::spawn_local(crate::offline_store::forget());
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
