//! Favourite parties and saved searches (our extension): each person's own, validated, and never
//! holding a national identity number.

mod common;

use common::{enc, person_party, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const KARI: usize = 0;
const OLA: usize = 1;

async fn favourites(s: &TestServer, token: &str) -> Vec<String> {
    let (status, body, _) = s.get("/api/v1/inbox/profile", Some(token)).await;
    assert_eq!(status, StatusCode::OK);
    serde_json::from_value(body["favouriteParties"].clone()).unwrap()
}

/// An organisation Kari may act for, from her own parties list.
async fn an_org_of(s: &TestServer, token: &str) -> String {
    let (_, parties, _) = s.get("/api/v1/enduser/parties", Some(token)).await;
    parties["authorizedParties"].as_array().unwrap().iter().find(|p| p["partyType"] == "Organization").unwrap()["party"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn favourite_parties_round_trip_and_only_ones_own() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let ola = s.token(OLA).await;
        assert!(favourites(&s, &kari).await.is_empty());
        let org = an_org_of(&s, &kari).await;
        let path = format!("/api/v1/inbox/profile/favourite-parties/{}", enc(&org));

        assert_eq!(s.call(Method::PUT, &path, &kari, None).await.0, StatusCode::NO_CONTENT);
        assert_eq!(s.call(Method::PUT, &path, &kari, None).await.0, StatusCode::NO_CONTENT, "starring twice is one star");
        let own = format!("/api/v1/inbox/profile/favourite-parties/{}", enc(&person_party(KARI)));
        assert_eq!(s.call(Method::PUT, &own, &kari, None).await.0, StatusCode::NO_CONTENT);
        assert_eq!(favourites(&s, &kari).await, vec![org.clone(), person_party(KARI)], "in the order starred");
        assert!(favourites(&s, &ola).await.is_empty(), "stars are per person");

        // Ola may not act for Kari, nor for an organisation he has no role in.
        let (status, problem) = s.call(Method::PUT, &own, &ola, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(problem["status"], 403);
        let (status, problem) = s.call(Method::PUT, "/api/v1/inbox/profile/favourite-parties/not-a-party", &kari, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["party"].is_array(), "{problem}");

        assert_eq!(s.call(Method::DELETE, &path, &kari, None).await.0, StatusCode::NO_CONTENT);
        assert_eq!(favourites(&s, &kari).await, vec![person_party(KARI)]);
        let (status, _, _) = s.get("/api/v1/inbox/profile", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn saved_searches_create_list_rename_delete_per_person() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let ola = s.token(OLA).await;
        let (status, created, headers) = s
            .send(
                Method::POST,
                "/api/v1/inbox/saved-searches",
                Some(&kari),
                Some(&json!({"name": " Skatt ", "query": "/archive?search=skatt&org=skd"})),
                &[],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let id = created["id"].as_str().unwrap().to_owned();
        assert_eq!(created["name"], "Skatt", "the name is trimmed");
        assert_eq!(headers["location"], format!("/api/v1/inbox/saved-searches/{id}").as_str());
        let (status, _) =
            s.call(Method::POST, "/api/v1/inbox/saved-searches", &kari, Some(json!({"query": "/?isContentSeen=false"}))).await;
        assert_eq!(status, StatusCode::CREATED, "a search may go unnamed");

        let (_, list, _) = s.get("/api/v1/inbox/saved-searches", Some(&kari)).await;
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["", "Skatt"], "newest first");
        let (_, theirs, _) = s.get("/api/v1/inbox/saved-searches", Some(&ola)).await;
        assert_eq!(theirs, json!([]), "searches are per person");

        let item = format!("/api/v1/inbox/saved-searches/{id}");
        let (status, renamed) = s.call(Method::PATCH, &item, &kari, Some(json!({"name": "Skatt fra Skatteetaten"}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(renamed["name"], "Skatt fra Skatteetaten");
        assert_eq!(renamed["query"], "/archive?search=skatt&org=skd");
        assert!(renamed["updatedAt"].as_str() >= created["updatedAt"].as_str());

        // Another person's search is not found, whatever they try.
        assert_eq!(s.call(Method::PATCH, &item, &ola, Some(json!({"name": "x"}))).await.0, StatusCode::NOT_FOUND);
        assert_eq!(s.call(Method::DELETE, &item, &ola, None).await.0, StatusCode::NOT_FOUND);
        assert_eq!(s.call(Method::DELETE, &item, &kari, None).await.0, StatusCode::NO_CONTENT);
        let (status, problem) = s.call(Method::DELETE, &item, &kari, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(problem["errors"]["SavedSearch"].is_array(), "{problem}");
        assert_eq!(s.call(Method::DELETE, "/api/v1/inbox/saved-searches/not-a-uuid", &kari, None).await.0, StatusCode::BAD_REQUEST);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn saved_searches_refuse_bad_input_and_identity_numbers() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let post = |body: Value| {
            let s = &s;
            let kari = kari.clone();
            async move { s.call(Method::POST, "/api/v1/inbox/saved-searches", &kari, Some(body)).await }
        };
        for (body, field) in [
            (json!({"name": "x", "query": "/inbox/0190"}), "query"),
            (json!({"name": "x", "query": "https://example.org/"}), "query"),
            (json!({"name": "x", "query": format!("/?party={}", enc(&person_party(KARI)))}), "query"),
            (json!({"name": "x".repeat(101), "query": "/"}), "name"),
            (json!({"name": "x", "query": format!("/?search={}", "a".repeat(1100))}), "query"),
        ] {
            let (status, problem) = post(body.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert!(problem["errors"][field].is_array(), "{body} → {problem}");
        }
        let (status, problem) = post(json!({"name": 5})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        let (_, list, _) = s.get("/api/v1/inbox/saved-searches", Some(&kari)).await;
        assert_eq!(list, json!([]), "nothing refused was kept");

        // At most 100 each.
        for i in 0..100 {
            assert_eq!(post(json!({"name": format!("s{i}"), "query": "/"})).await.0, StatusCode::CREATED);
        }
        let (status, problem) = post(json!({"name": "one too many", "query": "/"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(problem["errors"]["SavedSearch"].is_array(), "{problem}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn profile_settings_round_trip_per_person_and_are_checked() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let ola = s.token(OLA).await;
        let (_, fresh, _) = s.get("/api/v1/inbox/profile", Some(&kari)).await;
        assert_eq!(
            (fresh["showSubUnits"].clone(), fresh["keyboardShortcuts"].clone(), fresh["showDeletedParties"].clone()),
            (json!(true), json!(true), json!(false))
        );
        assert!(fresh["language"].is_null() && fresh["preselectedParty"].is_null(), "{fresh}");

        let org = an_org_of(&s, &kari).await;
        let wanted = json!({"language": "nn", "preselectedParty": org, "showDeletedParties": true, "showSubUnits": false, "keyboardShortcuts": false});
        let (status, saved) = s.call(Method::PUT, "/api/v1/inbox/profile/settings", &kari, Some(wanted.clone())).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        for (k, v) in wanted.as_object().unwrap() {
            assert_eq!(&saved[k], v, "{k}");
        }
        // Kept on the server: another login (a new token, another device) reads the same.
        let again = s.token(KARI).await;
        let (_, read, _) = s.get("/api/v1/inbox/profile", Some(&again)).await;
        assert_eq!(read, saved);
        let (_, olas, _) = s.get("/api/v1/inbox/profile", Some(&ola)).await;
        assert!(olas["language"].is_null(), "settings are per person");

        // Absent fields are their defaults; a whole new document replaces the old.
        let (_, reset) = s.call(Method::PUT, "/api/v1/inbox/profile/settings", &kari, Some(json!({"language": "en"}))).await;
        assert_eq!(
            (reset["language"].clone(), reset["preselectedParty"].clone(), reset["showSubUnits"].clone()),
            (json!("en"), Value::Null, json!(true))
        );

        let (status, problem) = s.call(Method::PUT, "/api/v1/inbox/profile/settings", &ola, Some(json!({"preselectedParty": org}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "Ola may not act for Kari's organisation");
        assert!(problem["errors"]["preselectedParty"].is_array(), "{problem}");
        let (status, problem) =
            s.call(Method::PUT, "/api/v1/inbox/profile/settings", &kari, Some(json!({"preselectedParty": "not-a-party"}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["preselectedParty"].is_array(), "{problem}");
        let (status, problem) = s.call(Method::PUT, "/api/v1/inbox/profile/settings", &kari, Some(json!({"language": "de"}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(problem["status"], 400);
        let (_, unchanged, _) = s.get("/api/v1/inbox/profile", Some(&kari)).await;
        assert_eq!(unchanged["language"], "en", "a refused change changes nothing");
        assert_eq!(s.send(Method::PUT, "/api/v1/inbox/profile/settings", None, Some(&json!({})), &[]).await.0, StatusCode::UNAUTHORIZED);
    });
}
