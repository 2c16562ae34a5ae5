//! The foot of every page (about, privacy, accessibility, contact, the migration's status), and
//! the frame of the pages anyone may read without logging in.

use leptos::prelude::*;
use leptos_router::components::A;

use super::header::{mark, LanguageSelect};
use crate::i18n::I18n;

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = I18n::get();
    let link = move |href: &'static str, key: &'static str| view! { <li><A href=href attr:class="ds-link">{move || i18n.t(key)}</A></li> };
    view! {
        <footer class="app-footer">
            <nav aria-label=move || i18n.t("footer.label")>
                <ul class="ds-list--unstyled">
                    {link("/about", "footer.about")}
                    {link("/about#privacy", "footer.privacy")}
                    {link("/about#accessibility", "footer.accessibility")}
                    {link("/about#contact", "footer.contact")}
                    {link("/migration-status", "footer.migration")}
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
            <A href="/" attr:class="brand">{mark()}{move || i18n.t("app.name")}</A>
            <LanguageSelect />
        </header>
        <main id="main" class=class tabindex="-1">{children()}</main>
        <Footer />
    }
}
