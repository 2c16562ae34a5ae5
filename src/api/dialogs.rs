//! `/api/v1/enduser/dialogs`

use dialogporten::{
    BulkSetSystemLabels, Dialog, DialogRevision, FolderCounters, PaginatedList, SearchDialog, SetSystemLabels, SystemLabel,
};

use super::{get_json, query, send_json, ApiError};

/// Rows per page, as af.altinn.no loads them ("Vis flere" fetches the next).
pub const PAGE_SIZE: u32 = 100;

/// One search: the parties, the folder's filters and an optional continuation token.
pub async fn search(
    parties: &[String],
    filters: &[(&str, String)],
    continuation: Option<&str>,
) -> Result<PaginatedList<SearchDialog>, ApiError> {
    let mut pairs: Vec<(&str, String)> = parties.iter().map(|p| ("party", p.clone())).collect();
    pairs.extend(filters.iter().cloned());
    pairs.push(("limit", PAGE_SIZE.to_string()));
    if let Some(c) = continuation {
        pairs.push(("continuationToken", c.to_owned()));
    }
    get_json(&format!("/api/v1/enduser/dialogs?{}", query(&pairs))).await
}

pub async fn get(id: &str) -> Result<Dialog, ApiError> {
    let id = String::from(js_sys::encode_uri_component(id));
    get_json(&format!("/api/v1/enduser/dialogs/{id}")).await
}

/// Our services extension: the services of the dialogs the parties have received.
pub async fn services_received(parties: &[String]) -> Result<dialogporten::ServicesReceived, ApiError> {
    let pairs: Vec<(&str, String)> = parties.iter().map(|p| ("party", p.clone())).collect();
    get_json(&format!("/api/v1/inbox/services?{}", query(&pairs))).await
}

/// Moves a dialog between folders or marks it unread (`PUT …/context/systemlabels`).
pub async fn set_labels(id: &str, add: &[SystemLabel], remove: &[SystemLabel]) -> Result<(), ApiError> {
    let id = String::from(js_sys::encode_uri_component(id));
    let body = SetSystemLabels { add_labels: add.to_vec(), remove_labels: remove.to_vec(), system_labels: Vec::new() };
    send_json("PUT", &format!("/api/v1/enduser/dialogs/{id}/context/systemlabels"), &body).await
}

/// Our counters extension: per-folder totals and unread for the parties.
pub async fn counters(parties: &[String]) -> Result<FolderCounters, ApiError> {
    let pairs: Vec<(&str, String)> = parties.iter().map(|p| ("party", p.clone())).collect();
    get_json(&format!("/api/v1/inbox/counters?{}", query(&pairs))).await
}

/// The same label change for many dialogs at once (≤ 100 a request, as the API allows).
pub async fn bulk_set_labels(ids: &[uuid::Uuid], add: &[SystemLabel], remove: &[SystemLabel]) -> Result<(), ApiError> {
    for chunk in ids.chunks(100) {
        let body = BulkSetSystemLabels {
            dialogs: chunk.iter().map(|id| DialogRevision { dialog_id: *id, end_user_context_revision: None }).collect(),
            labels: SetSystemLabels { add_labels: add.to_vec(), remove_labels: remove.to_vec(), system_labels: Vec::new() },
        };
        send_json("POST", "/api/v1/enduser/dialogs/context/systemlabels/actions/bulkset", &body).await?;
    }
    Ok(())
}
