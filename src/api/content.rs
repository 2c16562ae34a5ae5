//! Editable content served as static files beside the app (from this page's origin, not the API's).

use gloo_net::http::{Request, Response};

use dialogporten::migration::Text;

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

/// The about page (`content/about/about.json`): privacy, accessibility and contact, in nb, nn and en.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct About {
    pub title: Text,
    pub sections: Vec<AboutSection>,
}

/// One section of the about page; `id` is its anchor (`/about#privacy`).
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct AboutSection {
    pub id: String,
    pub heading: Text,
    /// Markdown.
    pub text: Text,
}

pub async fn about() -> Result<About, ApiError> {
    file("/content/about/about.json").await?.json().await.map_err(|e| ApiError::Decode(e.to_string()))
}
