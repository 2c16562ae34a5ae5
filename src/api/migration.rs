//! The public migration status: editable content (static files beside the app) and the figures.

use dialogporten::migration::{ChangelogEntry, MessageBoxApi, MigrationStatus, PageContent, SourceContent};

use super::{get_json, ApiError};

/// Everything the status page shows, loaded together.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusPage {
    pub page: PageContent,
    pub sources: Vec<SourceContent>,
    pub changelog: Vec<ChangelogEntry>,
    pub status: MigrationStatus,
}

pub async fn status_page() -> Result<StatusPage, ApiError> {
    // The content is served from this app's own origin; the figures from the API's.
    let content = |name: &str| format!("/content/migration/{name}");
    Ok(StatusPage {
        page: gloo_json(&content("page.json")).await?,
        sources: gloo_json(&content("sources.json")).await?,
        changelog: gloo_json(&content("changelog.json")).await?,
        status: get_json("/api/v1/migration/status").await?,
    })
}

/// The computed figures alone (the inbox's notice about history not yet migrated).
pub async fn status() -> Result<MigrationStatus, ApiError> {
    get_json("/api/v1/migration/status").await
}

async fn gloo_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    super::content::file(path).await?.json().await.map_err(|e| ApiError::Decode(e.to_string()))
}

pub async fn message_box_api() -> Result<MessageBoxApi, ApiError> {
    gloo_json("/content/migration/message-box-api.json").await
}
