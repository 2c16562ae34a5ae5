use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="content narrow">
            <h1 class="ds-heading" data-size="lg">{tr("app.not_found.title")}</h1>
            <p class="ds-paragraph">{tr("app.not_found.body")}</p>
            <A href="/" attr:class="ds-link">{tr("app.back_to_inbox")}</A>
        </main>
    }
}
