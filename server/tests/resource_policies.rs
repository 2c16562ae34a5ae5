//! Resource policies from the register (docs/register.md, "Resource policies"): a resource with a
//! policy is decided by its rules alone, on both databases. In the example file a person may read
//! and answer her own dialogs in `digdir-skjema` but not sign them, nor read a transmission that
//! the payroll resource `digdir-lonn` guards; a holder of the payroll access package reads that,
//! and one the policy does not name neither finds nor opens the service's dialogs.

mod common;

use std::path::PathBuf;

use common::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const SIRI: &str = "01819010001";
const FRODE: &str = "15827510057";
const TESTBEDRIFT: &str = "urn:altinn:organization:identifier-no:311900005";
const SYSTEM_USER: &str = "5f1c9a0e-2b7d-4c3e-9a61-0d8e7f4b2c19";
const UNAUTHORIZED: &str = "urn:dialogporten:unauthorized";

fn dialog(party: &str) -> Value {
    let title = |t: &str| json!([{"languageCode": "nb", "value": t}]);
    json!({
        "serviceResource": "urn:altinn:resource:digdir-skjema", "party": party, "status": "RequiresAttention",
        "content": {"title": {"value": title("Skjema")}},
        "guiActions": [
            {"action": "read", "url": "https://example.com/les", "priority": "Primary", "title": title("Les")},
            {"action": "write", "url": "https://example.com/skriv", "priority": "Secondary", "title": title("Svar")},
            {"action": "sign", "url": "https://example.com/signer", "priority": "Tertiary", "title": title("Signer")}
        ],
        "transmissions": [
            {"type": "Information", "authorizationAttribute": "urn:altinn:resource:digdir-lonn", "sender": {"actorType": "ServiceOwner"},
             "content": {"title": {"value": title("Lønnsslipp")}},
             "attachments": [{"displayName": title("slipp.pdf"), "urls": [{"url": "https://example.com/slipp.pdf", "consumerType": "Gui"}]}]},
            {"type": "Information", "sender": {"actorType": "ServiceOwner"}, "content": {"title": {"value": title("Kvittering")}}}
        ]
    })
}

async fn token(s: &TestServer, path: &str) -> String {
    let res = s.client.get(s.url(path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap()
}

/// (isAuthorized, url) of the GUI action `name`.
fn action(d: &Value, name: &str) -> (Value, Value) {
    let a = d["guiActions"].as_array().unwrap().iter().find(|a| a["action"] == name).unwrap();
    (a["isAuthorized"].clone(), a["url"].clone())
}

/// (isAuthorized, first attachment URL, title) of the transmission titled `title`.
fn transmission(d: &Value, title: &str) -> (Value, Value, Value) {
    let t = d["transmissions"].as_array().unwrap().iter().find(|t| t["content"]["title"]["value"][0]["value"] == title).unwrap();
    (t["isAuthorized"].clone(), t["attachments"][0]["urls"][0]["url"].clone(), t["content"]["title"]["value"][0]["value"].clone())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_resources_policy_decides_what_each_reader_may_do() {
    let example = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/register-example.toml"));
    for (backend, url, dir) in common::backends().await {
        let s = common::start_with_registers(backend, url, dir, std::slice::from_ref(&example)).await;
        eprintln!("-- on {backend}");
        let digdir = s.enterprise_token("digdir", "991825827").await;
        let siri_party = format!("urn:altinn:person:identifier-no:{SIRI}");
        let mut ids = Vec::new();
        for party in [siri_party.as_str(), TESTBEDRIFT] {
            let (status, id, _) = s.send(Method::POST, "/api/v1/serviceowner/dialogs", Some(&digdir), Some(&dialog(party)), &[]).await;
            assert_eq!(status, StatusCode::CREATED, "{id}");
            ids.push(id.as_str().unwrap().to_owned());
        }
        let (own, company) = (format!("/api/v1/enduser/dialogs/{}", ids[0]), format!("/api/v1/enduser/dialogs/{}", ids[1]));

        // Siri for herself (PRIV): reads and answers, may not sign, nor read the payroll transmission.
        let siri = token(&s, &format!("/api/GetPersonalToken?pid={SIRI}&scopes=digdir:dialogporten")).await;
        let (status, d, _) = s.get(&own, Some(&siri)).await;
        assert_eq!(status, StatusCode::OK, "{d}");
        assert_eq!(action(&d, "read").0, true);
        assert_eq!(action(&d, "write"), (json!(true), json!("https://example.com/skriv")));
        assert_eq!(action(&d, "sign"), (json!(false), json!(UNAUTHORIZED)), "the policy gives PRIV no sign, though the default would");
        assert_eq!(transmission(&d, "Lønnsslipp"), (json!(false), json!(UNAUTHORIZED), json!("Lønnsslipp")), "listed, its files masked");
        assert_eq!(transmission(&d, "Kvittering").0, true, "no attribute: reading the dialog reads it");
        let dialog_token = d["dialogToken"].as_str().unwrap();
        let claims: Value = serde_json::from_slice(
            &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, dialog_token.split('.').nth(1).unwrap()).unwrap(),
        )
        .unwrap();
        assert!(!claims["a"].as_str().unwrap().contains("sign"), "the dialog token lists only what she may do: {claims}");

        // Siri as managing director of Testbedrift (DAGL): signs; the payroll resource's own policy still says no.
        let (_, d, _) = s.get(&company, Some(&siri)).await;
        assert_eq!(action(&d, "sign").0, true);
        assert_eq!(transmission(&d, "Lønnsslipp").0, false);

        // The accounting system (REGNA with the payroll access package): reads, including payroll; may not answer.
        let system =
            token(&s, &format!("/api/GetSystemUserToken?systemUserId={SYSTEM_USER}&systemUserOrg=311900005&scopes=digdir%3Adialogporten"))
                .await;
        let (status, d, _) = s.get(&company, Some(&system)).await;
        assert_eq!(status, StatusCode::OK, "{d}");
        assert_eq!(action(&d, "read").0, true, "the package's rule");
        assert_eq!(action(&d, "write"), (json!(false), json!(UNAUTHORIZED)), "this policy gives the package read only");
        assert_eq!(transmission(&d, "Lønnsslipp"), (json!(true), json!("https://example.com/slipp.pdf"), json!("Lønnsslipp")));

        // Frode holds Siri's power of attorney, which the policy does not name: he neither finds nor opens it.
        let frode = token(&s, &format!("/api/GetPersonalToken?pid={FRODE}&scopes=digdir:dialogporten")).await;
        let (status, problem, _) = s.get(&own, Some(&frode)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        let (status, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}", common::enc(&siri_party)), Some(&frode)).await;
        assert_eq!(status, StatusCode::OK);
        let listed = |page: &Value| page["items"].as_array().is_some_and(|items| items.iter().any(|i| i["id"] == ids[0].as_str()));
        assert!(!listed(&page), "not in his search: {page}");
        let (status, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}", common::enc(&siri_party)), Some(&siri)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(listed(&page), "in hers: {page}");

        // Nor among the services he may see, nor in the counts; she finds both.
        let resources = |token: &str| {
            let path = format!("/api/v1/enduser/serviceresources?party={}", common::enc(&siri_party));
            let s = &s;
            let token = token.to_owned();
            async move {
                let (status, page, _) = s.get(&path, Some(&token)).await;
                assert_eq!(status, StatusCode::OK, "{page}");
                page["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|i| i["serviceResource"]["id"].as_str().map(str::to_owned))
                    .collect::<Vec<_>>()
            }
        };
        let skjema = "urn:altinn:resource:digdir-skjema".to_owned();
        assert!(!resources(&frode).await.contains(&skjema));
        assert!(resources(&siri).await.contains(&skjema));
        let total = |token: &str| {
            let path = format!("/api/v1/inbox/counters?party={}", common::enc(&siri_party));
            let s = &s;
            let token = token.to_owned();
            async move { s.get(&path, Some(&token)).await.1["inbox"]["total"].as_u64().unwrap_or_default() }
        };
        assert_eq!(total(&siri).await, 1 + total(&frode).await, "his count leaves out the dialog he may not see");

        // A service owner asking on Siri's behalf sees the same decisions, URLs unmasked.
        let (status, d, _) =
            s.get(&format!("/api/v1/serviceowner/dialogs/{}?endUserId={}", ids[0], common::enc(&siri_party)), Some(&digdir)).await;
        assert_eq!(status, StatusCode::OK, "{d}");
        assert_eq!(action(&d, "sign"), (json!(false), json!("https://example.com/signer")));
    }
}

#[test]
fn a_bad_rule_names_its_field() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/register-example.toml")).unwrap();
    for (from, to, field) in [
        (r#"subjects = ["DAGL"], actions = ["sign"]"#, r#"subjects = [], actions = ["sign"]"#, "resource[1].policy[1].subjects"),
        (
            r#"subjects = ["DAGL"], actions = ["sign"]"#,
            r#"subjects = ["urn:altinn:foo:x"], actions = ["sign"]"#,
            "resource[1].policy[1].subjects",
        ),
        (r#"subjects = ["DAGL"], actions = ["sign"]"#, r#"subjects = ["DAGL"], actions = ["si gn"]"#, "resource[1].policy[1].actions"),
        (
            r#"subjects = ["DAGL"], actions = ["sign"]"#,
            r#"subjects = ["DAGL"], actions = ["sign"], subresource = "urn:altinn:resource:x""#,
            "resource[1].policy[1].subresource",
        ),
        (r#"packages = ["urn:altinn:accesspackage:lonn"]"#, r#"packages = ["lonn"]"#, "system_user[0].roles[0].packages"),
    ] {
        assert!(text.contains(from), "{from}");
        let e = inbox_server::register::Register::parse(&text.replacen(from, to, 1), "x.toml").unwrap_err();
        assert_eq!(e.field, field, "{e}");
    }
}
