//! Dev login against `inbox-server --dev-login`: the demo identities and test tokens.

use serde::Deserialize;

use super::{get_json, get_text, query, ApiError};

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
    get_json("/api/dev/identities", None).await
}

pub async fn personal_token(pid: &str) -> Result<String, ApiError> {
    get_text(&format!("/api/GetPersonalToken?{}", query(&[("pid", pid.to_owned()), ("scopes", "digdir:dialogporten".into())]))).await
}

/// A service owner's token with the scopes the workspace uses.
pub async fn enterprise_token(org: &str, org_no: &str) -> Result<String, ApiError> {
    let scopes = "digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search";
    get_text(&format!(
        "/api/GetEnterpriseToken?{}",
        query(&[("org", org.to_owned()), ("orgNo", org_no.to_owned()), ("scopes", scopes.into())])
    ))
    .await
}
