//! Calls to a dialog's own service rather than to Dialogporten: front-channel embeds and GUI
//! actions, both authorised by the dialog token as Bearer (as af.altinn.no does).

use dialogporten::{HttpVerb, UtcDateTime};
use gloo_net::http::Request;

use super::{base_url, ApiError};

/// Service URLs are absolute; a root-relative one (our demo services) is on the API's host.
pub fn absolute(url: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{}{url}", base_url())
    } else {
        url.to_owned()
    }
}

/// Where the app may send the browser for a GET action: our own root-relative URLs made absolute,
/// then http(s) only. A `javascript:` or `data:` URL from a service (or a Dialogporten that let
/// one through) is never followed, whatever the server checked.
pub fn followable(url: &str) -> Option<String> {
    crate::rich_text::safe_href(&absolute(url)).filter(|u| !u.to_ascii_lowercase().starts_with("mailto:"))
}

/// `Accept-Language` from the languages best first (`Lang::content_preference`):
/// `nb, nn;q=0.9, en;q=0.8` for Bokmål.
pub fn accept_language([first, second, third]: [&str; 3]) -> String {
    format!("{first}, {second};q=0.9, {third};q=0.8")
}

/// A front-channel embed's body (markdown or HTML, rendered through the allow-list).
pub async fn embed(url: &str, dialog_token: &str, languages: [&str; 3]) -> Result<String, ApiError> {
    let req = Request::get(&absolute(url))
        .header("Authorization", &format!("Bearer {dialog_token}"))
        .header("Accept-Language", &accept_language(languages));
    let res = super::checked(req, |b| b.build()).await?;
    res.text().await.map_err(|e| ApiError::Decode(e.to_string()))
}

/// Whether a JWT expires within a minute (or cannot be read): the dialog token lives ten
/// minutes, and a page left open longer must fetch a fresh one before acting with it.
pub fn expiring(token: &str, now_unix: i64) -> bool {
    let exp = token.split('.').nth(1).and_then(|payload| {
        let mut b64 = payload.replace('-', "+").replace('_', "/");
        while b64.len() % 4 != 0 {
            b64.push('=');
        }
        let json = web_sys::window()?.atob(&b64).ok()?;
        serde_json::from_str::<serde_json::Value>(&json).ok()?.get("exp")?.as_i64()
    });
    exp.is_none_or(|exp| exp - now_unix < 60)
}

/// Why a GUI action did not go through.
#[derive(Clone, Debug, PartialEq)]
pub enum ActionError {
    /// 422 with `deletionAllowedAt`: the service keeps the dialog for a grace period.
    NotYetDeletable(UtcDateTime),
    Failed(ApiError),
}

/// Sends a (non-GET) GUI action to its service with the dialog token.
pub async fn perform(method: HttpVerb, url: &str, dialog_token: &str) -> Result<(), ActionError> {
    let url = absolute(url);
    let builder = match method {
        HttpVerb::Post => Request::post(&url),
        HttpVerb::Put => Request::put(&url),
        HttpVerb::Patch => Request::patch(&url),
        HttpVerb::Delete => Request::delete(&url),
        _ => Request::get(&url),
    };
    let res = super::send_in_time(builder.header("Authorization", &format!("Bearer {dialog_token}")), |b| b.build())
        .await
        .map_err(ActionError::Failed)?;
    if res.ok() {
        return Ok(());
    }
    if res.status() == 422 {
        let body: serde_json::Value = res.json().await.unwrap_or_default();
        if let Some(at) = body.get("deletionAllowedAt").and_then(|v| v.as_str()).and_then(|s| UtcDateTime::parse(s).ok()) {
            return Err(ActionError::NotYetDeletable(at));
        }
        let message = body.get("title").and_then(|v| v.as_str()).unwrap_or("Unprocessable").to_owned();
        return Err(ActionError::Failed(ApiError::Invalid(message)));
    }
    // An expired dialog token is the page's to renew, not a reason to end the session.
    match super::error_from(res).await {
        ApiError::Unauthorized => Err(ActionError::Failed(ApiError::Forbidden("The dialog token was refused.".into()))),
        e => Err(ActionError::Failed(e)),
    }
}
