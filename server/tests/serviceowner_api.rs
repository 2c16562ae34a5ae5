//! The service-owner API: create, read, delete, restore and purge, and what end users see of it.

mod common;

use common::{
    enc, person_party,
    serviceowner::{create, dialog_body, in_days, KARI, NAV, SKD},
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const OLA: usize = 1;
#[tokio::test(flavor = "multi_thread")]
async fn a_created_dialog_reaches_the_end_user() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (status, body, headers) = create(&s, &skd, &dialog_body()).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let id = body.as_str().expect("the id as a JSON string").to_owned();
        assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 7);
        assert_eq!(headers["location"].to_str().unwrap(), format!("/api/v1/serviceowner/dialogs/{id}"));
        let etag = headers["etag"].to_str().unwrap().to_owned();

        let (status, so, headers) = s.get(&format!("/api/v1/serviceowner/dialogs/{id}"), Some(&skd)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["etag"].to_str().unwrap(), etag);
        assert_eq!((so["org"].as_str(), so["serviceResourceType"].as_str()), (Some("skd"), Some("genericaccessresource")));
        assert_eq!(so["searchTags"][0]["value"], "skattemelding", "tags are stored lower-cased");
        assert_eq!(so["serviceOwnerContext"]["serviceOwnerLabels"][0]["value"], "batch-2026");
        assert_eq!(so["fromPartyTransmissionsCount"], 1);
        let labels = so["endUserContext"]["systemLabels"].as_array().unwrap();
        assert!(labels.contains(&json!("Default")) && labels.contains(&json!("Sent")), "a submission adds Sent: {labels:?}");
        assert_eq!(so["content"]["nonSensitiveTitle"]["value"][0]["value"], "Ny melding fra Skatteetaten");

        let kari = s.token(KARI).await;
        let (_, page, _) = s
            .get(&format!("/api/v1/enduser/dialogs?party={}&search=skattemeldingen%20for%202026", enc(&person_party(KARI))), Some(&kari))
            .await;
        assert_eq!(page["items"][0]["id"], Value::from(id.clone()));
        let (status, eu, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(eu["content"].get("nonSensitiveTitle").is_none(), "owner-only fields stay with the owner");
        assert!(eu.get("serviceOwnerContext").is_none() && eu.get("searchTags").is_none());

        // Another owner neither sees nor deletes it.
        let nav = s.enterprise_token(NAV.0, NAV.1).await;
        assert_eq!(s.get(&format!("/api/v1/serviceowner/dialogs/{id}"), Some(&nav)).await.0, StatusCode::NOT_FOUND);
        assert_eq!(
            s.send(Method::DELETE, &format!("/api/v1/serviceowner/dialogs/{id}"), Some(&nav), None, &[]).await.0,
            StatusCode::NOT_FOUND
        );
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_dialogs_get_every_field_error() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut body = dialog_body();
        body["progress"] = json!(101);
        body["party"] = json!("urn:altinn:person:identifier-no:12345678901");
        body["guiActions"][0]["url"] = json!("http://insecure.example.no");
        let second_primary = body["guiActions"][0].clone();
        body["guiActions"].as_array_mut().unwrap().push(second_primary);
        body["attachments"][0]["urls"] = json!([]);
        body["content"]["title"]["value"][0]["languageCode"] = json!("no");
        body["transmissions"][0]["sender"] = json!({"actorType": "ServiceOwner", "actorName": "Skatteetaten"});
        body["activities"] = json!([{"type": "Information", "performedBy": {"actorType": "ServiceOwner"}}]);
        body["id"] = json!(uuid::Uuid::new_v4());
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        let errors = problem["errors"].as_object().unwrap();
        for key in [
            "dto.id",
            "dto.progress",
            "dto.party",
            "dto.guiActions",
            "dto.guiActions[0].url",
            "dto.attachments[0].urls",
            "dto.content.value[0].languageCode",
            "dto.transmissions[0].sender",
            "dto.activities[0].description",
        ] {
            assert!(errors.contains_key(key), "expected an error for {key} in {problem}");
        }
        assert!(errors["dto.content.value[0].languageCode"][0].as_str().unwrap().contains("Use 'nb' or 'nn'"));

        let mut missing = dialog_body();
        missing.as_object_mut().unwrap().remove("content");
        let (status, problem, _) = create(&s, &skd, &missing).await;
        assert_eq!((status, problem["errors"]["dto.content"][0].as_str()), (StatusCode::BAD_REQUEST, Some("'Content' must not be empty.")));

        let mut past = dialog_body();
        past["dueAt"] = json!(in_days(-2));
        let (status, problem, _) = create(&s, &skd, &past).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert!(problem["errors"]["DueAt"].is_array());
        let (status, _, _) = s.send(Method::POST, "/api/v1/serviceowner/dialogs?isSilentUpdate=true", Some(&skd), Some(&past), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "a silent create (migration) may backdate");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn ownership_idempotency_and_tokens() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let nav = s.enterprise_token(NAV.0, NAV.1).await;
        let body = dialog_body();
        let (status, problem, _) = create(&s, &nav, &body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "NAV may not use Skatteetaten's resource: {problem}");
        assert_eq!(create(&s, &skd, &body).await.0, StatusCode::CREATED);
        let (status, problem, _) = create(&s, &skd, &body).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(problem["errors"]["IdempotentKey"][0].as_str().unwrap().contains("already exists with DialogId"));
        assert_eq!(create(&s, "", &body).await.0, StatusCode::UNAUTHORIZED);
        let kari = s.token(KARI).await;
        assert_eq!(create(&s, &kari, &body).await.0, StatusCode::FORBIDDEN, "an end-user token is not a service-owner token");
        let res = s
            .client
            .post(s.url("/api/v1/serviceowner/dialogs"))
            .bearer_auth(&skd)
            .header("content-type", "application/json")
            .body("{\"party\":")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_restore_and_purge() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let kari = s.token(KARI).await;
        let (_, id, headers) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        let etag = headers["etag"].to_str().unwrap().to_owned();
        let path = format!("/api/v1/serviceowner/dialogs/{id}");

        let stale = [("If-Match", "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f")];
        assert_eq!(s.send(Method::DELETE, &path, Some(&skd), None, &stale).await.0, StatusCode::PRECONDITION_FAILED);
        let (status, _, headers) = s.send(Method::DELETE, &path, Some(&skd), None, &[("If-Match", &etag)]).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_ne!(headers["etag"].to_str().unwrap(), etag);
        assert_eq!(s.send(Method::DELETE, &path, Some(&skd), None, &[]).await.0, StatusCode::GONE);
        let (status, so, _) = s.get(&path, Some(&skd)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(so["deletedAt"].is_string());
        let (status, problem, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::GONE);
        assert!(problem["errors"]["DialogEntity"][0].as_str().unwrap().contains("is removed"));

        assert_eq!(s.send(Method::POST, &format!("{path}/actions/restore"), Some(&skd), None, &[]).await.0, StatusCode::NO_CONTENT);
        assert_eq!(s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await.0, StatusCode::OK);

        assert_eq!(s.send(Method::POST, &format!("{path}/actions/purge"), Some(&skd), None, &[]).await.0, StatusCode::NO_CONTENT);
        assert_eq!(s.get(&path, Some(&skd)).await.0, StatusCode::NOT_FOUND);
        let (status, problem, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(problem["errors"]["DialogEntity"].is_array());
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn search_sees_only_own_dialogs_with_deleted_on_request_and_label_filters() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (_, a, _) = create(&s, &skd, &dialog_body()).await;
        let mut other = dialog_body();
        other["serviceOwnerContext"] = json!({"serviceOwnerLabels": [{"value": "batch-2027"}, {"value": "vip"}]});
        let (_, b, _) = create(&s, &skd, &other).await;
        let (a, b) = (a.as_str().unwrap().to_owned(), b.as_str().unwrap().to_owned());
        s.send(Method::DELETE, &format!("/api/v1/serviceowner/dialogs/{a}"), Some(&skd), None, &[]).await;

        let ids = |page: &Value| {
            page["items"].as_array().map(|v| v.iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()).unwrap_or_default()
        };
        let (status, page, _) = s.get("/api/v1/serviceowner/dialogs?limit=1000", Some(&skd)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page["items"].as_array().unwrap().iter().all(|d| d["org"] == "skd"), "only the caller's own dialogs");
        assert!(ids(&page).contains(&b) && !ids(&page).contains(&a), "deleted ones are excluded by default");
        let (_, only, _) = s.get("/api/v1/serviceowner/dialogs?deleted=Only&limit=1000", Some(&skd)).await;
        assert_eq!(ids(&only), vec![a.clone()]);
        assert!(only["items"][0]["deletedAt"].is_string());
        let (_, labelled, _) = s.get("/api/v1/serviceowner/dialogs?serviceOwnerLabels=batch-20*&serviceOwnerLabels=vip", Some(&skd)).await;
        assert_eq!(ids(&labelled), vec![b.clone()]);
        assert!(labelled["items"][0]["revision"].is_string());

        // Paging across the owner's demo dialogs with continuation tokens.
        let (_, first, _) = s.get("/api/v1/serviceowner/dialogs?limit=5", Some(&skd)).await;
        assert_eq!(first["hasNextPage"], true);
        let token = enc(first["continuationToken"].as_str().unwrap());
        let (_, second, _) = s.get(&format!("/api/v1/serviceowner/dialogs?limit=5&continuationToken={token}"), Some(&skd)).await;
        assert!(ids(&second).iter().all(|id| !ids(&first).contains(id)));

        assert_eq!(
            s.get("/api/v1/serviceowner/dialogs?search=skatt", Some(&skd)).await.0,
            StatusCode::BAD_REQUEST,
            "free text needs endUserId"
        );
        assert_eq!(s.get("/api/v1/serviceowner/dialogs?deleted=Sometimes", Some(&skd)).await.0, StatusCode::BAD_REQUEST);
        let no_search = s.enterprise_token_with(SKD.0, SKD.1, &["digdir:dialogporten.serviceprovider"]).await;
        assert_eq!(s.get("/api/v1/serviceowner/dialogs", Some(&no_search)).await.0, StatusCode::FORBIDDEN);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn search_for_an_end_user_allows_free_text_within_what_that_person_may_see() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let mut mine = dialog_body();
        mine["content"]["title"] = json!({"value": [{"languageCode": "nb", "value": "Kvittering for elbilavgift"}]});
        let (_, kari_dialog, _) = create(&s, &skd, &mine).await;
        let mut theirs = mine.clone();
        theirs["party"] = json!(person_party(OLA));
        theirs["idempotentKey"] = json!(format!("key-{}", uuid::Uuid::new_v4().simple()));
        let (_, ola_dialog, _) = create(&s, &skd, &theirs).await;
        let resource = enc("urn:altinn:resource:skattemelding");
        let ids =
            |page: &Value| page["items"].as_array().map(|v| v.iter().map(|d| d["id"].clone()).collect::<Vec<_>>()).unwrap_or_default();

        let kari = enc(&person_party(KARI));
        let (status, page, _) = s
            .get(&format!("/api/v1/serviceowner/dialogs?endUserId={kari}&serviceResource={resource}&search=elbilavgift"), Some(&skd))
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(ids(&page), vec![kari_dialog.clone()], "free text, and only what Kari may see");
        let ola = enc(&person_party(OLA));
        let (_, page, _) =
            s.get(&format!("/api/v1/serviceowner/dialogs?enduserid={ola}&party={kari}&search=elbilavgift"), Some(&skd)).await;
        assert!(ids(&page).is_empty(), "a party the end user may not represent gives nothing");
        let (_, page, _) =
            s.get(&format!("/api/v1/serviceowner/dialogs?endUserId={ola}&serviceResource={resource}&search=elbilavgift"), Some(&skd)).await;
        assert_eq!(ids(&page), vec![ola_dialog]);

        let (status, body, _) = s.get(&format!("/api/v1/serviceowner/dialogs?endUserId={kari}&search=elbilavgift"), Some(&skd)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["errors"]["endUserId"].is_array(), "party or service resource is required: {body}");
        let org = enc("urn:altinn:organization:identifier-no:974761076");
        let (status, body, _) =
            s.get(&format!("/api/v1/serviceowner/dialogs?endUserId={org}&serviceResource={resource}"), Some(&skd)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["errors"]["EndUserId"].is_array(), "only persons: {body}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn new_transmissions_and_activities_bring_the_dialog_back_to_the_inbox() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let kari = s.token(KARI).await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        // The citizen reads it and archives it.
        s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        let archive = json!({"addLabels": ["Archive"]});
        let labels = format!("/api/v1/enduser/dialogs/{id}/context/systemlabels");
        assert_eq!(s.send(Method::PUT, &labels, Some(&kari), Some(&archive), &[]).await.0, StatusCode::NO_CONTENT);

        let decision = json!({"type": "Decision", "createdAt": in_days(0), "sender": {"actorType": "ServiceOwner"}, "idempotentKey": "decision-1",
            "content": {"title": {"value": [{"languageCode": "nb", "value": "Vedtak i saken"}]}}});
        let (status, tid, headers) =
            s.send(Method::POST, &format!("/api/v1/serviceowner/dialogs/{id}/transmissions"), Some(&skd), Some(&decision), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "{tid}");
        let tid = tid.as_str().unwrap().to_owned();
        assert!(headers["location"].to_str().unwrap().ends_with(&format!("/transmissions/{tid}")));
        assert_eq!(
            s.send(Method::POST, &format!("/api/v1/serviceowner/dialogs/{id}/transmissions"), Some(&skd), Some(&decision), &[]).await.0,
            StatusCode::CONFLICT,
            "same idempotentKey"
        );

        let (_, eu, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}&limit=1000", enc(&person_party(KARI))), Some(&kari)).await;
        let row = eu["items"].as_array().unwrap().iter().find(|d| d["id"] == id.as_str()).unwrap().clone();
        let labels_now = row["endUserContext"]["systemLabels"].as_array().unwrap().clone();
        assert!(labels_now.contains(&json!("Default")) && !labels_now.contains(&json!("Archive")), "back in the inbox: {labels_now:?}");
        assert_eq!(row["isContentSeen"], false, "new content is unseen");
        assert_eq!(row["hasUnopenedContent"], true, "the decision is not opened yet");
        let (_, log, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&kari)).await;
        let last = log.as_array().unwrap().last().unwrap();
        assert_eq!((last["name"].as_str(), last["performedBy"]["actorType"].as_str()), (Some("systemlabel:Default"), Some("ServiceOwner")));

        // The service owner records that the citizen opened it.
        let opened = json!({"type": "TransmissionOpened", "transmissionId": tid, "performedBy": {"actorType": "PartyRepresentative", "actorId": person_party(KARI)}});
        let (status, body, _) =
            s.send(Method::POST, &format!("/api/v1/serviceowner/dialogs/{id}/activities"), Some(&skd), Some(&opened), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (_, so, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{id}"), Some(&skd)).await;
        assert_eq!(so["hasUnopenedContent"], false);
        assert_eq!(so["fromServiceOwnerTransmissionsCount"], 1);

        let dangling =
            json!({"type": "TransmissionOpened", "transmissionId": uuid::Uuid::now_v7(), "performedBy": {"actorType": "ServiceOwner"}});
        let (status, problem, _) =
            s.send(Method::POST, &format!("/api/v1/serviceowner/dialogs/{id}/activities"), Some(&skd), Some(&dangling), &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(problem["errors"]["Activity.TransmissionId"].is_array());
        let bad = json!({"type": "Information", "performedBy": {"actorType": "ServiceOwner"}});
        let (status, problem, _) =
            s.send(Method::POST, &format!("/api/v1/serviceowner/dialogs/{id}/activities"), Some(&skd), Some(&bad), &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["activity.description"].is_array());
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn put_changes_status_and_content_and_keeps_history() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let kari = s.token(KARI).await;
        let (_, id, headers) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        let etag = headers["etag"].to_str().unwrap().to_owned();
        let path = format!("/api/v1/serviceowner/dialogs/{id}");
        let (_, before, _) = s.get(&path, Some(&skd)).await;

        let mut body = dialog_body();
        for k in ["serviceResource", "party", "idempotentKey", "serviceOwnerContext", "transmissions"] {
            body.as_object_mut().unwrap().remove(k);
        }
        body["status"] = json!("Completed");
        body["extendedStatus"] = json!("BEHANDLET");
        body["content"]["title"]["value"][0]["value"] = json!("Skattemeldingen er behandlet");
        let (status, problem, headers) = s.send(Method::PUT, &path, Some(&skd), Some(&body), &[("If-Match", &etag)]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{problem}");
        let new_etag = headers["etag"].to_str().unwrap().to_owned();
        assert_ne!(new_etag, etag);
        assert_eq!(s.send(Method::PUT, &path, Some(&skd), Some(&body), &[("If-Match", &etag)]).await.0, StatusCode::PRECONDITION_FAILED);
        let (_, after, _) = s.get(&path, Some(&skd)).await;
        // Sending back what is there (with the ids the server gave) changes nothing: same revision.
        let mut same = body.clone();
        same["guiActions"] = after["guiActions"].clone();
        same["attachments"] = after["attachments"].clone();
        let (_, _, again) = s.send(Method::PUT, &path, Some(&skd), Some(&same), &[]).await;
        assert_eq!(again["etag"].to_str().unwrap(), new_etag);

        assert_eq!(after["status"], "Completed");
        assert_eq!(
            after["transmissions"].as_array().unwrap().len(),
            before["transmissions"].as_array().unwrap().len(),
            "transmissions are kept"
        );
        assert!(after["contentUpdatedAt"].as_str() > before["contentUpdatedAt"].as_str());
        let (_, eu, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert_eq!(eu["content"]["title"]["value"][0]["value"], "Skattemeldingen er behandlet");

        let mut no_status = body.clone();
        no_status.as_object_mut().unwrap().remove("status");
        let (status, problem, _) = s.send(Method::PUT, &path, Some(&skd), Some(&no_status), &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["dto.status"].is_array());
        let nav = s.enterprise_token(NAV.0, NAV.1).await;
        assert_eq!(s.send(Method::PUT, &path, Some(&nav), Some(&body), &[]).await.0, StatusCode::NOT_FOUND);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn owner_labels_history_seen_log_and_notification_condition() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let kari = s.token(KARI).await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        let base = format!("/api/v1/serviceowner/dialogs/{id}");

        let (status, labels, headers) = s.get(&format!("{base}/context/labels"), Some(&skd)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(labels, json!([{"value": "batch-2026"}]));
        let etag = headers["etag"].to_str().unwrap().to_owned();
        let (status, _, headers) = s
            .send(Method::POST, &format!("{base}/context/labels"), Some(&skd), Some(&json!({"value": "Purring-1"})), &[("If-Match", &etag)])
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_ne!(headers["etag"].to_str().unwrap(), etag);
        let (_, labels, _) = s.get(&format!("{base}/context/labels"), Some(&skd)).await;
        assert_eq!(labels, json!([{"value": "batch-2026"}, {"value": "purring-1"}]));
        let (status, problem, _) =
            s.send(Method::POST, &format!("{base}/context/labels"), Some(&skd), Some(&json!({"value": "PURRING-1"})), &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "duplicate: {problem}");
        assert_eq!(
            s.send(Method::POST, &format!("{base}/context/labels"), Some(&skd), Some(&json!({"value": "x"})), &[("If-Match", &etag)])
                .await
                .0,
            StatusCode::PRECONDITION_FAILED
        );
        assert_eq!(
            s.send(Method::DELETE, &format!("{base}/context/labels/purring-1"), Some(&skd), None, &[]).await.0,
            StatusCode::NO_CONTENT
        );
        let (status, problem, _) = s.send(Method::DELETE, &format!("{base}/context/labels/purring-1"), Some(&skd), None, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(problem["errors"]["Label"].is_array());

        let (status, transmissions, _) = s.get(&format!("{base}/transmissions"), Some(&skd)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(transmissions[0]["idempotentKey"], "tx-1");
        let tid = transmissions[0]["id"].as_str().unwrap();
        assert_eq!(s.get(&format!("{base}/transmissions/{tid}"), Some(&skd)).await.1["id"], transmissions[0]["id"]);
        let (_, activities, _) = s.get(&format!("{base}/activities"), Some(&skd)).await;
        assert!(activities.as_array().unwrap().iter().all(|a| a.get("performedBy").is_none()));
        s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        let (status, seen, _) = s.get(&format!("{base}/seenlog"), Some(&skd)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(seen[0]["seenBy"]["actorId"], Value::from(person_party(KARI)), "the owner sees who, unmasked");
        let one = seen[0]["id"].as_str().unwrap();
        assert_eq!(s.get(&format!("{base}/seenlog/{one}"), Some(&skd)).await.0, StatusCode::OK);

        let notify = s.enterprise_token_with("digdir", "991825827", &["altinn:system/notifications.condition.check"]).await;
        let ask = |q: String| format!("{base}/actions/should-send-notification?{q}");
        let (status, answer, _) = s.get(&ask("conditionType=NotExists&activityType=FormSubmitted".into()), Some(&notify)).await;
        assert_eq!((status, answer["sendNotification"].clone()), (StatusCode::OK, json!(true)), "not submitted yet: remind");
        let (_, answer, _) = s.get(&ask("conditionType=Exists&activityType=DialogCreated".into()), Some(&notify)).await;
        assert_eq!(answer["sendNotification"], false, "no DialogCreated activity was posted");
        assert_eq!(
            s.get(&ask("conditionType=NotExists&activityType=TransmissionOpened".into()), Some(&notify)).await.0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            s.get(&ask("conditionType=NotExists&activityType=FormSubmitted".into()), Some(&skd)).await.0,
            StatusCode::FORBIDDEN,
            "needs the notification scope"
        );
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn patch_changes_single_fields_and_appends_history() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let path = format!("/api/v1/serviceowner/dialogs/{}", id.as_str().unwrap());
        let ops = json!([
            {"op": "replace", "path": "/status", "value": "Completed"},
            {"op": "replace", "path": "/progress", "value": 100},
            {"op": "add", "path": "/activities/-", "value": {"type": "FormSubmitted", "performedBy": {"actorType": "ServiceOwner"}}}
        ]);
        let (status, problem, _) = s.send(Method::PATCH, &path, Some(&skd), Some(&ops), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{problem}");
        let (_, after, _) = s.get(&path, Some(&skd)).await;
        assert_eq!((after["status"].as_str(), after["progress"].as_i64()), (Some("Completed"), Some(100)));
        assert!(after["activities"].as_array().unwrap().iter().any(|a| a["type"] == "FormSubmitted"));
        assert_eq!(after["transmissions"].as_array().unwrap().len(), 1, "the submission is still there");
        let bad = json!([{"op": "replace", "path": "/visibleFrom", "value": "2030-01-01T00:00:00Z"}]);
        assert_eq!(s.send(Method::PATCH, &path, Some(&skd), Some(&bad), &[]).await.0, StatusCode::BAD_REQUEST);
        let not_patch = json!({"status": "Completed"});
        assert_eq!(s.send(Method::PATCH, &path, Some(&skd), Some(&not_patch), &[]).await.0, StatusCode::BAD_REQUEST);
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn end_user_labels_set_on_behalf_and_listed() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let kari = s.token(KARI).await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        let enduser = enc(&person_party(KARI));
        let put = format!("/api/v1/serviceowner/dialogs/{id}/endusercontext/systemlabels?enduserId={enduser}");
        let (status, problem, headers) = s.send(Method::PUT, &put, Some(&skd), Some(&json!({"addLabels": ["Archive"]})), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{problem}");
        assert!(headers.contains_key("etag"));
        let (_, log, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&kari)).await;
        assert_eq!(log.as_array().unwrap().last().unwrap()["performedBy"]["actorName"], "Kari Nordmann", "logged as the end user");

        let missing = format!("/api/v1/serviceowner/dialogs/{id}/endusercontext/systemlabels");
        assert_eq!(
            s.send(Method::PUT, &missing, Some(&skd), Some(&json!({"addLabels": ["Bin"]})), &[]).await.0,
            StatusCode::BAD_REQUEST,
            "enduserId is required"
        );
        let other = format!("{missing}?enduserId={}", enc(&person_party(2)));
        assert_eq!(
            s.send(Method::PUT, &other, Some(&skd), Some(&json!({"addLabels": ["Bin"]})), &[]).await.0,
            StatusCode::FORBIDDEN,
            "not that person's dialog"
        );

        let list = format!("/api/v1/serviceowner/dialogs/endusercontext?party={enduser}&label=Archive&label=Bin&limit=1000");
        let (status, page, _) = s.get(&list, Some(&skd)).await;
        assert_eq!(status, StatusCode::OK);
        let item = page["items"].as_array().unwrap().iter().find(|i| i["dialogId"] == id.as_str()).expect("listed").clone();
        assert!(item["systemLabels"].as_array().unwrap().contains(&json!("Archive")));
        assert_eq!(s.get("/api/v1/serviceowner/dialogs/endusercontext", Some(&skd)).await.0, StatusCode::BAD_REQUEST, "party is required");

        let bulk = format!("/api/v1/serviceowner/dialogs/endusercontext/systemlabels/actions/bulkset?enduserId={enduser}");
        let body = json!({"dialogs": [{"dialogId": id}], "removeLabels": ["Archive"]});
        assert_eq!(s.send(Method::POST, &bulk, Some(&skd), Some(&body), &[]).await.0, StatusCode::NO_CONTENT);
        let (_, eu, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&kari)).await;
        assert!(eu["endUserContext"]["systemLabels"].as_array().unwrap().contains(&json!("Default")));
        let nav = s.enterprise_token(NAV.0, NAV.1).await;
        assert_eq!(
            s.send(Method::POST, &bulk, Some(&nav), Some(&body), &[]).await.0,
            StatusCode::NOT_FOUND,
            "another owner's dialog is missing to NAV"
        );
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_frozen_dialog_refuses_changes_but_not_restore_or_labels() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let admin = s
            .enterprise_token_with(SKD.0, SKD.1, &["digdir:dialogporten.serviceprovider", "digdir:dialogporten.serviceprovider.admin"])
            .await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let base = format!("/api/v1/serviceowner/dialogs/{}", id.as_str().unwrap());
        let (status, problem, _) = s.send(Method::POST, &format!("{base}/actions/freeze"), Some(&skd), None, &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only admin integrations freeze: {problem}");
        assert_eq!(s.send(Method::POST, &format!("{base}/actions/freeze"), Some(&admin), None, &[]).await.0, StatusCode::NO_CONTENT);
        let info = json!({"type": "Information", "performedBy": {"actorType": "ServiceOwner"}, "description": [{"languageCode": "nb", "value": "Merknad"}]});
        let (status, problem, _) = s.send(Method::POST, &format!("{base}/activities"), Some(&skd), Some(&info), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(problem["errors"]["Forbidden"][0].as_str().unwrap().contains("frozen"));
        assert_eq!(s.send(Method::DELETE, &base, Some(&skd), None, &[]).await.0, StatusCode::FORBIDDEN);
        assert_eq!(
            s.send(Method::POST, &format!("{base}/context/labels"), Some(&skd), Some(&json!({"value": "frosset"})), &[]).await.0,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            s.send(Method::POST, &format!("{base}/activities"), Some(&admin), Some(&info), &[]).await.0,
            StatusCode::CREATED,
            "admin still may"
        );
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transmission_can_be_corrected_silently_with_the_right_scope() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let fixer = s
            .enterprise_token_with(
                SKD.0,
                SKD.1,
                &["digdir:dialogporten.serviceprovider", "digdir:dialogporten.serviceprovider.changetransmissions"],
            )
            .await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let base = format!("/api/v1/serviceowner/dialogs/{}", id.as_str().unwrap());
        let (_, before, _) = s.get(&base, Some(&skd)).await;
        let tid = before["transmissions"][0]["id"].as_str().unwrap().to_owned();
        let fix = json!({"type": "Submission", "sender": {"actorType": "PartyRepresentative", "actorName": "Kari Nordmann"},
                         "content": {"title": {"value": [{"languageCode": "nb", "value": "Innsendt skattemelding (rettet)"}]}}});
        let put = format!("{base}/transmissions/{tid}");
        assert_eq!(s.send(Method::PUT, &put, Some(&skd), Some(&fix), &[]).await.0, StatusCode::FORBIDDEN, "needs changetransmissions");
        let (status, problem, _) = s.send(Method::PUT, &put, Some(&fixer), Some(&fix), &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "must be silent: {problem}");
        assert!(problem["errors"]["isSilentUpdate"].is_array());
        let (status, problem, headers) = s.send(Method::PUT, &format!("{put}?isSilentUpdate=true"), Some(&fixer), Some(&fix), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{problem}");
        assert_ne!(headers["etag"].to_str().unwrap(), before["revision"].as_str().unwrap());
        let (_, after, _) = s.get(&base, Some(&skd)).await;
        assert_eq!(after["transmissions"][0]["content"]["title"]["value"][0]["value"], "Innsendt skattemelding (rettet)");
        assert_eq!(after["updatedAt"], before["updatedAt"], "a correction is silent");
        let missing = format!("{base}/transmissions/0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f?isSilentUpdate=true");
        assert_eq!(s.send(Method::PUT, &missing, Some(&fixer), Some(&fix), &[]).await.0, StatusCode::NOT_FOUND);
    });
}
