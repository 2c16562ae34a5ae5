//! What depends on the time follows the server's clock, not the machine's: a test sets the
//! clock and moves it, and visibility, token expiry and the times the server writes follow,
//! with no waiting. On both databases, across the night Norway leaves summer time.

mod common;

use std::time::Duration;

use common::serviceowner::{create, dialog_body, KARI, SKD};
use dialogporten::UtcDateTime;
use inbox_server::{domain::clock::ManualClock, http::limits::Limits, Config};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn at(text: &str) -> UtcDateTime {
    UtcDateTime::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn time_of(v: &Value) -> UtcDateTime {
    at(v.as_str().unwrap_or_else(|| panic!("a time: {v}")))
}

#[tokio::test(flavor = "multi_thread")]
async fn visibility_token_expiry_and_written_times_follow_the_servers_clock() {
    // 00:30 UTC, half an hour before the clocks in Norway go back (03:00 CEST → 02:00 CET).
    let start = at("2026-10-25T00:30:00Z");
    for (backend, url, dir) in common::backends().await {
        let clock = ManualClock::at(start);
        let config = Config { clock: clock.clock(), ..common::config(&url, None, true, Limits::unmetered()) };
        let s = common::serve(backend, url, dir, config).await;

        // Visible two hours from the server's "now", which is months before the machine's.
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut body = dialog_body();
        body["visibleFrom"] = json!("2026-10-25T02:30:00Z");
        body["transmissions"][0]["createdAt"] = json!("2026-10-24T12:00:00Z");
        body["content"]["title"] = json!({"value": [{"languageCode": "nb", "value": "Klokketest"}]});
        let (status, id, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{backend}: {id}");
        let id = id.as_str().expect("the new id").to_owned();
        // One visible from now on is created at the server's now (the other takes its visibleFrom).
        let mut now_body = body.clone();
        now_body.as_object_mut().unwrap().remove("visibleFrom");
        now_body["idempotentKey"] = json!(format!("clock-{}", &uuid::Uuid::new_v4().simple().to_string()[..20]));
        let (status, other, _) = create(&s, &skd, &now_body).await;
        assert_eq!(status, StatusCode::CREATED, "{backend}: {other}");
        let (_, stored, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{}", other.as_str().unwrap()), Some(&skd)).await;
        assert_eq!(time_of(&stored["createdAt"]), start, "{backend}: created at the server's now");

        let kari = s.token(KARI).await;
        let (status, problem, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{backend}: not visible yet: {problem}");

        // Three hours on (wall-clock 04:30 → 03:30 in Oslo, the hour that occurs twice behind it).
        clock.advance(Duration::from_secs(3 * 3600));
        let (status, _, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{backend}: the token minted at 00:30 has expired by the server's clock");

        let kari = s.token(KARI).await;
        let (status, dialog, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::OK, "{backend}: visible now: {dialog}");
        let seen = dialog["seenSinceLastUpdate"].as_array().expect("the seen log");
        assert_eq!(seen.len(), 1, "{backend}: {dialog}");
        assert_eq!(time_of(&seen[0]["seenAt"]), at("2026-10-25T03:30:00Z"), "{backend}: the visit is stamped by the server's clock");

        let search = format!("/api/v1/enduser/dialogs?party={}&search=Klokketest", common::enc(&common::person_party(KARI)));
        let (status, page, _) = s.get(&search, Some(&kari)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page["items"].as_array().unwrap().iter().any(|d| d["id"] == id.as_str()), "{backend}: searches find it now");
    }
}
