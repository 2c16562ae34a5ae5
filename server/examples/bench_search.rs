//! Server benchmark against a running `inbox-server --dev-login` seeded with `--preset large`:
//! end-user search latency for the accountant with thousands of parties, and dialog-by-id
//! throughput. Prints Markdown table rows for docs/benchmarks.md.
//!
//! `cargo run --release -p inbox-server --example bench_search -- http://127.0.0.1:18181 [requests] [seconds]`

use std::time::{Duration, Instant};

use reqwest::Client;
use serde_json::Value;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// A small deterministic generator, so every run asks for the same parties.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn timed_get(client: &Client, url: &str, token: &str) -> (f64, Value) {
    let start = Instant::now();
    let res = client.get(url).bearer_auth(token).send().await.expect("request");
    let status = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    assert!(status.is_success(), "{url}: {status} {body}");
    (ms, body)
}

fn row(name: &str, mut samples: Vec<f64>, budget: &str) {
    samples.sort_by(|a, b| a.total_cmp(b));
    println!(
        "| {name} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {budget} |",
        samples.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.9),
        percentile(&samples, 0.99),
        samples.last().copied().unwrap_or(f64::NAN)
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:18181".into());
    let requests: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(500);
    let seconds: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(10);
    let client = Client::builder().pool_max_idle_per_host(64).build().expect("client");
    let pid = inbox_server::demo::large::accountant_pid();
    let token = client
        .get(format!("{base}/api/GetPersonalToken?pid={}&scopes=digdir:dialogporten&ttl=86400", pid.as_str()))
        .send()
        .await
        .expect("token")
        .text()
        .await
        .expect("token text");

    let (parties_ms, parties) = timed_get(&client, &format!("{base}/api/v1/enduser/parties"), &token).await;
    let orgs: Vec<String> = parties["authorizedParties"]
        .as_array()
        .map(|a| a.iter().filter(|p| p["partyType"] == "Organization").filter_map(|p| p["party"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    eprintln!("{} organisations for the accountant; parties list in {parties_ms:.0} ms", orgs.len());
    assert!(orgs.len() >= 100, "seed the large preset first");
    let mut rng = Lcg(42);

    // Warm up: the first queries fill caches; they are not what users see all day.
    for _ in 0..20 {
        let party = &orgs[rng.below(orgs.len())];
        timed_get(&client, &format!("{base}/api/v1/enduser/dialogs?party={}&limit=100", enc(party)), &token).await;
    }

    let mut one = Vec::new();
    let mut ids = Vec::new();
    for _ in 0..requests {
        let party = &orgs[rng.below(orgs.len())];
        let (ms, page) = timed_get(&client, &format!("{base}/api/v1/enduser/dialogs?party={}&limit=100", enc(party)), &token).await;
        one.push(ms);
        if let Some(id) = page["items"][0]["id"].as_str() {
            ids.push(id.to_owned());
        }
    }
    let mut hundred = Vec::new();
    for _ in 0..requests {
        let query: Vec<String> = (0..100).map(|_| format!("party={}", enc(&orgs[rng.below(orgs.len())]))).collect();
        let (ms, _) = timed_get(&client, &format!("{base}/api/v1/enduser/dialogs?{}&limit=100", query.join("&")), &token).await;
        hundred.push(ms);
    }
    let mut next_pages = Vec::new();
    for _ in 0..requests / 5 {
        let query: Vec<String> = (0..100).map(|_| format!("party={}", enc(&orgs[rng.below(orgs.len())]))).collect();
        let url = format!("{base}/api/v1/enduser/dialogs?{}&limit=100", query.join("&"));
        let (_, first) = timed_get(&client, &url, &token).await;
        if let Some(cont) = first["continuationToken"].as_str() {
            let (ms, _) = timed_get(&client, &format!("{url}&continuationToken={}", enc(cont)), &token).await;
            next_pages.push(ms);
        }
    }

    // Throughput: dialog by id from 16 concurrent clients for a fixed time.
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for worker in 0..16 {
        let (client, token, base, ids) = (client.clone(), token.clone(), base.clone(), ids.clone());
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            let mut i = worker;
            while Instant::now() < deadline {
                let (ms, _) = timed_get(&client, &format!("{base}/api/v1/enduser/dialogs/{}", ids[i % ids.len()]), &token).await;
                samples.push(ms);
                i += 16;
            }
            samples
        }));
    }
    let mut by_id = Vec::new();
    for t in tasks {
        by_id.extend(t.await.expect("worker"));
    }
    let rate = by_id.len() as f64 / seconds as f64;

    println!("| measure | requests | p50 | p90 | p99 | max | budget |");
    println!("|---|---|---|---|---|---|---|");
    row("search, 1 organisation, 100-dialog page", one, "p99 ≤ 50 ms");
    row("search, 100 organisations, 100-dialog page", hundred, "p99 ≤ 50 ms");
    row("search, 100 organisations, next page (continuation token)", next_pages, "p99 ≤ 50 ms");
    row(&format!("dialog by id, 16 clients, {rate:.0} req/s"), by_id, "≥ 3,000 req/s");
    println!("\nparties list ({} parties): {parties_ms:.0} ms", orgs.len() + 1);
}
