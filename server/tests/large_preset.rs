//! The large preset at a small size: an accountant with many organisations, dialogs spread over
//! them, and searches that stay within what the accountant may see.

mod common;

use common::enc;
use inbox_server::demo::large::{self, Large};
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread")]
async fn the_accountant_sees_every_organisation_and_searches_a_hundred_at_a_time() {
    for (backend, url, dir) in common::backends().await {
        eprintln!("-- on {backend}");
        let store = inbox_server::store::Store::connect(&url).await.unwrap();
        let size = Large { dialogs: 3_000, parties: 250 };
        assert_eq!(large::seed(&store, size, |_| {}).await.unwrap(), 3_000);
        let s = common::start(backend, url, dir, None, true).await;
        let pid = large::accountant_pid();
        let res =
            s.client.get(s.url(&format!("/api/GetPersonalToken?pid={}&scopes=digdir:dialogporten", pid.as_str()))).send().await.unwrap();
        let token = res.text().await.unwrap();

        let (status, parties, _) = s.get("/api/v1/enduser/parties", Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        let orgs: Vec<String> = parties["authorizedParties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["partyType"] == "Organization")
            .map(|p| p["party"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(orgs.len(), 250);

        let query: Vec<String> = orgs[..100].iter().map(|p| format!("party={}", enc(p))).collect();
        let (status, page, _) = s.get(&format!("/api/v1/enduser/dialogs?{}&limit=100", query.join("&")), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["items"].as_array().unwrap().len(), 100);
        assert!(page["items"].as_array().unwrap().iter().all(|d| orgs[..100].contains(&d["party"].as_str().unwrap().to_owned())));
        assert_eq!(page["hasNextPage"], true);

        // A demo organisation the accountant has no role in is dropped, not searched.
        let stranger = inbox_server::demo::org_urn(0);
        let (_, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}", enc(&stranger)), Some(&token)).await;
        assert_eq!(page["items"].as_array().map_or(0, Vec::len), 0, "{page}");
    }
}
