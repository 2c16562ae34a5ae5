//! `Authorization: Bearer <jwt>` → who is calling. Missing or bad tokens are a 401.

use axum::{extract::FromRequestParts, http::request::Parts};
use dialogporten::PersonId;

use super::ApiError;
use crate::{auth::SCOPE_END_USER, domain::dialogs::EndUser, AppState};

/// An end user (a person with an ID-porten-like token carrying `digdir:dialogporten`).
pub struct AuthenticatedEndUser(pub EndUser);

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("Missing bearer token.".into()))?;
    let value = value.to_str().map_err(|_| ApiError::Unauthorized("Malformed Authorization header.".into()))?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => Ok(token.trim()),
        _ => Err(ApiError::Unauthorized("The Authorization header must be 'Bearer <token>'.".into())),
    }
}

impl FromRequestParts<AppState> for AuthenticatedEndUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?;
        let now = crate::domain::now().unix_seconds();
        let claims = state.keys.verify(token, now).map_err(|e| ApiError::Unauthorized(format!("Invalid token: {e}.")))?;
        if !claims.has_scope(SCOPE_END_USER) {
            return Err(ApiError::Unauthorized(format!("The token lacks the scope {SCOPE_END_USER}.")));
        }
        let pid = claims
            .pid
            .as_deref()
            .and_then(|p| PersonId::parse(p).ok())
            .ok_or_else(|| ApiError::Unauthorized("The token identifies no person (pid claim).".into()))?;
        Ok(Self(EndUser { pid }))
    }
}
