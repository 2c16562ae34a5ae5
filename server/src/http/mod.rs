//! The HTTP edge: routes, the bearer-token extractor, query parsing and problem-details answers.

mod auth;
mod body;
mod devlogin;
mod enduser;
mod error;
mod inbox;
mod metadata;
mod migration;
mod query;
mod serviceowner;

use std::path::Path;

use axum::{http::HeaderValue, Router};
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
};

pub use auth::{AuthenticatedEndUser, AuthenticatedServiceOwner, NotificationChecker};
pub use error::ApiError;

use crate::AppState;

pub fn router(state: AppState, static_dir: Option<&Path>) -> Router {
    let mut api = Router::new().merge(enduser::routes()).merge(metadata::routes()).merge(inbox::routes()).merge(serviceowner::routes()).merge(migration::routes());
    if state.dev_login {
        api = api.merge(devlogin::routes()).merge(crate::demo::services::routes());
    }
    // Unknown API paths answer as an API does, not with the SPA's index.html.
    let api = api.route("/api/{*rest}", axum::routing::any(error::unknown_api_path)).with_state(state);
    let app = match static_dir {
        Some(dir) => {
            let index = ServeFile::new(dir.join("index.html"));
            api.fallback_service(ServeDir::new(dir).fallback(index))
        }
        None => api,
    };
    app.layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}
