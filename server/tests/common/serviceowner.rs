//! What the service-owner suites share: the demo owners, a full dialog body and create.

#![allow(dead_code)]

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::{person_party, TestServer};

pub const KARI: usize = 0;
pub const SKD: (&str, &str) = ("skd", "974761076");
pub const NAV: (&str, &str) = ("nav", "889640782");

pub fn in_days(days: i64) -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::days(days);
    dialogporten::UtcDateTime::from(t).to_string()
}

pub fn dialog_body() -> Value {
    json!({
        "serviceResource": "urn:altinn:resource:skattemelding",
        "party": person_party(KARI),
        "status": "RequiresAttention",
        "dueAt": in_days(30),
        "idempotentKey": format!("key-{}", uuid::Uuid::new_v4().simple()),
        "content": {
            "title": {"value": [{"languageCode": "nb", "value": "Skattemeldingen for 2026 er klar"}]},
            "summary": {"value": [{"languageCode": "nb", "value": "Se over og lever innen fristen."}]},
            "nonSensitiveTitle": {"value": [{"languageCode": "nb", "value": "Ny melding fra Skatteetaten"}]}
        },
        "searchTags": [{"value": "Skattemelding"}],
        "serviceOwnerContext": {"serviceOwnerLabels": [{"value": "Batch-2026"}]},
        "guiActions": [{"action": "read", "url": "https://skatt.example.no/skattemelding", "priority": "Primary",
                        "title": [{"languageCode": "nb", "value": "Gå til skattemeldingen"}]}],
        "attachments": [{"displayName": [{"languageCode": "nb", "value": "Veiledning"}],
                         "urls": [{"url": "https://skatt.example.no/veiledning.pdf", "mediaType": "application/pdf", "consumerType": "Gui"}]}],
        "transmissions": [{"createdAt": in_days(-1), "type": "Submission",
                           "sender": {"actorType": "PartyRepresentative", "actorName": "Kari Nordmann"},
                           "idempotentKey": "tx-1",
                           "content": {"title": {"value": [{"languageCode": "nb", "value": "Innsendt skattemelding"}]}}}]
    })
}

pub async fn create(s: &TestServer, token: &str, body: &Value) -> (StatusCode, Value, reqwest::header::HeaderMap) {
    s.send(Method::POST, "/api/v1/serviceowner/dialogs", Some(token), Some(body), &[]).await
}
