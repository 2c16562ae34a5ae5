//! Routes (the same paths as af.altinn.no where it has them) and the root context.

use dialogporten::Folder;
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::list_return::ListReturn;
use crate::{
    components::flash::Flash,
    resources::{CountersResource, PartiesResource},
    i18n::{tr, I18n},
    pages::{
        dialog::DialogPage, inbox::InboxPage, login::LoginPage, message_box_api::MessageBoxApiPage, migration::MigrationStatusPage,
        not_found::NotFound,
        profile::ProfilePage,
        saved_searches::SavedSearchesPage,
        serviceowner::{ServiceOwnerCreatePage, ServiceOwnerDialogPage, ServiceOwnerHome},
    },
    live::Live,
    session::SessionState,
};

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    SessionState::provide();
    Flash::provide();
    crate::shortcuts::Shortcuts::provide();
    crate::profile::ProfileState::provide();
    ListReturn::provide();
    PartiesResource::provide();
    CountersResource::provide();
    Live::provide();
    crate::offline::Offline::provide();
    Live::get().on_notice(|_| CountersResource::get().reload());
    view! {
        <Router>
            <FocusOnNavigate />
            <a class="ds-skip-link" href="#main">{tr("app.skip_to_content")}</a>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/") view=|| view! { <InboxPage folder=Folder::Inbox /> } />
                <Route path=path!("/drafts") view=|| view! { <InboxPage folder=Folder::Drafts /> } />
                <Route path=path!("/sent") view=|| view! { <InboxPage folder=Folder::Sent /> } />
                <Route path=path!("/archive") view=|| view! { <InboxPage folder=Folder::Archive /> } />
                <Route path=path!("/bin") view=|| view! { <InboxPage folder=Folder::Bin /> } />
                <Route path=path!("/inbox/:id") view=DialogPage />
                <Route path=path!("/saved-searches") view=SavedSearchesPage />
                <Route path=path!("/profile") view=ProfilePage />
                <Route path=path!("/serviceowner") view=ServiceOwnerHome />
                <Route path=path!("/serviceowner/new") view=ServiceOwnerCreatePage />
                <Route path=path!("/serviceowner/dialogs/:id") view=ServiceOwnerDialogPage />
                <Route path=path!("/migration-status") view=MigrationStatusPage />
                <Route path=path!("/migration-status/message-box-api") view=MessageBoxApiPage />
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
