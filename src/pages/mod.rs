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

// The pages fetched on first use (components::deferred), routed by `app.rs`. The dialog page is
// prefetched once a list has shown (`prefetch_dialog_page`).
split_point! {
    dialog_page, preload prefetch_dialog_page;
    pub fn dialog_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::dialog::DialogPage /> }.into_any())
    }
}
split_point! {
    login;
    pub fn login_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::login::LoginPage /> }.into_any())
    }
}
split_point! {
    saved_searches;
    pub fn saved_searches_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::saved_searches::SavedSearchesPage /> }.into_any())
    }
}
split_point! {
    profile;
    pub fn profile_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::profile::ProfilePage /> }.into_any())
    }
}
split_point! {
    serviceowner;
    pub fn serviceowner_home() -> Result<AnyView, ApiError> {
        Ok(view! { <self::serviceowner::ServiceOwnerHome /> }.into_any())
    }
}
split_point! {
    serviceowner;
    pub fn serviceowner_create_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::serviceowner::ServiceOwnerCreatePage /> }.into_any())
    }
}
split_point! {
    serviceowner;
    pub fn serviceowner_dialog_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::serviceowner::ServiceOwnerDialogPage /> }.into_any())
    }
}
split_point! {
    migration;
    pub fn migration_status_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::migration::MigrationStatusPage /> }.into_any())
    }
}
split_point! {
    migration;
    pub fn message_box_api_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::message_box_api::MessageBoxApiPage /> }.into_any())
    }
}

split_point! {
    about;
    pub fn about_page() -> Result<AnyView, ApiError> {
        Ok(view! { <self::about::AboutPage /> }.into_any())
    }
}
