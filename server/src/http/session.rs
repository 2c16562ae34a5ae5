//! Sessions at the edge: the app's requests carry an opaque, httpOnly cookie instead of a token.
//! A request to `/api/…` with that cookie (and no `Authorization`) acts as the session's user;
//! with an upstream Dialogporten (`--upstream`), its end-user API (and metadata) is forwarded there with the
//! session's access token, refreshed shortly before it expires. The tokens never leave the server.

use std::sync::Arc;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use sha2::{Digest, Sha256};

use super::ApiError;
use crate::{
    auth::{oidc::Tokens, Claims},
    store::{SessionRecord, SessionTokens},
    AppState,
};

/// A session's user, put on the request for the extractors (`http::auth`).
#[derive(Clone, Debug)]
pub struct SessionClaims(pub Claims);

/// Ended after this long without a request…
pub const IDLE_SECONDS: i64 = 30 * 60;
/// …and this long after the login in any case.
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;
/// `last_seen_at` is written at most this often (not one write per request).
const TOUCH_EVERY: i64 = 60;
/// An access token this close to its expiry is refreshed before use.
const REFRESH_BEFORE: i64 = 60;

/// A Dialogporten the end-user API is forwarded to.
pub struct Upstream {
    /// E.g. `https://platform.tt02.altinn.no/dialogporten`, no trailing slash.
    pub base: String,
    pub http: reqwest::Client,
}

/// The cookie's name: with the `__Host-` prefix where it can be (https), so no subdomain can
/// set or shadow it.
pub fn cookie_name(state: &AppState) -> &'static str {
    if secure(state) {
        "__Host-inbox_session"
    } else {
        "inbox_session"
    }
}

pub fn secure(state: &AppState) -> bool {
    state.public_url.as_str().starts_with("https://")
}

/// `Set-Cookie` for a value (`None`: remove it).
pub fn set_cookie(state: &AppState, name: &str, value: Option<&str>, path: &str) -> HeaderValue {
    let secure = if secure(state) { "; Secure" } else { "" };
    let text = match value {
        Some(v) => format!("{name}={v}; Path={path}; HttpOnly; SameSite=Lax{secure}"),
        None => format!("{name}=; Path={path}; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&text).expect("cookie values are base64url")
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// 32 random bytes, base64url: a session id, a `state`, a browser binding.
pub fn random_id() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Upstream(StatusCode::SERVICE_UNAVAILABLE, format!("no randomness: {e}")))?;
    Ok(B64.encode(bytes))
}

/// What the database keeps of an id.
pub fn hashed(id: &str) -> String {
    Sha256::digest(id.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A state-changing request must come from this site: browsers send `Origin` on every
/// cross-site and every same-origin non-GET fetch, so a missing or other origin is refused.
pub fn same_origin(headers: &HeaderMap, state: &AppState) -> bool {
    headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) == Some(state.public_url.as_str())
}

fn safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A live session by cookie value, or why not. Expired ones are removed as they are met.
pub async fn live_session(state: &AppState, id: &str, now: i64) -> Result<Option<SessionRecord>, ApiError> {
    let hash = hashed(id);
    let Some(session) = state.store.session(&hash).await? else { return Ok(None) };
    if now - session.last_seen_at > IDLE_SECONDS || now - session.created_at > ABSOLUTE_SECONDS {
        state.store.delete_session(&hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY {
        state.store.touch_session(&hash, now).await?;
    }
    Ok(Some(session))
}

fn ended(state: &AppState) -> Response {
    let mut res = ApiError::Unauthorized("The session has ended. Log in again.".into()).into_response();
    res.headers_mut().append(header::SET_COOKIE, set_cookie(state, cookie_name(state), None, "/"));
    res
}

/// The layer over the API: turns a session cookie into the session's user, or forwards upstream.
pub async fn sessions(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let Some(id) = cookie(req.headers(), cookie_name(&state)).map(str::to_owned).filter(|_| api) else { return next.run(req).await };
    if req.headers().contains_key(header::AUTHORIZATION) {
        return next.run(req).await;
    }
    if !safe(req.method()) && !same_origin(req.headers(), &state) {
        tracing::warn!(event = "cross_origin_refused", path = %req.uri().path());
        return ApiError::CrossOrigin.into_response();
    }
    let now = state.now_unix();
    let session = match live_session(&state, &id, now).await {
        Ok(Some(s)) => s,
        Ok(None) => return ended(&state),
        Err(e) => return e.into_response(),
    };
    let path = req.uri().path();
    if state.upstream.is_some() && LOCAL_DIALOGS_ONLY.iter().any(|p| path.starts_with(p)) {
        return ApiError::from(crate::domain::DomainError::NotFound(
            "Route".into(),
            "Not available with an upstream Dialogporten: these read this server's own dialogs.".into(),
        ))
        .into_response();
    }
    if let Some(up) = state.upstream.clone().filter(|_| FORWARDED_PATHS.iter().any(|p| path.starts_with(p))) {
        let token = match fresh_access_token(&state, &id, session, now).await {
            Ok(Some(t)) => t,
            Ok(None) => return ended(&state),
            Err(e) => return e.into_response(),
        };
        return forward(&up, req, &token).await.unwrap_or_else(IntoResponse::into_response);
    }
    match serde_json::from_str::<Claims>(&session.claims) {
        Ok(claims) => {
            req.extensions_mut().insert(SessionClaims(claims));
            next.run(req).await
        }
        Err(e) => {
            tracing::error!("a stored session does not read: {e}");
            ended(&state)
        }
    }
}

impl From<Tokens> for SessionTokens {
    fn from(t: Tokens) -> Self {
        Self { access_token: t.access_token, access_expires_at: t.access_expires_at, refresh_token: t.refresh_token, id_token: t.id_token }
    }
}

/// The session's access token, refreshed when it is about to expire. A provider that rotates
/// refresh tokens revokes the grant when a used one comes back, so one refresh per session runs
/// at a time here (the app sends requests in parallel); the others then read its result. Two
/// instances refreshing at once: one wins the guarded write. `None`: the session can no longer
/// get a token (no refresh token, or the provider refused it).
async fn fresh_access_token(state: &AppState, id: &str, session: SessionRecord, now: i64) -> Result<Option<String>, ApiError> {
    let Some(tokens) = session.tokens else { return Ok(None) };
    if tokens.access_expires_at - now > REFRESH_BEFORE {
        return Ok(Some(tokens.access_token));
    }
    let Some(sign_in) = state.sign_in.as_ref() else { return Ok(None) };
    let hash = hashed(id);
    let lock = sign_in.refresh_lock(&hash);
    let _turn = lock.lock().await;
    // Whoever held the turn before may have refreshed already.
    let Some(tokens) = state.store.session(&hash).await?.and_then(|s| s.tokens) else { return Ok(None) };
    if tokens.access_expires_at - now > REFRESH_BEFORE {
        return Ok(Some(tokens.access_token));
    }
    let Some(refresh) = tokens.refresh_token.as_deref() else { return Ok(None) };
    let rp = match sign_in.get().await {
        Ok(rp) => rp,
        Err(e) => return Err(ApiError::Upstream(StatusCode::BAD_GATEWAY, format!("The login service did not answer: {e}"))),
    };
    match rp.refresh(refresh, now).await {
        Ok(new) => {
            let new = SessionTokens::from(new);
            state.store.replace_session_tokens(&hash, &tokens.access_token, &new).await?;
            tracing::info!(event = "session_refreshed");
            Ok(Some(new.access_token))
        }
        Err(e) => {
            // Another instance may have used the refresh token first.
            let again = state.store.session(&hash).await?.and_then(|s| s.tokens).filter(|t| t.access_expires_at - now > REFRESH_BEFORE);
            if again.is_none() {
                tracing::warn!(event = "session_refresh_failed", error = %e);
                state.store.delete_session(&hash).await?;
            }
            Ok(again.map(|t| t.access_token))
        }
    }
}

/// Dialogporten's own API for end users, and its public metadata (the service catalogue).
const FORWARDED_PATHS: [&str; 2] = ["/api/v1/enduser/", "/api/v1/metadata/"];

/// Our extensions that read this server's own dialogs: with an upstream they would answer about
/// none, so they are not answered (the app hides what uses them).
const LOCAL_DIALOGS_ONLY: [&str; 3] = ["/api/v1/inbox/counters", "/api/v1/inbox/services", "/api/v1/inbox/events"];

/// The request headers that mean something to Dialogporten.
const FORWARDED: [header::HeaderName; 6] =
    [header::ACCEPT, header::ACCEPT_LANGUAGE, header::CONTENT_TYPE, header::IF_MATCH, header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE];
/// The answer headers the app reads.
const RETURNED: [header::HeaderName; 5] = [header::CONTENT_TYPE, header::ETAG, header::LOCATION, header::RETRY_AFTER, header::EXPIRES];
/// Dialogporten takes bodies far below this; the app sends small JSON.
const MAX_FORWARDED_BODY: usize = 1 << 20;

async fn forward(up: &Upstream, req: Request, token: &str) -> Result<Response, ApiError> {
    let path = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let url = format!("{}{path}", up.base);
    let mut out = up.http.request(req.method().clone(), &url).bearer_auth(token);
    for name in FORWARDED {
        if let Some(v) = req.headers().get(&name) {
            out = out.header(name, v);
        }
    }
    let body = axum::body::to_bytes(req.into_body(), MAX_FORWARDED_BODY).await.map_err(|_| ApiError::PayloadTooLarge)?;
    let answer = out.body(body).send().await.map_err(|e| {
        tracing::warn!(event = "upstream_failed", error = %e);
        if e.is_timeout() {
            ApiError::Upstream(StatusCode::GATEWAY_TIMEOUT, "Dialogporten did not answer in time.".into())
        } else {
            ApiError::Upstream(StatusCode::BAD_GATEWAY, "Dialogporten could not be reached.".into())
        }
    })?;
    let status = answer.status();
    let mut res = Response::builder().status(status);
    for name in RETURNED {
        if let Some(v) = answer.headers().get(&name) {
            res = res.header(name, v);
        }
    }
    let bytes =
        answer.bytes().await.map_err(|_| ApiError::Upstream(StatusCode::BAD_GATEWAY, "Dialogporten's answer was cut off.".into()))?;
    Ok(res.body(Body::from(bytes)).unwrap_or_else(|_| StatusCode::BAD_GATEWAY.into_response()))
}

/// The relying party, discovered on first use: a provider that is down at start (or later)
/// costs the sign-ins made meanwhile, not the server.
pub struct SignIn {
    pub settings: crate::auth::oidc::OidcSettings,
    redirect: String,
    client: tokio::sync::OnceCell<Arc<crate::auth::oidc::RelyingParty>>,
    /// One refresh at a time per session (by id hash).
    refreshing: std::sync::Mutex<std::collections::HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl SignIn {
    pub fn new(settings: crate::auth::oidc::OidcSettings, public_url: &crate::PublicUrl) -> Self {
        Self {
            settings,
            redirect: format!("{public_url}/auth/callback"),
            client: tokio::sync::OnceCell::new(),
            refreshing: Default::default(),
        }
    }

    /// The lock a session's refresh takes. Locks no one holds are dropped as new ones are made.
    fn refresh_lock(&self, hash: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut map = self.refreshing.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, l| Arc::strong_count(l) > 1);
        map.entry(hash.to_owned()).or_default().clone()
    }

    pub async fn get(&self) -> Result<Arc<crate::auth::oidc::RelyingParty>, crate::auth::oidc::OidcError> {
        self.client
            .get_or_try_init(|| async { crate::auth::oidc::RelyingParty::discover(&self.settings, &self.redirect).await.map(Arc::new) })
            .await
            .cloned()
    }
}
