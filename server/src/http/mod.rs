//! The HTTP edge: routes, the bearer-token extractor, query parsing and problem-details answers.

mod auth;
mod body;
mod demo_services;
mod devlogin;
mod enduser;
mod error;
mod extract;
mod inbox;
mod language;
pub mod limits;
mod metadata;
mod migration;
mod notifications;
mod preferences;
mod query;
pub mod rate;
mod request_id;
mod serviceowner;
pub mod session;
mod signin;
mod spa;

use std::path::Path;

use axum::{http::HeaderValue, Router};
use tower_http::{compression::CompressionLayer, normalize_path::NormalizePath, set_header::SetResponseHeaderLayer};

pub use auth::{AuthenticatedEndUser, AuthenticatedServiceOwner, NotificationChecker};
pub use error::ApiError;

use crate::AppState;

/// The path Dialogporten has on Altinn's platform hosts (`https://platform.tt02.altinn.no/dialogporten`).
pub const DIALOGPORTEN_PREFIX: &str = "/dialogporten";

pub fn router(state: AppState, static_dir: Option<&Path>, connect: &[crate::PublicUrl]) -> Router {
    let https = state.public_url.as_str().starts_with("https://");
    let mut api = Router::new()
        .merge(enduser::routes())
        .merge(metadata::routes())
        .merge(inbox::routes())
        .merge(preferences::routes())
        .merge(notifications::routes())
        .merge(serviceowner::routes())
        .merge(migration::routes())
        .merge(signin::routes());
    if state.dev_login {
        api = api.merge(devlogin::routes()).merge(notifications::dev_routes()).merge(demo_services::routes());
    }
    // Unknown API paths answer as an API does, not with the SPA's index.html.
    let api = api
        .route("/api/{*rest}", axum::routing::any(error::unknown_api_path))
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::anonymous))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session::sessions))
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::in_flight))
        .with_state(state);
    // Answers depend on the caller: no shared cache or browser cache keeps them, unless a route
    // says otherwise (the public migration status).
    let api = api.layer(SetResponseHeaderLayer::if_not_present(axum::http::header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    // Altinn serves Dialogporten under `/dialogporten` on its platform host; answering there too
    // lets a client written for it switch by changing only the host.
    let api = api.clone().nest(DIALOGPORTEN_PREFIX, api);
    let policy = HeaderValue::from_str(&spa::content_security_policy(connect)).expect("origins are plain URLs");
    let app = match static_dir {
        Some(dir) => api.merge(spa::routes(dir, &policy)),
        None => api,
    };
    let header = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(axum::http::HeaderName::from_static(name), HeaderValue::from_static(value))
    };
    let app = app
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(request_id::request_id))
        .layer(SetResponseHeaderLayer::if_not_present(axum::http::header::CONTENT_SECURITY_POLICY, policy))
        .layer(header("x-frame-options", "DENY"))
        .layer(header("cross-origin-opener-policy", "same-origin"))
        .layer(header("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()"))
        .layer(SetResponseHeaderLayer::if_not_present(axum::http::header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(axum::http::header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")));
    // Only where users reach us over https (TLS ends in a proxy in front, docs/security.md).
    let app = if https { app.layer(header("strict-transport-security", "max-age=63072000; includeSubDomains")) } else { app };
    // ASP.NET routes `/dialogs/` as `/dialogs`; the path must be trimmed before routing, so the
    // trimming wraps the whole router.
    Router::new().fallback_service(NormalizePath::trim_trailing_slash(app))
}
