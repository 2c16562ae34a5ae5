//! What clients of the real Dialogporten rely on beyond the OpenAPI document: the behaviour of its
//! ASP.NET Core host (System.Text.Json, routing, JwtBearer, FastEndpoints), on both backends.

mod common;

use common::{
    enc, person_party,
    serviceowner::{create, dialog_body, in_days, KARI, SKD},
    TestServer,
};
use reqwest::{header::HeaderMap, Method, StatusCode};
use serde_json::{json, Value};

/// A request with a body written by hand (as another client would write it) and no contract
/// check: some of these answers are for paths the contract spells otherwise.
async fn raw(
    s: &TestServer,
    method: Method,
    path: &str,
    token: &str,
    content_type: Option<&str>,
    body: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, Value, HeaderMap) {
    let mut req = s.client.request(method, s.url(path)).bearer_auth(token).body(body.to_owned());
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null), headers)
}

fn etag(headers: &HeaderMap) -> String {
    headers.get("etag").unwrap_or_else(|| panic!("an ETag in {headers:?}")).to_str().unwrap().to_owned()
}

/// The body as a .NET client without a naming policy writes it: PascalCase names, enum names in
/// another case, numbers as strings, members we do not know, and a decoy spelling that a later
/// one overrides.
const SHOUTED: &str = r#"{
    "ServiceResource": "urn:altinn:resource:skattemelding",
    "PARTY": "PARTY_PLACEHOLDER",
    "status": "Draft",
    "Status": "requiresattention",
    "Progress": "40",
    "ExtendedStatus": "SKD-1",
    "ClientVersion": "2.1.0",
    "Content": {
        "Title": {"Value": [{"LanguageCode": "nb", "VALUE": "Skattemeldingen er klar"}]},
        "SUMMARY": {"value": [{"languageCode": "nb", "value": "Se over og lever."}]}
    },
    "GuiActions": [{"Action": "read", "Url": "https://skatt.example.no/x", "Priority": "PRIMARY", "HttpMethod": "get",
                    "Title": [{"LanguageCode": "nb", "Value": "Gå til skjema"}]}]
}"#;

#[tokio::test(flavor = "multi_thread")]
async fn json_bodies_are_read_as_system_text_json_reads_them() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let body = SHOUTED.replace("PARTY_PLACEHOLDER", &person_party(KARI));
        let (status, id, headers) =
            raw(&s, Method::POST, "/api/v1/serviceowner/dialogs", &skd, Some("application/json; charset=utf-8"), &body, &[]).await;
        assert_eq!(status, StatusCode::CREATED, "{id}");
        assert!(!etag(&headers).is_empty());
        let id = id.as_str().unwrap().to_owned();
        let (_, d, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{id}"), Some(&skd)).await;
        assert_eq!(d["status"], "RequiresAttention", "the later spelling wins, in any case");
        assert_eq!(d["progress"], 40);
        assert_eq!(d["extendedStatus"], "SKD-1");
        assert_eq!(d["content"]["title"]["value"][0]["value"], "Skattemeldingen er klar");
        assert_eq!(d["guiActions"][0]["priority"], "Primary");
        assert_eq!(d["guiActions"][0]["httpMethod"], "GET");

        // A number that is not one, and a wrong type deeper down, name the path.
        let bad = body.replace(r#""Progress": "40""#, r#""Progress": "forty""#);
        let (status, problem, _) = raw(&s, Method::POST, "/api/v1/serviceowner/dialogs", &skd, Some("application/json"), &bad, &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["$.progress"].is_array(), "{problem}");
        let (status, problem, _) = raw(&s, Method::POST, "/api/v1/serviceowner/dialogs", &skd, Some("application/json"), "null", &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a null body where one is required: {problem}");
        let (status, ..) = raw(&s, Method::POST, "/api/v1/serviceowner/dialogs", &skd, Some("text/plain"), &body, &[]).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn json_patch_comes_as_either_media_type_with_paths_in_any_case() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let path = format!("/api/v1/serviceowner/dialogs/{}", id.as_str().unwrap());
        for (media, progress) in [("application/json-patch+json", 10), ("application/json", 20)] {
            let ops = format!(
                r#"[{{"Op":"Replace","Path":"/Progress","Value":"{progress}"}},{{"op":"replace","path":"/GuiActions/0/URL","value":"https://skatt.example.no/{progress}"}}]"#
            );
            let (status, problem, headers) = raw(&s, Method::PATCH, &path, &skd, Some(media), &ops, &[]).await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{media}: {problem}");
            assert!(!etag(&headers).is_empty());
            let (_, d, _) = s.get(&path, Some(&skd)).await;
            assert_eq!(d["progress"], progress);
            assert_eq!(d["guiActions"][0]["url"], format!("https://skatt.example.no/{progress}"));
        }
        let (status, ..) = raw(&s, Method::PATCH, &path, &skd, Some("text/plain"), "[]", &[]).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn urls_route_with_a_trailing_slash_and_query_names_in_any_case() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        let (status, d, _) = raw(&s, Method::GET, &format!("/api/v1/serviceowner/dialogs/{id}/"), &skd, None, "", &[]).await;
        assert_eq!((status, d["id"].as_str()), (StatusCode::OK, Some(id.as_str())));

        let kari = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let plain =
            s.get(&format!("/api/v1/enduser/dialogs?party={party}&status=RequiresAttention&status=Draft&limit=1000"), Some(&kari)).await.1;
        let shouted = format!("/api/v1/enduser/dialogs/?PARTY={party}&Status=requiresattention&STATUS=draft&Limit=1000&utm_source=mail");
        let (status, odd, _) = raw(&s, Method::GET, &shouted, &kari, None, "", &[]).await;
        assert_eq!(status, StatusCode::OK, "{odd}");
        let ids = |page: &Value| page["items"].as_array().unwrap().iter().map(|d| d["id"].clone()).collect::<Vec<_>>();
        assert!(!ids(&plain).is_empty());
        assert_eq!(ids(&odd), ids(&plain), "the same search however it is spelt");

        // Body-less POSTs whatever their Content-Type says.
        let restore = format!("/api/v1/serviceowner/dialogs/{id}/actions/restore");
        for ct in [Some("application/json"), Some("text/plain"), None] {
            let (status, problem, headers) = raw(&s, Method::POST, &restore, &skd, ct, "", &[]).await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{ct:?}: {problem}");
            assert!(!etag(&headers).is_empty());
        }
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn every_answer_about_a_dialog_carries_its_etag_and_if_match_is_quoted_or_bare() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (_, id, created) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        let path = format!("/api/v1/serviceowner/dialogs/{id}");
        let (_, d, got) = s.get(&path, Some(&skd)).await;
        assert_eq!(etag(&got), etag(&created));
        assert_eq!(etag(&got), d["revision"].as_str().unwrap());

        let mut update = dialog_body();
        update
            .as_object_mut()
            .unwrap()
            .retain(|k, _| !["serviceResource", "party", "idempotentKey", "serviceOwnerContext", "transmissions"].contains(&k.as_str()));
        update["progress"] = json!(5);
        let stale = etag(&got);
        let quoted = format!("\"{stale}\"");
        let (status, _, after) = s.send(Method::PUT, &path, Some(&skd), Some(&update), &[("If-Match", quoted.as_str())]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "a quoted If-Match");
        let fresh = etag(&after);
        assert_ne!(fresh, stale);
        update["progress"] = json!(6);
        let (status, ..) = s.send(Method::PUT, &path, Some(&skd), Some(&update), &[("If-Match", stale.as_str())]).await;
        assert_eq!(status, StatusCode::PRECONDITION_FAILED, "a stale revision");
        let (status, ..) = s.send(Method::PUT, &path, Some(&skd), Some(&update), &[("If-Match", fresh.as_str())]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "a bare If-Match");
        let (status, _, labels) =
            s.send(Method::POST, &format!("{path}/context/labels"), Some(&skd), Some(&json!({"value": "kontrollert"})), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, _, read_labels) = s.get(&format!("{path}/context/labels"), Some(&skd)).await;
        assert_eq!(etag(&labels), etag(&read_labels), "the labels' own revision");

        let kari = s.token(KARI).await;
        let (_, mine, seen) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(etag(&seen), mine["revision"].as_str().unwrap());
        let context = mine["endUserContext"]["revision"].as_str().unwrap().to_owned();
        let quoted = format!("\"{context}\"");
        let (status, _, set) = s
            .send(
                Method::PUT,
                &format!("/api/v1/enduser/dialogs/{id}/context/systemlabels"),
                Some(&kari),
                Some(&json!({"addLabels": ["Archive"]})),
                &[("If-Match", quoted.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_ne!(etag(&set), context, "the new end-user context revision");

        let (status, _, deleted) = s.send(Method::DELETE, &path, Some(&skd), None, &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _, restored) = s.send(Method::POST, &format!("{path}/actions/restore"), Some(&skd), None, &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_ne!(etag(&deleted), etag(&restored));
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_401_challenges_as_jwt_bearer_does() {
    on_each_backend!(|s| {
        let res = s.client.get(s.url("/api/v1/enduser/dialogs")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(res.headers()["www-authenticate"], "Bearer", "no token: a bare challenge");
        let mut token = s.token(KARI).await;
        token.push('x');
        let res = s.client.get(s.url("/api/v1/enduser/dialogs")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let challenge = res.headers()["www-authenticate"].to_str().unwrap().to_owned();
        assert!(challenge.starts_with(r#"Bearer error="invalid_token""#), "{challenge}");
        assert!(res.headers().get("content-type").is_none() && res.bytes().await.unwrap().is_empty(), "no body, as upstream's");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dialog_not_yet_visible_is_a_404_that_says_when_to_come_back() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut body = dialog_body();
        let visible_from = in_days(2);
        body["visibleFrom"] = json!(visible_from);
        body["dueAt"] = json!(in_days(30));
        let (status, id, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{id}");
        let id = id.as_str().unwrap();
        let kari = s.token(KARI).await;
        let (status, problem, headers) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
        let expires = headers.get("expires").expect("Expires").to_str().unwrap();
        let at = httpdate::parse_http_date(expires).expect("an HTTP date");
        let want: dialogporten::UtcDateTime = visible_from.parse().unwrap();
        let secs = at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        assert_eq!(secs, want.unix_seconds(), "Expires is visibleFrom");
        // Someone who could not see it anyway learns nothing.
        let other = s.token(KARI + 1).await;
        let (status, _, headers) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&other)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(headers.get("expires").is_none());
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn ten_writers_at_once_each_win_or_are_told_why_and_no_write_is_lost() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        let (_, d, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{id}"), Some(&skd)).await;
        let before = d["activities"].as_array().map_or(0, Vec::len);
        let revision = d["revision"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/serviceowner/dialogs/{id}/activities");
        let writers = (0..10).map(|i| {
            let body = json!({"type": "Information", "performedBy": {"actorType": "ServiceOwner"},
                              "description": [{"languageCode": "nb", "value": format!("Melding {i}")}]});
            // Half of them name the revision they read; at most one of those can still match.
            let header: Vec<(&str, &str)> = if i % 2 == 0 { vec![("If-Match", revision.as_str())] } else { vec![] };
            let (s, path, skd) = (&s, &path, &skd);
            async move { s.send(Method::POST, path, Some(skd), Some(&body), &header).await.0 }
        });
        let statuses = futures_util::future::join_all(writers).await;
        for status in &statuses {
            assert!(
                [StatusCode::CREATED, StatusCode::CONFLICT, StatusCode::PRECONDITION_FAILED].contains(status),
                "every writer wins or gets 409/412: {statuses:?}"
            );
        }
        let won = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
        assert!(won >= 1, "{statuses:?}");
        let (_, d, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{id}"), Some(&skd)).await;
        assert_eq!(d["activities"].as_array().unwrap().len(), before + won, "one activity per success, none lost: {statuses:?}");
    });
}

/// `examples/dialogporten-round-trip.sh`, written for Altinn's test environment, against this
/// server with only the hosts changed.
#[tokio::test(flavor = "multi_thread")]
async fn the_script_for_altinns_test_environment_runs_here_with_only_the_host_changed() {
    on_each_backend!(|s| {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/dialogporten-round-trip.sh");
        let base = s.base.clone();
        let out = tokio::task::spawn_blocking(move || {
            std::process::Command::new("bash")
                .arg(script)
                .env("TOKEN_HOST", &base)
                .env("API_HOST", &base)
                .env("PID", common::pid(KARI))
                .env("PARTY", inbox_server::demo::org_urn(0))
                .output()
                .expect("bash runs")
        })
        .await
        .unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "the script failed:\n{stdout}\n{stderr}");
        assert!(stdout.starts_with("OK: dialog "), "{stdout}");
        assert!(stderr.contains("== archive it with If-Match"), "every step ran:\n{stderr}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn accept_language_keeps_the_best_localization_of_each_text() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut body = dialog_body();
        body["content"]["title"]["value"] = json!([
            {"languageCode": "nb", "value": "Skattemeldingen er klar"},
            {"languageCode": "nn", "value": "Skattemeldinga er klar"},
            {"languageCode": "en", "value": "The tax return is ready"}
        ]);
        let (_, id, _) = create(&s, &skd, &body).await;
        let path = format!("/api/v1/enduser/dialogs/{}", id.as_str().unwrap());
        let kari = s.token(KARI).await;
        let titles = |d: &Value| {
            d["content"]["title"]["value"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["languageCode"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        for (header, want) in [
            ("nn", vec!["nn"]),
            ("de, en-US;q=0.5", vec!["en"]),
            ("fr", vec!["en"]),
            ("sv", vec!["nb"]),
            ("", vec!["nb", "nn", "en"]),
            (",", vec!["nb", "nn", "en"]),
        ] {
            let (status, d, _) = s.send(Method::GET, &path, Some(&kari), None, &[("Accept-Language", header)]).await;
            assert_eq!(status, StatusCode::OK, "{header}");
            assert_eq!(titles(&d), want, "Accept-Language: {header}");
            assert_eq!(d["content"]["summary"]["value"][0]["languageCode"], "nb", "a text in one language keeps it");
        }
        assert_eq!(titles(&s.get(&path, Some(&kari)).await.1).len(), 3, "no header: every localization");
        let search = format!("/api/v1/enduser/dialogs?party={}&limit=1000", enc(&person_party(KARI)));
        let (_, page, _) = s.send(Method::GET, &search, Some(&kari), None, &[("Accept-Language", "nn")]).await;
        let row = page["items"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap().clone();
        assert_eq!(row["content"]["title"]["value"], json!([{"languageCode": "nn", "value": "Skattemeldinga er klar"}]));
        let (status, problem, _) = s.send(Method::GET, &path, Some(&kari), None, &[("Accept-Language", "en; q=0.5")]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["Accept-Language"].is_array(), "{problem}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn end_users_see_people_in_logs_only_as_ephemeral_identifiers() {
    on_each_backend!(|s| {
        const PER: usize = 3;
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let kari_urn = person_party(KARI);
        let mut body = dialog_body();
        body["party"] = json!(inbox_server::demo::org_urn(0));
        body["activities"] = json!([{"type": "Information", "performedBy": {"actorType": "PartyRepresentative", "actorId": kari_urn},
                                     "description": [{"languageCode": "nb", "value": "Kari leste brevet"}]}]);
        body["transmissions"][0]["sender"] = json!({"actorType": "PartyRepresentative", "actorId": kari_urn});
        let (status, id, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{id}");
        let path = format!("/api/v1/enduser/dialogs/{}", id.as_str().unwrap());
        let (kari, per) = (s.token(KARI).await, s.token(PER).await);
        s.get(&path, Some(&kari)).await;
        let put =
            s.send(Method::PUT, &format!("{path}/context/systemlabels"), Some(&kari), Some(&json!({"addLabels": ["Archive"]})), &[]).await;
        assert_eq!(put.0, StatusCode::NO_CONTENT);
        let (_, d, _) = s.get(&path, Some(&per)).await;
        let ephemeral = |v: &Value| {
            let id = v["actorId"].as_str().unwrap_or_else(|| panic!("an actor id in {v}"));
            let hex = id.strip_prefix("urn:altinn:person:identifier-ephemeral:").unwrap_or_else(|| panic!("masked: {id}"));
            assert!(hex.len() == 10 && hex.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
            id.to_owned()
        };
        let seen = d["seenSinceLastUpdate"].as_array().unwrap();
        assert_eq!(seen.len(), 2, "Kari's visit and Per's own");
        let masked: Vec<String> = seen.iter().map(|e| ephemeral(&e["seenBy"])).collect();
        assert_ne!(masked[0], masked[1]);
        assert_eq!(seen.iter().filter(|e| e["isCurrentEndUser"] == true).count(), 1, "Per's own visit is his, masked too");
        let info =
            |d: &Value| d["activities"].as_array().unwrap().iter().find(|a| a["type"] == "Information").expect("the activity").clone();
        let kari_masked = ephemeral(&info(&d)["performedBy"]);
        assert_eq!(ephemeral(&d["transmissions"][0]["sender"]), kari_masked, "one person, one ephemeral id");
        assert!(masked.contains(&kari_masked));
        let (_, log, _) = s.get(&format!("{path}/context/labellog"), Some(&per)).await;
        assert_eq!(ephemeral(&log.as_array().unwrap().last().unwrap()["performedBy"]), kari_masked);
        for part in ["", "/activities", "/transmissions", "/seenlog", "/context/labellog"] {
            let (_, v, _) = s.get(&format!("{path}{part}"), Some(&per)).await;
            let text = v.to_string();
            assert!(!text.contains(&common::pid(KARI)) && !text.contains(&common::pid(PER)), "{part} shows no national identity number");
        }
        // The service owner sees who it was.
        let (_, so, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{}", id.as_str().unwrap()), Some(&skd)).await;
        assert_eq!(info(&so)["performedBy"]["actorId"], kari_urn);
    });
}

/// A UUIDv7 whose timestamp is `ms_ago` milliseconds in the past (or the future, if negative).
fn v7(ms_ago: i64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let ts = uuid::Timestamp::from_unix(uuid::NoContext, ((now - ms_ago) / 1000) as u64, (((now - ms_ago) % 1000) * 1_000_000) as u32);
    uuid::Uuid::new_v7(ts).to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn client_chosen_uuidv7_ids_are_kept_and_reuse_is_refused_as_dialogporten_refuses_it() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (dialog_id, transmission_id, attachment_id, activity_id) = (v7(5_000), v7(4_000), v7(3_000), v7(2_000));
        let mut body = dialog_body();
        body["id"] = json!(dialog_id);
        body["transmissions"][0]["id"] = json!(transmission_id);
        body["attachments"][0]["id"] = json!(attachment_id);
        body["activities"] = json!([{"id": activity_id, "type": "Information", "performedBy": {"actorType": "ServiceOwner"},
                                     "description": [{"languageCode": "nb", "value": "Opprettet"}]}]);
        let key = body["idempotentKey"].as_str().unwrap().to_owned();
        let (status, id, headers) = create(&s, &skd, &body).await;
        assert_eq!((status, id.as_str()), (StatusCode::CREATED, Some(dialog_id.as_str())), "{id}");
        assert!(headers["location"].to_str().unwrap().ends_with(&dialog_id));
        let (_, d, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{dialog_id}"), Some(&skd)).await;
        assert_eq!(
            (d["transmissions"][0]["id"].as_str(), d["attachments"][0]["id"].as_str()),
            (Some(transmission_id.as_str()), Some(attachment_id.as_str()))
        );
        assert!(d["activities"].as_array().unwrap().iter().any(|a| a["id"] == activity_id.as_str()));

        // The same idempotent key again: 409 naming the dialog it made.
        body["id"] = json!(v7(1_000));
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(problem["errors"]["IdempotentKey"][0], format!("'{key}' already exists with DialogId '{dialog_id}'"));
        // The same id with another key: 422 keyed by the entity.
        body["id"] = json!(dialog_id);
        body["idempotentKey"] = json!(format!("other-{}", &uuid::Uuid::new_v4().simple().to_string()[..10]));
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"]["Dialog"][0], format!("Key ('Id')=({dialog_id}) already exists."));
        let path = format!("/api/v1/serviceowner/dialogs/{dialog_id}");
        let transmission = json!({"id": transmission_id, "type": "Information", "sender": {"actorType": "ServiceOwner"},
                                  "content": {"title": {"value": [{"languageCode": "nb", "value": "Igjen"}]}}});
        let (status, problem, _) = s.send(Method::POST, &format!("{path}/transmissions"), Some(&skd), Some(&transmission), &[]).await;
        assert_eq!((status, problem["errors"]["DialogTransmission"].is_array()), (StatusCode::UNPROCESSABLE_ENTITY, true), "{problem}");
        let activity = json!({"id": activity_id, "type": "Information", "performedBy": {"actorType": "ServiceOwner"}, "description": [{"languageCode": "nb", "value": "Igjen"}]});
        let (status, problem, _) = s.send(Method::POST, &format!("{path}/activities"), Some(&skd), Some(&activity), &[]).await;
        assert_eq!((status, problem["errors"]["DialogActivity"].is_array()), (StatusCode::UNPROCESSABLE_ENTITY, true), "{problem}");

        // Not a UUIDv7, or one from the future: 400 with FluentValidation's message.
        for (bad, why) in [(uuid::Uuid::new_v4().to_string(), "Expected big endian UUIDv7 format"), (v7(-3_600_000), "to be in the past")] {
            let mut body = dialog_body();
            body["id"] = json!(bad);
            let (status, problem, _) = create(&s, &skd, &body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST);
            let messages = problem["errors"]
                .as_object()
                .unwrap()
                .values()
                .flat_map(|v| v.as_array().unwrap().clone())
                .map(|m| m.as_str().unwrap().to_owned())
                .collect::<Vec<_>>();
            assert!(messages.iter().any(|m| m.contains(why)), "{bad}: {problem}");
        }
        // A body-less DELETE whatever its Content-Type says.
        let (status, _, headers) = raw(&s, Method::DELETE, &path, &skd, Some("application/json"), "", &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert!(!etag(&headers).is_empty());
    });
}
