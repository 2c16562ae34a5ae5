//! Dev login, only with `--dev-login`: token endpoints with the parameters of Altinn's test token
//! generator (personal, enterprise and system-user tokens, so scripts written for it work by
//! changing the host; `env` and other parameters are ignored, as are Basic credentials) and the
//! list of identities the register holds.

use axum::{extract::State, http::header, response::IntoResponse, routing::get, Json, Router};
use dialogporten::{OrgNumber, PersonId};
use serde::Serialize;
use uuid::Uuid;

use super::{
    query::{param, QueryPairs},
    ApiError,
};
use crate::{
    auth::{
        AuthorizationDetail, Claims, Consumer, ACR_SUBSTANTIAL, MAX_ACCESS_LIFETIME, SCOPE_END_USER, SCOPE_SERVICE_PROVIDER,
        SYSTEM_USER_DETAIL,
    },
    domain::{access, caller::EndUser, DomainError},
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/GetPersonalToken", get(personal_token))
        .route("/api/GetEnterpriseToken", get(enterprise_token))
        .route("/api/GetSystemUserToken", get(system_user_token))
        .route("/api/dev/identities", get(identities))
}

const DEFAULT_TTL: i64 = 1800;
const MAX_TTL: i64 = MAX_ACCESS_LIFETIME;

fn base_claims(pairs: &[(String, String)], default_scope: &str, now: i64) -> Result<Claims, DomainError> {
    let ttl = match param(pairs, "ttl") {
        None => DEFAULT_TTL,
        Some(t) => t
            .parse::<i64>()
            .ok()
            .filter(|t| (1..=MAX_TTL).contains(t))
            .ok_or_else(|| DomainError::invalid("ttl", format!("ttl must be a number of seconds from 1 to {MAX_TTL}.")))?,
    };
    let scope = param(pairs, "scopes").filter(|s| !s.trim().is_empty()).unwrap_or(default_scope).trim();
    Ok(fresh(now, ttl, scope))
}

/// The signed token as the generator answers it. These routes exist only in dev mode, so the
/// dev key is there; were it not, nothing is minted.
fn jwt_text(state: &AppState, claims: &Claims) -> Result<impl IntoResponse, ApiError> {
    let token = state.keys.sign_dev_access(claims).ok_or_else(|| DomainError::Forbidden("Dev login is off.".into()))?;
    let subject = claims.pid.as_deref().or(claims.org.as_deref()).unwrap_or("system user");
    tracing::info!(event = "dev_token_issued", subject = %super::request_id::pseudonym(subject), scope = %claims.scope);
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], token))
}

async fn personal_token(State(state): State<AppState>, QueryPairs(pairs): QueryPairs) -> Result<impl IntoResponse, ApiError> {
    let pid = param(&pairs, "pid").ok_or_else(|| DomainError::invalid("pid", "pid (an 11-digit national identity number) is required."))?;
    let pid = PersonId::parse(pid).map_err(|e| DomainError::invalid("pid", e.to_string()))?;
    let base = base_claims(&pairs, SCOPE_END_USER, state.now_unix())?;
    jwt_text(&state, &Claims { scope: base.scope.clone(), ..person_claims(&pid, ACR_SUBSTANTIAL, base.iat, base.exp - base.iat) })
}

/// A person as the token generator has them: logged in at `acr` (ID-porten's level).
pub(super) fn person_claims(pid: &PersonId, acr: &str, iat: i64, ttl: i64) -> Claims {
    Claims {
        pid: Some(pid.as_str().to_owned()),
        auth_level: Some(crate::auth::level_of_acr(acr)),
        acr: Some(acr.to_owned()),
        ..fresh(iat, ttl, SCOPE_END_USER)
    }
}

/// A service owner with the scopes the workspace uses (search too).
pub(super) fn owner_claims(org: &str, org_no: &str, iat: i64, ttl: i64) -> Claims {
    let scope = format!("{SCOPE_SERVICE_PROVIDER} {}", crate::auth::SCOPE_SERVICE_PROVIDER_SEARCH);
    Claims { consumer: Some(consumer(org_no)), org: Some(org.to_owned()), ..fresh(iat, ttl, &scope) }
}

fn fresh(iat: i64, ttl: i64, scope: &str) -> Claims {
    Claims {
        iat,
        nbf: iat,
        exp: iat + ttl,
        jti: Uuid::new_v4().to_string(),
        scope: scope.to_owned(),
        token_type: Some("Bearer".into()),
        ..Claims::default()
    }
}

async fn enterprise_token(State(state): State<AppState>, QueryPairs(pairs): QueryPairs) -> Result<impl IntoResponse, ApiError> {
    let org = param(&pairs, "org").map(str::to_ascii_lowercase).filter(|o| !o.is_empty() && o.chars().all(|c| c.is_ascii_alphanumeric()));
    let org = org.ok_or_else(|| DomainError::invalid("org", "org (a service owner code such as 'skd') is required."))?;
    let org_no =
        param(&pairs, "orgNo").ok_or_else(|| DomainError::invalid("orgNo", "orgNo (a 9-digit organisation number) is required."))?;
    let org_no = OrgNumber::parse(org_no).map_err(|e| DomainError::invalid("orgNo", e.to_string()))?;
    let mut claims = base_claims(&pairs, SCOPE_SERVICE_PROVIDER, state.now_unix())?;
    claims.consumer = Some(consumer(org_no.as_str()));
    claims.org = Some(org);
    jwt_text(&state, &claims)
}

/// `consumer` for an organisation number: `0192` is the ISO 6523 code of Norway's register.
fn consumer(org_no: &str) -> Consumer {
    Consumer { authority: "iso6523-actorid-upis".into(), id: format!("0192:{org_no}") }
}

/// Nine digits; the check digit is not checked where Dialogporten does not check it (a system
/// user's organisation).
fn nine_digits<'a>(pairs: &'a [(String, String)], name: &str) -> Result<&'a str, DomainError> {
    let value = param(pairs, name).unwrap_or(DEFAULT_ORG_NO);
    if value.len() == 9 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(value)
    } else {
        Err(DomainError::invalid(name, format!("{name} must be an organisation number of 9 digits.")))
    }
}

/// The organisation the token generator assumes when none is named (Digdir).
const DEFAULT_ORG_NO: &str = "991825827";

/// A system user's token, as Altinn's generator issues it: `authorization_details` naming the
/// system user and its organisation, `consumer` the calling organisation, and no `pid`.
async fn system_user_token(State(state): State<AppState>, QueryPairs(pairs): QueryPairs) -> Result<impl IntoResponse, ApiError> {
    let id = param(&pairs, "systemUserId")
        .ok_or_else(|| DomainError::invalid("systemUserId", "systemUserId (the system user's UUID) is required."))?;
    let id = Uuid::parse_str(id).map_err(|_| DomainError::invalid("systemUserId", format!("'{id}' is not a UUID.")))?;
    let system_user_org = nine_digits(&pairs, "systemUserOrg")?;
    let org_no = nine_digits(&pairs, "orgNo")?;
    let mut claims = base_claims(&pairs, SCOPE_END_USER, state.now_unix())?;
    claims.consumer = Some(consumer(org_no));
    claims.auth_level = Some(3);
    claims.client_id = Some(Uuid::new_v4().to_string());
    claims.authorization_details = vec![AuthorizationDetail {
        kind: SYSTEM_USER_DETAIL.into(),
        systemuser_id: vec![id.to_string()],
        systemuser_org: Some(consumer(system_user_org)),
        system_id: Some(Uuid::new_v4().to_string()),
    }];
    jwt_text(&state, &claims)
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
    #[serde(rename = "systemUser")]
    SystemUser { id: String, name: String, org_no: String, parties: Vec<IdentityParty> },
}

async fn parties_of(state: &AppState, user: &EndUser) -> Result<Vec<IdentityParty>, ApiError> {
    Ok(access::authorized_parties(&state.store, user)
        .await?
        .iter()
        .flat_map(|p| p.flatten())
        .map(|p| IdentityParty { party: p.party.clone(), name: p.name.clone(), party_type: p.party_type.clone() })
        .collect())
}

async fn identities(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let mut out = Vec::new();
    for (pid, name) in state.store.persons_with_access().await? {
        let Ok(person) = PersonId::parse(&pid) else { continue };
        let parties = parties_of(&state, &EndUser::person(person, None)).await?;
        out.push(Identity::Person { pid, name, parties });
    }
    for su in state.store.system_users().await? {
        let user = EndUser {
            subject: crate::domain::caller::Subject::SystemUser(su.id),
            token_expires: None,
            auth_level: crate::domain::caller::SUBSTANTIAL,
        };
        let parties = parties_of(&state, &user).await?;
        out.push(Identity::SystemUser { id: su.id.to_string(), name: su.name, org_no: su.org_no, parties });
    }
    for so in state.store.service_owners().await? {
        out.push(Identity::ServiceOwner { org: so.org, org_no: so.org_no, name: so.name });
    }
    Ok(Json(out))
}
