//! `/api/v1/enduser/dialogs`

use dialogporten::{Dialog, PaginatedList, SearchDialog};

use super::{get_json, query, ApiError};

/// One search: the parties, the folder's filters and an optional continuation token.
pub async fn search(token: &str, parties: &[String], filters: &[(&str, String)], continuation: Option<&str>) -> Result<PaginatedList<SearchDialog>, ApiError> {
    let mut pairs: Vec<(&str, String)> = parties.iter().map(|p| ("party", p.clone())).collect();
    pairs.extend(filters.iter().cloned());
    pairs.push(("limit", "50".into()));
    if let Some(c) = continuation {
        pairs.push(("continuationToken", c.to_owned()));
    }
    get_json(&format!("/api/v1/enduser/dialogs?{}", query(&pairs)), Some(token)).await
}

pub async fn get(token: &str, id: &str) -> Result<Dialog, ApiError> {
    let id = String::from(js_sys::encode_uri_component(id));
    get_json(&format!("/api/v1/enduser/dialogs/{id}"), Some(token)).await
}
