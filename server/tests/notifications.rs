//! Notification addresses proven by a one-time code from the dev outbox, per-service choices and
//! the roles held (our extension), on each backend.

mod common;

use common::{enc, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const KARI: usize = 0;
const OLA: usize = 1;
const VERIFY: &str = "/api/v1/inbox/profile/notifications/verifications";

/// The code in the newest outbox message to `to`.
async fn code_sent_to(s: &TestServer, to: &str) -> String {
    let (status, messages, _) = s.get(&format!("/api/dev/outbox?to={}", enc(to)), None).await;
    assert_eq!(status, StatusCode::OK);
    let body = messages[0]["body"].as_str().unwrap();
    body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned()
}

async fn addresses(s: &TestServer, token: &str) -> Vec<Value> {
    let (status, body, _) = s.get("/api/v1/inbox/profile/notifications", Some(token)).await;
    assert_eq!(status, StatusCode::OK);
    body["addresses"].as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_is_saved_only_with_the_code_sent_to_it() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let ola = s.token(OLA).await;
        assert!(addresses(&s, &kari).await.is_empty());

        let (status, v) = s.call(Method::POST, VERIFY, &kari, Some(json!({"channel": "sms", "address": "912 34 567"}))).await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        assert_eq!(v["address"], "+4791234567", "normalised");
        assert!(addresses(&s, &kari).await.is_empty(), "nothing is saved unverified");
        let code = code_sent_to(&s, "+4791234567").await;
        let confirm = format!("{VERIFY}/{}", v["id"].as_str().unwrap());

        let wrong = if code == "000000" { "000001" } else { "000000" };
        let (status, problem) = s.call(Method::POST, &confirm, &kari, Some(json!({"code": wrong}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert!(problem["errors"]["code"].is_array(), "{problem}");
        assert!(addresses(&s, &kari).await.is_empty(), "a wrong code saves nothing");
        assert_eq!(
            s.call(Method::POST, &confirm, &ola, Some(json!({"code": code}))).await.0,
            StatusCode::NOT_FOUND,
            "Ola cannot use Kari's code"
        );

        let (status, saved) = s.call(Method::POST, &confirm, &kari, Some(json!({"code": code}))).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!((saved["channel"].clone(), saved["address"].clone()), (json!("sms"), json!("+4791234567")));
        let kept = addresses(&s, &kari).await;
        assert_eq!(kept.len(), 1);
        assert!(kept[0].get("party").is_none(), "her own address: {kept:?}");
        assert!(addresses(&s, &ola).await.is_empty(), "addresses are per person");
        assert_eq!(
            s.call(Method::POST, &confirm, &kari, Some(json!({"code": code}))).await.0,
            StatusCode::NOT_FOUND,
            "a code is used once"
        );

        assert_eq!(
            s.call(Method::DELETE, "/api/v1/inbox/profile/notifications/addresses/sms", &kari, None).await.0,
            StatusCode::NO_CONTENT
        );
        assert!(addresses(&s, &kari).await.is_empty());
        assert_eq!(s.call(Method::DELETE, "/api/v1/inbox/profile/notifications/addresses/sms", &kari, None).await.0, StatusCode::NOT_FOUND);
        assert_eq!(
            s.call(Method::DELETE, "/api/v1/inbox/profile/notifications/addresses/fax", &kari, None).await.0,
            StatusCode::BAD_REQUEST
        );
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn codes_are_spent_after_five_wrong_tries_and_bad_addresses_are_refused() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let (_, v) = s.call(Method::POST, VERIFY, &kari, Some(json!({"channel": "email", "address": "Kari@Example.NO"}))).await;
        assert_eq!(v["address"], "Kari@example.no");
        let code = code_sent_to(&s, "Kari@example.no").await;
        let confirm = format!("{VERIFY}/{}", v["id"].as_str().unwrap());
        let wrong = if code == "999999" { "999998" } else { "999999" };
        for _ in 0..4 {
            let (_, problem) = s.call(Method::POST, &confirm, &kari, Some(json!({"code": wrong}))).await;
            assert!(problem["errors"]["code"].is_array(), "{problem}");
        }
        let (status, problem) = s.call(Method::POST, &confirm, &kari, Some(json!({"code": wrong}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["verification"].is_array(), "the fifth wrong try spends it: {problem}");
        assert_eq!(
            s.call(Method::POST, &confirm, &kari, Some(json!({"code": code}))).await.0,
            StatusCode::NOT_FOUND,
            "not even the right code works now"
        );
        assert!(addresses(&s, &kari).await.is_empty());

        for (channel, address) in [("email", "kari@"), ("email", ""), ("sms", "22 22 22 22"), ("sms", "mobil")] {
            let (status, problem) = s.call(Method::POST, VERIFY, &kari, Some(json!({"channel": channel, "address": address}))).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{address}");
            assert!(problem["errors"]["address"].is_array(), "{problem}");
        }
        let (status, _) = s.call(Method::POST, VERIFY, &kari, Some(json!({"channel": "fax", "address": "1"}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (_, outbox, _) = s.get("/api/dev/outbox?to=kari%40", None).await;
        assert_eq!(outbox, json!([]), "nothing is sent to a refused address");

        // At most five codes wait at once.
        for i in 0..5 {
            let (status, _) =
                s.call(Method::POST, VERIFY, &kari, Some(json!({"channel": "email", "address": format!("k{i}@example.no")}))).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let (status, problem) = s.call(Method::POST, VERIFY, &kari, Some(json!({"channel": "email", "address": "k9@example.no"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn organisation_addresses_need_a_role_and_services_can_be_quietened() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let ola = s.token(OLA).await;
        let (_, roles, _) = s.get("/api/v1/inbox/profile/roles", Some(&kari)).await;
        let roles = roles.as_array().unwrap();
        assert!(!roles.is_empty(), "Kari holds roles in the demo's organisations");
        assert!(roles
            .iter()
            .all(|r| r["party"].as_str().unwrap().starts_with("urn:altinn:") && !r["roles"].as_array().unwrap().is_empty()));
        assert!(roles.iter().all(|r| r["roles"] != json!(["self"])), "her own person is no role");
        let org = roles.iter().find(|r| r["party"].as_str().unwrap().starts_with("urn:altinn:organization:")).unwrap()["party"]
            .as_str()
            .unwrap()
            .to_owned();

        let new = json!({"party": org, "channel": "email", "address": "post@firma.no"});
        let (status, _) = s.call(Method::POST, VERIFY, &ola, Some(new.clone())).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "Ola has no role in Kari's organisation");
        let (status, _) = s
            .call(Method::POST, VERIFY, &kari, Some(json!({"party": common::person_party(KARI), "channel": "email", "address": "a@b.no"})))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a person has no organisation address");
        let (status, v) = s.call(Method::POST, VERIFY, &kari, Some(new)).await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        let code = code_sent_to(&s, "post@firma.no").await;
        let (status, saved) =
            s.call(Method::POST, &format!("{VERIFY}/{}", v["id"].as_str().unwrap()), &kari, Some(json!({"code": code}))).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["party"], org);
        let path = format!("/api/v1/inbox/profile/notifications/addresses/email/{}", enc(&org));
        assert_eq!(s.call(Method::DELETE, &path, &kari, None).await.0, StatusCode::NO_CONTENT);

        let (_, catalogue, _) = s.get("/api/v1/metadata/serviceresources", None).await;
        let resource = catalogue["items"][0]["serviceResource"]["id"].as_str().unwrap_or_else(|| panic!("{catalogue}")).to_owned();
        let path = format!("/api/v1/inbox/profile/notifications/services/{}", enc(&resource));
        let (status, choice) = s.call(Method::PUT, &path, &kari, Some(json!({"email": true, "sms": false}))).await;
        assert_eq!(status, StatusCode::OK, "{choice}");
        let (_, settings, _) = s.get("/api/v1/inbox/profile/notifications", Some(&kari)).await;
        assert_eq!(settings["services"], json!([{"resource": resource, "email": true, "sms": false}]));
        s.call(Method::PUT, &path, &kari, Some(json!({"email": true, "sms": true}))).await;
        let (_, settings, _) = s.get("/api/v1/inbox/profile/notifications", Some(&kari)).await;
        assert_eq!(settings["services"], json!([]), "both on is the default");
        let unknown = format!("/api/v1/inbox/profile/notifications/services/{}", enc("urn:altinn:resource:no-such-service"));
        assert_eq!(s.call(Method::PUT, &unknown, &kari, Some(json!({"email": false, "sms": false}))).await.0, StatusCode::NOT_FOUND);
        let bad = format!("/api/v1/inbox/profile/notifications/services/{}", enc("skatt"));
        assert_eq!(s.call(Method::PUT, &bad, &kari, Some(json!({"email": false, "sms": false}))).await.0, StatusCode::BAD_REQUEST);
    });
}

/// Issue 36, finding 7: six messages reached one address in about 17 requests. Now one address
/// gets at most three codes an hour (from anyone), one person sends at most six, over that is
/// 429 with Retry-After, and a code leaves the outbox once it is used or spent.
#[tokio::test(flavor = "multi_thread")]
async fn codes_have_quotas_per_address_and_per_person_and_do_not_outlive_their_use() {
    on_each_backend!(|s| {
        let (kari, ola) = (s.token(KARI).await, s.token(OLA).await);
        let target = "target@example.no";
        for n in 0..3 {
            let (status, v) = s.call(Method::POST, VERIFY, &kari, Some(json!({"channel": "email", "address": target}))).await;
            assert_eq!(status, StatusCode::CREATED, "code {n}: {v}");
        }
        for (who, token) in [("Kari", &kari), ("Ola", &ola)] {
            let res =
                s.client.post(s.url(VERIFY)).bearer_auth(token).json(&json!({"channel": "email", "address": target})).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{who}: a fourth code to the same address");
            let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((3500..=3600).contains(&wait), "{who}: {wait} s");
            assert_eq!(res.headers()["content-type"], "application/problem+json");
        }
        let (_, sent, _) = s.get(&format!("/api/dev/outbox?to={}", enc(target)), None).await;
        assert_eq!(sent.as_array().unwrap().len(), 3, "three messages, not more");

        // Ola confirms each code he gets (so none stays open) until his own quota is used up.
        for n in 0..6 {
            let address = format!("ola{n}@example.no");
            let (status, v) = s.call(Method::POST, VERIFY, &ola, Some(json!({"channel": "email", "address": address}))).await;
            assert_eq!(status, StatusCode::CREATED, "Ola's code {n}: {v}");
            let code = code_sent_to(&s, &address).await;
            let (status, _) =
                s.call(Method::POST, &format!("{VERIFY}/{}", v["id"].as_str().unwrap()), &ola, Some(json!({"code": code}))).await;
            assert_eq!(status, StatusCode::OK);
            let (_, left, _) = s.get(&format!("/api/dev/outbox?to={}", enc(&address)), None).await;
            assert_eq!(left, json!([]), "the code is not kept once used");
        }
        let (status, problem) = s.call(Method::POST, VERIFY, &ola, Some(json!({"channel": "email", "address": "ola9@example.no"}))).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "a seventh code in the hour: {problem}");
    });
}
