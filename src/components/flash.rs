use leptos::prelude::*;

use crate::i18n::{I18n, Key};

/// A short confirmation that survives one navigation (e.g. "Moved to the archive" on the list).
#[derive(Clone, Copy)]
pub struct Flash(pub RwSignal<Option<(Key, usize)>>);

impl Flash {
    pub fn provide() {
        provide_context(Flash(RwSignal::new(None)));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Shows the text for `key` on the next view.
    pub fn say(&self, key: Key) {
        self.say_n(key, 1);
    }

    /// Shows the text for `key` about `count` things (`I18n::tn`) on the next view.
    pub fn say_n(&self, key: Key, count: usize) {
        self.0.set(Some((key, count)));
    }
}

/// Shows the pending flash message as a polite status, for as long as this view lives (the
/// message is dropped when the view goes, so it is seen once).
#[component]
pub fn FlashMessage() -> impl IntoView {
    let i18n = I18n::get();
    let flash = Flash::get();
    on_cleanup(move || flash.0.set(None));
    view! {
        <div class="flash" role="status" aria-live="polite">
            {move || flash.0.get().map(|(key, n)| view! { <div class="ds-alert" data-color="success">{move || i18n.tn(key, n, &[])}</div> })}
        </div>
    }
}
