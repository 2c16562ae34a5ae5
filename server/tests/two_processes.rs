//! Two `inbox-server` processes on one PostgreSQL database (issue 35, "several instances"): both
//! start at once on a fresh database (one migrates and seeds, the other waits its turn), a login
//! made at one is a session at the other and ends at both, a caller's rate limit is one budget
//! whichever instance answers, and a change written through one reaches a live stream held open
//! at the other.

mod common;

use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// A server process, stopped when dropped.
struct Instance {
    child: Child,
    base: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(database_url: &str) -> Instance {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(env!("CARGO_BIN_EXE_inbox-server"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--database-url", database_url, "--demo", "--dev-login"])
        // One write per person per five seconds (a burst of one): the budget test below.
        .args(["--write-rate", "0.2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Instance { child, base: format!("http://127.0.0.1:{port}") }
}

/// Waits (at most 60 s) for the instance to answer; fails if its process ended.
async fn answering(client: &reqwest::Client, i: &mut Instance) {
    for _ in 0..600 {
        if let Ok(res) = client.get(format!("{}/auth/session", i.base)).send().await {
            if res.status() == StatusCode::OK {
                return;
            }
        }
        if let Some(status) = i.child.try_wait().unwrap() {
            panic!("the instance at {} stopped: {status}", i.base);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the instance at {} did not answer in 60 s", i.base);
}

async fn log_in(client: &reqwest::Client, at: &Instance, pid: &str) -> String {
    let res = client
        .post(format!("{}/auth/dev-login", at.base))
        .header(header::ORIGIN, &at.base)
        .json(&json!({"pid": pid}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned()
}

async fn get(client: &reqwest::Client, at: &Instance, path: &str, cookie: &str) -> Value {
    let res = client.get(format!("{}{path}", at.base)).header(header::COOKIE, cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_processes_on_one_postgresql_share_schema_demo_sessions_and_live_notices() {
    let url = common::fresh_pg().await;
    let client = reqwest::Client::new();
    let (mut a, mut b) = (spawn(&url), spawn(&url));
    answering(&client, &mut a).await;
    answering(&client, &mut b).await;

    // One schema, one demo: every step once, and the same dialogs seen through either.
    let mut db = common::db(&url).await;
    let (steps, distinct): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations").fetch_one(&mut db).await.unwrap();
    assert_eq!(steps, distinct);
    let kari = common::pid(0);
    let at_a = log_in(&client, &a, &kari).await;
    let counted_at_a = get(&client, &a, "/api/v1/inbox/counters", &at_a).await;
    assert!(counted_at_a.to_string().contains("\"total\""), "{counted_at_a}");
    let counted_at_b = get(&client, &b, "/api/v1/inbox/counters", &at_a).await;
    assert_eq!(counted_at_b, counted_at_a, "the login made at A is a session at B, over the same dialogs");

    // Logging out at B ends it at A too.
    let res =
        client.post(format!("{}/auth/logout", b.base)).header(header::COOKIE, &at_a).header(header::ORIGIN, &b.base).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = client.get(format!("{}/api/v1/enduser/parties", a.base)).header(header::COOKIE, &at_a).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // One write budget across both: a person's write at A leaves none for B at once.
    let ola = log_in(&client, &a, &common::pid(1)).await;
    let star = |at: &Instance| {
        let url = format!("{}/api/v1/inbox/profile/favourite-parties/{}", at.base, common::enc(&common::person_party(1)));
        client.put(url).header(header::COOKIE, &ola).header(header::ORIGIN, &at.base).send()
    };
    assert_eq!(star(&a).await.unwrap().status(), StatusCode::NO_CONTENT);
    let res = star(&b).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "the write at A counted at B");
    assert!(res.headers().contains_key(header::RETRY_AFTER));
    let (clocks,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rate_clocks").fetch_one(&mut db).await.unwrap();
    assert!(clocks >= 1);
    let (persistence,): (String,) =
        sqlx::query_as("SELECT CAST(relpersistence AS TEXT) FROM pg_class WHERE oid = to_regclass('rate_clocks')")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(persistence, "u", "the clocks bypass the WAL");

    // A live stream at B hears of a dialog a service owner creates through A.
    let at_b = log_in(&client, &b, &kari).await;
    let mut stream = client.get(format!("{}/api/v1/inbox/events", b.base)).header(header::COOKIE, &at_b).send().await.unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let mut seen = String::new();
    while !seen.contains("event: ready") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), stream.chunk()).await.expect("ready within 10 s").unwrap().unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let owner = common::get_text(
        &client,
        &format!("{}/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes=digdir:dialogporten.serviceprovider", a.base),
    )
    .await;
    let body = json!({
        "serviceResource": "urn:altinn:resource:skattemelding", "party": common::person_party(0), "status": "RequiresAttention",
        "content": {"title": {"value": [{"languageCode": "nb", "value": "Skrevet gjennom A"}]}}
    });
    let res = client.post(format!("{}/api/v1/serviceowner/dialogs", a.base)).bearer_auth(owner).json(&body).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap().as_str().unwrap().to_owned();
    while !seen.contains(&id) {
        let chunk = tokio::time::timeout(Duration::from_secs(10), stream.chunk()).await.expect("the notice within 10 s").unwrap().unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let path = format!("/api/v1/enduser/dialogs?party={}&search=Skrevet%20gjennom%20A", common::enc(&common::person_party(0)));
    let found = get(&client, &b, &path, &at_b).await;
    assert_eq!(found["items"].as_array().map(Vec::len), Some(1), "{found}");
}
