//! Dev login, only with `--dev-login`: token endpoints with the parameters of Altinn's test token
//! generator (so scripts written for it work by changing the host) and the demo identity list.

use axum::{
    extract::State,
    http::header,
    response::IntoResponse,
    routing::get,
    Json, Router,
};
use dialogporten::{OrgNumber, PersonId};
use serde::Serialize;
use uuid::Uuid;

use super::{query::QueryPairs, ApiError};
use crate::{
    auth::{Claims, Consumer, SCOPE_END_USER, SCOPE_SERVICE_PROVIDER},
    domain::{access, now, DomainError},
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/GetPersonalToken", get(personal_token))
        .route("/api/GetEnterpriseToken", get(enterprise_token))
        .route("/api/dev/identities", get(identities))
}

const DEFAULT_TTL: i64 = 1800;
const MAX_TTL: i64 = 60 * 60 * 24 * 30;
const ISSUER: &str = "inbox-server/dev-login";

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn base_claims(pairs: &[(String, String)], default_scope: &str) -> Result<Claims, DomainError> {
    let ttl = match param(pairs, "ttl") {
        None => DEFAULT_TTL,
        Some(t) => t.parse::<i64>().ok().filter(|t| (1..=MAX_TTL).contains(t)).ok_or_else(|| {
            DomainError::invalid("ttl", format!("ttl must be a number of seconds from 1 to {MAX_TTL}."))
        })?,
    };
    let iat = now().unix_seconds();
    Ok(Claims {
        iss: ISSUER.into(),
        iat,
        nbf: iat,
        exp: iat + ttl,
        jti: Uuid::new_v4().to_string(),
        scope: param(pairs, "scopes").filter(|s| !s.trim().is_empty()).unwrap_or(default_scope).trim().to_owned(),
        ..Claims::default()
    })
}

fn jwt_text(token: String) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], token)
}

async fn personal_token(State(state): State<AppState>, QueryPairs(pairs): QueryPairs) -> Result<impl IntoResponse, ApiError> {
    let pid = param(&pairs, "pid").ok_or_else(|| DomainError::invalid("pid", "pid (an 11-digit national identity number) is required."))?;
    let pid = PersonId::parse(pid).map_err(|e| DomainError::invalid("pid", e.to_string()))?;
    let mut claims = base_claims(&pairs, SCOPE_END_USER)?;
    claims.pid = Some(pid.as_str().to_owned());
    claims.auth_level = Some(3);
    claims.acr = Some("idporten-loa-substantial".into());
    Ok(jwt_text(state.keys.sign(&claims)))
}

async fn enterprise_token(State(state): State<AppState>, QueryPairs(pairs): QueryPairs) -> Result<impl IntoResponse, ApiError> {
    let org = param(&pairs, "org").map(str::to_ascii_lowercase).filter(|o| !o.is_empty() && o.chars().all(|c| c.is_ascii_alphanumeric()));
    let org = org.ok_or_else(|| DomainError::invalid("org", "org (a service owner code such as 'skd') is required."))?;
    let org_no = param(&pairs, "orgNo").ok_or_else(|| DomainError::invalid("orgNo", "orgNo (a 9-digit organisation number) is required."))?;
    let org_no = OrgNumber::parse(org_no).map_err(|e| DomainError::invalid("orgNo", e.to_string()))?;
    let mut claims = base_claims(&pairs, SCOPE_SERVICE_PROVIDER)?;
    claims.consumer = Some(Consumer { authority: "iso6523-actorid-upis".into(), id: format!("0192:{}", org_no.as_str()) });
    claims.org = Some(org);
    Ok(jwt_text(state.keys.sign(&claims)))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IdentityParty {
    party: String,
    name: String,
    party_type: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
enum Identity {
    #[serde(rename = "person")]
    Person { pid: String, name: String, parties: Vec<IdentityParty> },
    #[serde(rename = "serviceOwner")]
    ServiceOwner { org: String, org_no: String, name: String },
}

async fn identities(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let mut out = Vec::new();
    for (pid, name) in state.store.persons_with_access().await? {
        let Ok(person) = PersonId::parse(&pid) else { continue };
        let parties = access::authorized_parties(&state.store, &person)
            .await?
            .iter()
            .flat_map(|p| p.flatten())
            .map(|p| IdentityParty { party: p.party.clone(), name: p.name.clone(), party_type: p.party_type.clone() })
            .collect();
        out.push(Identity::Person { pid, name, parties });
    }
    for so in state.store.service_owners().await? {
        out.push(Identity::ServiceOwner { org: so.org, org_no: so.org_no, name: so.name });
    }
    Ok(Json(out))
}
