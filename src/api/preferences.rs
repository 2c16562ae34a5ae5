//! Our extensions `/api/v1/inbox/profile` (settings, favourite parties) and `/api/v1/inbox/saved-searches`.

use dialogporten::inbox::{
    notifications::{
        Channel, Channels, NewVerification, NotificationAddress, NotificationSettings, ServiceChoice, Verification, VerificationCode,
    },
    NewSavedSearch, PartyRoles, Profile, ProfileSettings, SavedSearch, SavedSearchRename,
};
use uuid::Uuid;

use super::{get_json, post_for_json, send_empty, send_for_json, ApiError};

pub async fn profile() -> Result<Profile, ApiError> {
    get_json("/api/v1/inbox/profile").await
}

/// Replaces the settings (everything but the favourites).
pub async fn put_settings(settings: &ProfileSettings) -> Result<Profile, ApiError> {
    send_for_json("PUT", "/api/v1/inbox/profile/settings", settings).await
}

/// Stars (`on`) or unstars a party.
pub async fn set_favourite(party: &str, on: bool) -> Result<(), ApiError> {
    let party = String::from(js_sys::encode_uri_component(party));
    send_empty(if on { "PUT" } else { "DELETE" }, &format!("/api/v1/inbox/profile/favourite-parties/{party}")).await
}

pub async fn saved_searches() -> Result<Vec<SavedSearch>, ApiError> {
    get_json("/api/v1/inbox/saved-searches").await
}

pub async fn save_search(name: &str, query: &str) -> Result<SavedSearch, ApiError> {
    post_for_json("/api/v1/inbox/saved-searches", &NewSavedSearch { name: name.to_owned(), query: query.to_owned() }).await
}

pub async fn rename_search(id: Uuid, name: &str) -> Result<SavedSearch, ApiError> {
    send_for_json("PATCH", &format!("/api/v1/inbox/saved-searches/{id}"), &SavedSearchRename { name: name.to_owned() }).await
}

pub async fn delete_search(id: Uuid) -> Result<(), ApiError> {
    send_empty("DELETE", &format!("/api/v1/inbox/saved-searches/{id}")).await
}

const VERIFICATIONS: &str = "/api/v1/inbox/profile/notifications/verifications";

pub async fn notifications() -> Result<NotificationSettings, ApiError> {
    get_json("/api/v1/inbox/profile/notifications").await
}

/// Sends a code to the address; nothing is saved until [`confirm_verification`] brings it back.
pub async fn start_verification(new: &NewVerification) -> Result<Verification, ApiError> {
    post_for_json(VERIFICATIONS, new).await
}

pub async fn confirm_verification(id: Uuid, code: &str) -> Result<NotificationAddress, ApiError> {
    post_for_json(&format!("{VERIFICATIONS}/{id}"), &VerificationCode { code: code.trim().to_owned() }).await
}

pub async fn remove_address(party: Option<&str>, channel: Channel) -> Result<(), ApiError> {
    let path = match party {
        None => format!("/api/v1/inbox/profile/notifications/addresses/{}", channel.as_str()),
        Some(p) => {
            format!("/api/v1/inbox/profile/notifications/addresses/{}/{}", channel.as_str(), String::from(js_sys::encode_uri_component(p)))
        }
    };
    send_empty("DELETE", &path).await
}

pub async fn choose_service(resource: &str, channels: Channels) -> Result<ServiceChoice, ApiError> {
    let resource = String::from(js_sys::encode_uri_component(resource));
    send_for_json("PUT", &format!("/api/v1/inbox/profile/notifications/services/{resource}"), &channels).await
}

pub async fn roles() -> Result<Vec<PartyRoles>, ApiError> {
    get_json("/api/v1/inbox/profile/roles").await
}
