//! What one client may take of the server: requests in progress at once (over it, 503 with
//! `Retry-After`, the same answer as an overloaded database), writes per caller, requests per
//! address on paths that need no token, and live event streams per caller, each of bounded age.
//! The connection-level limits (header timeout, open connections) are applied by `listen`.

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tokio::sync::Semaphore;

use super::{
    rate::{self, Limiter, Rate},
    ApiError,
};
use crate::{domain::DomainError, store::Store, AppState};

#[derive(Clone, Debug)]
pub struct Limits {
    /// Time a client has to send a request's headers.
    pub header_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
    /// Requests being handled at once; an event stream counts only while it is set up.
    pub max_in_flight: usize,
    /// Searches per caller.
    pub searches: Rate,
    /// Writes (POST, PUT, PATCH, DELETE) per person or system user: a human's pace, with room.
    pub writes: Rate,
    /// Writes per service owner: an integration creating and updating dialogs in bulk.
    pub owner_writes: Rate,
    /// Requests per client address on API paths that carry no token (token endpoints, metadata,
    /// the migration status and its feed).
    pub anonymous: Rate,
    /// Live event streams one caller may hold open.
    pub streams_per_caller: usize,
    /// An event stream ends after this long (or when its token expires, if sooner); the client
    /// reconnects and is checked again.
    pub stream_max_age: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            max_connections: 4096,
            max_in_flight: 512,
            searches: Rate::per_second(30.0),
            writes: Rate::per_second(10.0),
            owner_writes: Rate::per_second(100.0),
            anonymous: Rate::per_second(20.0),
            streams_per_caller: 4,
            stream_max_age: Duration::from_secs(15 * 60),
        }
    }
}

impl Limits {
    /// No per-caller rates (benchmarks, and tests of something else); the server-wide bounds stay.
    pub fn unmetered() -> Self {
        Self { searches: Rate::OFF, writes: Rate::OFF, owner_writes: Rate::OFF, anonymous: Rate::OFF, ..Self::default() }
    }
}

/// The live state behind [`Limits`], one per server instance.
pub struct Meters {
    pub limits: Limits,
    in_flight: Arc<Semaphore>,
    pub searches: Limiter,
    pub writes: Limiter,
    pub owner_writes: Limiter,
    anonymous: Limiter,
    streams: Mutex<HashMap<String, usize>>,
}

impl Meters {
    pub fn new(limits: Limits, store: &Store) -> Self {
        Self {
            in_flight: Arc::new(Semaphore::new(limits.max_in_flight)),
            searches: Limiter::new(limits.searches, "searches", store.clone()),
            writes: Limiter::new(limits.writes, "writes", store.clone()),
            owner_writes: Limiter::new(limits.owner_writes, "owner_writes", store.clone()),
            anonymous: Limiter::new(limits.anonymous, "anonymous", store.clone()),
            streams: Mutex::new(HashMap::new()),
            limits,
        }
    }

    /// A place for one more event stream of `caller`, given back when the guard drops.
    pub fn open_stream(self: &Arc<Self>, caller: &str) -> Result<StreamGuard, ApiError> {
        let mut open = self.streams.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = open.entry(caller.to_owned()).or_default();
        if *count >= self.limits.streams_per_caller {
            tracing::warn!(event = "rate_limited", what = "event streams", "caller over its open event streams");
            return Err(DomainError::TooMany { what: "open event streams", wait: Duration::from_secs(30) }.into());
        }
        *count += 1;
        Ok(StreamGuard { meters: Arc::clone(self), caller: caller.to_owned() })
    }
}

pub struct StreamGuard {
    meters: Arc<Meters>,
    caller: String,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let mut open = self.meters.streams.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.caller) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.caller);
            }
        }
    }
}

/// At most `max_in_flight` requests are handled at once; the next gets 503 at once instead of
/// a queue that makes everyone slow.
pub async fn in_flight(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let Ok(_permit) = s.meters.in_flight.clone().try_acquire_owned() else {
        tracing::warn!(event = "overloaded", "over {} requests in progress", s.meters.limits.max_in_flight);
        return ApiError::Busy.into_response();
    };
    next.run(req).await
}

/// Requests without a token or session on API paths, per client address.
pub async fn anonymous(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let api = ["/api/", "/dialogporten/", "/migration-status/feed"].iter().any(|p| req.uri().path().starts_with(p));
    let signed_in = req.extensions().get::<super::session::SessionClaims>().is_some();
    if api && !signed_in && !req.headers().contains_key(axum::http::header::AUTHORIZATION) {
        let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_default();
        if let Err(e) = rate::take(&s.meters.anonymous, &peer, "requests", s.clock.now()).await {
            return e.into_response();
        }
    }
    next.run(req).await
}
