//! `/api/v1/inbox/profile` and `/api/v1/inbox/saved-searches` (our extensions, documented in
//! docs/api-coverage.md): a person's favourite parties and saved searches.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::IntoResponse,
    routing::{get, patch, put},
    Json, Router,
};
use dialogporten::inbox::{NewSavedSearch, ProfileSettings, SavedSearchRename};

use super::{
    body::JsonBody,
    extract::{uuid_param, Now},
    ApiError, AuthenticatedEndUser,
};
use crate::{domain::preferences, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/inbox/profile", get(profile))
        .route("/api/v1/inbox/profile/settings", put(settings))
        .route("/api/v1/inbox/profile/favourite-parties/{party}", put(star).delete(unstar))
        .route("/api/v1/inbox/saved-searches", get(list).post(create))
        .route("/api/v1/inbox/saved-searches/{id}", patch(rename).delete(remove))
}

async fn profile(State(s): State<AppState>, AuthenticatedEndUser(user): AuthenticatedEndUser) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(preferences::profile(&s.store, &user).await?))
}

async fn settings(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    JsonBody(body): JsonBody<ProfileSettings>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(preferences::put_settings(&s.store, &user, body, now).await?))
}

async fn star(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path(party): Path<String>,
) -> Result<StatusCode, ApiError> {
    preferences::set_favourite(&s.store, &user, &party, true, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn unstar(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path(party): Path<String>,
) -> Result<StatusCode, ApiError> {
    preferences::set_favourite(&s.store, &user, &party, false, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list(State(s): State<AppState>, AuthenticatedEndUser(user): AuthenticatedEndUser) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(preferences::saved_searches(&s.store, &user).await?))
}

async fn create(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    JsonBody(new): JsonBody<NewSavedSearch>,
) -> Result<impl IntoResponse, ApiError> {
    let saved = preferences::save_search(&s.store, &user, new, now).await?;
    let mut headers = HeaderMap::new();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/inbox/saved-searches/{}", saved.id)) {
        headers.insert(header::LOCATION, location);
    }
    Ok((StatusCode::CREATED, headers, Json(saved)))
}

async fn rename(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<SavedSearchRename>,
) -> Result<impl IntoResponse, ApiError> {
    let id = uuid_param("id", &id)?;
    Ok(Json(preferences::rename_search(&s.store, &user, id, &body.name, now).await?))
}

async fn remove(
    State(s): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = uuid_param("id", &id)?;
    preferences::delete_search(&s.store, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
