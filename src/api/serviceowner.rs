//! `/api/v1/serviceowner/…` for the service-owner workspace.

use dialogporten::{
    serviceowner::{ServiceOwnerDialog, ServiceOwnerSearchDialog},
    PaginatedList,
};

use super::{get_json, post_for_json, query, send_empty, send_json, ApiError};

fn dialog_path(id: &str, rest: &str) -> String {
    format!("/api/v1/serviceowner/dialogs/{}{rest}", String::from(js_sys::encode_uri_component(id)))
}

/// Creates a dialog; the answer is its id.
pub async fn create(body: &dialogporten::serviceowner::CreateDialog) -> Result<uuid::Uuid, ApiError> {
    post_for_json("/api/v1/serviceowner/dialogs", body).await
}

/// Adds a transmission; the answer is its id.
pub async fn add_transmission(id: &str, body: &dialogporten::serviceowner::NewTransmission) -> Result<uuid::Uuid, ApiError> {
    post_for_json(&dialog_path(id, "/transmissions"), body).await
}

/// Applies a JSON Patch (RFC 6902) to the dialog.
pub async fn patch(id: &str, ops: &serde_json::Value) -> Result<(), ApiError> {
    send_json("PATCH", &dialog_path(id, ""), ops).await
}

pub async fn add_activity(id: &str, body: &dialogporten::serviceowner::NewActivity) -> Result<uuid::Uuid, ApiError> {
    post_for_json(&dialog_path(id, "/activities"), body).await
}

pub async fn add_label(id: &str, label: &str) -> Result<(), ApiError> {
    send_json("POST", &dialog_path(id, "/context/labels"), &dialogporten::serviceowner::Value { value: label.to_owned() }).await
}

pub async fn remove_label(id: &str, label: &str) -> Result<(), ApiError> {
    send_empty("DELETE", &dialog_path(id, &format!("/context/labels/{}", String::from(js_sys::encode_uri_component(label))))).await
}

/// Adds a system label for `end_user` (a person URN; an API address, never a page's).
pub async fn set_labels_on_behalf(id: &str, end_user: &str, label: dialogporten::SystemLabel) -> Result<(), ApiError> {
    let body = dialogporten::SetSystemLabels { add_labels: vec![label], ..Default::default() };
    let path = dialog_path(id, &format!("/endusercontext/systemlabels?endUserId={}", String::from(js_sys::encode_uri_component(end_user))));
    send_json("PUT", &path, &body).await
}

pub async fn purge(id: &str) -> Result<(), ApiError> {
    send_empty("POST", &dialog_path(id, "/actions/purge")).await
}

pub async fn search(pairs: &[(&str, String)], continuation: Option<&str>) -> Result<PaginatedList<ServiceOwnerSearchDialog>, ApiError> {
    let mut pairs = pairs.to_vec();
    pairs.push(("limit", "50".into()));
    if let Some(c) = continuation {
        pairs.push(("continuationToken", c.to_owned()));
    }
    get_json(&format!("/api/v1/serviceowner/dialogs?{}", query(&pairs))).await
}

pub async fn get(id: &str) -> Result<ServiceOwnerDialog, ApiError> {
    get_json(&dialog_path(id, "")).await
}

pub async fn delete(id: &str) -> Result<(), ApiError> {
    send_empty("DELETE", &dialog_path(id, "")).await
}

pub async fn restore(id: &str) -> Result<(), ApiError> {
    send_empty("POST", &dialog_path(id, "/actions/restore")).await
}
