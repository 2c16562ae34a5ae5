use dialogporten::Folder;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

use crate::{
    components::{
        icon::{icon, Icon},
        menus::Menus,
    },
    parties::party_nav::list_href,
};
use crate::{i18n::I18n, list_query::ListQuery, resources::CountersResource, session::SessionState};

/// The folder list with each folder's total and unread count; the current folder is marked for
/// assistive technology too.
#[component]
pub fn FolderNav() -> impl IntoView {
    let i18n = I18n::get();
    let location = use_location();
    let counters = CountersResource::get();
    let state = SessionState::get();
    let menu = Menus::get().site;
    view! {
        <nav id="folder-nav" class="folder-nav" class:open=move || menu.get() aria-label=move || i18n.t(k!("nav.label"))>
            <ul class="ds-list--unstyled">
                {Folder::ALL
                    .into_iter()
                    .map(|folder| {
                        let current = move || location.pathname.get() == folder.path();
                        let count = move || counters.current().map(|c| c.get(folder));
                        view! {
                            <li>
                                <A href=move || list_href(folder, &ListQuery { scope: state.scope.get(), ..Default::default() }) attr:class="folder-link" attr:aria-current=move || current().then_some("page")>
                                    {icon(folder_icon(folder))}
                                    <span class="folder-name">{move || i18n.t(crate::i18n::keys::folder(folder))}</span>
                                    {move || count().map(|c| view! {
                                        <span class="ds-sr-only">
                                            ", " {i18n.tf(k!("nav.count"), &[("total", &c.total.to_string()), ("unread", &c.unread.to_string())])}
                                        </span>
                                        <span class="folder-count" aria-hidden="true">
                                            {(c.unread > 0).then(|| view! { <span class="unread-badge">{c.unread}</span> })}
                                            <span class="total">{c.total}</span>
                                        </span>
                                    })}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <A href="/saved-searches" attr:class="folder-link saved-link" attr:aria-current=move || (location.pathname.get() == "/saved-searches").then_some("page")>
                {icon(Icon::Search)}
                {move || i18n.t(k!("saved.nav"))}
            </A>
            <A href="/profile" attr:class="folder-link" attr:aria-current=move || (location.pathname.get() == "/profile").then_some("page")>
                {icon(Icon::Profile)}
                {move || i18n.t(k!("profile.nav"))}
            </A>
        </nav>
    }
}

fn folder_icon(folder: Folder) -> Icon {
    match folder {
        Folder::Inbox => Icon::Inbox,
        Folder::Drafts => Icon::Drafts,
        Folder::Sent => Icon::Sent,
        Folder::Archive => Icon::Archive,
        Folder::Bin => Icon::Bin,
    }
}
