//! One file per route, and the split point that fetches each page's code on first use. Pages
//! load data through `api/` and hand it to components.

use leptos::prelude::*;

use crate::{api::ApiError, components::deferred::split_point};

pub mod about;
pub mod dialog;
pub mod inbox;
pub mod login;
pub mod message_box_api;
pub mod migration;
pub mod not_found;
pub mod profile;
pub mod saved_searches;
pub mod serviceowner;

use self::{
    about::AboutPage,
    dialog::DialogPage,
    login::LoginPage,
    message_box_api::MessageBoxApiPage,
    migration::MigrationStatusPage,
    profile::ProfilePage,
    saved_searches::SavedSearchesPage,
    serviceowner::{ServiceOwnerCreatePage, ServiceOwnerDialogPage, ServiceOwnerHome},
};

/// A split point per page: `chunk[, preload f] => fn loader() -> Page;`. The page's code is in
/// its chunk, fetched on first use (components::deferred); pages in one chunk share it.
macro_rules! pages {
    ($($chunk:ident $(, preload $preload:ident)? => fn $name:ident() -> $page:ident;)+) => {$(
        split_point! {
            $chunk $(, preload $preload)?;
            pub fn $name() -> Result<AnyView, ApiError> {
                Ok(view! { <$page /> }.into_any())
            }
        }
    )+};
}

// Routed by `app.rs`. The dialog page is prefetched once a list has shown (`prefetch_dialog_page`).
pages! {
    dialog_page, preload prefetch_dialog_page => fn dialog_page() -> DialogPage;
    login => fn login_page() -> LoginPage;
    saved_searches => fn saved_searches_page() -> SavedSearchesPage;
    profile => fn profile_page() -> ProfilePage;
    serviceowner => fn serviceowner_home() -> ServiceOwnerHome;
    serviceowner => fn serviceowner_create_page() -> ServiceOwnerCreatePage;
    serviceowner => fn serviceowner_dialog_page() -> ServiceOwnerDialogPage;
    migration => fn migration_status_page() -> MigrationStatusPage;
    migration => fn message_box_api_page() -> MessageBoxApiPage;
    about => fn about_page() -> AboutPage;
}
