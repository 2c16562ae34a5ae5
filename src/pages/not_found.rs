use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::page_title::PageTitle,
    i18n::{tr, I18n},
};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="content narrow">
            <PageTitle title=Signal::derive(|| I18n::get().t(k!("app.not_found.title")).to_owned()) />
            <h1 class="ds-heading" data-size="lg">{tr(k!("app.not_found.title"))}</h1>
            <p class="ds-paragraph">{tr(k!("app.not_found.body"))}</p>
            <A href="/" attr:class="ds-link">{tr(k!("app.back_to_inbox"))}</A>
        </main>
    }
}
