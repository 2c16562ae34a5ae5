//! Our extensions `/api/v1/inbox/profile` (settings, favourite parties) and `/api/v1/inbox/saved-searches`.

use dialogporten::inbox::{NewSavedSearch, Profile, ProfileSettings, SavedSearch, SavedSearchRename};
use uuid::Uuid;

use super::{get_json, post_for_json, send_empty, send_for_json, ApiError};

pub async fn profile(token: &str) -> Result<Profile, ApiError> {
    get_json("/api/v1/inbox/profile", Some(token)).await
}

/// Replaces the settings (everything but the favourites).
pub async fn put_settings(token: &str, settings: &ProfileSettings) -> Result<Profile, ApiError> {
    send_for_json("PUT", "/api/v1/inbox/profile/settings", token, settings).await
}

/// Stars (`on`) or unstars a party.
pub async fn set_favourite(token: &str, party: &str, on: bool) -> Result<(), ApiError> {
    let party = String::from(js_sys::encode_uri_component(party));
    send_empty(if on { "PUT" } else { "DELETE" }, &format!("/api/v1/inbox/profile/favourite-parties/{party}"), token).await
}

pub async fn saved_searches(token: &str) -> Result<Vec<SavedSearch>, ApiError> {
    get_json("/api/v1/inbox/saved-searches", Some(token)).await
}

pub async fn save_search(token: &str, name: &str, query: &str) -> Result<SavedSearch, ApiError> {
    post_for_json("/api/v1/inbox/saved-searches", token, &NewSavedSearch { name: name.to_owned(), query: query.to_owned() }).await
}

pub async fn rename_search(token: &str, id: Uuid, name: &str) -> Result<SavedSearch, ApiError> {
    send_for_json("PATCH", &format!("/api/v1/inbox/saved-searches/{id}"), token, &SavedSearchRename { name: name.to_owned() }).await
}

pub async fn delete_search(token: &str, id: Uuid) -> Result<(), ApiError> {
    send_empty("DELETE", &format!("/api/v1/inbox/saved-searches/{id}"), token).await
}
