//! The only code that does HTTP. One function per resource; problem details become `ApiError`.
//! No call carries a token: the session is the server's httpOnly cookie (`/auth/…`, `login.rs`).
//!
//! The base URL is this page's origin unless `<meta name="inbox-api-base" content="https://…">`
//! in index.html names another host. The cookie goes only to this page's origin, so another
//! Dialogporten is reached through this server (`inbox-server serve --upstream URL`).

pub mod content;
pub mod dialogs;
pub mod events;
pub mod login;
pub mod migration;
pub mod parties;
pub mod preferences;
pub mod service;
pub mod serviceowner;

use dialogporten::ProblemDetails;
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;

/// Why a call failed, in terms the UI can explain and offer a way out of.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("not logged in, or the session has expired")]
    Unauthorized,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("gone: {0}")]
    Gone(String),
    #[error("invalid request: {0}")]
    Invalid(String),
    /// A 400 whose problem details name the fields at fault (`dto.party` → messages), for forms.
    #[error("invalid request: {message}")]
    Rejected { message: String, fields: std::collections::BTreeMap<String, Vec<String>> },
    #[error("server error {status}: {message}")]
    Server { status: u16, message: String },
    /// 429 (too many searches) or 503 (overloaded): try again after `retry_after` seconds, when
    /// the server said (`Retry-After`).
    #[error("busy ({status}), retry after {retry_after:?} s")]
    Busy { status: u16, retry_after: Option<u32> },
    #[error("network error: {0}")]
    Network(String),
    /// No answer within [`TIMEOUT`]: the request was given up, so no spinner waits forever.
    #[error("no answer within {} s", TIMEOUT.as_secs())]
    Timeout,
    #[error("unreadable answer: {0}")]
    Decode(String),
}

impl ApiError {
    /// Whether the same request may succeed later (the service was busy, slow or out of reach);
    /// a refusal, a missing or removed dialog or an invalid request stays as it is.
    pub fn retryable(&self) -> bool {
        matches!(self, Self::Network(_) | Self::Timeout | Self::Busy { .. } | Self::Server { .. } | Self::Decode(_))
    }
}

/// How long a call may take before it is given up (and offered again).
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Gives up `builder`'s request after [`TIMEOUT`]; the deadline is cleared when the guard drops.
pub(crate) struct Deadline(Option<leptos::prelude::TimeoutHandle>);

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(h) = self.0.take() {
            h.clear();
        }
    }
}

pub(crate) fn with_deadline(builder: gloo_net::http::RequestBuilder) -> (gloo_net::http::RequestBuilder, Deadline) {
    let Ok(controller) = web_sys::AbortController::new() else { return (builder, Deadline(None)) };
    let builder = builder.abort_signal(Some(&controller.signal()));
    let handle = leptos::prelude::set_timeout_with_handle(move || controller.abort(), TIMEOUT).ok();
    (builder, Deadline(handle))
}

/// Sends a request under the deadline; a request given up reads as [`ApiError::Timeout`].
pub(crate) async fn send_in_time(
    builder: gloo_net::http::RequestBuilder,
    build: impl FnOnce(gloo_net::http::RequestBuilder) -> Result<Request, gloo_net::Error>,
) -> Result<Response, ApiError> {
    let (builder, _deadline) = with_deadline(builder);
    let req = build(builder).map_err(|e| ApiError::Decode(e.to_string()))?;
    req.send().await.map_err(|e| {
        let text = e.to_string();
        if text.contains("Abort") || text.contains("abort") {
            ApiError::Timeout
        } else {
            ApiError::Network(text)
        }
    })
}

pub fn base_url() -> String {
    let meta = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name='inbox-api-base']").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.trim().is_empty());
    meta.unwrap_or_default().trim_end_matches('/').to_owned()
}

/// Query string from pairs, percent-encoded.
pub fn query(pairs: &[(&str, String)]) -> String {
    let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v)))).collect();
    encoded.join("&")
}

async fn error_from(res: Response) -> ApiError {
    let status = res.status();
    if matches!(status, 429 | 503) {
        // Retry-After in seconds (the form our server and Dialogporten send; a date is ignored).
        let retry_after = res.headers().get("retry-after").and_then(|v| v.trim().parse().ok());
        return ApiError::Busy { status, retry_after };
    }
    let problem: Option<ProblemDetails> = res.json().await.ok();
    let message = problem.as_ref().map(|p| p.message()).unwrap_or_else(|| res.status_text());
    if let Some(fields) = problem.map(|p| p.errors).filter(|f| !f.is_empty() && matches!(status, 400 | 422)) {
        return ApiError::Rejected { message, fields };
    }
    match status {
        401 => ApiError::Unauthorized,
        403 => ApiError::Forbidden(message),
        404 => ApiError::NotFound(message),
        410 => ApiError::Gone(message),
        400 | 422 => ApiError::Invalid(message),
        _ => ApiError::Server { status, message },
    }
}

/// Sends a request (built by `build`, under the deadline); any answer but 2xx becomes an
/// `ApiError` from its problem details.
async fn checked(
    builder: gloo_net::http::RequestBuilder,
    build: impl FnOnce(gloo_net::http::RequestBuilder) -> Result<Request, gloo_net::Error>,
) -> Result<Response, ApiError> {
    let res = send_in_time(builder, build).await?;
    if !res.ok() {
        return Err(error_from(res).await);
    }
    Ok(res)
}

async fn decoded<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    res.json::<T>().await.map_err(|e| ApiError::Decode(e.to_string()))
}

/// A request to `path` (relative to the base URL). No Authorization header: the session is the
/// server's httpOnly cookie, which the browser sends with same-origin requests (fetch's default
/// credentials, `same-origin`, which gloo-net leaves as it is).
fn request(method: &str, path: &str) -> gloo_net::http::RequestBuilder {
    let url = format!("{}{path}", base_url());
    let builder = match method {
        "POST" => Request::post(&url),
        "PATCH" => Request::patch(&url),
        "PUT" => Request::put(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    };
    // An Accept-Language that names no language asks Dialogporten for every localization (the
    // browser's own would have it keep one): the app picks the language itself, and switching it
    // needs no refetch. Not an empty value: Chromium replaces that with its own.
    builder.header("Accept-Language", ",")
}

/// A bodiless request (one instance of the sending code for all of them); any answer but 2xx
/// becomes an `ApiError`.
async fn fetch(method: &str, path: &str) -> Result<Response, ApiError> {
    checked(request(method, path).header("Accept", "application/json"), |b| b.build()).await
}

/// GET `path` (relative to the base URL); decode JSON.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decoded(fetch("GET", path).await?).await
}

/// A request with a JSON body, for commands answered with 204.
pub async fn send_json<B: serde::Serialize>(method: &str, path: &str, body: &B) -> Result<(), ApiError> {
    checked(request(method, path), |b| b.json(body)).await.map(|_| ())
}

/// POST a JSON body and decode the JSON answer (a create answered with the new id).
pub async fn post_for_json<B: serde::Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send_for_json("POST", path, body).await
}

/// Any method with a JSON body, decoding the JSON answer.
pub async fn send_for_json<B: serde::Serialize, T: DeserializeOwned>(method: &str, path: &str, body: &B) -> Result<T, ApiError> {
    decoded(checked(request(method, path), |b| b.json(body)).await?).await
}

/// A bodiless command (`DELETE`, or `POST …/actions/restore`) answered with 204.
pub async fn send_empty(method: &str, path: &str) -> Result<(), ApiError> {
    fetch(method, path).await.map(|_| ())
}
