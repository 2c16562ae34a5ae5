//! Which of the shell's menus is open: one owner for both, provided by the shell, so a page can
//! open one too.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Menus {
    /// The account menu: whose inbox to open. A page opens it too (a bookmark naming a party the
    /// person cannot act for offers the menu).
    pub account: RwSignal<bool>,
    /// The site menu. On a narrow screen the folders, language, theme and log-out fold away behind
    /// one "Meny" button, so the first dialog shows on the first screen; on a wide one they are
    /// always in view and the button is not shown.
    pub site: RwSignal<bool>,
}

impl Menus {
    pub fn provide() {
        provide_context(Self { account: RwSignal::new(false), site: RwSignal::new(false) });
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

/// Closes a menu when a pointer goes down outside it: outside every element `inside` (a CSS
/// selector) matches, so a press on the button that opened it is the button's own.
pub fn close_on_press_outside(open: RwSignal<bool>, inside: &'static str) {
    let handle = window_event_listener(leptos::ev::pointerdown, move |e| {
        if !open.get_untracked() {
            return;
        }
        let target = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
        if target.is_none_or(|t| t.closest(inside).ok().flatten().is_none()) {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());
}
