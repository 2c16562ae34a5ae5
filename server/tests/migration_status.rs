//! The migration status is computed from the data and reproduces the seed page in the demo.

mod common;

use reqwest::StatusCode;
use serde_json::Value;

fn content(name: &str) -> Value {
    let path = format!("{}/../content/migration/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_status_matches_the_seed_page_by_computation() {
    on_each_backend!(|s| {
        let (status, body, _) = s.get("/api/v1/migration/status", None).await;
        assert_eq!(status, StatusCode::OK);
        for source in content("sources.json").as_array().unwrap() {
            let id = source["id"].as_str().unwrap();
            let computed = body["sources"].as_array().unwrap().iter().find(|x| x["id"] == id).unwrap_or_else(|| panic!("{id} missing"));
            let expected = if source["seedStatus"] == "ok" { "ok" } else { "warning" };
            assert_eq!(computed["health"], expected, "{id}: {computed}");
            if let Some(date) = source["seedMigratedBackTo"].as_str() {
                assert!(computed["migratedBackTo"].as_str().unwrap().starts_with(date), "{id}: {computed}");
                assert!(computed["history"].as_array().unwrap().len() >= 2, "{id} has a recorded history");
            }
        }
        let a2 = body["sources"].as_array().unwrap().iter().find(|x| x["id"] == "a2-melding-historisk").unwrap();
        assert!(a2["dialogs"].as_u64().unwrap() > 0);
        assert!(a2["oldestDialog"].as_str().unwrap() >= a2["migratedBackTo"].as_str().unwrap(), "no dialog older than the watermark");
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn the_changelog_is_an_atom_feed_newest_first() {
    let (backend, url, dir) = common::backends().await.remove(0);
    let s = common::start(backend, url, dir, None, false).await;
    let res = s.client.get(s.url("/migration-status/feed.atom")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let xml = res.text().await.unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let dates: Vec<&str> = xml.match_indices("<updated>").skip(1).map(|(i, _)| &xml[i + 9..i + 19]).collect();
    assert_eq!(dates.len(), content("changelog.json").as_array().unwrap().len());
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
    // Well-formed XML with the elements RFC 4287 requires of a feed and of every entry.
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some("http://www.w3.org/2005/Atom"), "feed"));
    let child = |n: roxmltree::Node, name: &str| n.children().any(|c| c.tag_name().name() == name);
    for name in ["id", "title", "updated", "author"] {
        assert!(child(feed, name), "feed needs <{name}>");
    }
    let entries: Vec<_> = feed.children().filter(|c| c.tag_name().name() == "entry").collect();
    assert_eq!(entries.len(), dates.len());
    for e in entries {
        for name in ["id", "title", "updated", "content"] {
            assert!(child(e, name), "entry needs <{name}>");
        }
    }
}
