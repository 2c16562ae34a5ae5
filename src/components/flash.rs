use leptos::prelude::*;

use crate::i18n::I18n;

/// A short confirmation that survives one navigation (e.g. "Moved to the archive" on the list).
#[derive(Clone, Copy)]
pub struct Flash(pub RwSignal<Option<&'static str>>);

impl Flash {
    pub fn provide() {
        provide_context(Flash(RwSignal::new(None)));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Shows the text for `key` on the next view.
    pub fn say(&self, key: &'static str) {
        self.0.set(Some(key));
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
            {move || flash.0.get().map(|key| view! { <div class="ds-alert" data-color="success">{move || i18n.t(key)}</div> })}
        </div>
    }
}
