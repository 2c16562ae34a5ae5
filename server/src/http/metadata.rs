//! `/api/v1/metadata/limits` and the token issuer's `.well-known` documents (no token needed).

use axum::{extract::State, response::IntoResponse, routing::get, Json, Router};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use dialogporten::{EndUserSearchLimits, Jwk, Jwks, Limits, OauthAuthorizationServer, ServiceOwnerSearchLimits};

use super::ApiError;
use crate::{
    domain::{lookup, search},
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/metadata/limits", get(limits))
        .route("/api/v1/metadata/serviceresources", get(service_resources))
        .route("/api/v1/.well-known/jwks.json", get(jwks))
        .route("/api/v1/.well-known/oauth-authorization-server", get(oauth_authorization_server))
}

async fn limits() -> impl IntoResponse {
    Json(Limits {
        end_user_search: EndUserSearchLimits {
            max_party_filter_values: search::MAX_PARTIES as i32,
            max_service_resource_filter_values: search::MAX_SERVICE_RESOURCES as i32,
            max_org_filter_values: search::MAX_ORGS as i32,
            max_extended_status_filter_values: search::MAX_EXTENDED_STATUSES as i32,
        },
        service_owner_search: ServiceOwnerSearchLimits {
            max_party_filter_values: 20,
            max_service_resource_filter_values: search::MAX_SERVICE_RESOURCES as i32,
            max_extended_status_filter_values: search::MAX_EXTENDED_STATUSES as i32,
        },
    })
}

async fn jwks(State(s): State<AppState>) -> impl IntoResponse {
    let keys = s.keys.api_keys().public_keys();
    Json(Jwks {
        keys: keys
            .map(|(kid, key)| Jwk {
                kty: "OKP".into(),
                key_use: "sig".into(),
                kid: kid.into(),
                crv: "Ed25519".into(),
                x: B64.encode(key.as_bytes()),
                alg: "EdDSA".into(),
            })
            .collect(),
    })
}

/// The issuer is this server's public URL plus `/api/v1`, as Dialogporten's is its base URL plus
/// `/api/v1`.
async fn oauth_authorization_server(State(s): State<AppState>) -> impl IntoResponse {
    let issuer = s.keys.api_issuer().to_owned();
    Json(OauthAuthorizationServer { jwks_uri: format!("{issuer}/.well-known/jwks.json"), issuer })
}

async fn service_resources(State(s): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(lookup::catalogue(&s.store).await?))
}
