//! About Inbox: what it is, privacy, the accessibility statement and whom to contact, from the
//! editable `content/about/about.json`. Anyone may read it.

use dialogporten::Folder;
use leptos::prelude::*;

use crate::{
    api::{self, content::About},
    components::{
        breadcrumbs::{crumb, Breadcrumbs},
        loaded::Loaded,
        page_title::PageTitle,
        rich_text::Markdown,
    },
    i18n::I18n,
    shell::footer::PublicPage,
};

#[component]
pub fn AboutPage() -> impl IntoView {
    let data = LocalResource::new(api::content::about);
    view! {
        <PublicPage class="content narrow about-page">
            <Loaded resource=data view=|a| view! { <AboutView about=a /> } />
        </PublicPage>
    }
}

#[component]
fn AboutView(about: About) -> impl IntoView {
    let i18n = I18n::get();
    let lang = move || i18n.lang.get().code();
    let title = about.title.clone();
    let title = Signal::derive(move || title.get(lang()).to_owned());
    // The address's anchor (a footer link) is in view once the sections are there.
    request_animation_frame(|| {
        let Some(w) = web_sys::window() else { return };
        let hash = w.location().hash().unwrap_or_default();
        if let Some(el) = w.document().and_then(|d| d.get_element_by_id(hash.trim_start_matches('#'))) {
            el.scroll_into_view();
        }
    });
    view! {
        <PageTitle title=title />
        <Breadcrumbs trail=vec![crumb(crate::i18n::keys::folder(Folder::Inbox), "/")] here=title />
        <h1 class="ds-heading" data-size="lg">{title}</h1>
        {about
            .sections
            .into_iter()
            .map(|s| {
                let (heading, text) = (s.heading, s.text);
                view! {
                    <section id=s.id>
                        <h2 class="ds-heading" data-size="sm">{move || heading.get(lang()).to_owned()}</h2>
                        <Markdown source=Signal::derive(move || text.get(lang()).to_owned()) />
                    </section>
                }
            })
            .collect_view()}
    }
}

crate::components::deferred::pages! {
    about => fn about_page() -> AboutPage;
}
