//! Live change notices (`GET /api/v1/inbox/events`, our extension): a change reaches the streams
//! of users who may see the dialog and nobody else's; on PostgreSQL they cross server instances.

mod common;

use std::time::Duration;

use common::{enc, person_party, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const KARI: usize = 0;
const OLA: usize = 1;
const SKD: (&str, &str) = ("skd", "974761076");
/// Kari's first organisation in the demo data.
const PERSONS_FIRST_ORG: usize = 0;

/// An open event stream, read event by event.
struct Events {
    res: reqwest::Response,
    buf: String,
}

impl Events {
    async fn open(s: &TestServer, token: &str, query: &str) -> Events {
        let res = s.client.get(s.url(&format!("/api/v1/inbox/events{query}"))).bearer_auth(token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "text/event-stream");
        let mut events = Events { res, buf: String::new() };
        assert_eq!(events.next().await.map(|e| e.0), Some("ready".to_owned()), "the stream says when it is subscribed");
        events
    }

    /// The next named event (keep-alive comments skipped), or None after 10 s of silence.
    async fn next(&mut self) -> Option<(String, Value)> {
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let field = |name: &str| block.lines().find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()));
                if let Some(event) = field("event:") {
                    let data = field("data:").and_then(|d| serde_json::from_str(&d).ok()).unwrap_or(Value::Null);
                    return Some((event, data));
                }
                continue;
            }
            let chunk = tokio::time::timeout(Duration::from_secs(10), self.res.chunk()).await.ok()?.ok()??;
            self.buf.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next `dialog` notice's id and kind.
    async fn next_dialog(&mut self) -> (String, String) {
        let (event, data) = self.next().await.expect("a notice within 10 s");
        assert_eq!(event, "dialog", "{data}");
        (data["id"].as_str().unwrap().to_owned(), data["kind"].as_str().unwrap().to_owned())
    }
}

fn dialog_for(party: &str, title: &str) -> Value {
    json!({
        "serviceResource": "urn:altinn:resource:skattemelding",
        "party": party,
        "status": "RequiresAttention",
        "content": {
            "title": {"value": [{"languageCode": "nb", "value": title}]},
            "summary": {"value": [{"languageCode": "nb", "value": "Direkte fra tjenesteeieren."}]}
        }
    })
}

async fn create(s: &TestServer, token: &str, party: &str) -> String {
    let (status, body, _) =
        s.send(Method::POST, "/api/v1/serviceowner/dialogs", Some(token), Some(&dialog_for(party, "Ny melding")), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body.as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn changes_reach_the_streams_of_those_who_may_see_them_and_no_others() {
    on_each_backend!(|s| {
        let (kari, ola, skd) = (s.token(KARI).await, s.token(OLA).await, s.enterprise_token(SKD.0, SKD.1).await);
        let mut kari_events = Events::open(&s, &kari, "").await;
        let mut ola_events = Events::open(&s, &ola, "").await;

        let for_kari = create(&s, &skd, &person_party(KARI)).await;
        assert_eq!(kari_events.next_dialog().await, (for_kari.clone(), "changed".into()));
        // Ola's next notice is about Ola's own dialog: Kari's never reached him.
        let for_ola = create(&s, &skd, &person_party(OLA)).await;
        assert_eq!(ola_events.next_dialog().await, (for_ola.clone(), "changed".into()));

        // The user's own change (archiving) is a notice too, and so is a purge.
        let path = format!("/api/v1/enduser/dialogs/{for_kari}/context/systemlabels");
        let (status, body, _) = s.send(Method::PUT, &path, Some(&kari), Some(&json!({"systemLabels": ["Archive"]})), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        assert_eq!(kari_events.next_dialog().await, (for_kari.clone(), "changed".into()));
        let (status, _, _) =
            s.send(Method::POST, &format!("/api/v1/serviceowner/dialogs/{for_kari}/actions/purge"), Some(&skd), None, &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(kari_events.next_dialog().await, (for_kari, "purged".into()));

        // A stream narrowed to one party hears nothing of the user's other parties.
        let org_party = inbox_server::demo::org_urn(PERSONS_FIRST_ORG);
        let mut narrowed = Events::open(&s, &kari, &format!("?party={}", enc(&org_party))).await;
        create(&s, &skd, &person_party(KARI)).await;
        assert_eq!(kari_events.next_dialog().await.1, "changed");
        let (status, _, _) = s.get("/api/v1/inbox/events", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "no token, no stream");
        let (status, _, _) = s.get("/api/v1/inbox/events?party=urn:altinn:person:identifier-no:1", Some(&kari)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a malformed party is refused");
        // The next change, to the narrowed party, is the first the narrowed stream hears: the
        // one to Kari's own party (already delivered to her whole stream) never reached it.
        let for_org = create(&s, &skd, &org_party).await;
        assert_eq!(narrowed.next_dialog().await, (for_org, "changed".into()), "nothing else came before it");
    });
}

/// Two server instances over one PostgreSQL database: a write on one reaches a stream on the other.
#[tokio::test(flavor = "multi_thread")]
async fn on_postgresql_notices_cross_server_instances() {
    let url = common::fresh_pg().await;
    let reader = common::start("postgres", url.clone(), tempfile::tempdir().unwrap(), None, true).await;
    let writer = common::start("postgres", url, tempfile::tempdir().unwrap(), None, true).await;
    let kari = reader.token(KARI).await;
    let mut events = Events::open(&reader, &kari, "").await;
    let skd = writer.enterprise_token(SKD.0, SKD.1).await;
    let id = create(&writer, &skd, &person_party(KARI)).await;
    assert_eq!(events.next_dialog().await, (id, "changed".into()));
}
