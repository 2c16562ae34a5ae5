//! Request bodies and headers with problem-details errors instead of axum's plain-text rejections.

use axum::{
    extract::{rejection::JsonRejection, FromRequest, Request},
    http::HeaderMap,
};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::ApiError;
use crate::domain::DomainError;

/// `Json<T>` whose failures are 400 problem details naming what is wrong.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::UnsupportedMediaType),
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::PayloadTooLarge),
            Err(e) => Err(DomainError::invalid("$", e.body_text()).into()),
        }
    }
}

/// The `If-Match` header as a revision id (quotes and `W/` tolerated); absent is `None`.
pub fn if_match(headers: &HeaderMap) -> Result<Option<Uuid>, ApiError> {
    let Some(value) = headers.get(axum::http::header::IF_MATCH) else { return Ok(None) };
    let text = value.to_str().unwrap_or_default().trim();
    let text = text.trim_start_matches("W/").trim_matches('"');
    Uuid::parse_str(text)
        .map(Some)
        .map_err(|_| DomainError::invalid("If-Match", format!("'{text}' is not a revision id (a UUID).")).into())
}

/// A path segment that must be a UUID.
pub fn uuid_param(field: &str, raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| DomainError::invalid(field, format!("'{raw}' is not a valid id (a UUID).")).into())
}
