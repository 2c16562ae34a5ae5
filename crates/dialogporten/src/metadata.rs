//! `/api/v1/metadata/limits` and the `.well-known` documents of the token issuer.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndUserSearchLimits {
    pub max_party_filter_values: i32,
    pub max_service_resource_filter_values: i32,
    pub max_org_filter_values: i32,
    pub max_extended_status_filter_values: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceOwnerSearchLimits {
    pub max_party_filter_values: i32,
    pub max_service_resource_filter_values: i32,
    pub max_extended_status_filter_values: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub end_user_search: EndUserSearchLimits,
    pub service_owner_search: ServiceOwnerSearchLimits,
}

/// One public key (`OKP`/`Ed25519` for our issuer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    pub kty: String,
    #[serde(rename = "use")]
    pub key_use: String,
    pub kid: String,
    pub crv: String,
    pub x: String,
    pub alg: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwks {
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub keys: Vec<Jwk>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OauthAuthorizationServer {
    pub issuer: String,
    pub jwks_uri: String,
}
