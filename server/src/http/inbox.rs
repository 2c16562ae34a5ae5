//! Our extensions under `/api/v1/inbox/…` (documented in docs/api-coverage.md).

use std::{convert::Infallible, time::Duration};

use axum::{
    extract::State,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse,
    },
    routing::get,
    Json, Router,
};
use futures_util::{stream, Stream, StreamExt};
use tokio::sync::broadcast::error::RecvError;

use super::{extract::Now, query::QueryPairs, ApiError, AuthenticatedEndUser};
use crate::{
    domain::{dialogs, live::Listener},
    store::DialogChange,
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/inbox/counters", get(counters))
        .route("/api/v1/inbox/services", get(services))
        .route("/api/v1/inbox/events", get(events))
}

async fn services(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    s.search_allowed(&user.actor_id()).await?;
    Ok(Json(dialogs::services_received(&s.store, &user, &pairs, now).await?))
}

async fn counters(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    s.search_allowed(&user.actor_id()).await?;
    Ok(Json(dialogs::counters(&s.store, &user, &pairs, now).await?))
}

/// Server-sent events for the user's parties (or the `party` parameters among them): `ready` once
/// subscribed, `dialog` with `{"id", "kind": "changed"|"purged"}` after each change, `resync` when
/// notices were lost. Only ids travel: the client fetches what it shows through the API, with its
/// access checks. The stream ends when the token expires or after `stream_max_age`, so access is
/// re-checked on reconnect; a caller holds at most `streams_per_caller` at once.
async fn events(
    State(s): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    QueryPairs(pairs): QueryPairs,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let guard = s.meters.open_stream(&user.actor_id())?;
    let listener = Listener::open(&s.store, &user, &pairs).await?;
    let rx = s.store.changes().subscribe();
    let ready = stream::once(async { Ok(Event::default().event("ready").data("{}")) });
    // The guard lives in the stream's state: the place is given back when the stream ends.
    let changes = stream::unfold((rx, listener, guard), |(mut rx, listener, guard)| async move {
        loop {
            let event = match rx.recv().await {
                Ok(change) if listener.may_hear(&change) => notice(&change),
                Ok(_) => continue,
                Err(RecvError::Lagged(_)) => Event::default().event("resync").data("{}"),
                Err(RecvError::Closed) => return None,
            };
            return Some((Ok(event), (rx, listener, guard)));
        }
    });
    let left = Duration::from_secs(user.token_expires.map_or(3600, |exp| exp - s.now_unix()).max(0).unsigned_abs());
    let expiry = tokio::time::sleep(left.min(s.meters.limits.stream_max_age));
    Ok(Sse::new(ready.chain(changes).take_until(expiry)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

fn notice(change: &DialogChange) -> Event {
    let kind = if change.purged { "purged" } else { "changed" };
    Event::default().event("dialog").data(serde_json::json!({ "id": change.id, "kind": kind }).to_string())
}
