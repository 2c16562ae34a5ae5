//! Issue 36, findings 2, 4 and 8: a token means what it says (key, issuer, audience, lifetime,
//! dev mode), caller-specific answers are never cached, and the server names itself by its
//! configured public URL, never by what a request's `Host` claims.

mod common;

use common::{enc, person_party};
use inbox_server::auth::{ACCESS_AUDIENCE, DEV_ISSUER};
use reqwest::StatusCode;
use serde_json::json;

const KARI: usize = 0;

fn kari_claims(iss: &str, aud: &str, lifetime: i64) -> serde_json::Value {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    json!({"iss": iss, "aud": aud, "iat": now, "nbf": now, "exp": now + lifetime, "jti": "j", "scope": "digdir:dialogporten", "pid": common::pid(KARI)})
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_needs_our_key_issuer_audience_and_a_short_life() {
    on_each_backend!(|s| {
        let path = format!("/api/v1/enduser/dialogs?party={}&limit=1", enc(&person_party(KARI)));
        let dev = common::dev_keys();
        let ok = dev.sign("JWT", &kari_claims(DEV_ISSUER, ACCESS_AUDIENCE, 600));
        assert_eq!(s.get(&path, Some(&ok)).await.0, StatusCode::OK, "the test signs as the dev generator does");
        let refused = [
            ("another issuer", dev.sign("JWT", &kari_claims("https://evil.example", ACCESS_AUDIENCE, 600))),
            ("another audience", dev.sign("JWT", &kari_claims(DEV_ISSUER, "https://other.example", 600))),
            ("no audience", dev.sign("JWT", &json!({"iss": DEV_ISSUER, "iat": 0, "nbf": 0, "exp": 9_999_999_999i64, "scope": "digdir:dialogporten", "pid": common::pid(KARI)}))),
            ("ten years", dev.sign("JWT", &kari_claims(DEV_ISSUER, ACCESS_AUDIENCE, 10 * 365 * 86_400))),
            ("the API's key", common::api_keys().sign("JWT", &kari_claims(DEV_ISSUER, ACCESS_AUDIENCE, 600))),
        ];
        for (why, token) in refused {
            let (status, body, headers) = s.get(&path, Some(&token)).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{why}: {body}");
            assert!(headers["www-authenticate"].to_str().unwrap().contains("invalid_token"), "{why}");
        }
        // The generator itself refuses to mint what the API would refuse.
        let (status, _, _) = s.get(&format!("/api/GetPersonalToken?pid={}&ttl={}", common::pid(KARI), 30 * 86_400), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "30-day dev tokens are no more");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dialog_token_is_not_an_access_token_and_an_access_token_not_a_dialog_token() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1"), Some(&kari)).await;
        let id = page["items"][0]["id"].as_str().unwrap().to_owned();
        let (_, dialog, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        let dialog_token = dialog["dialogToken"].as_str().unwrap();
        let (status, _, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(dialog_token)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a dialog token used as an access token");
        // The issuer metadata names the configured URL, and the JWKS the API's keys.
        let (_, meta, _) = s.get("/api/v1/.well-known/oauth-authorization-server", None).await;
        assert_eq!(meta["issuer"], format!("{}/api/v1", s.base));
        let (_, jwks, _) = s.get("/api/v1/.well-known/jwks.json", None).await;
        let kids: Vec<&str> = jwks["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap()).collect();
        assert!(kids.iter().all(|k| k.starts_with("api-")), "dev keys are never published: {kids:?}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_tokens_die_with_dev_mode_and_no_private_key_is_in_the_database() {
    for (backend, url, dir) in common::backends().await {
        // An older server kept its seed here (a database before schema step 15); the new one's
        // schema migration removes it.
        inbox_server::store::Store::connect(&url).await.unwrap();
        sqlx::any::install_default_drivers();
        let mut db = <sqlx::AnyConnection as sqlx::Connection>::connect(&url).await.unwrap();
        sqlx::query("INSERT INTO settings (key, value) VALUES ('jwt_ed25519_seed', 'c2VlZA')").execute(&mut db).await.unwrap();
        sqlx::query("DELETE FROM schema_migrations WHERE version = 15").execute(&mut db).await.unwrap();
        let dev = common::start(backend, url.clone(), dir, None, true).await;
        let token = dev.token(KARI).await;
        let path = format!("/api/v1/enduser/dialogs?party={}&limit=1", enc(&person_party(KARI)));
        assert_eq!(dev.get(&path, Some(&token)).await.0, StatusCode::OK);
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM settings WHERE key = 'jwt_ed25519_seed'").fetch_one(&mut db).await.unwrap();
        assert_eq!(left, 0, "{backend}: no signing key in the database");

        // The same database, served without --dev-login: the dev token is worth nothing, and
        // nothing of dev mode is there.
        let config = common::config(&url, None, false, inbox_server::http::limits::Limits::unmetered());
        let prod = common::serve(backend, url, tempfile::tempdir().unwrap(), config).await;
        let (status, _, headers) = prod.get(&path, Some(&token)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{backend}: a dev token outside dev mode");
        assert!(headers["www-authenticate"].to_str().unwrap().contains("invalid_token"));
        for dev_only in [
            format!("/api/GetPersonalToken?pid={}", common::pid(KARI)),
            "/api/dev/identities".into(),
            "/api/dev/outbox?to=x@example.com".into(),
        ] {
            assert_eq!(prod.get(&dev_only, None).await.0, StatusCode::NOT_FOUND, "{backend}: {dev_only}");
        }
    }
}

#[test]
fn dev_login_refuses_an_address_others_can_reach() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("x.db").display());
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_inbox-server"))
            .args(["serve", "--addr", "0.0.0.0:0", "--database-url", &db, "--public-url", "https://inbox.example"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&["--dev-login"]);
    assert!(!out.status.success(), "refused");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("loopback"), "says why: {err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_inbox-server"))
        .args(["serve", "--addr", "0.0.0.0:0", "--database-url", &db])
        .output()
        .unwrap();
    assert!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--public-url"),
        "a reachable server must be told its name"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn caller_specific_answers_say_no_store() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let skd = s.enterprise_token("skd", "974761076").await;
        for (path, token) in [
            (format!("/api/v1/enduser/dialogs?party={party}&limit=1"), &kari),
            ("/api/v1/enduser/parties".into(), &kari),
            (format!("/api/v1/inbox/counters?party={party}"), &kari),
            ("/api/v1/inbox/profile".into(), &kari),
            ("/api/v1/serviceowner/dialogs?limit=1".into(), &skd),
            (format!("/dialogporten/api/v1/enduser/dialogs?party={party}&limit=1"), &kari),
        ] {
            let (status, _, headers) = s.get(&path, Some(token)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_eq!(headers.get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"), "{path}");
        }
        let (status, _, headers) = s.get(&format!("/api/v1/enduser/dialogs?party={party}"), None).await;
        assert_eq!((status, headers["cache-control"].to_str().unwrap()), (StatusCode::UNAUTHORIZED, "no-store"), "errors too");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crafted_host_header_never_reaches_the_feed_or_the_issuer() {
    let (backend, url, dir) = common::backends().await.remove(0);
    let s = common::start(backend, url, dir, None, true).await;
    let evil = "evil.example\"><script>x</script>";
    let get = |path: &str| s.client.get(s.url(path)).header("host", "evil.example").header("x-forwarded-proto", "https").send();
    let feed = get("/migration-status/feed.atom").await.unwrap().text().await.unwrap();
    assert!(feed.contains(&format!("<id>{}/migration-status</id>", s.base)), "{feed}");
    assert!(!feed.contains("evil.example") && !feed.contains("https://127.0.0.1"), "neither the Host nor X-Forwarded-Proto: {feed}");
    let meta: serde_json::Value = get("/api/v1/.well-known/oauth-authorization-server").await.unwrap().json().await.unwrap();
    assert_eq!(meta["issuer"], format!("{}/api/v1", s.base));
    // A Host that is not even a host name is not echoed either (hyper refuses some outright).
    if let Ok(res) = s.client.get(s.url("/migration-status/feed.atom")).header("host", evil).send().await {
        assert!(!res.text().await.unwrap().contains("<script>"));
    }
    for bad in ["ftp://x", "https://x/path", "https://user@x", "not a url"] {
        assert!(inbox_server::PublicUrl::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(inbox_server::PublicUrl::parse("https://inbox.example/").unwrap().as_str(), "https://inbox.example");
}
