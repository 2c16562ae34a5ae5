//! `/api/v1/enduser/…`

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue},
    response::IntoResponse,
    Json,
};
use dialogporten::Parties;
use uuid::Uuid;

use super::{query::QueryPairs, ApiError, AuthenticatedEndUser};
use crate::{
    domain::{access, dialogs, DomainError},
    AppState,
};

pub async fn search_dialogs(
    State(state): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(dialogs::search(&state.store, &user, &pairs).await?))
}

pub async fn get_dialog(
    State(state): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    Path(raw_id): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let id = Uuid::parse_str(&raw_id).map_err(|_| DomainError::invalid("DialogId", format!("'{raw_id}' is not a valid dialog id (a UUID).")))?;
    let dialog = dialogs::open(&state.store, &state.keys, &user, id).await?;
    let mut headers = HeaderMap::new();
    if let Ok(etag) = HeaderValue::from_str(&dialog.revision.to_string()) {
        headers.insert(header::ETAG, etag);
    }
    Ok((headers, Json(dialog)))
}

pub async fn get_parties(
    State(state): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
) -> Result<impl IntoResponse, ApiError> {
    let authorized_parties = access::authorized_parties(&state.store, &user.pid).await?;
    Ok(Json(Parties { authorized_parties }))
}
