//! The end-user API over real HTTP and a real database (SQLite, and PostgreSQL when available).

mod common;

use std::collections::HashSet;

use common::{enc, person_party};
use reqwest::StatusCode;
use serde_json::Value;

const KARI: usize = 0;
const AISHA: usize = 2;

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().map(|a| a.iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn search_pages_with_continuation_tokens_without_duplicates_or_gaps() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (status, all, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1000"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let all_ids = ids(&all);
        assert!(all_ids.len() >= 30, "demo person has a long inbox: {}", all_ids.len());
        assert_eq!(all["hasNextPage"], false);
        assert_eq!(all["orderBy"], "contentupdatedat_desc,id_desc");

        let mut paged = Vec::new();
        let mut next: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut path = format!("/api/v1/enduser/dialogs?party={party}&limit=10");
            if let Some(t) = &next {
                path.push_str(&format!("&continuationToken={}", enc(t)));
            }
            let (status, page, _) = s.get(&path, Some(&token)).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            pages += 1;
            paged.extend(ids(&page));
            if page["hasNextPage"] == true {
                next = Some(page["continuationToken"].as_str().expect("token when there is a next page").to_owned());
            } else {
                assert!(page.get("continuationToken").is_none());
                break;
            }
        }
        assert!(pages >= 3, "{pages} pages");
        assert_eq!(paged, all_ids, "paging gives the same rows in the same order");
        assert_eq!(paged.iter().collect::<HashSet<_>>().len(), paged.len(), "no duplicates");

        // Newest first by contentUpdatedAt.
        let dates: Vec<String> =
            all["items"].as_array().unwrap().iter().map(|d| d["contentUpdatedAt"].as_str().unwrap().to_owned()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "ordered newest first");
        assert!(dates.iter().all(|d| d.len() == 28 && d.ends_with('Z')), "7 fractional digits, UTC: {}", dates[0]);
    });
}

/// `orderBy` takes several fields, as both of Dialogporten's searches do, and a continuation
/// token carries every one of them: paging two at a time gives the same list as one page.
#[tokio::test(flavor = "multi_thread")]
async fn several_order_fields_page_in_that_order() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let order = "dueAt_asc,updatedAt_desc";
        let (status, all, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&orderBy={order}&limit=1000"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK, "{all}");
        assert_eq!(all["orderBy"], "dueat_asc,updatedat_desc,id_desc");
        let key = |d: &Value| (d["dueAt"].as_str().map(str::to_owned), d["updatedAt"].as_str().unwrap().to_owned());
        let items = all["items"].as_array().unwrap();
        assert!(items.len() > 4 && items.iter().any(|d| d["dueAt"].is_string()) && items.iter().any(|d| d["dueAt"].is_null()));
        for w in items.windows(2) {
            let (a, b) = (key(&w[0]), key(&w[1]));
            let due_in_order = match (&a.0, &b.0) {
                (Some(x), Some(y)) => x <= y,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => true,
            };
            assert!(due_in_order && (a.0 != b.0 || a.1 >= b.1), "{a:?} then {b:?}");
        }
        let mut paged = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let mut path = format!("/api/v1/enduser/dialogs?party={party}&orderBy={order}&limit=2");
            if let Some(t) = &next {
                assert!(t.starts_with("dueat_") && t.contains(",updatedat_") && t.contains(",id_"), "{t}");
                path.push_str(&format!("&continuationToken={}", enc(t)));
            }
            let (status, page, _) = s.get(&path, Some(&token)).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            paged.extend(page["items"].as_array().unwrap().iter().map(|d| d["id"].clone()));
            match page["continuationToken"].as_str() {
                Some(t) => next = Some(t.to_owned()),
                None => break,
            }
        }
        assert_eq!(paged, items.iter().map(|d| d["id"].clone()).collect::<Vec<_>>());

        // A token made for one order does not continue another.
        let (_, first, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&orderBy={order}&limit=2"), Some(&token)).await;
        let t = enc(first["continuationToken"].as_str().unwrap());
        let (status, problem, _) =
            s.get(&format!("/api/v1/enduser/dialogs?party={party}&orderBy=createdAt&continuationToken={t}"), Some(&token)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(problem["errors"]["ContinuationToken"][0], "ContinuationToken does not match OrderBy. Missing token keys: [createdat].");
        for bad in ["dueAt,dueAt_asc", "dueAt_sideways", "title"] {
            let (status, problem, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&orderBy={bad}"), Some(&token)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
            assert_eq!(problem["errors"]["orderBy"][0], format!("Value [{bad}] is not valid for a [OrderSet`2] property!"));
        }
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn ascending_order_and_filters() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&orderBy=createdAt_asc&limit=1000"), Some(&token)).await;
        let created: Vec<&str> = page["items"].as_array().unwrap().iter().map(|d| d["createdAt"].as_str().unwrap()).collect();
        assert!(created.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(page["orderBy"], "createdat_asc,id_desc", "the id breaks ties descending unless asked otherwise");

        let (_, archived, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&systemLabel=Archive&limit=1000"), Some(&token)).await;
        let items = archived["items"].as_array().unwrap();
        assert!(!items.is_empty());
        assert!(items.iter().all(|d| d["endUserContext"]["systemLabels"].as_array().unwrap().contains(&Value::from("Archive"))));

        let (_, drafts, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&status=Draft&limit=1000"), Some(&token)).await;
        assert!(drafts["items"].as_array().unwrap().iter().all(|d| d["status"] == "Draft"));

        let (_, found, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&search=skatte&limit=1000"), Some(&token)).await;
        let found = found["items"].as_array().unwrap();
        assert!(!found.is_empty());
        assert!(found.iter().all(|d| d.to_string().to_lowercase().contains("skatte")));
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_or_bad_tokens_get_401_with_a_challenge_and_no_body() {
    on_each_backend!(|s| {
        let party = enc(&person_party(KARI));
        let path = format!("/api/v1/enduser/dialogs?party={party}");
        for token in [None, Some("garbage"), Some("a.b.c")] {
            let mut req = s.client.get(s.url(&path));
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{token:?}");
            let challenge = res.headers()["www-authenticate"].to_str().unwrap().to_owned();
            assert!(challenge.starts_with("Bearer"), "{challenge}");
            assert_eq!(token.is_some(), challenge.contains("invalid_token"), "{challenge}");
            assert!(res.bytes().await.unwrap().is_empty(), "an empty body, as upstream's");
        }
        // A well-formed token signed by another key.
        let forged = inbox_server::auth::SigningKeys::from_seeds("dev", &[[9; 32]]).unwrap().sign(
            "JWT",
            &serde_json::json!({
                "iss": "x", "iat": 0, "nbf": 0, "exp": 9_999_999_999i64, "jti": "j",
                "scope": "digdir:dialogporten", "pid": common::pid(KARI)
            }),
        );
        assert_eq!(s.get(&path, Some(&forged)).await.0, StatusCode::UNAUTHORIZED);
        // A service-owner token is valid but not an end-user token: the policy refuses it.
        let so = s.enterprise_token_with("skd", "974761076", &["digdir:dialogporten.serviceprovider"]).await;
        assert_eq!(s.get(&path, Some(&so)).await.0, StatusCode::FORBIDDEN);
        for p in ["/api/v1/enduser/parties", "/api/v1/enduser/dialogs/0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f"] {
            assert_eq!(s.get(p, None).await.0, StatusCode::UNAUTHORIZED, "{p}");
        }
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn another_partys_dialog_is_refused() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let aisha = s.token(AISHA).await;
        let party = enc(&person_party(KARI));
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1"), Some(&kari)).await;
        let id = ids(&page).remove(0);

        let (status, body, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&aisha)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body["status"], 403);
        assert!(!body.to_string().contains("Skatt"), "nothing of the dialog leaks");

        // Searching someone else's party gives nothing, not their dialogs.
        let (status, other, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}"), Some(&aisha)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(ids(&other).is_empty());
        assert_eq!(other["hasNextPage"], false);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn opening_a_dialog_marks_it_seen_and_clears_marked_as_unopened() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (_, page, _) =
            s.get(&format!("/api/v1/enduser/dialogs?party={party}&systemLabel=MarkedAsUnopened&limit=1"), Some(&token)).await;
        let id = ids(&page).pop().expect("demo data has a dialog marked as unopened");
        assert_eq!(page["items"][0]["isContentSeen"], false, "marked as unopened is not seen");

        let (status, dialog, headers) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(dialog["id"], Value::from(id.clone()));
        assert_eq!(headers["etag"].to_str().unwrap(), dialog["revision"].as_str().unwrap());
        assert!(dialog["content"]["title"]["value"][0]["value"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(dialog["dialogToken"].as_str().is_some_and(|t| t.split('.').count() == 3));
        let seen = dialog["seenSinceLastContentUpdate"].as_array().expect("own seen log");
        assert_eq!(seen[0]["isCurrentEndUser"], true);

        let (_, after, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1000"), Some(&token)).await;
        let row = after["items"].as_array().unwrap().iter().find(|d| d["id"] == id.as_str()).unwrap().clone();
        assert_eq!(row["isContentSeen"], true);
        assert!(!row["endUserContext"]["systemLabels"].as_array().unwrap().contains(&Value::from("MarkedAsUnopened")));
        let (_, unseen, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&isContentSeen=false&limit=1000"), Some(&token)).await;
        assert!(!ids(&unseen).contains(&id));
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_400_or_404_problem_details_never_500() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let cases = [
            (format!("/api/v1/enduser/dialogs?party={party}&limit=0"), StatusCode::BAD_REQUEST, "limit"),
            (format!("/api/v1/enduser/dialogs?party={party}&limit=abc"), StatusCode::BAD_REQUEST, "limit"),
            (format!("/api/v1/enduser/dialogs?party={party}&status=Sent"), StatusCode::BAD_REQUEST, "status"),
            (format!("/api/v1/enduser/dialogs?party={party}&createdAfter=2024-01-01"), StatusCode::BAD_REQUEST, "createdAfter"),
            (format!("/api/v1/enduser/dialogs?party={party}&continuationToken=nonsense"), StatusCode::BAD_REQUEST, "continuationToken"),
            (format!("/api/v1/enduser/dialogs?party={party}&orderBy=title_asc"), StatusCode::BAD_REQUEST, "orderBy"),
            (format!("/api/v1/enduser/dialogs?party={party}&search=a%25"), StatusCode::BAD_REQUEST, "search"),
            ("/api/v1/enduser/dialogs?party=urn:altinn:person:identifier-no:123".to_owned(), StatusCode::BAD_REQUEST, "party"),
            ("/api/v1/enduser/dialogs".to_owned(), StatusCode::BAD_REQUEST, "party"),
            ("/api/v1/enduser/dialogs/not-a-uuid".to_owned(), StatusCode::BAD_REQUEST, "dialogId"),
        ];
        for (path, expected, field) in cases {
            let (status, body, _) = s.get(&path, Some(&token)).await;
            assert_eq!(status, expected, "{path}: {body}");
            assert!(body["errors"][field].is_array(), "{path}: field error for {field} in {body}");
        }
        let (status, body, _) = s.get("/api/v1/enduser/dialogs/0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", Some(&token)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["status"], 404);
        let (status, body, _) = s.get("/api/v1/nothing-here", Some(&token)).await;
        assert_eq!((status, body["status"].clone()), (StatusCode::NOT_FOUND, Value::from(404)));
        // Wildcards in free text are literal, not patterns.
        let (status, body, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&search=%25%25%25"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(ids(&body).is_empty());
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn parties_list_own_person_organisations_and_sub_units() {
    on_each_backend!(|s| {
        let token = s.token(KARI).await;
        let (status, body, _) = s.get("/api/v1/enduser/parties", Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let parties = body["authorizedParties"].as_array().unwrap();
        assert_eq!(parties[0]["party"], Value::from(person_party(KARI)));
        assert_eq!(parties[0]["isCurrentEndUser"], true);
        assert_eq!(parties[0]["partyType"], "Person");
        let with_subs = parties.iter().find(|p| p["subParties"].is_array()).expect("an organisation with sub-units");
        assert_eq!(with_subs["partyType"], "Organization");
        // An organisation's dialogs are searchable by a person with a role there.
        let org = enc(with_subs["party"].as_str().unwrap());
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={org}"), Some(&token)).await;
        assert!(!ids(&page).is_empty());
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_login_issues_tokens_and_validates_input() {
    on_each_backend!(|s| {
        let (status, body, _) = s.get("/api/GetPersonalToken?pid=12345678901", None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["errors"]["pid"].is_array());
        let (status, body, _) = s.get("/api/GetEnterpriseToken?org=skd&orgNo=974761077", None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["errors"]["orgNo"].is_array());
        let (status, _, _) = s.get(&format!("/api/GetPersonalToken?pid={}&ttl=0", common::pid(KARI)), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, ids, _) = s.get("/api/dev/identities", None).await;
        assert_eq!(status, StatusCode::OK);
        let ids = ids.as_array().unwrap();
        assert_eq!(ids.iter().filter(|i| i["kind"] == "person").count(), common::person_count());
        assert!(ids.iter().any(|i| i["kind"] == "serviceOwner" && i["org"] == "digdir"));
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_login_is_off_unless_asked_for() {
    for (backend, url, dir) in common::backends().await {
        let s = common::start(backend, url, dir, None, false).await;
        let (status, _, _) = s.get(&format!("/api/GetPersonalToken?pid={}", common::pid(KARI)), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{backend}");
        assert_eq!(s.get("/api/dev/identities", None).await.0, StatusCode::NOT_FOUND);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn serves_the_spa_with_fallback_for_client_routes() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>Inbox</title>").unwrap();
    std::fs::write(dist.path().join("app.js"), "console.log(1)").unwrap();
    let (backend, url, dir) = common::backends().await.remove(0);
    let s = common::start(backend, url, dir, Some(dist.path()), true).await;
    for path in ["/", "/inbox/0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", "/archive"] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(res.text().await.unwrap().contains("<title>Inbox</title>"), "{path}");
    }
    assert_eq!(s.client.get(s.url("/app.js")).send().await.unwrap().text().await.unwrap(), "console.log(1)");
    let res = s.client.get(s.url("/api/v1/unknown")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}
