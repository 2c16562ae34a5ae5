//! Who exists and who may do what comes from register files (`serve --register FILE`,
//! docs/register.md): the example file's service owner, managing director and power of attorney
//! (with a right beyond it) behave as the file says, a second load replaces what it lists, and a bad file stops the server
//! with the file, line and field named.

mod common;

use std::path::PathBuf;

use common::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const SIRI: &str = "01819010001";
const FRODE: &str = "15827510057";
const TESTBEDRIFT: &str = "urn:altinn:organization:identifier-no:311900005";
const BERGEN: &str = "urn:altinn:organization:identifier-no:311900013";
const RESOURCE: &str = "urn:altinn:resource:digdir-testtjeneste";

fn example() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/register-example.toml"))
}

async fn personal_token(s: &TestServer, pid: &str) -> String {
    let res = s.client.get(s.url(&format!("/api/GetPersonalToken?pid={pid}&scopes=digdir:dialogporten"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap()
}

fn dialog(party: &str) -> Value {
    json!({
        "serviceResource": RESOURCE, "party": party, "status": "RequiresAttention",
        "content": {"title": {"value": [{"languageCode": "nb", "value": "Testmelding"}]}},
        "guiActions": [
            {"action": "read", "url": "https://example.com/les", "priority": "Primary", "title": [{"languageCode": "nb", "value": "Les"}]},
            {"action": "write", "url": "https://example.com/skriv", "priority": "Secondary", "title": [{"languageCode": "nb", "value": "Svar"}]},
            {"action": "sign", "url": "https://example.com/signer", "priority": "Tertiary", "title": [{"languageCode": "nb", "value": "Signer"}]}
        ]
    })
}

fn parties_of(page: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for p in page["authorizedParties"].as_array().unwrap() {
        out.push(p["party"].as_str().unwrap().to_owned());
        out.extend(p["subParties"].as_array().into_iter().flatten().map(|s| s["party"].as_str().unwrap().to_owned()));
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn the_example_register_decides_who_may_do_what() {
    for (backend, url, dir) in common::backends().await {
        let s = common::start_with_registers(backend, url.clone(), dir, &[example()]).await;
        eprintln!("-- on {backend}");
        let digdir = s.enterprise_token("digdir", "991825827").await;
        let skd = s.enterprise_token("skd", "974761076").await;
        let (status, id, _) = s.send(Method::POST, "/api/v1/serviceowner/dialogs", Some(&digdir), Some(&dialog(TESTBEDRIFT)), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "the resource's owner creates: {id}");
        let (status, problem, _) = s.send(Method::POST, "/api/v1/serviceowner/dialogs", Some(&skd), Some(&dialog(TESTBEDRIFT)), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "another owner may not: {problem}");

        let siri = personal_token(&s, SIRI).await;
        let (_, parties, _) = s.get("/api/v1/enduser/parties", Some(&siri)).await;
        let mine = parties_of(&parties);
        assert!(mine.contains(&TESTBEDRIFT.to_owned()) && mine.contains(&BERGEN.to_owned()), "DAGL of the unit and its sub-unit: {mine:?}");
        let own = parties["authorizedParties"].as_array().unwrap().iter().find(|p| p["isCurrentEndUser"] == true).unwrap().clone();
        assert_eq!(
            (own["name"].as_str(), own["dateOfBirth"].as_str()),
            (Some("Siri Dagleder"), Some("1990-01-01")),
            "the birth date from the number"
        );
        let path = format!("/api/v1/enduser/dialogs/{}", id.as_str().unwrap());
        let (status, d, _) = s.get(&path, Some(&siri)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(d["guiActions"].as_array().unwrap().iter().all(|a| a["isAuthorized"] == true), "a managing director may act");

        // Frode holds Siri's power of attorney: he reads her own dialogs, and may not act on them.
        let (_, own_dialog, _) = s
            .send(
                Method::POST,
                "/api/v1/serviceowner/dialogs",
                Some(&digdir),
                Some(&dialog(&format!("urn:altinn:person:identifier-no:{SIRI}"))),
                &[],
            )
            .await;
        let frode = personal_token(&s, FRODE).await;
        assert!(parties_of(&s.get("/api/v1/enduser/parties", Some(&frode)).await.1)
            .contains(&format!("urn:altinn:person:identifier-no:{SIRI}")));
        let (status, d, _) = s.get(&format!("/api/v1/enduser/dialogs/{}", own_dialog.as_str().unwrap()), Some(&frode)).await;
        assert_eq!(status, StatusCode::OK);
        let action = |name: &str| d["guiActions"].as_array().unwrap().iter().find(|a| a["action"] == name).unwrap().clone();
        assert_eq!(
            (action("write")["isAuthorized"].as_bool(), action("write")["url"].as_str()),
            (Some(false), Some("urn:dialogporten:unauthorized"))
        );
        assert_eq!(action("sign")["isAuthorized"], true, "the right the register grants beyond his role");
        assert_eq!(s.get(&path, Some(&frode)).await.0, StatusCode::FORBIDDEN, "not the organisation's");

        // The script written for Altinn's test environment, against these identities.
        let base = s.base.clone();
        let out = tokio::task::spawn_blocking(move || {
            std::process::Command::new("bash")
                .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/dialogporten-round-trip.sh"))
                .envs([
                    ("TOKEN_HOST", base.as_str()),
                    ("API_HOST", base.as_str()),
                    ("ORG", "digdir"),
                    ("ORG_NO", "991825827"),
                    ("RESOURCE", RESOURCE),
                    ("PID", SIRI),
                    ("PARTY", TESTBEDRIFT),
                ])
                .output()
                .expect("bash runs")
        })
        .await
        .unwrap();
        assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));

        // Loading a changed file replaces what it lists: Frode loses the power of attorney, Siri is renamed.
        let changed = tempfile::NamedTempFile::new().unwrap();
        let text = std::fs::read_to_string(example())
            .unwrap()
            .replace("Siri Dagleder", "Siri Dagleder-Berg")
            .replace(r#"roles = [{ person = "01819010001", role = "fullmakt" }]"#, "")
            .replace(r#"rights = [{ person = "01819010001", resource = "digdir-testtjeneste", actions = ["sign"] }]"#, "");
        std::fs::write(changed.path(), text).unwrap();
        let again = common::start_with_registers(backend, url, tempfile::tempdir().unwrap(), &[changed.path().to_path_buf()]).await;
        let frode = personal_token(&again, FRODE).await;
        assert!(!parties_of(&again.get("/api/v1/enduser/parties", Some(&frode)).await.1).iter().any(|p| p.ends_with(SIRI)));
        let siri = personal_token(&again, SIRI).await;
        let (_, parties, _) = again.get("/api/v1/enduser/parties", Some(&siri)).await;
        assert!(parties.to_string().contains("Siri Dagleder-Berg"));
        assert_eq!(again.get(&path, Some(&siri)).await.0, StatusCode::OK, "the dialogs stay");
    }
}

#[test]
fn a_bad_register_stops_the_server_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(example()).unwrap();
    let line = text.lines().position(|l| l == format!("pid = \"{SIRI}\"")).unwrap() + 1;
    std::fs::write(&bad, text.replace(SIRI, "01819010002")).unwrap();
    let db = dir.path().join("never.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_inbox-server"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            &format!("sqlite://{}", db.display()),
            "--register",
            bad.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("bad.toml:{line}: person[0].pid:")), "{stderr}");
    assert!(!db.exists(), "nothing was written");
}
