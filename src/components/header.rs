use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

use super::{account_menu::AccountMenu, theme::ThemeSelect};
use crate::{
    i18n::{I18n, Lang},
    profile::{ui_language, ProfileState},
    session::SessionState,
};

#[component]
pub fn LanguageSelect() -> impl IntoView {
    let i18n = I18n::get();
    let (state, profile) = (SessionState::get(), ProfileState::get());
    view! {
        <label class="lang-select">
            <span class="ds-sr-only">{move || i18n.t("lang.label")}</span>
            <select
                class="ds-input"
                data-size="sm"
                on:change:target=move |ev| {
                    if let Some(lang) = Lang::from_code(&ev.target().value()) {
                        i18n.choose(lang);
                        // Logged in as a person: kept in the profile, for every device.
                        if state.session.with_untracked(|s| s.as_ref().is_some_and(|s| s.org.is_none())) {
                            profile.save(|s| s.language = Some(ui_language(lang)), None);
                        }
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        let key = match l {
                            Lang::Nb => "lang.nb",
                            Lang::Nn => "lang.nn",
                            Lang::En => "lang.en",
                        };
                        view! { <option value=l.code() selected=move || i18n.lang.get() == l>{lookup_static(key)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Language names are shown in their own language, whatever the UI language is.
fn lookup_static(key: &str) -> &'static str {
    crate::i18n::lookup(Lang::Nb, key)
}

/// The product's mark: the inbox tray of the favicon.
fn mark() -> impl IntoView {
    view! {
        <svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" />
            <path d="M7 10h18v13H7z M7 17h6l1.5 3h3l1.5-3h6" />
        </svg>
    }
}

/// The top bar: the product, whom you act for, and the menu (language, theme, log-out).
#[component]
pub fn Header() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let navigate = use_navigate();
    let menu = super::menus::Menus::get().site;
    let name = move || state.session.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let log_out = move |_| {
        state.log_out(false);
        navigate("/login", Default::default());
    };
    view! {
        <header class="app-header" on:keydown=move |e| if e.key() == "Escape" { menu.set(false) }>
            <A href="/" attr:class="brand">{mark()}{move || i18n.t("app.name")}</A>
            <AccountMenu />
            <span class="user-name">{name}</span>
            <button type="button" class="ds-button menu-toggle" data-variant="secondary" data-size="sm"
                aria-expanded=move || menu.get().to_string() aria-controls="site-menu folder-nav"
                on:click=move |_| menu.update(|open| *open = !*open)>
                {move || i18n.t("header.menu")}
            </button>
            <div id="site-menu" class="site-menu" class:open=move || menu.get()>
                <LanguageSelect />
                <ThemeSelect />
                <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=log_out>
                    {move || i18n.t("header.logout")}
                </button>
            </div>
        </header>
    }
}
