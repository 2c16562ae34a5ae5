//! Sign-in: the server's session (`/auth/…`, beside the API) and, in dev mode, the demo
//! identities to log in as. The session is an httpOnly cookie; no token reaches the app.

use serde::{Deserialize, Serialize};

use super::{fetch, get_json, post_for_json, ApiError};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityParty {
    pub party: String,
    pub name: String,
    pub party_type: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Identity {
    #[serde(rename = "person")]
    Person { pid: String, name: String, parties: Vec<IdentityParty> },
    #[serde(rename = "serviceOwner")]
    ServiceOwner { org: String, org_no: String, name: String },
    /// Kinds one does not log in to the app as (system users are software with tokens of their own).
    #[serde(other)]
    Other,
}

pub async fn identities() -> Result<Vec<Identity>, ApiError> {
    get_json("/api/dev/identities").await
}

/// Who the session is for: a person (no `org`) or a service owner.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct User {
    pub name: String,
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    pub level: u8,
}

/// `GET /auth/session`: how one logs in here (`login` is `dev` or `oidc`), whether the server
/// forwards to another Dialogporten, and who is logged in, if anyone.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ServerSession {
    pub login: String,
    #[serde(default)]
    pub upstream: bool,
    #[serde(default)]
    pub user: Option<User>,
}

/// Whom to log in as in dev mode: a person (`pid`) or a service owner (`org`, `orgNo`), at the
/// level `acr` names when one was asked for.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DevLogin {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
}

pub async fn session() -> Result<ServerSession, ApiError> {
    get_json("/auth/session").await
}

/// `POST /auth/dev-login`: the server sets the session cookie and answers with the user.
pub async fn dev_login(who: &DevLogin) -> Result<User, ApiError> {
    post_for_json("/auth/dev-login", who).await
}

/// `POST /auth/logout`: the cookie is cleared; `Some(url)` is the sign-in service's own logout,
/// for the browser to go to. `{"redirect": …}` read by the browser's JSON parser: this is on
/// every page's first load, and a decoder of its own would weigh more than the rest.
pub async fn log_out() -> Result<Option<String>, ApiError> {
    let text = fetch("POST", "/auth/logout").await?.text().await.map_err(|e| ApiError::Decode(e.to_string()))?;
    let answer = js_sys::JSON::parse(&text).unwrap_or(wasm_bindgen::JsValue::NULL);
    Ok(js_sys::Reflect::get(&answer, &"redirect".into()).ok().and_then(|v| v.as_string()))
}
