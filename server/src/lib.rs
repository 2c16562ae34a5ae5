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
pub mod listen;
pub mod migration;
pub mod register;
pub mod store;

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

/// How a server instance is set up; the CLI and the tests both build one of these.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub static_dir: Option<PathBuf>,
    /// Dev mode (`--dev-login`): the dev token generator and its key, which the CLI makes anew
    /// at each start so a dev token never outlives the process that minted it.
    pub dev_login: Option<auth::SigningKeys>,
    pub demo: bool,
    /// What one client may take of the server (`http::limits`).
    pub limits: http::limits::Limits,
    /// Register fixture files, merged in order and written over the demo register (`register`).
    pub registers: Vec<PathBuf>,
    /// The API's signing keys (dialog tokens); `None`: a fresh key for this process only.
    pub api_keys: Option<auth::SigningKeys>,
    /// How users and services reach this server: the base of every URL it writes about itself.
    pub public_url: PublicUrl,
    /// Origins besides this one the app may fetch from (the CSP's `connect-src`): a real
    /// Dialogporten, service owners' hosts with front-channel embeds.
    pub connect_sources: Vec<PublicUrl>,
    /// Real sign-in through an OpenID provider (`--oidc-*`); none: dev login only.
    pub oidc: Option<auth::oidc::OidcSettings>,
    /// A Dialogporten whose end-user API the app's requests go to (`--upstream`).
    pub upstream: Option<String>,
    /// An issuer whose access tokens the API accepts too (`--trust-issuer`).
    pub trust_issuer: Option<String>,
    /// Where every rule's "now" comes from: the system's clock, or a test's.
    pub clock: domain::clock::Clock,
}

/// `http(s)://host[:port]` with nothing after it: configured, never taken from a request's
/// `Host` or `X-Forwarded-*` headers, which any client can set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicUrl(Arc<str>);

impl PublicUrl {
    pub fn parse(text: &str) -> Result<Self, String> {
        let url = url::Url::parse(text).map_err(|e| format!("'{text}' is not a URL: {e}"))?;
        let plain = matches!(url.scheme(), "http" | "https") && url.has_host() && url.username().is_empty() && url.password().is_none();
        if !plain || url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(format!("'{text}' must be http(s)://host[:port] with no path, query or credentials"));
        }
        Ok(Self(url.as_str().trim_end_matches('/').into()))
    }

    /// `http://<addr>`, for a server reached where it listens.
    pub fn of_addr(addr: SocketAddr) -> Self {
        Self(format!("http://{addr}").into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a server could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("bad register file: {0}")]
    Register(#[from] register::RegisterError),
    #[error(transparent)]
    Keys(#[from] auth::KeyError),
    #[error("cannot trust the issuer: {0}")]
    Trust(#[from] auth::oidc::OidcError),
}

/// Shared state behind every request.
#[derive(Clone)]
pub struct AppState {
    pub store: store::Store,
    pub keys: Arc<auth::Authority>,
    pub dev_login: bool,
    pub public_url: PublicUrl,
    pub meters: Arc<http::limits::Meters>,
    /// Real sign-in, when configured.
    pub sign_in: Option<Arc<http::session::SignIn>>,
    pub upstream: Option<Arc<http::session::Upstream>>,
    pub clock: domain::clock::Clock,
}

impl AppState {
    /// Seconds since the epoch by the server's clock: what tokens and sessions count in.
    pub fn now_unix(&self) -> i64 {
        self.clock.now().unix_seconds()
    }
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
    let api_keys = match &config.api_keys {
        Some(keys) => keys.clone(),
        None => {
            tracing::warn!("no --signing-keys: dialog tokens are signed with a key of this process only");
            auth::SigningKeys::generate("api")?
        }
    };
    let issuer = format!("{}/api/v1", config.public_url);
    let mut authority = auth::Authority::new(api_keys, issuer, config.dev_login.clone());
    if let Some(issuer) = &config.trust_issuer {
        authority = authority.trusting(auth::oidc::trusted_issuer(issuer, config.public_url.as_str()).await?);
    }
    let keys = Arc::new(authority);
    let state = AppState {
        keys,
        dev_login: config.dev_login.is_some(),
        public_url: config.public_url.clone(),
        meters: Arc::new(http::limits::Meters::new(config.limits.clone(), &store)),
        sign_in: config.oidc.clone().map(|s| Arc::new(http::session::SignIn::new(s, &config.public_url))),
        upstream: config
            .upstream
            .as_ref()
            .map(|base| Arc::new(http::session::Upstream { base: base.trim_end_matches('/').to_owned(), http: auth::oidc::http_client() })),
        store,
        clock: config.clock.clone(),
    };
    Ok(http::router(state, config.static_dir.as_deref(), &config.connect_sources))
}

/// Binds and serves until Ctrl-C / SIGTERM.
pub async fn serve(config: &Config, addr: SocketAddr) -> Result<(), Box<dyn std::error::Error>> {
    let app = build(config).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("inbox-server listening on http://{}", listener.local_addr()?);
    listen::serve(listener, app, &config.limits, shutdown_signal()).await;
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
