//! `/api/v1/inbox/profile/notifications` and `/api/v1/inbox/profile/roles` (our extensions,
//! documented in docs/api-coverage.md), and dev mode's `/api/dev/outbox`.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::IntoResponse,
    routing::{delete, get, post, put},
    Json, Router,
};
use dialogporten::inbox::notifications::{Channel, Channels, NewVerification, VerificationCode};

use super::{
    body::JsonBody,
    extract::{uuid_param, Now},
    query::QueryPairs,
    ApiError, AuthenticatedEndUser,
};
use crate::{
    domain::{notifications, DomainError},
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/inbox/profile/roles", get(roles))
        .route("/api/v1/inbox/profile/notifications", get(settings))
        .route("/api/v1/inbox/profile/notifications/verifications", post(start))
        .route("/api/v1/inbox/profile/notifications/verifications/{id}", post(confirm))
        .route("/api/v1/inbox/profile/notifications/addresses/{channel}", delete(remove_own))
        .route("/api/v1/inbox/profile/notifications/addresses/{channel}/{party}", delete(remove_party))
        .route("/api/v1/inbox/profile/notifications/services/{resource}", put(choose))
}

/// Only with `--dev-login`: the messages the server would have sent, newest first (`?to=` one address).
pub fn dev_routes() -> Router<AppState> {
    Router::new().route("/api/dev/outbox", get(outbox))
}

async fn roles(State(s): State<AppState>, AuthenticatedEndUser(user): AuthenticatedEndUser) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(notifications::roles(&s.store, &user).await?))
}

async fn settings(State(s): State<AppState>, AuthenticatedEndUser(user): AuthenticatedEndUser) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(notifications::settings(&s.store, &user).await?))
}

async fn start(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    JsonBody(new): JsonBody<NewVerification>,
) -> Result<impl IntoResponse, ApiError> {
    let v = notifications::start(&s.store, &user, new, now).await?;
    let mut headers = HeaderMap::new();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/inbox/profile/notifications/verifications/{}", v.id)) {
        headers.insert(header::LOCATION, location);
    }
    Ok((StatusCode::CREATED, headers, Json(v)))
}

async fn confirm(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<VerificationCode>,
) -> Result<impl IntoResponse, ApiError> {
    let id = uuid_param("id", &id)?;
    Ok(Json(notifications::confirm(&s.store, &user, id, &body.code, now).await?))
}

fn channel_param(raw: &str) -> Result<Channel, ApiError> {
    Channel::parse(raw).ok_or_else(|| DomainError::invalid("channel", format!("'{raw}' is not a channel: use email or sms.")).into())
}

async fn remove_own(
    State(s): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path(channel): Path<String>,
) -> Result<StatusCode, ApiError> {
    notifications::remove_address(&s.store, &user, None, channel_param(&channel)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn remove_party(
    State(s): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path((channel, party)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    notifications::remove_address(&s.store, &user, Some(&party), channel_param(&channel)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn choose(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path(resource): Path<String>,
    JsonBody(channels): JsonBody<Channels>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(notifications::choose(&s.store, &user, &resource, channels, now).await?))
}

async fn outbox(State(s): State<AppState>, QueryPairs(pairs): QueryPairs) -> Result<impl IntoResponse, ApiError> {
    let to = pairs.iter().find(|(k, _)| k == "to").map(|(_, v)| v.as_str());
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(s.store.outbox(to).await.map_err(DomainError::from)?)))
}
