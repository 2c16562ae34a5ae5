//! Performance marks for `make bench` (end2end/bench): the moments a user waits for, named in
//! the browser's performance timeline, so the benchmark reads what the app itself saw.

use leptos::prelude::*;

/// The first dialog list of a page view is in the page and painted.
pub const LIST_SHOWN: &str = "inbox:list-shown";
/// A further page of the dialog list ("show more") is painted.
pub const MORE_SHOWN: &str = "inbox:more-shown";
/// The account menu is open with its rows painted.
pub const MENU_OPEN: &str = "inbox:menu-open";
/// The account menu's rows for a search are painted.
pub const MENU_SEARCHED: &str = "inbox:menu-searched";

/// Runs `f` once the current changes are painted: in the task after the next animation frame
/// callback (effects have run by then, and the paint follows the callback).
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// Marks `name` once the current changes are painted.
pub fn mark_when_painted(name: &'static str) {
    after_paint(move || {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
    });
}

/// Whether the first view has painted its main content (a dialog list), or [`FIRST_PAINT_LATEST`]
/// has passed. What that view does not need, the live-update stream and the folder counters, waits
/// for it, so the first dialogs show after as few requests as possible (issue 30: at most 8).
#[derive(Clone, Copy)]
pub struct FirstPaint(RwSignal<bool>);

/// Pages without a list (profile, a dialog opened by its URL) start the rest after this long.
pub const FIRST_PAINT_LATEST: std::time::Duration = std::time::Duration::from_secs(2);

impl FirstPaint {
    pub fn provide() {
        let this = Self(RwSignal::new(false));
        // Through `reached`: setting it again would wake every reader (a second counters fetch,
        // a needless reconnect of the live stream that lost its "resync" after a gap).
        set_timeout(move || this.reached(), FIRST_PAINT_LATEST);
        provide_context(this);
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Tracked: a resource or effect that reads it runs again when it turns true.
    pub fn done(self) -> bool {
        self.0.get()
    }

    /// For a resource's fetcher: `fetch`'s answer once the first list is painted, `None` before
    /// (tracked, so the resource runs again then). An answer rather than a future that waits: a
    /// resource starts its next fetch only after the current one has ended.
    pub fn once_painted<Fut: std::future::Future>(
        self,
        fetch: impl FnOnce() -> Fut,
    ) -> impl std::future::Future<Output = Option<Fut::Output>> {
        let fetching = self.done().then(fetch);
        async move {
            match fetching {
                Some(f) => Some(f.await),
                None => None,
            }
        }
    }

    /// The first list is painted (called after its "painted" mark).
    pub fn reached(self) {
        if !self.0.get_untracked() {
            self.0.set(true);
        }
    }
}
