//! kill -9 during sustained writes: every write acknowledged with 2xx before the kill is there
//! after a restart, on SQLite and PostgreSQL.

mod common;

use std::{
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::Duration,
};

use common::person_party;
use serde_json::json;

fn spawn(url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_inbox-server"))
        // Writes as fast as four clients can: the per-caller write budget would stop them first.
        .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--database-url", url, "--demo", "--dev-login", "--owner-write-rate", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts")
}

async fn wait_up(client: &reqwest::Client, base: &str) {
    for _ in 0..200 {
        if client.get(format!("{base}/api/v1/metadata/limits")).send().await.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come up at {base}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_acknowledged_write_survives_kill_9() {
    for (backend, url, dir) in common::backends().await {
        // SQLite needs a file that outlives the process; the temp dir is kept until the end.
        let url = if backend == "sqlite" { format!("sqlite://{}", dir.path().join("crash.db").display()) } else { url };
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        let mut server = spawn(&url, port);
        wait_up(&client, &base).await;
        let scopes = common::enc("digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search");
        let so = common::get_text(&client, &format!("{base}/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes={scopes}")).await;

        let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let (client, base, so, acknowledged) = (client.clone(), base.clone(), so.clone(), acknowledged.clone());
                tokio::spawn(async move {
                    for n in 0.. {
                        let body = json!({
                            "serviceResource": "urn:altinn:resource:skattemelding", "party": person_party(w % 3), "status": "RequiresAttention",
                            "content": {"title": {"value": [{"languageCode": "nb", "value": format!("Krasjtest {w}-{n}")}]}}
                        });
                        match client.post(format!("{base}/api/v1/serviceowner/dialogs")).bearer_auth(&so).json(&body).send().await {
                            Ok(res) if res.status().as_u16() == 201 => {
                                let id: String = res.json().await.unwrap_or_default();
                                if !id.is_empty() {
                                    acknowledged.lock().unwrap().push(id);
                                }
                            }
                            Ok(res) => panic!("writer {w}: {} before the kill", res.status()),
                            Err(_) => return, // the server is gone
                        }
                    }
                })
            })
            .collect();
        // Kill it once writes are flowing (at least 20 acknowledged), in the middle of them.
        for _ in 0..600 {
            if acknowledged.lock().unwrap().len() >= 20 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix: no shutdown, no flush
        server.wait().unwrap();
        for w in writers {
            w.await.unwrap();
        }
        let ids = acknowledged.lock().unwrap().clone();
        assert!(ids.len() >= 20, "{backend}: sustained writes before the kill ({} acknowledged)", ids.len());

        let mut server = spawn(&url, port);
        wait_up(&client, &base).await;
        // Dev tokens die with the process that minted them: a new one for the restarted server.
        let so = common::get_text(&client, &format!("{base}/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes={scopes}")).await;
        let mut missing = Vec::new();
        for id in &ids {
            let res = client.get(format!("{base}/api/v1/serviceowner/dialogs/{id}")).bearer_auth(&so).send().await.unwrap();
            if res.status().as_u16() != 200 {
                missing.push(id.clone());
            }
        }
        server.kill().unwrap();
        server.wait().unwrap();
        assert!(missing.is_empty(), "{backend}: {} of {} acknowledged writes lost: {missing:?}", missing.len(), ids.len());
        eprintln!("crash safety on {backend}: {} acknowledged writes, all there after kill -9", ids.len());
    }
}
