//! Where a page sits ("Innboks › Lagrede søk"), as Designsystemet's breadcrumbs: the trail on a
//! wide screen, only the way back (its last link) on a narrow one. The folder lists are the top,
//! so they have none.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    i18n::{I18n, Key},
    list_return::ListReturn,
};

/// `trail`: the pages above this one, top first, each as (words, address); `here`: this page.
#[component]
pub fn Breadcrumbs(trail: Vec<(Signal<String>, String)>, #[prop(into)] here: Signal<String>) -> impl IntoView {
    let i18n = I18n::get();
    let back = trail.last().cloned().map(|(text, href)| {
        view! { <A href=href attr:class="ds-link">{move || i18n.tf(k!("crumbs.back"), &[("name", &text.get())])}</A> }
    });
    view! {
        <nav class="ds-breadcrumbs" aria-label=move || i18n.t(k!("crumbs.label"))>
            {back}
            <ol>
                {trail.into_iter().map(|(text, href)| view! { <li><A href=href attr:class="ds-link">{text}</A></li> }).collect_view()}
                <li><span aria-current="page">{here}</span></li>
            </ol>
        </nav>
    }
}

/// A trail step named by a translation key.
pub fn crumb(key: Key, href: impl Into<String>) -> (Signal<String>, String) {
    let i18n = I18n::get();
    (Signal::derive(move || i18n.t(key).to_owned()), href.into())
}

/// The list the person came from (the inbox when none) as a trail step.
pub fn list_crumb() -> (Signal<String>, String) {
    let list = ListReturn::get();
    crumb(crate::i18n::keys::folder(list.folder()), list.url())
}
