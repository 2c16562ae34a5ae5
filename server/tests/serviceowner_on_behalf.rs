//! A service owner acting for an end user (`endUserId`, admin `performedBy`), and what each
//! reader may do with a dialog by the role they hold.

mod common;

use common::{
    enc, person_party,
    serviceowner::{create, dialog_body, KARI, SKD},
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const OLA: usize = 1;

const AISHA: usize = 2;
const INGRID: usize = 4;

/// A dialog for Ingrid, whom Ola reads for by power of attorney (read only): a read and a write
/// action, and a transmission guarded by a sub-resource.
fn dialog_for_ingrid() -> Value {
    let mut body = dialog_body();
    body["party"] = json!(person_party(INGRID));
    body["guiActions"]
        .as_array_mut()
        .unwrap()
        .push(json!({"action": "write", "url": "https://skatt.example.no/endre", "priority": "Secondary",
        "httpMethod": "POST", "title": [{"languageCode": "nb", "value": "Endre"}]}));
    body["transmissions"][0]["authorizationAttribute"] = json!("urn:altinn:subresource:fortrolig");
    body["transmissions"][0]["attachments"] = json!([{"displayName": [{"languageCode": "nb", "value": "Vedlegg"}],
        "urls": [{"url": "https://skatt.example.no/fortrolig.pdf", "mediaType": "application/pdf", "consumerType": "Gui"}]}]);
    body
}

#[tokio::test(flavor = "multi_thread")]
async fn what_a_reader_may_do_follows_their_role() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (status, id, _) = create(&s, &skd, &dialog_for_ingrid()).await;
        assert_eq!(status, StatusCode::CREATED, "{id}");
        let path = format!("/api/v1/enduser/dialogs/{}", id.as_str().unwrap());
        let action = |d: &Value, name: &str| d["guiActions"].as_array().unwrap().iter().find(|a| a["action"] == name).unwrap().clone();

        let (_, own, _) = s.get(&path, Some(&s.token(INGRID).await)).await;
        assert_eq!(action(&own, "write")["isAuthorized"], true, "Ingrid holds every right of her own party");
        assert_eq!(own["transmissions"][0]["isAuthorized"], true);

        let (status, proxy, _) = s.get(&path, Some(&s.token(OLA).await)).await;
        assert_eq!(status, StatusCode::OK, "{proxy}");
        assert_eq!(action(&proxy, "read")["isAuthorized"], true);
        let write = action(&proxy, "write");
        assert_eq!(write["isAuthorized"], false, "a power of attorney reads only");
        assert_eq!(write["url"], "urn:dialogporten:unauthorized");
        let t = &proxy["transmissions"][0];
        assert_eq!(t["isAuthorized"], false, "the sub-resource needs all rights");
        assert_eq!(t["attachments"][0]["urls"][0]["url"], "urn:dialogporten:unauthorized");
        let (_, listed, _) = s.get(&format!("{path}/transmissions"), Some(&s.token(OLA).await)).await;
        assert_eq!(listed[0]["isAuthorized"], false);
        // The plain dialog attachment is readable by anyone who sees the dialog.
        assert_eq!(proxy["attachments"][0]["urls"][0]["url"], "https://skatt.example.no/veiledning.pdf");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_service_owner_reads_on_an_end_users_behalf() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let (_, id, _) = create(&s, &skd, &dialog_for_ingrid()).await;
        let id = id.as_str().unwrap().to_owned();
        let base = format!("/api/v1/serviceowner/dialogs/{id}");
        let (_, plain, _) = s.get(&base, Some(&skd)).await;
        assert!(plain["guiActions"][0].get("isAuthorized").is_none(), "no end user, no isAuthorized: {}", plain["guiActions"][0]);
        assert!(plain["transmissions"][0].get("isAuthorized").is_none());
        assert_eq!(plain["isContentSeen"], false);

        let ola = enc(&person_party(OLA));
        let labels = json!({"addLabels": ["MarkedAsUnopened"]});
        let (status, _, _) =
            s.send(Method::PUT, &format!("{base}/endusercontext/systemlabels?enduserId={ola}"), Some(&skd), Some(&labels), &[]).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, read, headers) = s.get(&format!("{base}?endUserId={ola}"), Some(&skd)).await;
        assert_eq!(status, StatusCode::OK, "{read}");
        assert!(headers.contains_key("etag"));
        let write = read["guiActions"].as_array().unwrap().iter().find(|a| a["action"] == "write").unwrap().clone();
        assert_eq!(write["isAuthorized"], false);
        assert_eq!(write["url"], "https://skatt.example.no/endre", "URLs are not masked for the service owner");
        assert_eq!(read["transmissions"][0]["isAuthorized"], false);
        assert_eq!(read["isContentSeen"], true, "reading on Ola's behalf counts as his visit");
        assert!(!read["endUserContext"]["systemLabels"].as_array().unwrap().contains(&json!("MarkedAsUnopened")));
        let seen = read["seenSinceLastContentUpdate"].as_array().unwrap();
        let mine = seen.iter().find(|e| e["isCurrentEndUser"] == true).expect("Ola's visit").clone();
        assert_eq!(mine["isViaServiceOwner"], true);
        assert_eq!(mine["seenBy"]["actorId"], person_party(OLA));
        let (_, log, _) = s.get(&format!("{base}/seenlog"), Some(&skd)).await;
        assert_eq!(log.as_array().unwrap().last().unwrap()["isViaServiceOwner"], true);
        let (_, eu, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/seenlog"), Some(&s.token(OLA).await)).await;
        assert!(eu.as_array().unwrap().iter().any(|e| e["isViaServiceOwner"] == true && e["isCurrentEndUser"] == true));

        let aisha = format!("{base}?endUserId={}", enc(&person_party(AISHA)));
        assert_eq!(s.get(&aisha, Some(&skd)).await.0, StatusCode::NOT_FOUND, "Aisha may not see it");
        let (status, problem, _) = s.get(&format!("{base}?endUserId=urn:altinn:organization:identifier-no:974761076"), Some(&skd)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["EndUserId"].is_array(), "{problem}");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_integrations_set_labels_as_a_named_actor() {
    on_each_backend!(|s| {
        let skd = s.enterprise_token(SKD.0, SKD.1).await;
        let admin = s
            .enterprise_token_with(SKD.0, SKD.1, &["digdir:dialogporten.serviceprovider", "digdir:dialogporten.serviceprovider.admin"])
            .await;
        let (_, id, _) = create(&s, &skd, &dialog_body()).await;
        let id = id.as_str().unwrap().to_owned();
        let put = format!("/api/v1/serviceowner/dialogs/{id}/endusercontext/systemlabels");
        let by = json!({"addLabels": ["Archive"], "performedBy": {"actorType": "PartyRepresentative", "actorId": person_party(KARI)}});
        let (status, problem, _) = s.send(Method::PUT, &put, Some(&skd), Some(&by), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "performedBy is for admin integrations: {problem}");
        let both = format!("{put}?enduserId={}", enc(&person_party(KARI)));
        assert_eq!(s.send(Method::PUT, &both, Some(&admin), Some(&by), &[]).await.0, StatusCode::BAD_REQUEST, "not both");
        let bad = json!({"addLabels": ["Archive"], "performedBy": {"actorType": "PartyRepresentative"}});
        assert_eq!(
            s.send(Method::PUT, &put, Some(&admin), Some(&bad), &[]).await.0,
            StatusCode::BAD_REQUEST,
            "an actor needs an id or a name"
        );
        assert_eq!(s.send(Method::PUT, &put, Some(&admin), Some(&by), &[]).await.0, StatusCode::NO_CONTENT);
        let (_, log, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&s.token(KARI).await)).await;
        let last = log.as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["name"], "systemlabel:Archive");
        assert_eq!(last["performedBy"]["actorName"], "Kari Nordmann", "the name comes from the register");

        let bulk = "/api/v1/serviceowner/dialogs/endusercontext/systemlabels/actions/bulkset";
        let body = json!({"dialogs": [{"dialogId": id}], "removeLabels": ["Archive"], "performedBy": {"actorType": "ServiceOwner"}});
        assert_eq!(s.send(Method::POST, bulk, Some(&admin), Some(&body), &[]).await.0, StatusCode::NO_CONTENT);
        let (_, log, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}/context/labellog"), Some(&s.token(KARI).await)).await;
        assert_eq!(log.as_array().unwrap().last().unwrap()["performedBy"]["actorType"], "ServiceOwner");
    });
}
