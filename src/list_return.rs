//! Where the list was when a dialog was opened: "back" and the dialog page's folder moves return
//! to the same folder, search, filters and scroll position, not to a fresh inbox.

use dialogporten::Folder;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
struct Spot {
    /// Path and query of the list (`/archive?search=skatt`).
    url: String,
    scroll_y: f64,
    /// The dialogs' pages (`/inbox/{id}`) as the list showed them, so j and k on a dialog open
    /// its neighbours.
    order: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct ListReturn(RwSignal<Option<Spot>>);

impl ListReturn {
    pub fn provide() {
        provide_context(ListReturn(RwSignal::new(None)));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Remembers the list in view (called as a dialog is opened from it).
    pub fn remember(&self) {
        let (Some(w), Some(url)) = (web_sys::window(), crate::session::current_path()) else { return };
        let order = crate::shortcuts::list_links().iter().filter_map(|l| l.get_attribute("href")).collect();
        self.0.set(Some(Spot { url, scroll_y: w.scroll_y().unwrap_or(0.0), order }));
    }

    /// The dialog after (or before) `here` in the list it was opened from.
    pub fn neighbour(&self, here: &str, forward: bool) -> Option<String> {
        self.0.with_untracked(|s| {
            let order = &s.as_ref()?.order;
            let at = order.iter().position(|h| h == here)?;
            let next = if forward { at.checked_add(1) } else { at.checked_sub(1) }?;
            order.get(next).cloned()
        })
    }

    /// The list to return to; the inbox when none was seen.
    pub fn url(&self) -> String {
        self.0.with_untracked(|s| s.as_ref().map_or_else(|| "/".to_owned(), |s| s.url.clone()))
    }

    /// The folder of the list to return to.
    pub fn folder(&self) -> Folder {
        let url = self.url();
        let path = url.split('?').next().unwrap_or_default();
        Folder::ALL.into_iter().find(|f| f.path() == path).unwrap_or(Folder::Inbox)
    }

    /// Scrolls back to where the list was, once, if the list in view is the remembered one.
    pub fn restore_scroll(&self) {
        let Some(here) = crate::session::current_path() else { return };
        let y = self.0.with_untracked(|s| s.as_ref().filter(|s| s.url == here && s.scroll_y > 0.0).map(|s| s.scroll_y));
        if let Some(y) = y {
            self.0.update_untracked(|s| {
                if let Some(s) = s {
                    s.scroll_y = 0.0;
                }
            });
            scroll_when_laid_out(y, 60);
        }
    }
}

/// Scrolls to `y` once the page is tall enough for it (the list may still be laying out), giving
/// up after `frames` animation frames and scrolling as far as it can.
fn scroll_when_laid_out(y: f64, frames: u32) {
    let Some(w) = web_sys::window() else { return };
    let room = w.document().and_then(|d| d.document_element()).map_or(0.0, |e| f64::from(e.scroll_height()))
        - w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    if room + 1.0 >= y || frames == 0 {
        w.scroll_to_with_x_and_y(0.0, y);
    } else {
        request_animation_frame(move || scroll_when_laid_out(y, frames - 1));
    }
}
