//! Live updates. While someone is logged in and the tab is visible, the app keeps one stream of
//! server-sent events open (`GET /api/v1/inbox/events`, our extension) and turns each notice into
//! a signal that lists, counters and the open dialog follow by refetching through the API.
//!
//! The stream itself is `api::events`. Why not polling: a notice arrives
//! within a second, and an idle stream costs one keep-alive line per 15 s. Against a Dialogporten
//! without the extension (404) the app falls back to polling once a minute.

use dialogporten::{PaginatedList, SearchDialog};
use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen_futures::JsFuture;

use crate::{
    api::events::{Event, EventStream, Refused},
    list_query::Sort,
    session::SessionState,
};

/// The latest notice; `dialog: None` means anything may have changed (after a reconnect).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Notice {
    pub seq: u64,
    pub dialog: Option<Uuid>,
}

/// The stream as the person may need to know of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Link {
    /// Connected, connecting for the first time, or not wanted (logged out, tab hidden).
    #[default]
    Fine,
    /// The server cannot be reached: lists do not follow changes until it can again.
    Lost,
}

#[derive(Clone, Copy)]
pub struct Live {
    notice: RwSignal<Notice>,
    pub link: RwSignal<Link>,
    session: SessionState,
    /// Bumped when the session changes, which ends the previous connection's loop.
    generation: StoredValue<u64>,
}

const POLL_MS: i32 = 60_000;
const FIRST_RETRY_MS: i32 = 1_000;
const MAX_BACKOFF_MS: i32 = 30_000;

/// Between half and all of `ms`, at random.
fn jittered(ms: i32) -> i32 {
    ms / 2 + (js_sys::Math::random() * f64::from(ms / 2)) as i32
}

impl Live {
    pub fn provide() {
        let state = SessionState::get();
        let live = Live {
            notice: RwSignal::new(Notice::default()),
            link: RwSignal::new(Link::Fine),
            session: state,
            generation: StoredValue::new(0),
        };
        provide_context(live);
        let first_paint = crate::perf::FirstPaint::get();
        Effect::new(move |_| {
            // Connected once the first list is painted: the stream is not needed to show it. A
            // person's only, and not against another Dialogporten (the stream is our extension).
            let wanted = state.session.with(|s| s.as_ref().is_some_and(|s| s.org.is_none() && !s.upstream)) && first_paint.done();
            let generation = live.generation.get_value() + 1;
            live.generation.set_value(generation);
            live.link.set(Link::Fine);
            if wanted {
                leptos::task::spawn_local(live.run(generation));
            }
        });
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The number of notices so far: taken when a fetch starts, so a view built from that fetch
    /// can follow every notice after it (`on_notice_since`), even one that came while it loaded.
    pub fn seq(self) -> u64 {
        self.notice.with_untracked(|n| n.seq)
    }

    /// Calls `f` for every notice from now on.
    pub fn on_notice(self, f: impl Fn(Option<Uuid>) + 'static) {
        self.on_notice_since(self.seq(), f);
    }

    /// Calls `f` for every notice after the `since`-th (once for any that came in between).
    pub fn on_notice_since(self, since: u64, f: impl Fn(Option<Uuid>) + 'static) {
        Effect::new(move |previous: Option<u64>| {
            let n = self.notice.get();
            if n.seq != previous.unwrap_or(since) {
                f(n.dialog);
            }
            n.seq
        });
    }

    fn announce(self, dialog: Option<Uuid>) {
        self.notice.update(|n| {
            n.seq += 1;
            n.dialog = dialog;
        });
    }

    fn current(self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// One connection after another until the session changes: reconnects with backoff and
    /// jitter (so a restarted server is not met by every tab at once), says so while the server
    /// cannot be reached, stays closed while the tab is hidden, and says "anything may have
    /// changed" after every gap, so lists refetch what they missed.
    async fn run(self, generation: u64) {
        let mut backoff = FIRST_RETRY_MS;
        let mut connected_before = false;
        while self.current(generation) {
            if hidden() {
                sleep(1_000).await;
                continue;
            }
            match self.stream(generation, connected_before).await {
                Outcome::Closed => {}
                Outcome::Broke => {
                    connected_before = true;
                    backoff = FIRST_RETRY_MS;
                    sleep(jittered(backoff)).await;
                }
                Outcome::Unsupported => {
                    sleep(POLL_MS).await;
                    if self.current(generation) && !hidden() {
                        self.announce(None);
                    }
                }
                // The session has ended on the server: this tab goes to the login page.
                Outcome::Unauthorized => {
                    if self.current(generation) {
                        self.session.log_out(true);
                    }
                    return;
                }
                Outcome::Failed => {
                    if self.current(generation) {
                        self.link.set(Link::Lost);
                    }
                    sleep(jittered(backoff)).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF_MS);
                }
            }
        }
    }

    async fn stream(self, generation: u64, resync: bool) -> Outcome {
        let mut stream = match EventStream::open().await {
            Ok(s) => {
                if self.current(generation) {
                    self.link.set(Link::Fine);
                }
                s
            }
            Err(Refused::Unsupported) => return Outcome::Unsupported,
            Err(Refused::Unauthorized) => return Outcome::Unauthorized,
            Err(Refused::Failed) => return Outcome::Failed,
        };
        loop {
            if !self.current(generation) || hidden() {
                stream.close();
                return Outcome::Closed;
            }
            let Some(events) = stream.next().await else { return Outcome::Broke };
            for event in events {
                match event {
                    Event::Ready if resync => self.announce(None),
                    Event::Ready => {}
                    Event::Resync => self.announce(None),
                    Event::Dialog(id) => self.announce(Some(id)),
                }
            }
        }
    }
}

enum Outcome {
    /// The app closed the stream (tab hidden, session changed).
    Closed,
    /// The server ended the stream or the connection broke (a restart, a proxy's timeout).
    Broke,
    /// This API has no event stream: poll instead.
    Unsupported,
    Unauthorized,
    Failed,
}

fn hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// A list after a fresh first page arrived: the fresh page, then the items loaded beyond it that
/// it does not contain (for orders where "beyond" is known), so "show more" pages survive.
pub fn merge_first_page(old: &[SearchDialog], fresh: &PaginatedList<SearchDialog>, sort: Sort) -> (Vec<SearchDialog>, bool) {
    let mut items = fresh.items.clone();
    let key = |d: &SearchDialog| match sort {
        Sort::Updated | Sort::UpdatedOldest => Some((d.content_updated_at, d.id)),
        Sort::Created => Some((d.created_at, d.id)),
        Sort::Due => None,
    };
    let Some(last) = fresh.items.last().and_then(key).filter(|_| fresh.has_next_page) else { return (items, false) };
    let beyond = |k: (dialogporten::UtcDateTime, Uuid)| if sort == Sort::UpdatedOldest { k > last } else { k < last };
    let kept: Vec<SearchDialog> =
        old.iter().filter(|d| !fresh.items.iter().any(|f| f.id == d.id) && key(d).is_some_and(beyond)).cloned().collect();
    let extended = !kept.is_empty();
    items.extend(kept);
    (items, extended)
}
