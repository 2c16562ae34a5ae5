//! Our extensions under `/api/v1/inbox/…` (documented in docs/api-coverage.md).

use axum::{extract::State, response::IntoResponse, routing::get, Json, Router};

use super::{query::QueryPairs, ApiError, AuthenticatedEndUser};
use crate::{domain::dialogs, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/inbox/counters", get(counters))
}

async fn counters(
    State(s): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(dialogs::counters(&s.store, &user, &pairs).await?))
}
