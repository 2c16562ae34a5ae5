use leptos::prelude::*;

use crate::i18n::I18n;

/// Sets the document title to "`<page>` – Innboks" (follows the language).
#[component]
pub fn PageTitle(#[prop(into)] title: Signal<String>) -> impl IntoView {
    let i18n = I18n::get();
    Effect::new(move |_| {
        let text = format!("{} – {}", title.get(), i18n.t(k!("app.name")));
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&text);
        }
    });
}
