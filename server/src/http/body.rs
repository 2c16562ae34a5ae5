//! Request bodies and headers with problem-details errors instead of axum's plain-text rejections.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::HeaderMap,
};
use dialogporten::{
    lenient::{self, JsonError},
    serviceowner,
};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::ApiError;
use crate::domain::DomainError;

/// A JSON body read as Dialogporten's ASP.NET host reads it (`dialogporten::lenient`: names in
/// any case, numbers as strings, unknown members ignored); failures are 400 problem details keyed
/// by the JSON path, as the host keys them.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: Body> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = body_bytes(req, state).await?;
        lenient::from_slice(&bytes).map(Self).map_err(|e| {
            // serde reports an error below a flattened DTO without its path: read that DTO alone
            // to find it again.
            let e = if e.path() == "$" { T::locate(&bytes).filter(|l| l.path() != "$").unwrap_or(e) } else { e };
            unreadable(e).into()
        })
    }
}

/// A request body's type. One that flattens another DTO (`#[serde(flatten)]`) reads the body as
/// that DTO in [`Body::locate`].
pub trait Body: DeserializeOwned {
    /// The error reading the body as the flattened DTO gives, with the path serde lost.
    fn locate(_bytes: &[u8]) -> Option<JsonError> {
        None
    }
}

macro_rules! bodies {
    ($($t:ty),+ $(,)?) => { $(impl Body for $t {})+ };
}

bodies!(
    serde_json::Value,
    serviceowner::Value,
    serviceowner::DialogChanges,
    serviceowner::NewActivity,
    serviceowner::NewTransmission,
    serviceowner::TransmissionCorrection,
    dialogporten::SetSystemLabels,
    dialogporten::inbox::NewSavedSearch,
    dialogporten::inbox::ProfileSettings,
    dialogporten::inbox::SavedSearchRename,
    dialogporten::inbox::notifications::Channels,
    dialogporten::inbox::notifications::NewVerification,
    dialogporten::inbox::notifications::VerificationCode,
);

impl Body for serviceowner::CreateDialog {
    fn locate(bytes: &[u8]) -> Option<JsonError> {
        lenient::from_slice::<serviceowner::DialogChanges>(bytes).err()
    }
}

impl Body for dialogporten::BulkSetSystemLabels {
    fn locate(bytes: &[u8]) -> Option<JsonError> {
        lenient::from_slice::<dialogporten::SetSystemLabels>(bytes).err()
    }
}

impl Body for serviceowner::SetSystemLabelsOnBehalf {
    fn locate(bytes: &[u8]) -> Option<JsonError> {
        dialogporten::SetSystemLabels::locate(bytes)
    }
}

impl Body for serviceowner::BulkSetSystemLabelsOnBehalf {
    fn locate(bytes: &[u8]) -> Option<JsonError> {
        lenient::from_slice::<dialogporten::BulkSetSystemLabels>(bytes)
            .err()
            .filter(|e| e.path() != "$")
            .or_else(|| dialogporten::BulkSetSystemLabels::locate(bytes))
    }
}

/// A body that does not read. A required member left out of an object is what Dialogporten's
/// validators report (its DTOs make every member optional): `'Value' must not be empty.` keyed
/// by the member's path below `dto`; anything else is keyed by the JSON path.
fn unreadable(e: JsonError) -> DomainError {
    let path = e.path();
    match e.message.strip_prefix("missing field `").and_then(|m| m.strip_suffix('`')) {
        Some(field) => {
            let mut name = field.to_owned();
            if let Some(first) = name.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            DomainError::invalid(&format!("dto{}.{field}", &path[1..]), format!("'{name}' must not be empty."))
        }
        None => DomainError::invalid(&path, e.message),
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
