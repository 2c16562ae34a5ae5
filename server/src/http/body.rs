//! Request bodies and headers with problem-details errors instead of axum's plain-text rejections.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::HeaderMap,
};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::ApiError;
use crate::domain::DomainError;

/// A JSON body read as Dialogporten's ASP.NET host reads it (`dialogporten::lenient`: names in
/// any case, numbers as strings, unknown members ignored); failures are 400 problem details keyed
/// by the JSON path, as the host keys them.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = body_bytes(req, state).await?;
        dialogporten::lenient::from_slice(&bytes).map(Self).map_err(|e| DomainError::invalid(&e.path(), e.message).into())
    }
}

/// `application/json`, `application/<anything>+json` (`json-patch+json`), any parameters.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else { return false };
    let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The raw body, over the size limit a 413.
async fn body_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    Bytes::from_request(req, state).await.map_err(|e| match e.status() {
        axum::http::StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
        _ => DomainError::invalid("$", e.body_text()).into(),
    })
}

/// `ETag: <revision>`, bare as Dialogporten writes it.
pub fn etag(revision: Uuid) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Ok(v) = axum::http::HeaderValue::from_str(&revision.to_string()) {
        headers.insert(axum::http::header::ETAG, v);
    }
    headers
}
