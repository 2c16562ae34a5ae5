//! `inbox-server`: a Dialogporten v1-compatible API over SQLite or PostgreSQL, with dev login and
//! demo data, that also serves the built SPA.
//!
//! Layers (dependencies point down): `http` (axum routes, extractors, problem details) → `domain`
//! (Dialogporten's rules) → `store` (SQL). `auth` signs and checks tokens; `demo` generates data;
//! `migration` brings Altinn 2/3 items into dialogs (docs/migration.md).

pub mod auth;
pub mod demo;
pub mod domain;
pub mod http;
pub mod migration;
pub mod register;
pub mod store;

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

/// How a server instance is set up; the CLI and the tests both build one of these.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub static_dir: Option<PathBuf>,
    pub dev_login: bool,
    pub demo: bool,
    /// Searches per caller (see `http::rate`).
    pub search_rate: http::rate::SearchRate,
    /// Register fixture files, merged in order and written over the demo register (`register`).
    pub registers: Vec<PathBuf>,
}

/// Why a server could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("bad register file: {0}")]
    Register(#[from] register::RegisterError),
}

/// Shared state behind every request.
#[derive(Clone)]
pub struct AppState {
    pub store: store::Store,
    pub keys: Arc<auth::Keys>,
    pub dev_login: bool,
    pub searches: Arc<http::rate::Limiter>,
}

/// Opens the database (running migrations), seeds demo data when asked and builds the router.
pub async fn build(config: &Config) -> Result<axum::Router, BuildError> {
    // Bad fixture files stop the server before it touches the database.
    let fixtures = config.registers.iter().map(|p| register::Register::read(p)).collect::<Result<Vec<_>, _>>()?;
    let store = store::Store::connect(&config.database_url).await?;
    if config.demo {
        demo::seed_if_empty(&store).await?;
    }
    if let Some(merged) = fixtures.into_iter().reduce(register::Register::merge) {
        register::apply(&store, &merged).await?;
    }
    let keys = Arc::new(auth::Keys::load_or_create(&store).await?);
    let state = AppState { store, keys, dev_login: config.dev_login, searches: Arc::new(http::rate::Limiter::new(config.search_rate)) };
    Ok(http::router(state, config.static_dir.as_deref()))
}

/// Binds and serves until Ctrl-C / SIGTERM.
pub async fn serve(config: &Config, addr: SocketAddr) -> Result<(), Box<dyn std::error::Error>> {
    let app = build(config).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("inbox-server listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
