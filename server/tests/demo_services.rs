//! The demo services behind migrated dialogs: front-channel embeds and the Altinn 2 message-box
//! operations, authorised by the dialog token, with their effect visible in the dialog.

mod common;

use common::{enc, person_party, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const KARI: usize = 0;
const OLA: usize = 1;
const INGRID: usize = 4;

/// The person's migrated dialog of `resource`, opened (with its dialog token).
async fn open_migrated(s: &TestServer, person: usize, resource: &str) -> Value {
    let token = s.token(person).await;
    let query = format!("/api/v1/enduser/dialogs?party={}&serviceResource=urn:altinn:resource:{resource}", enc(&person_party(person)));
    let (_, page, _) = s.get(&query, Some(&token)).await;
    let id = page["items"][0]["id"].as_str().unwrap_or_else(|| panic!("{resource} for person {person}: {page}")).to_owned();
    s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&token)).await.1
}

fn action_url(d: &Value, action: &str) -> String {
    let a = d["guiActions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["url"].as_str().unwrap().ends_with(&format!("/{action}")))
        .unwrap_or_else(|| panic!("{action} in {}", d["guiActions"]));
    a["url"].as_str().unwrap().to_owned()
}

async fn call(s: &TestServer, method: Method, url: &str, token: &str, lang: &str) -> (StatusCode, String) {
    let url = if url.starts_with("http") { url.to_owned() } else { s.url(url) };
    let res = s.client.request(method, url).bearer_auth(token).header("Accept-Language", lang).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn embeds_answer_in_the_preferred_language_to_the_dialog_token_only() {
    on_each_backend!(|s| {
        let message = open_migrated(&s, KARI, "skd-a2-melding-skattetrekk").await;
        let main = &message["content"]["mainContentReference"];
        assert!(main["mediaType"].as_str().unwrap().ends_with("type=text/markdown"));
        assert_eq!(main["isAuthorized"], true);
        let url = main["value"][0]["value"].as_str().unwrap().to_owned();
        let token = message["dialogToken"].as_str().unwrap();
        let (status, body) = call(&s, Method::GET, &url, token, "nn, nb;q=0.9, en;q=0.8").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("| År |") && body.contains("handsama"), "Nynorsk with a table: {body}");
        let (_, english) = call(&s, Method::GET, &url, token, "en-GB, nb;q=0.5").await;
        assert!(english.starts_with("# Decision"));
        assert_eq!(call(&s, Method::GET, &url, "not-a-token", "nb").await.0, StatusCode::UNAUTHORIZED);
        let form = open_migrated(&s, KARI, "app_skd_a2-1051-130203").await;
        let other = form["dialogToken"].as_str().unwrap();
        assert_eq!(call(&s, Method::GET, &url, other, "nb").await.0, StatusCode::FORBIDDEN, "a token for another dialog");
        let html = form["content"]["mainContentReference"]["value"][0]["value"].as_str().unwrap();
        assert!(html.starts_with(&s.base), "the server's own URLs are absolute: {html}");
        let res = s.client.get(html).bearer_auth(other).send().await.unwrap();
        assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"));
        assert!(res.text().await.unwrap().contains("<table>"));
        let nav = open_migrated(&s, KARI, "app_nav_a2-4936-1").await;
        let restricted = nav["content"]["mainContentReference"]["value"][0]["value"].as_str().unwrap();
        assert_eq!(call(&s, Method::GET, restricted, nav["dialogToken"].as_str().unwrap(), "nb").await.0, StatusCode::FORBIDDEN);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn message_box_operations_record_their_effect() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let form = open_migrated(&s, KARI, "app_skd_a2-1051-130203").await;
        let id = form["id"].as_str().unwrap().to_owned();
        let token = form["dialogToken"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/enduser/dialogs/{id}");
        let archived = json!({"addLabels": ["Archive"]});
        assert_eq!(
            s.send(Method::PUT, &format!("{path}/context/systemlabels"), Some(&kari), Some(&archived), &[]).await.0,
            StatusCode::NO_CONTENT
        );
        for op in ["sign", "validate", "pay", "update", "submit"] {
            let (status, body) = call(&s, Method::POST, &action_url(&form, op), &token, "nb").await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{op}: {body}");
        }
        let (_, after, _) = s.get(&path, Some(&kari)).await;
        let labels = after["endUserContext"]["systemLabels"].as_array().unwrap();
        assert!(labels.contains(&Value::from("Archive")), "acting never moves the dialog out of the archive: {labels:?}");
        // The demo service's own operations (the service link is another action).
        let offered: Vec<&str> = after["guiActions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["url"].as_str().unwrap().split_once("/api/demo/service/")?.1.rsplit('/').next())
            .collect();
        assert_eq!(offered, ["validate", "update", "delete"], "what is done once is no longer offered");
        let kinds: Vec<&str> = after["activities"].as_array().unwrap().iter().map(|a| a["type"].as_str().unwrap()).collect();
        for kind in ["SignatureProvided", "Information", "PaymentMade", "FormSaved", "FormSubmitted"] {
            assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
        }
        let signed = after["activities"].as_array().unwrap().iter().find(|a| a["type"] == "SignatureProvided").unwrap();
        assert_eq!(signed["performedBy"]["actorName"], "Kari Nordmann", "named, never by national identity number");
        assert_eq!(after["status"], "Completed");
        assert!(after["transmissions"].as_array().unwrap().iter().any(|t| t["type"] == "Submission"));
        assert!(after["endUserContext"]["systemLabels"].as_array().unwrap().contains(&Value::from("Sent")));

        // Archived tax forms are kept for ten years: the service answers 422 with the date.
        let (status, body) = call(&s, Method::POST, &action_url(&form, "delete"), &token, "nb").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let problem: Value = serde_json::from_str(&body).unwrap();
        assert!(problem["deletionAllowedAt"].as_str().unwrap().starts_with("203"), "{problem}");

        let message = open_migrated(&s, KARI, "skd-a2-melding-skattetrekk").await;
        let token = message["dialogToken"].as_str().unwrap().to_owned();
        assert_eq!(call(&s, Method::POST, &action_url(&message, "confirm"), &token, "nb").await.0, StatusCode::NO_CONTENT);
        let path = format!("/api/v1/enduser/dialogs/{}", message["id"].as_str().unwrap());
        let (_, confirmed, _) = s.get(&path, Some(&kari)).await;
        assert!(
            !confirmed["guiActions"].as_array().unwrap().iter().any(|a| a["url"].as_str().unwrap().ends_with("/confirm")),
            "confirmed once"
        );
        assert!(confirmed["activities"].as_array().unwrap().iter().any(|a| a["type"] == "CorrespondenceConfirmed"));
        assert_eq!(call(&s, Method::POST, &action_url(&message, "delete"), &token, "nb").await.0, StatusCode::NO_CONTENT);
        assert_eq!(s.get(&path, Some(&kari)).await.0, StatusCode::GONE, "deleted by its service");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reader_by_power_of_attorney_cannot_act() {
    on_each_backend!(|s| {
        let ola = s.token(OLA).await;
        let query = format!(
            "/api/v1/enduser/dialogs?party={}&serviceResource=urn:altinn:resource:app_skd_a2-1051-130203",
            enc(&person_party(INGRID))
        );
        let (_, page, _) = s.get(&query, Some(&ola)).await;
        let id = page["items"][0]["id"].as_str().expect("Ingrid's migrated form").to_owned();
        let (_, form, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&ola)).await;
        let sign = form["guiActions"].as_array().unwrap().iter().find(|a| a["action"] == "sign").unwrap().clone();
        assert_eq!(sign["isAuthorized"], false);
        assert_eq!(sign["url"], "urn:dialogporten:unauthorized");
        // The token does not grant it either, so the service refuses a forged call.
        let url = format!("/api/demo/service/{id}/sign");
        assert_eq!(call(&s, Method::POST, &url, form["dialogToken"].as_str().unwrap(), "nb").await.0, StatusCode::FORBIDDEN);
    });
}
