//! `/api/v1/serviceowner/…` for the service-owner workspace.

use dialogporten::{
    serviceowner::{ServiceOwnerDialog, ServiceOwnerSearchDialog},
    PaginatedList,
};

use super::{get_json, query, send_empty, ApiError};

pub async fn search(token: &str, pairs: &[(&str, String)], continuation: Option<&str>) -> Result<PaginatedList<ServiceOwnerSearchDialog>, ApiError> {
    let mut pairs = pairs.to_vec();
    pairs.push(("limit", "50".into()));
    if let Some(c) = continuation {
        pairs.push(("continuationToken", c.to_owned()));
    }
    get_json(&format!("/api/v1/serviceowner/dialogs?{}", query(&pairs)), Some(token)).await
}

pub async fn get(token: &str, id: &str) -> Result<ServiceOwnerDialog, ApiError> {
    get_json(&format!("/api/v1/serviceowner/dialogs/{}", String::from(js_sys::encode_uri_component(id))), Some(token)).await
}

pub async fn delete(token: &str, id: &str) -> Result<(), ApiError> {
    send_empty("DELETE", &format!("/api/v1/serviceowner/dialogs/{}", String::from(js_sys::encode_uri_component(id))), token).await
}

pub async fn restore(token: &str, id: &str) -> Result<(), ApiError> {
    send_empty("POST", &format!("/api/v1/serviceowner/dialogs/{}/actions/restore", String::from(js_sys::encode_uri_component(id))), token).await
}
