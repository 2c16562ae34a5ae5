//! Places where inbox-server once answered unlike Dialogporten (1.119.1, unchanged at its head;
//! issue 34), each pinned down on both databases: labels and the label log ignore `visibleFrom`,
//! `process` is a well-formed URI, referenced resources must be the caller's, a label without a
//! value is a validation error (below a flattened DTO too), attachment ids are keys, bulk labels on another's dialog are a
//! 404 that changes nothing, and searches carry `seenSinceLastUpdate`.

mod common;

use common::{enc, person_party, serviceowner::*, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn created(s: &TestServer, token: &str, body: &Value) -> String {
    let (status, id, _) = create(s, token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{id}");
    id.as_str().unwrap().to_owned()
}

fn first_error(problem: &Value, key: &str) -> String {
    problem["errors"][key][0].as_str().unwrap_or_else(|| panic!("no error at {key}: {problem}")).to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn labels_and_the_label_log_work_before_a_dialog_is_visible() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut body = dialog_body();
        let visible_from = in_days(2);
        body["visibleFrom"] = json!(visible_from);
        let id = created(&s, &skd, &body).await;
        let kari = s.token(KARI).await;
        let (status, problem, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(first_error(&problem, "DialogEntity"), format!("Dialog is not visible until {}", &visible_from[..19]));

        let path = format!("/api/v1/enduser/dialogs/{id}/context/systemlabels");
        let (status, body, _) = s.send(Method::PUT, &path, Some(&kari), Some(&json!({"addLabels": ["Archive"]})), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let bulk = json!({"dialogs": [{"dialogId": id}], "addLabels": ["MarkedAsUnopened"]});
        let (status, body, _) =
            s.send(Method::POST, "/api/v1/enduser/dialogs/context/systemlabels/actions/bulkset", Some(&kari), Some(&bulk), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let (status, log, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&kari)).await;
        assert_eq!(status, StatusCode::OK, "{log}");
        let names: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
        assert!(names.contains(&"systemlabel:Archive") && names.contains(&"systemlabel:MarkedAsUnopened"), "{names:?}");
        // The service owner, on her behalf, likewise.
        let so_path = format!("/api/v1/serviceowner/dialogs/{id}/endusercontext/systemlabels?enduserId={}", enc(&person_party(KARI)));
        let (status, body, _) = s.send(Method::PUT, &so_path, Some(&skd), Some(&json!({"removeLabels": ["Archive"]})), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn process_is_a_well_formed_uri_on_every_write_and_search() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut body = dialog_body();
        body["process"] = json!("not a uri");
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(first_error(&problem, "dto.process"), "'Process' is not a well-formatted URI.");

        body["process"] = json!("urn:altinn:process:skatt-2026");
        body["precedingProcess"] = json!("https://");
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(first_error(&problem, "dto.precedingProcess"), "'PrecedingProcess' is not a well-formatted URI.");
        body.as_object_mut().unwrap().remove("precedingProcess");
        let id = created(&s, &skd, &body).await;

        let path = format!("/api/v1/serviceowner/dialogs/{id}");
        let patch = json!([{"op": "replace", "path": "/process", "value": "urn:altinn:process:<x>"}]);
        let (status, problem, _) = s.send(Method::PATCH, &path, Some(&skd), Some(&patch), &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(first_error(&problem, "dto.process"), "'Process' is not a well-formatted URI.");

        let kari = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let (status, problem, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&process=a%20b"), Some(&kari)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(first_error(&problem, "process"), "'Process' is not a well-formatted URI.");
        let (status, problem, _) = s.get(&format!("/api/v1/serviceowner/dialogs?party={party}&process=a%20b"), Some(&skd)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        let (status, page, _) =
            s.get(&format!("/api/v1/enduser/dialogs?party={party}&process=urn%3Aaltinn%3Aprocess%3Askatt-2026"), Some(&kari)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page["items"].as_array().unwrap().iter().any(|d| d["id"] == id.as_str()));
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dialog_may_name_only_its_owners_resources_as_authorization_attributes() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let unowned = "urn:altinn:resource:foreldrepenger";
        let mut body = dialog_body();
        body["guiActions"][0]["authorizationAttribute"] = json!(unowned);
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        assert_eq!(first_error(&problem, "Forbidden"), format!("Not allowed to reference the following unowned resources: [{unowned}]."));

        // Its own resources, and sub-resources, are fine.
        body["guiActions"][0]["authorizationAttribute"] = json!("urn:altinn:resource:skattemelding");
        body["transmissions"][0]["authorizationAttribute"] = json!("urn:altinn:subresource:vedlegg");
        let id = created(&s, &skd, &body).await;

        let transmission = json!({"type": "Information", "sender": {"actorType": "ServiceOwner"}, "authorizationAttribute": unowned,
                                  "content": {"title": {"value": [{"languageCode": "nb", "value": "Vedtak"}]}}});
        let (status, problem, _) =
            s.send(Method::POST, &format!("/api/v1/serviceowner/dialogs/{id}/transmissions"), Some(&skd), Some(&transmission), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        let patch = json!([{"op": "add", "path": "/apiActions/-", "value": {"action": "submit", "authorizationAttribute": unowned,
                            "endpoints": [{"url": "https://skatt.example.no/api", "httpMethod": "POST"}]}}]);
        let (status, problem, _) =
            s.send(Method::PATCH, &format!("/api/v1/serviceowner/dialogs/{id}"), Some(&skd), Some(&patch), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        let (_, d, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{id}"), Some(&skd)).await;
        assert_eq!(d["transmissions"].as_array().unwrap().len(), 1, "nothing was written");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_label_without_a_value_is_a_validation_error_at_its_path() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut body = dialog_body();
        body["serviceOwnerContext"]["serviceOwnerLabels"] = json!([{"value": "Batch-2026"}, {}]);
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(first_error(&problem, "dto.serviceOwnerContext.serviceOwnerLabels[1].value"), "'Value' must not be empty.");

        // Below the flattened part of the create body too (serde reports those without a path).
        let mut body = dialog_body();
        body["searchTags"] = json!([{}]);
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(first_error(&problem, "dto.searchTags[0].value"), "'Value' must not be empty.");
        let mut body = dialog_body();
        body["attachments"][0]["urls"] = json!("https://skatt.example.no/not-a-list");
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert!(problem["errors"]["$.attachments[0].urls"].is_array(), "a type error keyed by its path: {problem}");
        let kari = s.token(KARI).await;
        let bulk = json!({"dialogs": [], "addLabels": ["Nowhere"]});
        let (status, problem, _) =
            s.send(Method::POST, "/api/v1/enduser/dialogs/context/systemlabels/actions/bulkset", Some(&kari), Some(&bulk), &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert!(problem["errors"]["$.addLabels[0]"].is_array(), "{problem}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn attachment_ids_are_keys_within_a_dialog() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let chosen = uuid::Uuid::now_v7().to_string();
        let attachment = |id: &str| {
            json!({"id": id, "displayName": [{"languageCode": "nb", "value": "Vedlegg"}],
                   "urls": [{"url": "https://skatt.example.no/v.pdf", "consumerType": "Gui"}]})
        };
        let mut body = dialog_body();
        body["transmissions"][0]["attachments"] = json!([attachment(&chosen), attachment(&chosen)]);
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(first_error(&problem, "dto.transmissions[0].attachments"), format!("Can not contain duplicate items: [{chosen}]."));

        body["transmissions"][0]["attachments"] = json!([attachment(&chosen)]);
        body["attachments"] = json!([attachment(&chosen)]);
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(first_error(&problem, "Attachment"), format!("Key ('Id')=({chosen}) already exists."));

        body["transmissions"][0]["attachments"] = json!([]);
        let id = created(&s, &skd, &body).await;
        let mut transmission = json!({"type": "Information", "sender": {"actorType": "ServiceOwner"},
                                      "content": {"title": {"value": [{"languageCode": "nb", "value": "Vedtak"}]}},
                                      "attachments": [attachment(&chosen)]});
        let path = format!("/api/v1/serviceowner/dialogs/{id}/transmissions");
        let (status, problem, _) = s.send(Method::POST, &path, Some(&skd), Some(&transmission), &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "reused from the dialog's own attachment: {problem}");
        transmission["attachments"][0]["id"] = json!(uuid::Uuid::now_v7().to_string());
        let (status, problem, _) = s.send(Method::POST, &path, Some(&skd), Some(&transmission), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "{problem}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn bulk_labels_with_a_dialog_not_ones_own_are_a_404_and_change_nothing() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let party = |i| enc(&person_party(i));
        let (_, mine, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}&limit=1&systemLabel=Default", party(KARI)), Some(&kari)).await;
        let mine = mine["items"][0]["id"].as_str().unwrap().to_owned();
        let other = s.token(KARI + 1).await;
        let (_, theirs, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}&limit=1", party(KARI + 1)), Some(&other)).await;
        let theirs = theirs["items"][0]["id"].as_str().unwrap().to_owned();
        let bulk = json!({"dialogs": [{"dialogId": mine}, {"dialogId": theirs}], "addLabels": ["Archive"]});
        let (status, problem, _) =
            s.send(Method::POST, "/api/v1/enduser/dialogs/context/systemlabels/actions/bulkset", Some(&kari), Some(&bulk), &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
        assert_eq!(
            first_error(&problem, "DialogEntity"),
            format!("Entity 'DialogEntity' with the following key(s) was not found: ({theirs}).")
        );
        let (_, d, _) = s.get(&format!("/api/v1/enduser/dialogs/{mine}"), Some(&kari)).await;
        assert!(!d["endUserContext"]["systemLabels"].as_array().unwrap().contains(&json!("Archive")), "nothing changed");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn searches_say_who_has_seen_a_dialog_since_it_changed() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let id = created(&s, &skd, &dialog_body()).await;
        let kari = s.token(KARI).await;
        let party = enc(&person_party(KARI));
        let find = |page: &Value| page["items"].as_array().unwrap().iter().find(|d| d["id"] == id.as_str()).cloned().unwrap();
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1000"), Some(&kari)).await;
        assert!(find(&page)["seenSinceLastUpdate"].as_array().is_none_or(Vec::is_empty), "nobody yet");
        let (status, _, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::OK);
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={party}&limit=1000"), Some(&kari)).await;
        let seen = find(&page)["seenSinceLastUpdate"].clone();
        assert_eq!(seen.as_array().unwrap().len(), 1, "{seen}");
        assert_eq!(seen[0]["isCurrentEndUser"], true);
        assert!(seen[0]["seenBy"]["actorId"].as_str().unwrap().starts_with("urn:altinn:person:identifier-ephemeral:"), "{seen}");
        assert_eq!(find(&page)["seenSinceLastContentUpdate"].as_array().unwrap().len(), 1);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn enum_values_may_come_as_dialogportens_numbers() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut body = dialog_body();
        body["status"] = json!(5);
        body["guiActions"][0]["priority"] = json!(1);
        body["transmissions"][0]["type"] = json!(7);
        let id = created(&s, &skd, &body).await;
        let (_, d, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{id}"), Some(&skd)).await;
        assert_eq!((&d["status"], &d["guiActions"][0]["priority"]), (&json!("RequiresAttention"), &json!("Primary")), "answers use names");
        assert_eq!(d["transmissions"][0]["type"], "Submission");
        body["status"] = json!(9);
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "no status has the number 9: {problem}");
    });
}
