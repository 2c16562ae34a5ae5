use leptos::prelude::*;

use crate::i18n::I18n;

/// Light, dark or the system's choice, kept in localStorage and applied to `<html data-color-scheme>`.
#[component]
pub fn ThemeSelect() -> impl IntoView {
    let i18n = I18n::get();
    const KEY: &str = "inbox.theme";
    let theme = RwSignal::new(
        crate::storage::get(KEY).filter(|t| ["auto", "light", "dark"].contains(&t.as_str())).unwrap_or_else(|| "auto".into()),
    );
    Effect::new(move |_| {
        let t = theme.get();
        crate::storage::set(KEY, &t);
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("data-color-scheme", &t);
        }
    });
    view! {
        <label class="theme-select">
            <span class="ds-sr-only">{move || i18n.t(k!("theme.label"))}</span>
            <select class="ds-input" data-size="sm" on:change:target=move |ev| theme.set(ev.target().value())>
                {[("auto", k!("theme.auto")), ("light", k!("theme.light")), ("dark", k!("theme.dark"))]
                    .into_iter()
                    .map(|(v, key)| view! { <option value=v selected=move || theme.get() == v>{move || i18n.t(key)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
