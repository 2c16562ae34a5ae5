//! Routes (the same paths as af.altinn.no where it has them) and the root context.

use dialogporten::Folder;
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes, A},
    path,
};

use crate::list_return::ListReturn;
use crate::{
    about::about_page,
    components::{deferred::Deferred, flash::Flash, page_title::PageTitle},
    dialog::dialog_page,
    i18n::{tr, I18n},
    inbox::{page::InboxPage, saved_searches_page},
    live::Live,
    login::login_page,
    migration::{message_box_api_page, migration_status_page},
    profile::profile_page,
    resources::{CountersResource, PartiesResource},
    serviceowner::{serviceowner_create_page, serviceowner_dialog_page, serviceowner_home},
    session::SessionState,
};

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    SessionState::provide();
    Flash::provide();
    crate::shortcuts::Shortcuts::provide();
    crate::profile_state::ProfileState::provide();
    ListReturn::provide();
    crate::perf::FirstPaint::provide();
    PartiesResource::provide();
    CountersResource::provide();
    Live::provide();
    crate::offline::Offline::provide();
    Live::get().on_notice(|_| CountersResource::get().reload());
    view! {
        <Router>
            <FocusOnNavigate />
            <a class="ds-skip-link" href="#main">{tr(k!("app.skip_to_content"))}</a>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=|| view! { <Deferred load=login_page /> } />
                <Route path=path!("/") view=|| view! { <InboxPage folder=Folder::Inbox /> } />
                <Route path=path!("/drafts") view=|| view! { <InboxPage folder=Folder::Drafts /> } />
                <Route path=path!("/sent") view=|| view! { <InboxPage folder=Folder::Sent /> } />
                <Route path=path!("/archive") view=|| view! { <InboxPage folder=Folder::Archive /> } />
                <Route path=path!("/bin") view=|| view! { <InboxPage folder=Folder::Bin /> } />
                // Every page but the folder lists is a chunk of its own.
                <Route path=path!("/inbox/:id") view=|| view! { <Deferred load=dialog_page /> } />
                <Route path=path!("/saved-searches") view=|| view! { <Deferred load=saved_searches_page /> } />
                <Route path=path!("/profile") view=|| view! { <Deferred load=profile_page /> } />
                <Route path=path!("/serviceowner") view=|| view! { <Deferred load=serviceowner_home /> } />
                <Route path=path!("/serviceowner/new") view=|| view! { <Deferred load=serviceowner_create_page /> } />
                <Route path=path!("/serviceowner/dialogs/:id") view=|| view! { <Deferred load=serviceowner_dialog_page /> } />
                <Route path=path!("/migration-status") view=|| view! { <Deferred load=migration_status_page /> } />
                <Route path=path!("/migration-status/message-box-api") view=|| view! { <Deferred load=message_box_api_page /> } />
                <Route path=path!("/about") view=|| view! { <Deferred load=about_page /> } />
            </Routes>
        </Router>
    }
}

/// After a client-side navigation, move focus to the new page's main content, so keyboard and
/// screen-reader users start at the top of what changed (the first load keeps the browser's focus).
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(|| {
                if let Some(main) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
                        // Without scrolling: the router has placed the page (top, or where the
                        // list was left when coming back to it).
                        let options = web_sys::FocusOptions::new();
                        options.set_prevent_scroll(true);
                        let _ = el.focus_with_options(&options);
                    }
                }
            });
        }
        path
    });
}

/// Any other address: said plainly, with the way back to the inbox.
#[component]
fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="content narrow">
            <PageTitle title=Signal::derive(|| I18n::get().t(k!("app.not_found.title")).to_owned()) />
            <h1 class="ds-heading" data-size="lg">{tr(k!("app.not_found.title"))}</h1>
            <p class="ds-paragraph">{tr(k!("app.not_found.body"))}</p>
            <A href="/" attr:class="ds-link">{tr(k!("app.back_to_inbox"))}</A>
        </main>
    }
}
