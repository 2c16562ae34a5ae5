use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::icon::{icon, Icon},
    parties::account_menu::AccountMenu,
    shell::{shortcuts_help::ShortcutsButton, theme::ThemeSelect},
};
use crate::{
    i18n::{I18n, Key, Lang},
    profile_state::{ui_language, ProfileState},
    session::SessionState,
};

#[component]
pub fn LanguageSelect() -> impl IntoView {
    let i18n = I18n::get();
    let (state, profile) = (SessionState::get(), ProfileState::get());
    view! {
        <label class="lang-select">
            <span class="ds-sr-only">{move || i18n.t(k!("lang.label"))}</span>
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
                        view! { <option value=l.code() selected=move || i18n.lang.get() == l>{l.own_name()}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The product's mark: the inbox tray of the favicon.
pub fn mark() -> impl IntoView {
    view! {
        <svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" />
            <path d="M7 10h18v13H7z M7 17h6l1.5 3h3l1.5-3h6" />
        </svg>
    }
}

/// The top bar: the product, whom you act for, and one menu (profile, saved searches, shortcuts,
/// language, theme, log-out; on a narrow screen the folders too).
#[component]
pub fn Header() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let menu = crate::components::menus::Menus::get().site;
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    let name = move || state.session.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let profile = ProfileState::get();
    let log_out = move |_| {
        profile.forget_cached();
        state.sign_out();
    };
    // The shortcuts' help opens from the menu, which stays open under it (focus returns there).
    crate::components::menus::close_on_press_outside(menu, ".site-menu-anchor, #folder-nav, .shortcuts-help");
    let link = |href: &'static str, glyph: Icon, key: Key| {
        view! { <A href=href attr:class="menu-link">{icon(glyph)}{move || i18n.t(key)}</A> }
    };
    view! {
        <header class="app-header" on:keydown=move |e| if e.key() == "Escape" && menu.get_untracked() {
            // Closed, and the focus back on its button (not lost with the panel).
            menu.set(false);
            if let Some(b) = toggle_ref.get_untracked() {
                let _ = b.focus();
            }
        }>
            <A href="/" attr:class="brand">{mark()}{move || i18n.t(k!("app.name"))}</A>
            <AccountMenu />
            <div class="site-menu-anchor">
                <button type="button" class="ds-button menu-toggle" data-variant="primary" data-size="sm" node_ref=toggle_ref
                    aria-expanded=move || menu.get().to_string() aria-controls="site-menu folder-nav"
                    on:click=move |_| menu.update(|open| *open = !*open)>
                    {move || icon(if menu.get() { Icon::Close } else { Icon::Menu })}
                    {move || i18n.t(k!("header.menu"))}
                </button>
                <div id="site-menu" class="site-menu" class:open=move || menu.get()>
                    <p class="menu-who">{move || i18n.tf(k!("header.logged_in_as"), &[("name", &name())])}</p>
                    {link("/profile", Icon::Profile, k!("profile.nav"))}
                    {link("/saved-searches", Icon::Search, k!("saved.nav"))}
                    <ShortcutsButton />
                    <div class="menu-choice">{icon(Icon::Language)}<LanguageSelect /></div>
                    <div class="menu-choice">{icon(Icon::Theme)}<ThemeSelect /></div>
                    <button type="button" class="menu-link" on:click=log_out>{icon(Icon::LogOut)}{move || i18n.t(k!("header.logout"))}</button>
                </div>
            </div>
        </header>
    }
}
