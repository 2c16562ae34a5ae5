//! Issue 36, finding 3: what one client may take of the server. A half-sent request is cut off,
//! connections and requests in progress are capped, writes, event streams and requests without a
//! token have their own per-caller budgets, and an event stream does not live for ever.
//! The limits are set small here so the tests see them; the defaults are in `http::limits`.

mod common;

use std::time::Duration;

use common::{enc, person_party, TestServer};
use inbox_server::http::{limits::Limits, rate::Rate};
use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

const KARI: usize = 0;

async fn server(limits: Limits) -> TestServer {
    let (backend, url, dir) = common::backends().await.remove(0);
    common::start_with(backend, url, dir, None, true, limits).await
}

fn addr(s: &TestServer) -> String {
    s.base.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection (or 10 s pass: then `None`).
async fn until_closed(conn: &mut TcpStream) -> Option<String> {
    let mut got = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), async {
        let mut buf = [0u8; 1024];
        loop {
            match conn.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    });
    read.await.ok().map(|()| String::from_utf8_lossy(&got).into_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_whose_headers_never_finish_is_cut_off() {
    let s = server(Limits { header_timeout: Duration::from_secs(1), ..Limits::unmetered() }).await;
    let mut conn = TcpStream::connect(addr(&s)).await.unwrap();
    conn.write_all(b"GET /api/v1/metadata/limits HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let answer = until_closed(&mut conn).await.expect("the server closes a connection whose headers stall");
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test(flavor = "multi_thread")]
async fn connections_over_the_cap_are_closed_and_room_comes_back() {
    let s = server(Limits { max_connections: 2, ..Limits::unmetered() }).await;
    let mut held = vec![TcpStream::connect(addr(&s)).await.unwrap(), TcpStream::connect(addr(&s)).await.unwrap()];
    // Both are accepted (a request on each is answered) and then stay open.
    for conn in &mut held {
        conn.write_all(b"GET /api/v1/metadata/limits HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
        let mut buf = [0u8; 64];
        let n = conn.read(&mut buf).await.unwrap();
        assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    }
    let mut third = TcpStream::connect(addr(&s)).await.unwrap();
    let _ = third.write_all(b"GET /api/v1/metadata/limits HTTP/1.1\r\nHost: x\r\n\r\n").await;
    assert_eq!(until_closed(&mut third).await.as_deref(), Some(""), "a third connection gets no answer");
    held.pop();
    // The server notices the close on its own time: wait for the room (at most 10 s).
    let mut answered = false;
    for _ in 0..100 {
        if reqwest::Client::new().get(s.url("/api/v1/metadata/limits")).send().await.is_ok_and(|r| r.status() == StatusCode::OK) {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(answered, "a closed connection gives its place back");
}

#[tokio::test(flavor = "multi_thread")]
async fn over_the_requests_in_progress_the_answer_is_503_with_retry_after() {
    let s = server(Limits { max_in_flight: 0, ..Limits::unmetered() }).await;
    let res = s.client.get(s.url("/api/v1/metadata/limits")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.headers()["retry-after"], "1");
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_and_tokenless_requests_have_their_own_budgets() {
    let s = server(Limits {
        writes: Rate { rate: 0.5, burst: 2.0 },
        owner_writes: Rate { rate: 0.5, burst: 3.0 },
        anonymous: Rate { rate: 0.5, burst: 3.0 },
        ..Limits::unmetered()
    })
    .await;
    // Three requests without a token: the two token requests are two of them.
    let (kari, ola) = (s.token(KARI).await, s.token(1).await);
    assert_eq!(s.get("/api/v1/metadata/limits", None).await.0, StatusCode::OK);
    let res = s.client.get(s.url("/api/v1/metadata/limits")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "a fourth request without a token");
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(s.get("/api/v1/metadata/limits", Some(&kari)).await.0, StatusCode::OK, "with a token it counts as the caller's");

    let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}&limit=1", enc(&person_party(KARI))), Some(&kari)).await;
    let labels = format!("/api/v1/enduser/dialogs/{}/context/systemlabels", page["items"][0]["id"].as_str().unwrap());
    for label in ["Archive", "Default"] {
        let (status, body) = s.call(Method::PUT, &labels, &kari, Some(json!({"addLabels": [label]}))).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    }
    let (status, problem) = s.call(Method::PUT, &labels, &kari, Some(json!({"addLabels": ["Bin"]}))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "a third write within the burst: {problem}");
    assert!(problem["detail"].as_str().unwrap().contains("writes"), "{problem}");
    let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}&limit=1", enc(&person_party(1))), Some(&ola)).await;
    let theirs = format!("/api/v1/enduser/dialogs/{}/context/systemlabels", page["items"][0]["id"].as_str().unwrap());
    assert_eq!(
        s.call(Method::PUT, &theirs, &ola, Some(json!({"addLabels": ["Archive"]}))).await.0,
        StatusCode::NO_CONTENT,
        "another caller writes on"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_caller_holds_a_few_event_streams_and_each_ends_after_its_maximum_age() {
    let s = server(Limits { streams_per_caller: 2, stream_max_age: Duration::from_secs(2), ..Limits::unmetered() }).await;
    let kari = s.token(KARI).await;
    let open = || s.client.get(s.url("/api/v1/inbox/events")).bearer_auth(&kari).send();
    let first = open().await.unwrap();
    let second = open().await.unwrap();
    assert_eq!((first.status(), second.status()), (StatusCode::OK, StatusCode::OK));
    let third = open().await.unwrap();
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS, "a third stream at once");
    // A stream ends by itself after its maximum age (2 s here), and gives its place back.
    let body = tokio::time::timeout(Duration::from_secs(10), first.text()).await.expect("the stream ended by itself").unwrap();
    assert!(body.contains("event: ready"), "{body}");
    drop(second);
    let mut reopened = false;
    for _ in 0..100 {
        if open().await.unwrap().status() == StatusCode::OK {
            reopened = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(reopened, "ended streams give their places back");
}

/// A service owner's writes have a budget of their own (an integration's, larger by default).
#[tokio::test(flavor = "multi_thread")]
async fn a_service_owners_writes_have_their_own_budget() {
    let s = server(Limits { writes: Rate { rate: 0.5, burst: 1.0 }, owner_writes: Rate { rate: 0.5, burst: 3.0 }, ..Limits::unmetered() })
        .await;
    let skd = s.enterprise_token("skd", "974761076").await;
    for n in 0..3 {
        let (status, id, _) = common::serviceowner::create(&s, &skd, &common::serviceowner::dialog_body()).await;
        assert_eq!(status, StatusCode::CREATED, "dialog {n}: {id}");
    }
    let (status, problem, _) = common::serviceowner::create(&s, &skd, &common::serviceowner::dialog_body()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");
    assert!(
        Limits::default().owner_writes.rate >= 10.0 * Limits::default().writes.rate,
        "an integration's budget is an order larger by default"
    );
}
