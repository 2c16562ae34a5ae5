//! Dialog lookup by instance reference and the service-resource catalogue.

mod common;

use common::{enc, person_party};
use reqwest::StatusCode;
use serde_json::{json, Value};

const KARI: usize = 0;
const AISHA: usize = 2;

#[tokio::test(flavor = "multi_thread")]
async fn lookups_resolve_instance_correspondence_and_dialog_references() {
    on_each_backend!(|s| {
        let kari = s.token(KARI).await;
        let (_, archive, _) =
            s.get(&format!("/api/v1/enduser/dialogs?party={}&systemLabel=Archive&limit=1000", enc(&person_party(KARI))), Some(&kari)).await;
        let migrated: Vec<&Value> = archive["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["externalReference"].as_str().is_some_and(|r| r.starts_with("urn:altinn:")))
            .collect();
        assert!(migrated.len() >= 2, "the demo has migrated dialogs with references");
        for d in migrated {
            let reference = d["externalReference"].as_str().unwrap();
            let instance_ref = match reference.strip_prefix("urn:altinn:integration:storage:") {
                Some(rest) => format!("urn:altinn:instance-id:{rest}"),
                None => reference.to_owned(),
            };
            let (status, found, _) = s.get(&format!("/api/v1/enduser/dialoglookup?instanceRef={}", enc(&instance_ref)), Some(&kari)).await;
            assert_eq!(status, StatusCode::OK, "{instance_ref}: {found}");
            assert_eq!(found["dialogId"], d["id"]);
            assert_eq!(found["authorizationEvidence"]["viaRole"], true);
            // By dialog id, the answer names the instance reference it came from.
            let (_, by_id, _) = s
                .get(&format!("/api/v1/enduser/dialoglookup?instanceRef=urn:altinn:dialog-id:{}", d["id"].as_str().unwrap()), Some(&kari))
                .await;
            assert_eq!(by_id["instanceRef"], Value::from(instance_ref.clone()));

            let aisha = s.token(AISHA).await;
            assert_eq!(
                s.get(&format!("/api/v1/enduser/dialoglookup?instanceRef={}", enc(&instance_ref)), Some(&aisha)).await.0,
                StatusCode::FORBIDDEN
            );
        }
        let (status, problem, _) = s.get("/api/v1/enduser/dialoglookup?instanceRef=urn:altinn:instance-id:0/x", Some(&kari)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem["errors"]["InstanceRef"].is_array());
        let (status, problem, _) =
            s.get("/api/v1/enduser/dialoglookup?instanceRef=urn:altinn:dialog-id:0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", Some(&kari)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(problem["errors"]["InstanceRef"].is_array());

        let skd = s.enterprise_token("skd", "974761076").await;
        let nav = s.enterprise_token("nav", "889640782").await;
        let (_, page, _) = s.get("/api/v1/serviceowner/dialogs?limit=1", Some(&skd)).await;
        let id = page["items"][0]["id"].as_str().unwrap();
        let (status, so, _) = s.get(&format!("/api/v1/serviceowner/dialoglookup?instanceRef=urn:altinn:dialog-id:{id}"), Some(&skd)).await;
        assert_eq!((status, so["serviceOwner"]["code"].as_str()), (StatusCode::OK, Some("skd")));
        assert!(so.get("authorizationEvidence").is_none());
        assert_eq!(
            s.get(&format!("/api/v1/serviceowner/dialoglookup?instanceRef=urn:altinn:dialog-id:{id}"), Some(&nav)).await.0,
            StatusCode::FORBIDDEN
        );
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn the_service_resource_catalogue() {
    on_each_backend!(|s| {
        let (status, all, _) = s.get("/api/v1/metadata/serviceresources", None).await;
        assert_eq!(status, StatusCode::OK);
        let items = all["items"].as_array().unwrap();
        assert!(items
            .iter()
            .any(|i| i["serviceResource"]["id"] == "urn:altinn:resource:skattemelding" && i["serviceOwner"]["orgNumber"] == "974761076"));
        // Named as a person reads them in the inbox's service filter, not by their ids.
        let name =
            |id: &str| items.iter().find(|i| i["serviceResource"]["id"] == id).map(|i| i["serviceResource"]["name"][0]["value"].clone());
        assert_eq!(name("urn:altinn:resource:arsregnskap"), Some(json!("Årsregnskap")));
        assert_eq!(name("urn:altinn:resource:app_nav_a2-4936-1"), Some(json!("Melding om inntekt og arbeidsforhold")));
        let kari = s.token(KARI).await;
        let (status, mine, _) = s.get("/api/v1/enduser/serviceresources", Some(&kari)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(mine.get("isFullCatalogueFallback").is_none(), "her own resources, not the fallback: {mine}");
        assert_eq!(mine["items"].as_array().unwrap().len(), items.len(), "the demo's resources all have the default policy");
        let (status, problem, _) = s.get("/api/v1/enduser/serviceresources?party=nonsense", Some(&kari)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        assert_eq!(s.get("/api/v1/enduser/serviceresources", None).await.0, StatusCode::UNAUTHORIZED);
    });
}
