//! System labels, the label log, and a dialog's parts read on their own.

mod common;

use common::{enc, person_party, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const KARI: usize = 0;
const AISHA: usize = 2;

async fn first_dialog(s: &TestServer, token: &str, filter: &str) -> Value {
    let party = enc(&person_party(KARI));
    let (status, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1&{filter}"), Some(token)).await;
    assert_eq!(status, StatusCode::OK);
    page["items"][0].clone()
}

fn labels(d: &Value) -> Vec<String> {
    d["endUserContext"]["systemLabels"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect()
}

async fn put_labels(
    s: &TestServer,
    token: &str,
    id: &str,
    body: Value,
    if_match: Option<&str>,
) -> (StatusCode, Value, reqwest::header::HeaderMap) {
    let headers: Vec<(&str, &str)> = if_match.map(|r| vec![("If-Match", r)]).unwrap_or_default();
    s.send(Method::PUT, &format!("/api/v1/enduser/dialogs/{id}/context/systemlabels"), Some(token), Some(&body), &headers).await
}

#[tokio::test(flavor = "multi_thread")]
async fn archive_then_restore_with_revisions_and_label_log() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let d = first_dialog(&s, &token, "systemLabel=Default").await;
        let id = d["id"].as_str().unwrap().to_owned();
        let rev = d["endUserContext"]["revision"].as_str().unwrap().to_owned();

        let (status, _, headers) = put_labels(&s, &token, &id, json!({"addLabels": ["Archive"]}), Some(&rev)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let new_rev = headers["etag"].to_str().unwrap().to_owned();
        assert_ne!(new_rev, rev);

        // The old revision no longer matches.
        let (status, body, _) = put_labels(&s, &token, &id, json!({"removeLabels": ["Archive"]}), Some(&rev)).await;
        assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{body}");
        assert_eq!(body["status"], 412);

        let (_, after, _) = s
            .get(&format!("/api/v1/enduser/dialogs?party={}&systemLabel=Archive&limit=1000", enc(&person_party(KARI))), Some(&token))
            .await;
        let row = after["items"].as_array().unwrap().iter().find(|x| x["id"] == id.as_str()).expect("now in Archive").clone();
        assert!(labels(&row).contains(&"Archive".to_owned()) && !labels(&row).contains(&"Default".to_owned()));
        assert_eq!(row["systemLabel"], "Archive");

        let (status, _, _) = put_labels(&s, &token, &id, json!({"removeLabels": ["Archive"]}), Some(&new_rev)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, log, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let entries: Vec<(String, String)> =
            log.as_array().unwrap().iter().map(|e| (e["name"].as_str().unwrap().into(), e["action"].as_str().unwrap().into())).collect();
        assert_eq!(
            entries,
            [
                ("systemlabel:Default", "remove"),
                ("systemlabel:Archive", "set"),
                ("systemlabel:Archive", "remove"),
                ("systemlabel:Default", "set")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        assert_eq!(log[0]["performedBy"]["actorName"], "Kari Nordmann");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn label_requests_end_users_may_not_make_are_refused() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let id = first_dialog(&s, &token, "systemLabel=Default").await["id"].as_str().unwrap().to_owned();
        for (body, field) in [
            (json!({"addLabels": ["Sent"]}), "addLabels"),
            (json!({"removeLabels": ["Default"]}), "removeLabels"),
            (json!({}), "addLabels"),
            (json!({"addLabels": ["Bin"], "removeLabels": ["Bin"]}), "removeLabels"),
        ] {
            let (status, problem, _) = put_labels(&s, &token, &id, body.clone(), None).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert!(problem["errors"][field].is_array(), "{body}: {problem}");
        }
        let (status, problem, _) = put_labels(&s, &token, &id, json!({"addLabels": ["Deleted"]}), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "unknown enum value: {problem}");
        let (status, _, _) = put_labels(&s, &token, &id, json!({"addLabels": ["Bin"]}), Some("not-a-uuid")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let res = s
            .client
            .put(s.url(&format!("/api/v1/enduser/dialogs/{id}/context/systemlabels")))
            .bearer_auth(&token)
            .body("{")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let res = s
            .client
            .put(s.url(&format!("/api/v1/enduser/dialogs/{id}/context/systemlabels")))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        // Someone else's dialog.
        let aisha = s.token(AISHA).await;
        let (status, _, _) = put_labels(&s, &aisha, &id, json!({"addLabels": ["Bin"]}), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _, _) = put_labels(&s, &token, "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", json!({"addLabels": ["Bin"]}), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn bulk_moves_many_dialogs_all_or_nothing() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&systemLabel=Default&limit=3"), Some(&token)).await;
        let ids: Vec<String> = page["items"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect();
        assert_eq!(ids.len(), 3);
        let bulk = "/api/v1/enduser/dialogs/context/systemlabels/actions/bulkset";

        // One dialog of another person makes the whole request fail, and nothing moves.
        let aisha = s.token(AISHA).await;
        let (_, theirs, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}&limit=1", enc(&person_party(AISHA))), Some(&aisha)).await;
        let foreign = theirs["items"][0]["id"].as_str().unwrap().to_owned();
        let mut targets: Vec<Value> = ids.iter().map(|id| json!({"dialogId": id})).collect();
        targets.push(json!({"dialogId": foreign}));
        let (status, _, _) = s.send(Method::POST, bulk, Some(&token), Some(&json!({"dialogs": targets, "addLabels": ["Bin"]})), &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "as Dialogporten: the other's dialog is not found among hers");
        let (_, bin, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&systemLabel=Bin&limit=1000"), Some(&token)).await;
        let in_bin: Vec<&str> = bin["items"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert!(ids.iter().all(|id| !in_bin.contains(&id.as_str())), "nothing moved");

        let targets: Vec<Value> = ids.iter().map(|id| json!({"dialogId": id})).collect();
        let (status, body, _) =
            s.send(Method::POST, bulk, Some(&token), Some(&json!({"dialogs": targets, "addLabels": ["Bin"]})), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let (_, bin, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&systemLabel=Bin&limit=1000"), Some(&token)).await;
        let in_bin: Vec<&str> = bin["items"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert!(ids.iter().all(|id| in_bin.contains(&id.as_str())), "all three moved");

        // Stale revision → 412; more than 100 → 400; duplicates → 400.
        let stale = json!({"dialogs": [{"dialogId": ids[0], "endUserContextRevision": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f"}], "removeLabels": ["Bin"]});
        assert_eq!(s.send(Method::POST, bulk, Some(&token), Some(&stale), &[]).await.0, StatusCode::PRECONDITION_FAILED);
        let many: Vec<Value> = (0..101).map(|_| json!({"dialogId": uuid::Uuid::now_v7()})).collect();
        assert_eq!(
            s.send(Method::POST, bulk, Some(&token), Some(&json!({"dialogs": many, "addLabels": ["Bin"]})), &[]).await.0,
            StatusCode::BAD_REQUEST
        );
        let dup = json!({"dialogs": [{"dialogId": ids[0]}, {"dialogId": ids[0]}], "addLabels": ["Archive"]});
        assert_eq!(s.send(Method::POST, bulk, Some(&token), Some(&dup), &[]).await.0, StatusCode::BAD_REQUEST);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn opening_clears_marked_as_unopened_in_the_label_log() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let id = first_dialog(&s, &token, "systemLabel=Default").await["id"].as_str().unwrap().to_owned();
        assert_eq!(put_labels(&s, &token, &id, json!({"addLabels": ["MarkedAsUnopened"]}), None).await.0, StatusCode::NO_CONTENT);
        let (_, dialog, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&token)).await;
        assert!(!labels(&dialog).contains(&"MarkedAsUnopened".to_owned()));
        let (_, log, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&token)).await;
        let last = log.as_array().unwrap().last().unwrap();
        assert_eq!((last["name"].as_str(), last["action"].as_str()), (Some("systemlabel:MarkedAsUnopened"), Some("remove")));
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn activities_transmissions_and_seen_log_read_on_their_own() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1000"), Some(&token)).await;
        let with_thread = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["fromPartyTransmissionsCount"].as_i64() > Some(0))
            .expect("a dialog with a thread");
        let id = with_thread["id"].as_str().unwrap().to_owned();

        let (status, activities, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/activities"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let first = &activities[0];
        assert!(first.get("performedBy").is_none(), "the list leaves out the actor");
        let (status, one, _) =
            s.get(&format!("/api/v1/enduser/dialogs/{id}/activities/{}", first["id"].as_str().unwrap()), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(one["type"], first["type"]);
        assert!(one["performedBy"]["actorType"].is_string());

        let (status, transmissions, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/transmissions"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let t = &transmissions[0];
        let (status, one, _) =
            s.get(&format!("/api/v1/enduser/dialogs/{id}/transmissions/{}", t["id"].as_str().unwrap()), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(one["content"]["title"], t["content"]["title"]);

        s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&token)).await;
        let (status, seen, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/seenlog"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let mine = seen.as_array().unwrap().iter().find(|e| e["isCurrentEndUser"] == true).expect("my own visit").clone();
        let (status, one, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/seenlog/{}", mine["id"].as_str().unwrap()), Some(&token)).await;
        assert_eq!((status, one["id"].clone()), (StatusCode::OK, mine["id"].clone()));

        // Unknown element ids are 404, other people's dialogs 403.
        let nil = "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f";
        for p in ["activities", "transmissions", "seenlog"] {
            assert_eq!(s.get(&format!("/api/v1/enduser/dialogs/{id}/{p}/{nil}"), Some(&token)).await.0, StatusCode::NOT_FOUND, "{p}");
        }
        let aisha = s.token(AISHA).await;
        for p in ["activities", "transmissions", "seenlog"] {
            assert_eq!(s.get(&format!("/api/v1/enduser/dialogs/{id}/{p}"), Some(&aisha)).await.0, StatusCode::FORBIDDEN, "{p}");
        }
        let labellog = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&aisha)).await.0;
        assert_eq!(labellog, StatusCode::NOT_FOUND, "the label log answers as if there were no such dialog, as upstream");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn metadata_and_well_known_documents() {
    on_each_backend!(|s| {
        let (status, limits, _) = s.get("/api/v1/metadata/limits", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(limits["endUserSearch"]["maxPartyFilterValues"], 100);
        let (status, jwks, _) = s.get("/api/v1/.well-known/jwks.json", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!((jwks["keys"][0]["kty"].as_str(), jwks["keys"][0]["crv"].as_str()), (Some("OKP"), Some("Ed25519")));
        let (status, oauth, _) = s.get("/api/v1/.well-known/oauth-authorization-server", None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(oauth["jwks_uri"].as_str().unwrap().ends_with("/api/v1/.well-known/jwks.json"));

        // The published key verifies the tokens we issue (here: a dialog token).
        let token = s.token(KARI).await;
        let id = first_dialog(&s, &token, "").await["id"].as_str().unwrap().to_owned();
        let (_, dialog, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&token)).await;
        let jwt = dialog["dialogToken"].as_str().unwrap();
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let x: [u8; 32] = b64.decode(jwks["keys"][0]["x"].as_str().unwrap()).unwrap().try_into().unwrap();
        let key = ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap();
        let (signed, sig) = jwt.rsplit_once('.').unwrap();
        let sig = ed25519_dalek::Signature::from_bytes(&b64.decode(sig).unwrap().try_into().unwrap());
        key.verify_strict(signed.as_bytes(), &sig).expect("dialog token verifies with the JWKS key");
    });
}

#[test]
fn the_contract_check_catches_wrong_types_extra_fields_and_undocumented_statuses() {
    let check = |path: &'static str, status: u16, body: Value| {
        std::panic::catch_unwind(|| common::contract::assert_response("get", path, status, &body)).is_err()
    };
    assert!(!check("/api/v1/enduser/parties", 200, json!({"authorizedParties": [{"party": "urn:x", "partyId": 1}]})));
    assert!(check("/api/v1/enduser/parties", 200, json!({"authorizedParties": [{"party": 5}]})), "wrong type");
    assert!(check("/api/v1/enduser/parties", 200, json!({"authorizedParties": [], "extra": 1})), "extra field");
    assert!(check("/api/v1/enduser/dialogs/0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", 200, json!({"status": "New"})), "unknown enum");
    assert!(
        check("/api/v1/enduser/dialogs/0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", 200, json!({"createdAt": "2024-01-01"})),
        "date without offset"
    );
    assert!(check("/api/v1/enduser/parties", 418, json!({})), "undocumented status");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_services_offered_are_those_the_party_has_received() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (status, got, _) = s.get(&format!("/api/v1/inbox/services?party={party}"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1000"), Some(&token)).await;
        let mut received: Vec<&str> = page["items"].as_array().unwrap().iter().map(|d| d["serviceResource"].as_str().unwrap()).collect();
        received.sort_unstable();
        received.dedup();
        assert_eq!(got["serviceResources"], json!(received));
        let (_, catalogue, _) = s.get("/api/v1/metadata/serviceresources", None).await;
        assert!(catalogue["items"].as_array().unwrap().len() > received.len(), "fewer than the whole catalogue");
        // Another person's party offers nothing; a malformed party is a 400.
        let aisha = s.token(AISHA).await;
        assert_eq!(s.get(&format!("/api/v1/inbox/services?party={party}"), Some(&aisha)).await.1["serviceResources"], json!([]));
        assert_eq!(s.get("/api/v1/inbox/services?party=urn:x", Some(&token)).await.0, StatusCode::BAD_REQUEST);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn folder_counters_match_the_folders_and_follow_changes() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (status, counters, _) = s.get(&format!("/api/v1/inbox/counters?party={party}"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        // Each counter equals what the folder's own search returns.
        for folder in dialogporten::Folder::ALL {
            let filters: String = folder.filters().iter().map(|(k, v)| format!("&{k}={v}")).collect();
            let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1000{filters}"), Some(&token)).await;
            let items = page["items"].as_array().cloned().unwrap_or_default();
            let unread = items.iter().filter(|d| d["isContentSeen"] == false).count();
            assert_eq!(counters[folder.id()]["total"], items.len(), "{} total", folder.id());
            assert_eq!(counters[folder.id()]["unread"], unread, "{} unread", folder.id());
        }
        // Archiving one moves it between counters.
        let d = first_dialog(&s, &token, "systemLabel=Default&status=Completed").await;
        put_labels(&s, &token, d["id"].as_str().unwrap(), json!({"addLabels": ["Archive"]}), None).await;
        let (_, after, _) = s.get(&format!("/api/v1/inbox/counters?party={party}"), Some(&token)).await;
        assert_eq!(after["inbox"]["total"].as_u64().unwrap() + 1, counters["inbox"]["total"].as_u64().unwrap());
        assert_eq!(after["archive"]["total"].as_u64().unwrap(), counters["archive"]["total"].as_u64().unwrap() + 1);
        // Another person's party counts nothing; a malformed party is a 400.
        let aisha = s.token(AISHA).await;
        let (_, theirs, _) = s.get(&format!("/api/v1/inbox/counters?party={party}"), Some(&aisha)).await;
        assert_eq!(theirs["inbox"]["total"], 0);
        assert_eq!(s.get("/api/v1/inbox/counters?party=urn:x", Some(&token)).await.0, StatusCode::BAD_REQUEST);
    });
}

/// As Dialogporten's `UpdateSeenAt`: opening a dialog logs the reader once per version of it.
/// Opening it again before it changes writes nothing; after the service owner changes it, the
/// next opening is logged again. `MarkedAsUnopened` is cleared by any opening.
#[tokio::test(flavor = "multi_thread")]
async fn a_reader_is_logged_once_per_version_of_the_dialog() {
    use common::serviceowner::{create, dialog_body, SKD};
    on_each_backend!(|s| {
        let (kari, skd) = (s.token(KARI).await, s.enterprise_token(SKD.0, SKD.1).await);
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        async fn visits(s: &TestServer, skd: &str, id: &str) -> usize {
            let (_, log, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{id}/seenlog"), Some(skd)).await;
            log.as_array().unwrap().iter().filter(|e| e["seenBy"]["actorId"] == person_party(KARI)).count()
        }
        async fn open(s: &TestServer, kari: &str, id: &str) {
            assert_eq!(s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(kari)).await.0, StatusCode::OK);
        }
        for _ in 0..3 {
            open(&s, &kari, &id).await;
        }
        assert_eq!(visits(&s, &skd, &id).await, 1, "three openings of one version are one visit");

        let patch = json!([{"op": "replace", "path": "/progress", "value": 40}]);
        let path = format!("/api/v1/serviceowner/dialogs/{id}");
        assert_eq!(s.send(Method::PATCH, &path, Some(&skd), Some(&patch), &[]).await.0, StatusCode::NO_CONTENT);
        open(&s, &kari, &id).await;
        open(&s, &kari, &id).await;
        assert_eq!(visits(&s, &skd, &id).await, 2, "the changed dialog is a new version to see");

        assert_eq!(put_labels(&s, &kari, &id, json!({"addLabels": ["MarkedAsUnopened"]}), None).await.0, StatusCode::NO_CONTENT);
        let (_, opened, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert!(!labels(&opened).contains(&"MarkedAsUnopened".to_owned()), "opening clears MarkedAsUnopened");
        assert_eq!(opened["isContentSeen"], true);
        assert_eq!(visits(&s, &skd, &id).await, 2, "but is no new visit");
    });
}
