//! Real sign-in (issue 33) against a real OpenID provider on loopback: panva's `oidc-provider`
//! (end2end/oidc/provider.mjs, started here), an inbox-server as the app's backend with
//! `--oidc-issuer … --upstream …`, and a second inbox-server as the upstream Dialogporten that
//! trusts the provider's access tokens (`--trust-issuer`). On each database: the login through the
//! provider's own page, the end-user API through the backend with the session's token, a refresh,
//! step-up to the high level, a refused and a replayed `state`, a denied consent, an unreachable
//! provider, and logout by the app and by the provider (front-channel).

mod common;

use std::{
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::Arc,
};

use inbox_server::{auth::oidc::OidcSettings, http::limits::Limits, Config};
use reqwest::{header, redirect::Policy, StatusCode};
use serde_json::{json, Value};

const SIRI: &str = "01819010001";
const SIRI_PARTY: &str = "urn:altinn:person:identifier-no:01819010001";
const CLIENT_ID: &str = "inbox-test";
const SECRET: &str = "a-secret-only-this-test-knows";

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The provider, stopped when dropped.
struct Provider {
    child: Child,
    issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts the provider for a backend at `rp` whose access tokens are for `resource`.
fn provider(rp: &str, resource: &str, access_ttl: u32) -> Provider {
    let script = repo().join("end2end/oidc/provider.mjs");
    let mut child = Command::new("node")
        .arg(&script)
        .current_dir(repo())
        .env("OIDC_PORT", free_port().to_string())
        .env("OIDC_CLIENT_ID", CLIENT_ID)
        .env("OIDC_CLIENT_SECRET", SECRET)
        .env("OIDC_RP_URL", rp)
        .env("OIDC_RESOURCE", resource)
        .env("OIDC_ACCESS_TTL", access_ttl.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("node {}: {e} (make test installs Node packages first)", script.display()));
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let issuer = line.trim().strip_prefix("oidc-provider ready ").unwrap_or_else(|| panic!("the provider did not start: {line:?}"));
    Provider { issuer: issuer.to_owned(), child }
}

/// A second, empty database on the same backend (the backend's own; the upstream has the first).
async fn second_database(backend: &str, dir: &tempfile::TempDir) -> String {
    match backend {
        "sqlite" => format!("sqlite://{}", dir.path().join("backend.db").display()),
        _ => common::fresh_pg().await,
    }
}

fn settings(provider: &Provider) -> OidcSettings {
    OidcSettings {
        issuer: provider.issuer.clone(),
        client_id: CLIENT_ID.into(),
        client_secret: SECRET.into(),
        scopes: inbox_server::auth::oidc::DEFAULT_SCOPES.split(' ').map(str::to_owned).collect(),
    }
}

struct Setup {
    upstream: common::TestServer,
    app: common::TestServer,
    provider: Provider,
}

async fn setup(backend: &'static str, url: String, dir: tempfile::TempDir, access_ttl: u32) -> Setup {
    let up_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (up_url, app_url) =
        (format!("http://{}", up_listener.local_addr().unwrap()), format!("http://{}", app_listener.local_addr().unwrap()));
    let provider = provider(&app_url, &up_url, access_ttl);

    let app_db = second_database(backend, &dir).await;
    let example = repo().join("examples/register-example.toml");
    let upstream = Config {
        registers: vec![example],
        trust_issuer: Some(provider.issuer.clone()),
        public_url: inbox_server::PublicUrl::parse(&up_url).unwrap(),
        ..common::config(&url, None, true, Limits::unmetered())
    };
    let upstream = common::serve_bound(up_listener, backend, url, dir, upstream).await;
    let app = Config {
        demo: false,
        oidc: Some(settings(&provider)),
        upstream: Some(up_url),
        public_url: inbox_server::PublicUrl::parse(&app_url).unwrap(),
        ..common::config(&app_db, None, false, Limits::unmetered())
    };
    let app = common::serve_bound(app_listener, backend, app_db, tempfile::tempdir().unwrap(), app).await;
    Setup { upstream, app, provider }
}

/// A browser: a cookie jar, redirects followed on the provider's side; one back into the app is
/// returned (so a test can look at the callback, replay it, or see where the app lands).
fn browser(app: &common::TestServer) -> (reqwest::Client, Arc<reqwest::cookie::Jar>) {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let app = app.base.clone();
    let policy = Policy::custom(move |a| {
        let into_app = a.url().as_str().starts_with(&app) && a.url().path() != "/auth/login";
        if into_app || a.previous().len() > 20 {
            a.stop()
        } else {
            a.follow()
        }
    });
    (reqwest::Client::builder().cookie_provider(jar.clone()).redirect(policy).build().unwrap(), jar)
}

/// The form action of the provider's login page, and that it asks for `level`.
async fn login_page(res: reqwest::Response, level: &str) -> String {
    let url = res.url().clone();
    let html = res.text().await.unwrap();
    assert!(html.contains("<label for=\"login\">Fødselsnummer</label>"), "the provider's login page: {html}");
    assert!(html.contains(&format!("<span id=\"acr\">{level}</span>")), "asks for {level}: {html}");
    let action = html.split("action=\"").nth(1).and_then(|s| s.split('"').next()).unwrap();
    url.join(action).unwrap().to_string()
}

/// Begins a sign-in at the app, logs in on the provider's page as `pid`, and returns the
/// redirect into the app's callback.
async fn through_provider(b: &reqwest::Client, app: &common::TestServer, query: &str, pid: &str, level: &str) -> String {
    let res = b.get(app.url(&format!("/auth/login?{query}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{}", res.url());
    let action = login_page(res, level).await;
    let res = b.post(&action).form(&[("login", pid), ("password", "x")]).send().await.unwrap();
    assert!(res.status().is_redirection(), "{} {}", res.status(), res.url());
    let to = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
    assert!(to.starts_with(&app.url("/auth/callback?")), "{to}");
    to
}

/// Follows the callback; where the app sends the browser (path and query).
async fn land(b: &reqwest::Client, callback: &str) -> String {
    let res = b.get(callback).send().await.unwrap();
    let to = res.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
    assert!(res.status().is_redirection(), "{}", res.status());
    to
}

async fn api(b: &reqwest::Client, s: &common::TestServer, method: reqwest::Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    common::answer(b.request(method, s.url(path)).header(header::ORIGIN, &s.base), body).await
}

async fn dialog_for(upstream: &common::TestServer, resource: &str) -> String {
    let owner = upstream.enterprise_token("digdir", "991825827").await;
    let body = json!({
        "serviceResource": format!("urn:altinn:resource:{resource}"), "party": SIRI_PARTY, "status": "RequiresAttention",
        "content": {"title": {"value": [{"languageCode": "nb", "value": format!("Melding i {resource}")}]}}
    });
    let (status, id, _) = common::serviceowner::create(upstream, &owner, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{id}");
    id.as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_person_signs_in_through_the_provider_and_uses_dialogporten_through_the_app() {
    for (backend, url, dir) in common::backends().await {
        eprintln!("-- on {backend}");
        let Setup { upstream, app, provider } = setup(backend, url, dir, 300).await;
        let plain = dialog_for(&upstream, "digdir-testtjeneste").await;
        let high = dialog_for(&upstream, "digdir-hoy").await;
        let (b, jar) = browser(&app);

        // Log in; back where the app was.
        let callback = through_provider(&b, &app, &format!("returnTo=/dialog/{plain}"), SIRI, "betydelig").await;
        assert_eq!(land(&b, &callback).await, format!("/dialog/{plain}"));
        let cookies = jar_cookies(&jar, &app);
        assert!(cookies.contains("inbox_session="), "{cookies}");
        assert!(!cookies.contains("eyJ"), "no token in a cookie: {cookies}");
        let (_, me) = api(&b, &app, reqwest::Method::GET, "/auth/session", None).await;
        assert_eq!(me, json!({"login": "oidc", "upstream": true, "user": {"name": "Siri Dagleder", "org": null, "level": 3}}));

        // The same state works once; a made-up one not at all.
        assert_eq!(land(&b, &callback).await, "/login?error=state");
        let forged = callback.replace("state=", "state=x");
        assert_eq!(land(&b, &forged).await, "/login?error=state");

        // Dialogporten (the upstream) through the app, with the session's token.
        let (status, list) =
            api(&b, &app, reqwest::Method::GET, &format!("/api/v1/enduser/dialogs?party={}", common::enc(SIRI_PARTY)), None).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let ids: Vec<&str> = list["items"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert!(ids.contains(&plain.as_str()) && ids.contains(&high.as_str()), "{ids:?}");
        let (status, dialog) = api(&b, &app, reqwest::Method::GET, &format!("/api/v1/enduser/dialogs/{plain}"), None).await;
        assert_eq!(status, StatusCode::OK, "{dialog}");
        let labels = json!({"systemLabels": ["Archive"]});
        let path = format!("/api/v1/enduser/dialogs/{plain}/context/systemlabels");
        assert_eq!(api(&b, &app, reqwest::Method::PUT, &path, Some(labels)).await.0, StatusCode::NO_CONTENT);
        let siri =
            common::get_text(&upstream.client, &upstream.url(&format!("/api/GetPersonalToken?pid={SIRI}&scopes=digdir:dialogporten")))
                .await;
        let (_, there, _) = upstream.get(&format!("/api/v1/enduser/dialogs/{plain}"), Some(&siri)).await;
        assert_eq!(there["endUserContext"]["systemLabels"], json!(["Archive"]), "the change reached Dialogporten");
        // The service catalogue is Dialogporten's too (the app's own database has none).
        let (status, catalogue) = api(&b, &app, reqwest::Method::GET, "/api/v1/metadata/serviceresources", None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(catalogue.to_string().contains("urn:altinn:resource:digdir-hoy"), "{catalogue}");
        // Our own features answer from the app's database, keyed by the person…
        // (who she may act for is Dialogporten's answer, copied at login: she may star her company)
        let company = common::enc("urn:altinn:organization:identifier-no:311900005");
        let path = format!("/api/v1/inbox/profile/favourite-parties/{company}");
        assert_eq!(api(&b, &app, reqwest::Method::PUT, &path, None).await.0, StatusCode::NO_CONTENT);
        let (status, profile) = api(&b, &app, reqwest::Method::GET, "/api/v1/inbox/profile", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(profile["favouriteParties"], json!(["urn:altinn:organization:identifier-no:311900005"]));
        let stranger =
            format!("/api/v1/inbox/profile/favourite-parties/{}", common::enc("urn:altinn:organization:identifier-no:310185000"));
        assert_eq!(api(&b, &app, reqwest::Method::PUT, &stranger, None).await.0, StatusCode::FORBIDDEN);
        // …and those that would count this server's (empty) dialogs are not offered.
        assert_eq!(api(&b, &app, reqwest::Method::GET, "/api/v1/inbox/counters", None).await.0, StatusCode::NOT_FOUND);

        // A token about to expire is refreshed before it is used.
        let mut conn = common::db(&app.database_url).await;
        let before: String = sqlx::query_scalar("SELECT access_token FROM sessions").fetch_one(&mut conn).await.unwrap();
        sqlx::query("UPDATE sessions SET access_expires_at = 0").execute(&mut conn).await.unwrap();
        assert_eq!(api(&b, &app, reqwest::Method::GET, &format!("/api/v1/enduser/dialogs/{plain}"), None).await.0, StatusCode::OK);
        let after: String = sqlx::query_scalar("SELECT access_token FROM sessions").fetch_one(&mut conn).await.unwrap();
        assert_ne!(before, after, "a new access token");
        // The app asks several things at once; one refresh serves them all (a second use of a
        // rotated refresh token would make the provider revoke the grant).
        sqlx::query("UPDATE sessions SET access_expires_at = 0").execute(&mut conn).await.unwrap();
        let path = format!("/api/v1/enduser/dialogs/{plain}");
        let answers = futures_util::future::join_all((0..4).map(|_| api(&b, &app, reqwest::Method::GET, &path, None))).await;
        assert!(answers.iter().all(|(status, _)| *status == StatusCode::OK), "{answers:?}");
        assert_eq!(api(&b, &app, reqwest::Method::GET, &path, None).await.0, StatusCode::OK, "the session lives on");

        // Another instance over the same database knows the session; its Dialogporten is down:
        // problem details that say so, not a 500 or a logout.
        let down = Config {
            demo: false,
            oidc: Some(settings(&provider)),
            upstream: Some(format!("http://127.0.0.1:{}", free_port())),
            ..common::config(&app.database_url, None, false, Limits::unmetered())
        };
        let down = common::serve(backend, app.database_url.clone(), tempfile::tempdir().unwrap(), down).await;
        let (status, problem) = api(&b, &down, reqwest::Method::GET, "/api/v1/enduser/parties", None).await;
        assert_eq!(status, StatusCode::BAD_GATEWAY, "{problem}");
        assert_eq!(problem["detail"], "Dialogporten could not be reached.");
        assert_eq!(api(&b, &app, reqwest::Method::GET, "/api/v1/enduser/parties", None).await.0, StatusCode::OK, "the session lives on");

        // Step-up: the high-level service says so; logging in again at high opens it.
        let (status, problem) = api(&b, &app, reqwest::Method::GET, &format!("/api/v1/enduser/dialogs/{high}"), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(problem["errors"]["Forbidden"][0], "Altinn authentication level too low.", "{problem}");
        let callback = through_provider(&b, &app, &format!("acr=idporten-loa-high&returnTo=/dialog/{high}"), SIRI, "høyt").await;
        assert_eq!(land(&b, &callback).await, format!("/dialog/{high}"));
        let (status, dialog) = api(&b, &app, reqwest::Method::GET, &format!("/api/v1/enduser/dialogs/{high}"), None).await;
        assert_eq!(status, StatusCode::OK, "{dialog}");
        assert_eq!(api(&b, &app, reqwest::Method::GET, "/auth/session", None).await.1["user"]["level"], 4);

        // Logging out in the app: the session ends and the provider's end-session page is next.
        let res = b.post(app.url("/auth/logout")).header(header::ORIGIN, &app.base).send().await.unwrap();
        let redirect = res.json::<Value>().await.unwrap()["redirect"].as_str().unwrap().to_owned();
        assert!(redirect.starts_with(&format!("{}/session/end?", provider.issuer)) && redirect.contains("id_token_hint="), "{redirect}");
        assert!(redirect.contains(&format!("post_logout_redirect_uri={}", common::enc(&app.url("/login")))), "{redirect}");
        assert_eq!(api(&b, &app, reqwest::Method::GET, "/api/v1/enduser/parties", None).await.0, StatusCode::UNAUTHORIZED);
        provider_logout(&b, &redirect).await;

        // Logged out by the provider (another app, or the provider's own page): its front-channel
        // frame ends the session here.
        let callback = through_provider(&b, &app, "returnTo=/", SIRI, "betydelig").await;
        assert_eq!(land(&b, &callback).await, "/");
        assert_eq!(api(&b, &app, reqwest::Method::GET, "/api/v1/enduser/parties", None).await.0, StatusCode::OK);
        let frames = provider_logout(&b, &format!("{}/session/end", provider.issuer)).await;
        assert_eq!(frames.len(), 1, "one frame, for this app");
        assert!(frames[0].starts_with(&app.url("/auth/frontchannel-logout?")) && frames[0].contains("sid="), "{frames:?}");
        assert_eq!(b.get(&frames[0]).send().await.unwrap().status(), StatusCode::OK);
        assert_eq!(api(&b, &app, reqwest::Method::GET, "/api/v1/enduser/parties", None).await.0, StatusCode::UNAUTHORIZED);

        // Cancelling on the provider's page: back to the app's login page, told why.
        let res = b.get(app.url("/auth/login?returnTo=/")).send().await.unwrap();
        let html = res.text().await.unwrap();
        let abort = html.split("action=\"").nth(2).and_then(|s| s.split('"').next()).unwrap();
        let res = b.post(format!("{}{abort}", provider.issuer)).send().await.unwrap();
        let callback = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
        assert_eq!(land(&b, &callback).await, "/login?error=denied");
    }
}

/// Confirms on the provider's end-session page; the front-channel frames it shows, if any.
async fn provider_logout(b: &reqwest::Client, end_session: &str) -> Vec<String> {
    let res = b.get(end_session).send().await.unwrap();
    let url = res.url().clone();
    let html = res.text().await.unwrap();
    let form = html.split("<form").nth(1).expect("the provider's logout form");
    let action = url.join(form.split("action=\"").nth(1).unwrap().split('"').next().unwrap()).unwrap();
    let xsrf = form.split("name=\"xsrf\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let res = b.post(action).form(&[("xsrf", xsrf), ("logout", "yes")]).send().await.unwrap();
    let page = res.text().await.unwrap();
    page.split("<iframe class=\"frontchannel-logout\" src=\"").skip(1).map(|s| s.split('"').next().unwrap().replace("&#38;", "&")).collect()
}

fn jar_cookies(jar: &reqwest::cookie::Jar, s: &common::TestServer) -> String {
    use reqwest::cookie::CookieStore;
    jar.cookies(&s.base.parse().unwrap()).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

#[tokio::test]
async fn a_provider_that_does_not_answer_is_said_so_on_the_login_page() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("inbox.db").display());
    let config = Config {
        demo: false,
        oidc: Some(OidcSettings {
            issuer: format!("http://127.0.0.1:{}", free_port()),
            client_id: CLIENT_ID.into(),
            client_secret: SECRET.into(),
            scopes: vec!["openid".into()],
        }),
        ..common::config(&url, None, false, Limits::unmetered())
    };
    let app = common::serve("sqlite", url, dir, config).await;
    let b = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let res = b.get(app.url("/auth/login?returnTo=/")).send().await.unwrap();
    assert!(res.status().is_redirection());
    assert_eq!(res.headers()[header::LOCATION], "/login?error=provider");
    let (_, me) = api(&b, &app, reqwest::Method::GET, "/auth/session", None).await;
    assert_eq!(me, json!({"login": "oidc", "upstream": false, "user": null}));
}
