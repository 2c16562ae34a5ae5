//! Security properties that need more than one request or the server's own output: concurrent
//! writers with ETags, oversized bodies, no national identity number in the server's log, and
//! 503 with Retry-After when the database cannot answer in time.

mod common;

use common::{enc, person_party};
use dialogporten::UtcDateTime;
use inbox_server::{
    domain::clock::ManualClock,
    http::{limits::Limits, rate::Rate},
    Config,
};
use reqwest::{Method, StatusCode};
use serde_json::json;

const KARI: usize = 0;

#[tokio::test(flavor = "multi_thread")]
async fn two_writers_with_the_same_etag_one_wins_the_other_gets_412() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}&limit=1", enc(&person_party(KARI))), Some(&kari)).await;
        let id = page["items"][0]["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/enduser/dialogs/{id}/context/systemlabels");
        for round in 0..5 {
            // Both writers really change something (a change to what is already there succeeds
            // as a no-op, and serialises before the other).
            let reset = json!({"addLabels": ["Default"]});
            assert_eq!(s.send(Method::PUT, &path, Some(&kari), Some(&reset), &[]).await.0, StatusCode::NO_CONTENT);
            let (_, dialog, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
            let revision = dialog["endUserContext"]["revision"].as_str().unwrap().to_owned();
            let (a, b) = if round % 2 == 0 { ("Archive", "Bin") } else { ("Bin", "Archive") };
            let (body_a, body_b) = (json!({"addLabels": [a]}), json!({"addLabels": [b]}));
            let header = [("If-Match", revision.as_str())];
            let one = s.send(Method::PUT, &path, Some(&kari), Some(&body_a), &header);
            let two = s.send(Method::PUT, &path, Some(&kari), Some(&body_b), &header);
            let ((first, ..), (second, ..)) = tokio::join!(one, two);
            let mut statuses = [first, second];
            statuses.sort();
            assert_eq!(statuses, [StatusCode::NO_CONTENT, StatusCode::PRECONDITION_FAILED], "round {round}: exactly one writer wins");
            let (_, after, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
            let labels = after["endUserContext"]["systemLabels"].as_array().unwrap().clone();
            let winner = if first == StatusCode::NO_CONTENT { a } else { b };
            assert!(labels.contains(&json!(winner)), "the winner's change is what is stored: {labels:?}");
            let log = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&kari)).await.1;
            assert_eq!(log.as_array().unwrap().last().unwrap()["name"], format!("systemlabel:{winner}"), "the log holds no lost update");
        }
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn an_oversized_body_is_refused_with_problem_details() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token("skd", "974761076").await;
        let huge = json!({"serviceResource": "urn:altinn:resource:skattemelding", "padding": "x".repeat(3 * 1024 * 1024)});
        // The server stops reading at the limit and drops the connection, so the oversized bodies
        // go on connections of their own: reusing one for the next request is a broken pipe.
        let once = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
        let res = once.post(s.url("/api/v1/serviceowner/dialogs")).bearer_auth(&skd).json(&huge).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let problem: serde_json::Value = res.json().await.unwrap();
        assert_eq!(problem["status"], 413);
        let (_, page, _) = s.get("/api/v1/serviceowner/dialogs?limit=1", Some(&skd)).await;
        let patch = format!("/api/v1/serviceowner/dialogs/{}", page["items"][0]["id"].as_str().unwrap());
        let ops = json!([{"op": "replace", "path": "/progress", "value": "x".repeat(3 * 1024 * 1024)}]);
        let res = once.patch(s.url(&patch)).bearer_auth(&skd).json(&ops).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(res.headers()["content-type"], "application/problem+json", "PATCH's raw body too");
    });
}

/// The real binary, its output captured, after requests that carry identity numbers in every
/// place a client may put them: query strings, bodies, tokens, bad input and errors.
#[tokio::test(flavor = "multi_thread")]
async fn the_server_log_never_holds_a_national_identity_number() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = spawn_server(&dir, true).await;
    let client = reqwest::Client::new();
    let pids: Vec<String> = (0..common::person_count()).map(common::pid).collect();
    for pid in &pids {
        let token = common::get_text(&client, &format!("{base}/api/GetPersonalToken?pid={pid}&scopes=digdir:dialogporten")).await;
        let party = enc(&format!("urn:altinn:person:identifier-no:{pid}"));
        for path in [
            format!("/api/v1/enduser/dialogs?party={party}"),
            format!("/api/v1/inbox/counters?party={party}"),
            format!("/api/v1/enduser/dialogs?party={party}&search=x"),
            format!("/api/v1/enduser/nope/{pid}"),
        ] {
            client.get(format!("{base}{path}")).bearer_auth(&token).send().await.unwrap();
        }
        client.get(format!("{base}/api/v1/enduser/dialogs?party={party}")).bearer_auth("forged.token.value").send().await.unwrap();
        let so = common::get_text(
            &client,
            &format!("{base}/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes=digdir:dialogporten.serviceprovider"),
        )
        .await;
        client
            .post(format!("{base}/api/v1/serviceowner/dialogs"))
            .bearer_auth(&so)
            .json(&json!({"party": format!("urn:altinn:person:identifier-no:{pid}"), "serviceResource": "nope"}))
            .send()
            .await
            .unwrap();
        client
            .get(format!("{base}/api/v1/serviceowner/dialogs?endUserId=urn:altinn:person:identifier-no:{pid}&party={party}"))
            .bearer_auth(&so)
            .send()
            .await
            .unwrap();
    }
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(log.contains("listening"), "the log was captured: {log}");
    // Issue 36, finding 5: the security events are there, each in its request's span.
    for event in ["dev_token_issued", "authentication_failed", "service_owner_write", "request{id="] {
        assert!(log.contains(event), "{event} in the log:\n{log}");
    }
    for pid in &pids {
        assert!(!log.contains(pid.as_str()), "{pid} in the server log:\n{log}");
    }
}

/// The real binary on SQLite in `dir` with the demo, once it answers; its log (INFO, with the security events) piped when
/// `capture` (then read it all at the end), or dropped.
async fn spawn_server(dir: &tempfile::TempDir, capture: bool) -> (std::process::Child, String) {
    let output = || if capture { std::process::Stdio::piped() } else { std::process::Stdio::null() };
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_inbox-server"))
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            &format!("sqlite://{}", dir.path().join("log.db").display()),
            "--demo",
            "--dev-login",
        ])
        .stdout(output())
        .stderr(output())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client.get(format!("{base}/api/v1/metadata/limits")).send().await.is_ok() {
            return (child, base);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not start");
}

/// Resident memory of process `pid` in kB (Linux).
fn resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()).unwrap()
}

/// Issue 36, finding 1: one `add` and twenty `copy`s of a value into its own subtree (1,141 bytes)
/// made the server take 1.36 GB. Now that patch, a copy that doubles through a sibling, and one
/// with too many operations are refused with problem details, the dialog is untouched, and the
/// process grows by at most a few megabytes.
#[tokio::test(flavor = "multi_thread")]
async fn a_small_json_patch_cannot_blow_up_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = spawn_server(&dir, false).await;
    let client = reqwest::Client::new();
    let scopes = enc("digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search");
    let so = common::get_text(&client, &format!("{base}/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes={scopes}")).await;
    let page: serde_json::Value =
        client.get(format!("{base}/api/v1/serviceowner/dialogs?limit=1")).bearer_auth(&so).send().await.unwrap().json().await.unwrap();
    let url = format!("{base}/api/v1/serviceowner/dialogs/{}", page["items"][0]["id"].as_str().unwrap());
    let before: serde_json::Value = client.get(&url).bearer_auth(&so).send().await.unwrap().json().await.unwrap();
    let rss_before = resident_kb(child.id());

    let mut into_itself = vec![json!({"op": "add", "path": "/searchTags", "value": [{"value": "x".repeat(200)}]})];
    into_itself.extend((0..20).map(|_| json!({"op": "copy", "from": "/searchTags", "path": "/searchTags/0"})));
    // Each pair more than doubles both: without a bound, twenty pairs are far beyond any memory.
    let mut doubling =
        vec![json!({"op": "add", "path": "/a", "value": ["x".repeat(100)]}), json!({"op": "add", "path": "/b", "value": []})];
    for _ in 0..20 {
        doubling.push(json!({"op": "copy", "from": "/a", "path": "/b/-"}));
        doubling.push(json!({"op": "copy", "from": "/b", "path": "/a/-"}));
    }
    let many = vec![json!({"op": "test", "path": "/status", "value": before["status"]}); 300];
    for (name, ops, status) in [("into itself", into_itself, 400), ("doubling", doubling, 413), ("too many", many, 400)] {
        let body = serde_json::to_vec(&ops).unwrap();
        assert!(body.len() < 2048 || name == "too many", "{name}: a small request ({} bytes)", body.len());
        let res =
            client.patch(&url).bearer_auth(&so).header("content-type", "application/json-patch+json").body(body).send().await.unwrap();
        assert_eq!(res.status().as_u16(), status, "{name}");
        assert_eq!(res.headers()["content-type"], "application/problem+json", "{name}");
        let problem: serde_json::Value = res.json().await.unwrap();
        assert_eq!(problem["status"], status, "{name}: {problem}");
    }
    let after: serde_json::Value = client.get(&url).bearer_auth(&so).send().await.unwrap().json().await.unwrap();
    assert_eq!(after, before, "the dialog is as it was");
    let grown = resident_kb(child.id()).saturating_sub(rss_before);
    child.kill().unwrap();
    let _ = child.wait();
    assert!(grown < 8 * 1024, "the server grew by {grown} kB");
}

#[tokio::test(flavor = "multi_thread")]
async fn searches_over_the_callers_rate_get_429_with_retry_after() {
    let limits = Limits { searches: Rate { rate: 2.0, burst: 4.0 }, ..Limits::unmetered() };
    for (backend, url, dir) in common::backends().await {
        // The server's clock stands still until the test moves it: the burst is spent at one
        // instant, and Retry-After is waited out by moving the clock, not by sleeping.
        let clock = ManualClock::at(UtcDateTime::parse("2026-10-25T00:59:59Z").unwrap());
        let config = Config { clock: clock.clock(), ..common::config(&url, None, true, limits.clone()) };
        let s = common::serve(backend, url, dir, config).await;
        let (kari, ola) = (s.token(KARI).await, s.token(1).await);
        let search = format!("/api/v1/enduser/dialogs?party={}&limit=1", enc(&person_party(KARI)));
        for n in 0..4 {
            assert_eq!(s.get(&search, Some(&kari)).await.0, StatusCode::OK, "{backend}: search {n} within the burst");
        }
        let res = s.client.get(s.url(&search)).bearer_auth(&kari).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{backend}");
        let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert_eq!(wait, 1, "half a second, rounded up to whole seconds");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let other = format!("/api/v1/enduser/dialogs?party={}&limit=1", enc(&person_party(1)));
        assert_eq!(s.get(&other, Some(&ola)).await.0, StatusCode::OK, "another caller is not held back");
        assert_eq!(
            s.get(&format!("/api/v1/enduser/dialogs/{}", uuid::Uuid::nil()), Some(&kari)).await.0,
            StatusCode::NOT_FOUND,
            "only searches are limited"
        );
        assert_eq!(s.get(&search, Some(&kari)).await.0, StatusCode::TOO_MANY_REQUESTS, "{backend}: still, while the clock stands");
        clock.advance(std::time::Duration::from_secs(wait));
        assert_eq!(s.get(&search, Some(&kari)).await.0, StatusCode::OK, "{backend}: after Retry-After");
    }
}

/// When the database cannot take a write in time (here: another process holds SQLite's write
/// lock past the busy timeout), the caller gets 503 problem details with Retry-After, not a 500;
/// once the lock is gone the same write succeeds.
#[tokio::test(flavor = "multi_thread")]
async fn a_database_that_cannot_answer_in_time_gets_503_with_retry_after() {
    use sqlx::Connection;
    let (backend, url, dir) = common::backends().await.remove(0);
    let s = common::start(backend, url, dir, None, true).await;
    let token = s.token(KARI).await;
    let party = enc(&person_party(KARI));
    let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1"), Some(&token)).await;
    let id = page["items"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/enduser/dialogs/{id}/context/systemlabels");

    let mut holder = sqlx::SqliteConnection::connect(&s.database_url).await.unwrap();
    sqlx::query("BEGIN EXCLUSIVE").execute(&mut holder).await.unwrap();
    let (status, problem, headers) = s.send(Method::PUT, &path, Some(&token), Some(&json!({"addLabels": ["Archive"]})), &[]).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{problem}");
    assert_eq!(problem["status"], 503);
    assert!(headers["retry-after"].to_str().unwrap().parse::<u32>().unwrap() >= 1);
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();

    let (status, problem, _) = s.send(Method::PUT, &path, Some(&token), Some(&json!({"addLabels": ["Archive"]})), &[]).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{problem}");
}
