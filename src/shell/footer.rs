//! The foot of every page (about, privacy, accessibility, contact, the migration's status), and
//! the frame of the pages anyone may read without logging in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{I18n, Key};
use crate::shell::header::{mark, LanguageSelect};

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = I18n::get();
    let link = move |href: &'static str, key: Key| view! { <li><A href=href attr:class="ds-link">{move || i18n.t(key)}</A></li> };
    view! {
        <footer class="app-footer">
            <nav aria-label=move || i18n.t(k!("footer.label"))>
                <ul class="ds-list--unstyled">
                    {link("/about", k!("footer.about"))}
                    {link("/about#privacy", k!("footer.privacy"))}
                    {link("/about#accessibility", k!("footer.accessibility"))}
                    {link("/about#contact", k!("footer.contact"))}
                    {link("/migration-status", k!("footer.migration"))}
                </ul>
            </nav>
        </footer>
    }
}

/// A page anyone may read: the product's bar with the language, the page, the foot.
#[component]
pub fn PublicPage(#[prop(into)] class: String, children: Children) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <header class="app-header">
            <A href="/" attr:class="brand">{mark()}{move || i18n.t(k!("app.name"))}</A>
            <LanguageSelect />
        </header>
        <main id="main" class=class tabindex="-1">{children()}</main>
        <Footer />
    }
}
