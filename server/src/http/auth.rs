//! `Authorization: Bearer <jwt>` → who is calling. Missing or bad tokens are a 401; a valid token
//! the operation's policy does not accept (scope, kind of caller) is a 403.

use axum::{
    extract::FromRequestParts,
    http::{request::Parts, Method},
};
use dialogporten::PersonId;

use super::ApiError;
use crate::{
    auth::{
        Claims, SCOPE_END_USER, SCOPE_END_USER_NO_CONSENT, SCOPE_SERVICE_PROVIDER, SCOPE_SERVICE_PROVIDER_ADMIN,
        SCOPE_SERVICE_PROVIDER_SEARCH,
    },
    domain::{
        caller::{EndUser, Subject},
        serviceowner::ServiceOwner,
    },
    AppState,
};

/// An end user: a person (an ID-porten-like token with `pid`) or a system user (a Maskinporten
/// token with a system-user grant), either carrying `digdir:dialogporten`.
pub struct AuthenticatedEndUser(pub EndUser);

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let value =
        parts.headers.get(axum::http::header::AUTHORIZATION).ok_or_else(|| ApiError::Unauthorized("Missing bearer token.".into()))?;
    let value = value.to_str().map_err(|_| ApiError::Unauthorized("Malformed Authorization header.".into()))?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => Ok(token.trim()),
        _ => Err(ApiError::Unauthorized("The Authorization header must be 'Bearer <token>'.".into())),
    }
}

/// The verified claims (of the bearer token, or of the session the cookie names); a write
/// (anything but GET and HEAD) also takes one of the caller's writes.
async fn claims(parts: &Parts, state: &AppState) -> Result<Claims, ApiError> {
    let claims = match parts.extensions.get::<super::session::SessionClaims>() {
        Some(session) => session.0.clone(),
        None => {
            let token = bearer(parts)?;
            state.keys.verify_access(token, state.now_unix()).map_err(|e| ApiError::InvalidToken(format!("Invalid token: {e}.")))?
        }
    };
    if !matches!(parts.method, Method::GET | Method::HEAD) {
        let caller = claims.pid.as_deref().or(claims.consumer.as_ref().map(|c| c.id.as_str())).unwrap_or(&claims.jti);
        state.write_allowed(caller, claims.has_scope(SCOPE_SERVICE_PROVIDER)).await?;
    }
    Ok(claims)
}

/// A service owner: a Maskinporten-like token with `consumer` (`0192:<orgNo>`) and the
/// `digdir:dialogporten.serviceprovider` scope. A valid token without them is a 403.
pub struct AuthenticatedServiceOwner(pub ServiceOwner);

impl FromRequestParts<AppState> for AuthenticatedServiceOwner {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let claims = claims(parts, state).await?;
        if !claims.has_scope(SCOPE_SERVICE_PROVIDER) {
            return Err(ApiError::PolicyForbidden);
        }
        let org_no = claims.consumer.as_ref().and_then(|c| c.id.strip_prefix("0192:")).ok_or(ApiError::PolicyForbidden)?.to_owned();
        let org = match claims.org.clone() {
            Some(org) => org,
            None => state.store.org_code_for(&org_no).await?.ok_or(ApiError::PolicyForbidden)?,
        };
        if !matches!(parts.method, Method::GET | Method::HEAD) {
            let admin = claims.has_scope(SCOPE_SERVICE_PROVIDER_ADMIN);
            tracing::info!(event = "service_owner_write", org = %org, admin, path = %parts.uri.path());
        }
        Ok(Self(ServiceOwner {
            org,
            org_no,
            admin: claims.has_scope(SCOPE_SERVICE_PROVIDER_ADMIN),
            can_search: claims.has_scope(SCOPE_SERVICE_PROVIDER_SEARCH),
            can_change_transmissions: claims.has_scope("digdir:dialogporten.serviceprovider.changetransmissions"),
            can_correspond: claims.has_scope(crate::domain::serviceowner::SCOPE_CORRESPONDENCE),
        }))
    }
}

impl FromRequestParts<AppState> for AuthenticatedEndUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let claims = claims(parts, state).await?;
        // A valid token that does not meet the end-user policy is refused as ASP.NET refuses a
        // failed policy: 403 without a body (a 401 would tell the client to log in again).
        if !claims.has_scope(SCOPE_END_USER) && !claims.has_scope(SCOPE_END_USER_NO_CONSENT) {
            return Err(ApiError::PolicyForbidden);
        }
        // A person when the token names one (a valid `pid` wins, as upstream), else a system user.
        let subject = match (claims.pid.as_deref(), claims.system_user_id()) {
            (Some(pid), _) => Subject::Person(PersonId::parse(pid).map_err(|_| ApiError::PolicyForbidden)?),
            (None, Some(id)) => Subject::SystemUser(id),
            (None, None) => return Err(ApiError::PolicyForbidden),
        };
        Ok(Self(EndUser { subject, token_expires: Some(claims.exp), auth_level: claims.auth_level() }))
    }
}

/// Altinn Notifications asking whether to send a reminder: a consumer organisation with the
/// `altinn:system/notifications.condition.check` scope.
pub struct NotificationChecker;

pub const SCOPE_NOTIFICATION_CHECK: &str = "altinn:system/notifications.condition.check";

impl FromRequestParts<AppState> for NotificationChecker {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let claims = claims(parts, state).await?;
        if claims.has_scope(SCOPE_NOTIFICATION_CHECK) && claims.consumer.is_some() {
            Ok(Self)
        } else {
            Err(ApiError::PolicyForbidden)
        }
    }
}
