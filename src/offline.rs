//! Reading offline: the dialogs a person opened while online, readable without a network. Off
//! until the person turns it on in the profile, and then only on this device; it ends with the
//! session. The copies themselves are `offline_store`'s.

use dialogporten::Dialog;
use leptos::{prelude::*, task::spawn_local};

use crate::{
    format,
    offline_store::{forget, install_shell_worker, purge, save, OfflineCopy, SETTING_KEY},
};

/// Whether this device reads offline, whether the network is there, and whether the shell is
/// installed; provided at the root.
#[derive(Clone, Copy)]
pub struct Offline {
    pub enabled: RwSignal<bool>,
    pub online: RwSignal<bool>,
    pub shell: RwSignal<Shell>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    Absent,
    Installing,
    Ready,
    /// This browser has no service workers (copies are still kept; the app needs a network to start).
    Unsupported,
    Failed,
}

fn navigator_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

impl Offline {
    pub fn provide() -> Self {
        let enabled = crate::storage::get(SETTING_KEY).is_some_and(|v| v == "on");
        let this = Self { enabled: RwSignal::new(enabled), online: RwSignal::new(navigator_online()), shell: RwSignal::new(Shell::Absent) };
        provide_context(this);
        let online = this.online;
        let on_line = window_event_listener(leptos::ev::online, move |_| online.set(true));
        let off_line = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            on_line.remove();
            off_line.remove();
        });
        // Logging out or in ends reading offline (the session forgets the copies themselves).
        let session = crate::session::SessionState::get().session;
        // The session is set only when someone logs in or out (here or in another tab).
        Effect::new(move |before: Option<()>| {
            session.track();
            if before.is_some() {
                this.end_session();
            }
        });
        if enabled {
            this.install();
            spawn_local(async move {
                purge(format::now()).await;
            });
        }
        this
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    fn install(self) {
        self.shell.set(Shell::Installing);
        spawn_local(async move {
            let state = match install_shell_worker().await {
                Ok(true) => Shell::Ready,
                Ok(false) => Shell::Unsupported,
                Err(_) => Shell::Failed,
            };
            self.shell.set(state);
        });
    }

    /// Turns reading offline on or off on this device; off removes every copy.
    pub fn set_enabled(self, on: bool) {
        self.enabled.set(on);
        if on {
            crate::storage::set(SETTING_KEY, "on");
            self.install();
        } else {
            self.shell.set(Shell::Absent);
            spawn_local(forget());
        }
    }

    /// The session ended or changed hands: nothing of it stays.
    pub fn end_session(self) {
        self.enabled.set(false);
        self.shell.set(Shell::Absent);
    }

    /// Keeps a copy of a dialog just read online, when this device reads offline.
    pub fn keep(self, dialog: &Dialog, recipient: Option<String>) {
        if self.enabled.get_untracked() {
            let copy = OfflineCopy { saved_at: format::now(), dialog: dialog.clone(), recipient };
            spawn_local(async move {
                let _ = save(&copy).await;
            });
        }
    }
}
