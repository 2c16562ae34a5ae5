//! A real `inbox-server` on loopback over a real database, for each backend this machine has:
//! SQLite and PostgreSQL (the server `INBOX_TEST_PG_URL` names; `make test` sets it). Without that
//! variable a suite fails rather than pass on SQLite alone.

#![allow(dead_code)]

pub mod contract;
pub mod serviceowner;

use std::path::Path;

use inbox_server::{auth::SigningKeys, http::limits::Limits, Config, PublicUrl};
use reqwest::{Client, StatusCode};
use serde_json::Value;

pub struct TestServer {
    pub base: String,
    pub client: Client,
    pub backend: &'static str,
    /// The database the server runs on (tests read the server's signing key from it).
    pub database_url: String,
    _dir: tempfile::TempDir,
}

/// The database URLs to run a suite against, each a fresh, empty database.
pub async fn backends() -> Vec<(&'static str, String, tempfile::TempDir)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite://{}", dir.path().join("inbox.db").display());
    let postgres = fresh_pg_database(&pg_admin_url()).await;
    vec![("sqlite", sqlite, dir), ("postgres", postgres, tempfile::tempdir().expect("temp dir"))]
}

/// The PostgreSQL server the suites run on. Every project machine and CI has one (`make test`
/// finds it with `.ci/postgres.sh`).
pub fn pg_admin_url() -> String {
    std::env::var("INBOX_TEST_PG_URL")
        .expect("INBOX_TEST_PG_URL must name a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/test (make test sets it)")
}

/// A fresh, empty PostgreSQL database for a suite that runs on PostgreSQL only.
pub async fn fresh_pg() -> String {
    fresh_pg_database(&pg_admin_url()).await
}

/// Creates a uniquely named database next to the one in `admin_url` and returns its URL.
async fn fresh_pg_database(admin_url: &str) -> String {
    use sqlx::Connection;
    let name = format!("inbox_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(admin_url).await.unwrap_or_else(|e| panic!("PostgreSQL at INBOX_TEST_PG_URL: {e}"));
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
    let (base, _) = admin_url.rsplit_once('/').expect("URL with a database name");
    format!("{base}/{name}")
}

pub async fn start(
    backend: &'static str,
    database_url: String,
    dir: tempfile::TempDir,
    static_dir: Option<&Path>,
    dev_login: bool,
) -> TestServer {
    start_with(backend, database_url, dir, static_dir, dev_login, Limits::unmetered()).await
}

/// As [`start`] (demo data, dev login), with register fixture files written over the demo register.
pub async fn start_with_registers(
    backend: &'static str,
    database_url: String,
    dir: tempfile::TempDir,
    registers: &[std::path::PathBuf],
) -> TestServer {
    let config = Config { registers: registers.to_vec(), ..config(&database_url, None, true, Limits::unmetered()) };
    serve(backend, database_url, dir, config).await
}

/// As [`start`], with these limits.
pub async fn start_with(
    backend: &'static str,
    database_url: String,
    dir: tempfile::TempDir,
    static_dir: Option<&Path>,
    dev_login: bool,
    limits: Limits,
) -> TestServer {
    let config = config(&database_url, static_dir, dev_login, limits);
    serve(backend, database_url, dir, config).await
}

/// Sends a request (with a JSON body when given): the status and the JSON answer (null if none).
pub async fn answer(req: reqwest::RequestBuilder, body: Option<Value>) -> (StatusCode, Value) {
    let req = match body {
        Some(b) => req.json(&b),
        None => req,
    };
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// A connection of the test's own to the server's database.
pub async fn db(url: &str) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    <sqlx::AnyConnection as sqlx::Connection>::connect(url).await.unwrap()
}

/// The body of a GET that must succeed as text (a token from the dev generator, say).
pub async fn get_text(client: &Client, url: &str) -> String {
    let res = client.get(url).send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"));
    res.text().await.unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

/// The dev token generator's key in tests: fixed, so a test can sign what the generator never
/// would (an expired token, a long-lived one) and see it refused.
pub fn dev_keys() -> SigningKeys {
    SigningKeys::from_seeds("dev", &[[11; 32]]).expect("a key")
}

/// The API's signing keys in tests (dialog tokens).
pub fn api_keys() -> SigningKeys {
    SigningKeys::from_seeds("api", &[[12; 32]]).expect("a key")
}

/// A demo-seeded configuration; the public URL is set where the server is bound.
pub fn config(database_url: &str, static_dir: Option<&Path>, dev_login: bool, limits: Limits) -> Config {
    Config {
        database_url: database_url.to_owned(),
        static_dir: static_dir.map(Path::to_path_buf),
        dev_login: dev_login.then(dev_keys),
        demo: true,
        limits,
        registers: Vec::new(),
        api_keys: Some(api_keys()),
        public_url: PublicUrl::of_addr(([127, 0, 0, 1], 0).into()),
        connect_sources: Vec::new(),
        oidc: None,
        upstream: None,
        trust_issuer: None,
        clock: inbox_server::domain::clock::Clock::System,
    }
}

/// Binds loopback, then builds the server for the address it got.
pub async fn serve(backend: &'static str, database_url: String, dir: tempfile::TempDir, config: Config) -> TestServer {
    serve_as(backend, database_url, dir, config, "").await
}

/// As [`serve`], with this public URL (`""`: where it listens), as behind a TLS proxy.
pub async fn serve_as(
    backend: &'static str,
    database_url: String,
    dir: tempfile::TempDir,
    mut config: Config,
    public_url: &str,
) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let addr = listener.local_addr().unwrap();
    config.public_url = if public_url.is_empty() { PublicUrl::of_addr(addr) } else { PublicUrl::parse(public_url).expect("a public URL") };
    serve_bound(listener, backend, database_url, dir, config).await
}

/// Serves on a listener bound beforehand (when others must know the address first).
pub async fn serve_bound(
    listener: tokio::net::TcpListener,
    backend: &'static str,
    database_url: String,
    dir: tempfile::TempDir,
    config: Config,
) -> TestServer {
    let addr = listener.local_addr().unwrap();
    let app = inbox_server::build(&config).await.expect("server builds");
    let base = format!("http://{addr}");
    let limits = config.limits.clone();
    tokio::spawn(async move { inbox_server::listen::serve(listener, app, &limits, std::future::pending()).await });
    TestServer { base, client: Client::new(), backend, database_url, _dir: dir }
}

/// Runs `body` against a demo-seeded server on each backend.
#[macro_export]
macro_rules! on_each_backend {
    (|$s:ident| $body:block) => {
        for (backend, url, dir) in common::backends().await {
            let $s = common::start(backend, url, dir, None, true).await;
            eprintln!("-- on {}", backend);
            $body
        }
    };
}

/// The synthetic national identity number of demo person `i`.
pub fn pid(i: usize) -> String {
    inbox_server::demo::person_pid(i)
}

pub fn person_party(i: usize) -> String {
    format!("urn:altinn:person:identifier-no:{}", pid(i))
}

pub fn person_count() -> usize {
    inbox_server::demo::person_count()
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn token(&self, person: usize) -> String {
        let res = self
            .client
            .get(self.url(&format!("/api/GetPersonalToken?pid={}&scopes=digdir:dialogporten", pid(person))))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{}", self.backend);
        res.text().await.unwrap()
    }

    /// A service owner's token (`org` code and organisation number as in the demo data) with the
    /// scopes the workspace uses.
    pub async fn enterprise_token(&self, org: &str, org_no: &str) -> String {
        self.enterprise_token_with(org, org_no, &["digdir:dialogporten.serviceprovider", "digdir:dialogporten.serviceprovider.search"])
            .await
    }

    /// An enterprise token with exactly these scopes.
    pub async fn enterprise_token_with(&self, org: &str, org_no: &str, scopes: &[&str]) -> String {
        let path = format!("/api/GetEnterpriseToken?org={org}&orgNo={org_no}&scopes={}", enc(&scopes.join(" ")));
        let res = self.client.get(self.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        res.text().await.unwrap()
    }

    /// GET with a bearer token; returns status, JSON body (Null when there is none) and headers.
    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value, reqwest::header::HeaderMap) {
        self.send(reqwest::Method::GET, path, token, None, &[]).await
    }

    /// A request as a person (bearer token, optional JSON body): its status and JSON body.
    pub async fn call(&self, method: reqwest::Method, path: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, body, _) = self.send(method, path, Some(token), body.as_ref(), &[]).await;
        (status, body)
    }

    /// Any request; the response is checked against the reference contract before it is returned.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Value, reqwest::header::HeaderMap) {
        let mut req = self.client.request(method.clone(), self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status.is_success() || !json.is_null() {
            contract::assert_response(&method.as_str().to_lowercase(), path, status.as_u16(), &json);
        }
        (status, json, headers)
    }
}

pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
