//! Editable content served as static files beside the app (from this page's origin, not the API's).

use gloo_net::http::{Request, Response};

use super::ApiError;

/// GET `path` on the app's own origin; a failure as an [`ApiError`].
pub async fn file(path: &str) -> Result<Response, ApiError> {
    let res = Request::get(path).send().await.map_err(|e| ApiError::Network(e.to_string()))?;
    if !res.ok() {
        return Err(ApiError::Server { status: res.status(), message: format!("{path}: {}", res.status_text()) });
    }
    Ok(res)
}

/// The UI texts of a language other than Bokmål (`content/i18n/<code>.txt`).
pub async fn catalogue(code: &str) -> Result<String, ApiError> {
    file(&format!("/content/i18n/{code}.txt")).await?.text().await.map_err(|e| ApiError::Decode(e.to_string()))
}
