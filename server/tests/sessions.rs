//! The app's sessions (issue 33), on each database: a login is an httpOnly cookie naming a
//! session the server keeps (the browser gets no token), state-changing requests must come from
//! this site, sessions end when idle, at their absolute limit and at logout, and a service that
//! demands the high assurance level refuses a substantial login with Dialogporten's words.

mod common;

use std::path::PathBuf;

use common::TestServer;
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};

const SIRI: &str = "01819010001";
const SIRI_PARTY: &str = "urn:altinn:person:identifier-no:01819010001";

fn example() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/register-example.toml"))
}

/// A dev login from this site: the session cookie (`name=value`) and the user the answer names.
async fn log_in(s: &TestServer, body: Value) -> (String, Value) {
    let res = s.client.post(s.url("/auth/dev-login")).header(header::ORIGIN, &s.base).json(&body).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "dev login {body}");
    let set = res.headers().get(header::SET_COOKIE).expect("a cookie").to_str().unwrap().to_owned();
    assert!(set.starts_with("inbox_session="), "{set}");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"), "{set}");
    assert!(!set.contains("Secure"), "plain http on loopback: {set}");
    let pair = set.split(';').next().unwrap().to_owned();
    (pair, res.json().await.unwrap())
}

async fn call(s: &TestServer, method: Method, path: &str, cookie: &str, origin: Option<&str>, body: Option<Value>) -> (StatusCode, Value) {
    let mut req = s.client.request(method, s.url(path)).header(header::COOKIE, cookie);
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    common::answer(req, body).await
}

#[tokio::test]
async fn a_login_is_an_opaque_cookie_that_ends_when_idle_too_old_or_logged_out() {
    for (backend, url, dir) in common::backends().await {
        eprintln!("-- on {backend}");
        let s = common::start_with_registers(backend, url.clone(), dir, &[example()]).await;

        // Only from this site.
        let res = s.client.post(s.url("/auth/dev-login")).json(&json!({"pid": SIRI})).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "no Origin, no login");

        let (cookie, user) = log_in(&s, json!({"pid": SIRI})).await;
        assert_eq!(user, json!({"name": "Siri Dagleder", "org": null, "level": 3}));
        let value = cookie.split_once('=').unwrap().1;
        assert!(!value.starts_with("eyJ") && value.len() >= 43, "an opaque id, not a token: {value}");
        let mut conn = common::db(&url).await;
        let stored: Vec<String> = sqlx::query_scalar("SELECT id_hash FROM sessions").fetch_all(&mut conn).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0], value, "the database keeps a hash of the id, not the id");

        let (status, me) = call(&s, Method::GET, "/auth/session", &cookie, None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(me, json!({"login": "dev", "upstream": false, "user": {"name": "Siri Dagleder", "org": null, "level": 3}}));

        // The cookie is the person: parties and dialogs as with her token; nothing without it.
        let (status, parties) = call(&s, Method::GET, "/api/v1/enduser/parties", &cookie, None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(parties.to_string().contains("urn:altinn:organization:identifier-no:311900005"), "{parties}");
        let res = s.client.get(s.url("/api/v1/enduser/dialogs")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

        // A change needs this site's Origin: a form or fetch from elsewhere is refused before it is read.
        let bulk = json!({"dialogs": [], "addLabels": ["Bin"]});
        let path = "/api/v1/enduser/dialogs/context/systemlabels/actions/bulkset";
        for origin in [None, Some("https://evil.example")] {
            let (status, problem) = call(&s, Method::POST, path, &cookie, origin, Some(bulk.clone())).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{origin:?}");
            assert!(problem["detail"].as_str().unwrap().contains("Origin"), "{problem}");
        }
        let (status, _) = call(&s, Method::POST, path, &cookie, Some(&s.base), Some(bulk)).await;
        assert_ne!(status, StatusCode::FORBIDDEN, "from this site the request is read");

        // Idle for longer than the idle timeout (30 minutes): ended, and the cookie cleared.
        sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - 1801").execute(&mut conn).await.unwrap();
        let res = s.client.get(s.url("/api/v1/enduser/parties")).header(header::COOKIE, &cookie).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(res.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().contains("Max-Age=0"));
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&mut conn).await.unwrap();
        assert_eq!(left, 0, "an ended session is removed");

        // In use, but begun more than 12 hours ago: ended too.
        let (cookie, _) = log_in(&s, json!({"pid": SIRI})).await;
        sqlx::query("UPDATE sessions SET created_at = created_at - 43201").execute(&mut conn).await.unwrap();
        assert_eq!(call(&s, Method::GET, "/api/v1/enduser/parties", &cookie, None, None).await.0, StatusCode::UNAUTHORIZED);

        // Logging out ends it at once; dev login has no provider session to end.
        let (cookie, _) = log_in(&s, json!({"pid": SIRI})).await;
        let res =
            s.client.post(s.url("/auth/logout")).header(header::COOKIE, &cookie).header(header::ORIGIN, &s.base).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(res.json::<Value>().await.unwrap(), json!({"redirect": null}));
        assert_eq!(call(&s, Method::GET, "/api/v1/enduser/parties", &cookie, None, None).await.0, StatusCode::UNAUTHORIZED);
        let (_, me) = call(&s, Method::GET, "/auth/session", &cookie, None, None).await;
        assert_eq!(me["user"], Value::Null);

        // A service owner's session works the workspace.
        let (cookie, user) = log_in(&s, json!({"org": "digdir", "orgNo": "991825827"})).await;
        assert_eq!(user["org"], "digdir");
        assert_eq!(
            call(&s, Method::GET, "/api/v1/serviceowner/dialogs?party=".to_owned().as_str(), &cookie, None, None).await.0,
            StatusCode::BAD_REQUEST
        );
        let (status, page) =
            call(&s, Method::GET, &format!("/api/v1/serviceowner/dialogs?party={}", common::enc(SIRI_PARTY)), &cookie, None, None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
    }
}

#[tokio::test]
async fn a_service_at_the_high_level_asks_a_substantial_login_to_step_up() {
    for (backend, url, dir) in common::backends().await {
        eprintln!("-- on {backend}");
        let s = common::start_with_registers(backend, url, dir, &[example()]).await;
        let owner = s.enterprise_token("digdir", "991825827").await;
        let body = json!({
            "serviceResource": "urn:altinn:resource:digdir-hoy", "party": SIRI_PARTY, "status": "RequiresAttention",
            "content": {"title": {"value": [{"languageCode": "nb", "value": "Krever høyt nivå"}]}}
        });
        let (status, id, _) = common::serviceowner::create(&s, &owner, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{id}");
        let path = format!("/api/v1/enduser/dialogs/{}", id.as_str().unwrap());

        let (substantial, _) = log_in(&s, json!({"pid": SIRI})).await;
        let (status, problem) = call(&s, Method::GET, &path, &substantial, None, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(problem["errors"]["Forbidden"][0], "Altinn authentication level too low.", "{problem}");

        let (high, user) = log_in(&s, json!({"pid": SIRI, "acr": "idporten-loa-high"})).await;
        assert_eq!(user["level"], 4);
        let (status, dialog) = call(&s, Method::GET, &path, &high, None, None).await;
        assert_eq!(status, StatusCode::OK, "{dialog}");
        assert_eq!(dialog["serviceResource"], "urn:altinn:resource:digdir-hoy");

        // The rest of her dialogs need no more than she has.
        let (status, list) =
            call(&s, Method::GET, &format!("/api/v1/enduser/dialogs?party={}", common::enc(SIRI_PARTY)), &substantial, None, None).await;
        assert_eq!(status, StatusCode::OK, "{list}");
    }
}
