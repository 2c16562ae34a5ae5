//! The keyboard shortcuts as one modal dialog (`?`, or the button in the site menu): every key
//! and what it does, and the switch that turns them off.

use leptos::{ev::KeyboardEvent, html, prelude::*};

use crate::components::icon::{icon, Icon};
use crate::{
    api::ApiError,
    components::deferred::{split_point, Deferred},
    i18n::I18n,
    profile_state::ProfileState,
    shortcuts::{Shortcuts, HELP},
};

/// The button that opens the help; it stays usable with the shortcuts turned off.
#[component]
pub fn ShortcutsButton() -> impl IntoView {
    let i18n = I18n::get();
    let shortcuts = Shortcuts::get();
    view! {
        <button type="button" class="menu-link" aria-haspopup="dialog" on:click=move |_| shortcuts.help_open.set(true)>
            {icon(Icon::Keyboard)}
            {move || i18n.t(k!("keys.title"))}
        </button>
    }
}

/// The help dialog when open (a chunk of its own, fetched the first time), and where shortcuts
/// announce what they did.
#[component]
pub fn ShortcutsHelp() -> impl IntoView {
    let shortcuts = Shortcuts::get();
    view! {
        <Show when=move || shortcuts.help_open.get()>
            <Deferred load=shortcuts_dialog />
        </Show>
        <p class="ds-sr-only shortcut-announcement" role="status" aria-live="polite">{move || shortcuts.announcement.get()}</p>
    }
}

split_point! {
    shortcuts_help;
    fn shortcuts_dialog() -> Result<AnyView, ApiError> {
        Ok(view! { <ShortcutsDialog /> }.into_any())
    }
}

/// Every key and what it does, and the switch that turns them off.
#[component]
fn ShortcutsDialog() -> impl IntoView {
    let i18n = I18n::get();
    let shortcuts = Shortcuts::get();
    // Kept in the profile, so the choice follows the person to every device.
    let profile = ProfileState::get();
    let close_ref = NodeRef::<html::Button>::new();
    // Focus goes into the dialog when it opens, and back where it was when it closes.
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let opener = StoredValue::new_local(active.and_then(|a| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(a).ok()));
    request_animation_frame(move || {
        if let Some(b) = close_ref.get_untracked() {
            let _ = b.focus();
        }
    });
    let close = move || {
        shortcuts.help_open.set(false);
        if let Some(el) = opener.get_value() {
            let _ = el.focus();
        }
    };
    view! {
        <div class="modal-backdrop" on:click=move |_| close()></div>
        <div class="shortcuts-help" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title"
            on:keydown=move |ev: KeyboardEvent| if ev.key() == "Escape" { ev.prevent_default(); close(); }>
            <h2 id="shortcuts-title" class="ds-heading" data-size="sm">{move || i18n.t(k!("keys.title"))}</h2>
            <p class="ds-paragraph" data-size="sm">{move || i18n.t(k!("keys.intro"))}</p>
            <table class="ds-table" data-size="sm">
                <thead><tr><th scope="col">{move || i18n.t(k!("keys.key"))}</th><th scope="col">{move || i18n.t(k!("keys.does"))}</th></tr></thead>
                <tbody>
                    {HELP
                        .iter()
                        .map(|(keys, what)| view! {
                            <tr>
                                <td>{keys.iter().map(|k| view! { <kbd>{*k}</kbd> " " }).collect_view()}</td>
                                <td>{move || i18n.t(*what)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            <label class="ds-switch shortcuts-switch">
                <input type="checkbox" role="switch" prop:checked=move || shortcuts.enabled.get()
                    on:change:target=move |ev| { let on = ev.target().checked(); profile.save(|s| s.keyboard_shortcuts = on, None) } />
                <span>{move || i18n.t(k!("keys.enabled"))}</span>
            </label>
            <button type="button" class="ds-button" data-size="sm" node_ref=close_ref on:click=move |_| close()>{move || i18n.t(k!("keys.close"))}</button>
        </div>
    }
}
