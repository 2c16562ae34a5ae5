//! Scopes mean what they mean in Dialogporten: the correspondence scope guards dialogs of
//! correspondence services (`CorrespondenceService` in the resource registry).

mod common;

use common::serviceowner::{create, dialog_body, in_days, SKD};
use reqwest::{Method, StatusCode};
use serde_json::json;

const SERVICE_PROVIDER: &str = "digdir:dialogporten.serviceprovider";
const CORRESPONDENCE: &str = "digdir:dialogporten.correspondence";
const ADMIN: &str = "digdir:dialogporten.serviceprovider.admin";

#[tokio::test(flavor = "multi_thread")]
async fn correspondence_dialogs_need_the_correspondence_scope() {
    on_each_backend!(|s| {
        let plain = s.enterprise_token_with(SKD.0, SKD.1, &[SERVICE_PROVIDER]).await;
        let correspondent = s.enterprise_token_with(SKD.0, SKD.1, &[SERVICE_PROVIDER, CORRESPONDENCE]).await;
        let admin = s.enterprise_token_with(SKD.0, SKD.1, &[SERVICE_PROVIDER, ADMIN]).await;
        let mut body = dialog_body();
        body["serviceResource"] = json!("urn:altinn:resource:skd-a2-melding-skattetrekk");
        let (status, problem, _) = create(&s, &plain, &body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        assert_eq!(problem["errors"]["Forbidden"][0], "User cannot create or modify a dialog with resource type correspondenceservice.");

        body["idempotentKey"] = json!(format!("corr-{}", &uuid::Uuid::new_v4().simple().to_string()[..16]));
        let (status, id, _) = create(&s, &correspondent, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{id}");
        let path = format!("/api/v1/serviceowner/dialogs/{}", id.as_str().unwrap());
        let activity = |kind: &str| match kind {
            "Information" => {
                json!({"type": kind, "performedBy": {"actorType": "ServiceOwner"}, "description": [{"languageCode": "nb", "value": "x"}]})
            }
            _ => json!({"type": kind, "performedBy": {"actorType": "ServiceOwner"}}),
        };
        for token in [&plain, &admin] {
            let (status, ..) = s.send(Method::POST, &format!("{path}/activities"), Some(token), Some(&activity("Information")), &[]).await;
            let want = if token == &admin { StatusCode::CREATED } else { StatusCode::FORBIDDEN };
            assert_eq!(status, want, "changing it: admin integrations pass");
        }
        // Only correspondence records that it was opened or confirmed, on any service.
        let (status, problem, _) =
            s.send(Method::POST, &format!("{path}/activities"), Some(&admin), Some(&activity("CorrespondenceOpened")), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(problem["errors"]["Forbidden"][0].as_str().unwrap().contains(CORRESPONDENCE));
        let (status, ..) =
            s.send(Method::POST, &format!("{path}/activities"), Some(&correspondent), Some(&activity("CorrespondenceOpened")), &[]).await;
        assert_eq!(status, StatusCode::CREATED);

        // Removal needs the scope even for admin integrations.
        for token in [&plain, &admin] {
            let (status, problem, _) = s.send(Method::DELETE, &path, Some(token), None, &[]).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
            assert_eq!(problem["errors"]["Forbidden"][0], "User cannot modify resource type correspondenceservice.");
            assert_eq!(s.send(Method::POST, &format!("{path}/actions/purge"), Some(token), None, &[]).await.0, StatusCode::FORBIDDEN);
        }
        assert_eq!(s.send(Method::DELETE, &path, Some(&correspondent), None, &[]).await.0, StatusCode::NO_CONTENT);
        assert_eq!(
            s.send(Method::POST, &format!("{path}/actions/restore"), Some(&plain), None, &[]).await.0,
            StatusCode::NO_CONTENT,
            "restoring is not guarded"
        );

        // Other services' dialogs do not need it.
        let mut other = dialog_body();
        other["dueAt"] = json!(in_days(10));
        assert_eq!(create(&s, &plain, &other).await.0, StatusCode::CREATED);
    });
}

const SYSTEM_USER: &str = "5f1c9a0e-2b7d-4c3e-9a61-0d8e7f4b2c19";
const TESTBEDRIFT: &str = "urn:altinn:organization:identifier-no:311900005";

fn payload(token: &str) -> serde_json::Value {
    use base64::Engine;
    let part = token.split('.').nth(1).expect("a JWT");
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

async fn token_text(s: &common::TestServer, path: &str) -> (StatusCode, String) {
    // Scripts for Altinn's generator send Basic credentials; dev mode ignores them.
    let res = s.client.get(s.url(path)).basic_auth("tester", Some("secret")).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_token_generator_issues_altinns_three_kinds_of_token() {
    on_each_backend!(|s| {
        let pid = common::pid(0);
        let (status, personal) =
            token_text(&s, &format!("/api/GetPersonalToken?env=tt02&pid={pid}&scopes=digdir%3Adialogporten&authLvl=3&unknown=1")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(personal.split('.').count() == 3 && !personal.contains('"') && !personal.ends_with('\n'), "the bare JWT: {personal:?}");
        let claims = payload(&personal);
        assert_eq!((claims["pid"].as_str(), claims["scope"].as_str()), (Some(pid.as_str()), Some("digdir:dialogporten")));

        let (status, enterprise) = token_text(&s, "/api/GetEnterpriseToken?env=tt02&org=skd&orgNo=974761076&scopes=digdir%3Adialogporten.serviceprovider%20digdir%3Adialogporten.serviceprovider.search").await;
        assert_eq!(status, StatusCode::OK);
        let claims = payload(&enterprise);
        assert_eq!(claims["consumer"], json!({"authority": "iso6523-actorid-upis", "ID": "0192:974761076"}));
        assert_eq!(claims["urn:altinn:org"], "skd");
        assert_eq!(claims["scope"], "digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search");
        let (status, problem) =
            token_text(&s, "/api/GetEnterpriseToken?org=skd&orgNo=974761077&scopes=digdir%3Adialogporten.serviceprovider").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "an enterprise's number is checked (mod 11): {problem}");

        // A system user's organisation is not checked (Dialogporten does not check it either).
        let (status, system) = token_text(
            &s,
            &format!("/api/GetSystemUserToken?env=tt02&systemUserId={SYSTEM_USER}&systemUserOrg=311900006&scopes=digdir%3Adialogporten"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{system}");
        let claims = payload(&system);
        assert!(claims.get("pid").is_none());
        let detail = &claims["authorization_details"][0];
        assert_eq!(detail["type"], "urn:altinn:systemuser");
        assert_eq!(detail["systemuser_id"], json!([SYSTEM_USER]));
        assert_eq!(detail["systemuser_org"], json!({"authority": "iso6523-actorid-upis", "ID": "0192:311900006"}));
        assert!(detail["system_id"].is_string());
        let (status, _) = token_text(&s, "/api/GetSystemUserToken?systemUserOrg=311900005").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "systemUserId is required");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_system_user_acts_for_the_parties_the_register_grants_it() {
    for (backend, url, dir) in common::backends().await {
        let example = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/register-example.toml"));
        let s = common::start_with_registers(backend, url, dir, &[example]).await;
        eprintln!("-- on {backend}");
        let digdir = s.enterprise_token("digdir", "991825827").await;
        let body = json!({
            "serviceResource": "urn:altinn:resource:digdir-testtjeneste", "party": TESTBEDRIFT, "status": "RequiresAttention",
            "content": {"title": {"value": [{"languageCode": "nb", "value": "Til regnskapssystemet"}]}},
            "guiActions": [{"action": "write", "url": "https://example.com/svar", "priority": "Primary", "title": [{"languageCode": "nb", "value": "Svar"}]}],
            "transmissions": [
                {"type": "Information", "authorizationAttribute": "urn:altinn:subresource:lonn", "sender": {"actorType": "ServiceOwner"},
                 "content": {"title": {"value": [{"languageCode": "nb", "value": "Lønnsoppgave"}]}}},
                {"type": "Information", "authorizationAttribute": "urn:altinn:subresource:styre", "sender": {"actorType": "ServiceOwner"},
                 "content": {"title": {"value": [{"languageCode": "nb", "value": "Styresak"}]}}}
            ]
        });
        let (status, id, _) = create(&s, &digdir, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{id}");
        let id = id.as_str().unwrap().to_owned();
        let (_, token) = token_text(
            &s,
            &format!("/api/GetSystemUserToken?systemUserId={SYSTEM_USER}&systemUserOrg=311900005&scopes=digdir%3Adialogporten"),
        )
        .await;

        let (status, parties, _) = s.get("/api/v1/enduser/parties", Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let listed: Vec<&str> = parties["authorizedParties"].as_array().unwrap().iter().map(|p| p["party"].as_str().unwrap()).collect();
        assert_eq!(listed, [TESTBEDRIFT]);
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}", common::enc(TESTBEDRIFT)), Some(&token)).await;
        assert!(page["items"].as_array().unwrap().iter().any(|d| d["id"] == id.as_str()));
        let (status, d, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(d["guiActions"][0]["isAuthorized"], true, "an accountant's role may act");
        let transmission = |attr: &str| {
            d["transmissions"].as_array().unwrap().iter().find(|t| t["authorizationAttribute"] == attr).unwrap()["isAuthorized"].clone()
        };
        assert_eq!(transmission("urn:altinn:subresource:lonn"), true, "the register's right on the sub-resource");
        assert_eq!(transmission("urn:altinn:subresource:styre"), false, "what neither role nor right gives");
        let seen = &d["seenSinceLastUpdate"][0];
        assert_eq!(seen["seenBy"]["actorId"], format!("urn:altinn:systemuser:uuid:{SYSTEM_USER}"), "system users are not masked");
        assert_eq!(seen["seenBy"]["actorName"], "Testbedrift regnskapssystem");
        assert_eq!(seen["isCurrentEndUser"], true);

        // One the register does not know sees nothing.
        let (_, stranger) =
            token_text(&s, &format!("/api/GetSystemUserToken?systemUserId={}&scopes=digdir%3Adialogporten", uuid::Uuid::new_v4())).await;
        let (status, parties, _) = s.get("/api/v1/enduser/parties", Some(&stranger)).await;
        assert_eq!((status, parties["authorizedParties"].as_array().map_or(0, Vec::len)), (StatusCode::OK, 0));
        assert_eq!(s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&stranger)).await.0, StatusCode::FORBIDDEN);
        // Without the end-user scope the token is refused, as a person's would be.
        let (_, no_scope) = token_text(&s, &format!("/api/GetSystemUserToken?systemUserId={SYSTEM_USER}&scopes=altinn%3Aenduser")).await;
        assert_eq!(s.get("/api/v1/enduser/parties", Some(&no_scope)).await.0, StatusCode::FORBIDDEN);
    }
}
