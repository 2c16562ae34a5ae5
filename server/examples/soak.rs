//! Soak (issue 35): mixed load against running `inbox-server --dev-login` instances for a fixed
//! time, then every acknowledged write read back. Each demo person and the large preset's
//! accountant is a simulated user in a closed loop (search, open a dialog, move it in or out of
//! the archive) with a live event stream open throughout; one service owner creates dialogs for
//! the demo persons and patches them at a steady pace. With a second address the streams listen
//! there while everything is written through the first: a notice has to cross instances.
//! Prints Markdown for docs/benchmarks.md; exits non-zero on any error, lost write or lost notice.
//!
//! `soak BASE STREAM_BASE SECONDS PID[,PID]` (the server processes whose memory is sampled)

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

const PERSON_URN: &str = "urn:altinn:person:identifier-no:";
/// Service-owner writes per second: a busy integration, not a flood that grows the inboxes.
const OWNER_WRITES_PER_SECOND: u64 = 20;

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// What every request kind did: latencies, and the failures with what they were.
#[derive(Default)]
struct Tally {
    samples: HashMap<&'static str, Vec<f64>>,
    errors: Vec<String>,
}

type Shared<T> = Arc<Mutex<T>>;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

struct Api {
    client: Client,
    base: String,
    tally: Shared<Tally>,
}

impl Api {
    /// One request, timed; a body of JSON or nothing. A failure is tallied and gives `None`.
    async fn call(&self, kind: &'static str, method: Method, path: &str, token: &str, body: Option<&Value>) -> Option<(StatusCode, Value)> {
        let mut req = self.client.request(method, format!("{}{path}", self.base)).bearer_auth(token);
        if let Some(body) = body {
            req = req.json(body);
        }
        let start = Instant::now();
        let outcome = match req.send().await {
            Ok(res) => {
                let status = res.status();
                let text = res.text().await.unwrap_or_default();
                Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null), text))
            }
            Err(e) => Err(e.to_string()),
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let mut tally = lock(&self.tally);
        match outcome {
            Ok((status, value, _)) if status.is_success() => {
                tally.samples.entry(kind).or_default().push(ms);
                Some((status, value))
            }
            Ok((status, _, text)) => {
                tally.errors.push(format!("{kind}: {status} {}", text.chars().take(200).collect::<String>()));
                None
            }
            Err(e) => {
                tally.errors.push(format!("{kind}: {e}"));
                None
            }
        }
    }
}

async fn token(client: &Client, base: &str, query: &str) -> String {
    let res = client.get(format!("{base}/api/{query}")).send().await.expect("token endpoint");
    assert!(res.status().is_success(), "{query}: {}", res.status());
    res.text().await.expect("token")
}

/// A simulated person: their token, the parties they search, and what they last set.
struct User {
    token: String,
    parties: Vec<String>,
}

/// Dialog id → (whose token reads it, archived or not after the last acknowledged change).
type Labels = Shared<HashMap<String, (usize, bool)>>;

async fn person_loop(api: Arc<Api>, users: Arc<Vec<User>>, me: usize, stop: Arc<AtomicBool>, labels: Labels) {
    let user = &users[me];
    let mut rng = me as u64 * 7919 + 1;
    let mut next = move |n: usize| {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((rng >> 33) as usize) % n.max(1)
    };
    while !stop.load(Ordering::Relaxed) {
        let party = &user.parties[next(user.parties.len())];
        let path = format!("/api/v1/enduser/dialogs?party={}&limit=20", enc(party));
        let Some((_, page)) = api.call("search", Method::GET, &path, &user.token, None).await else { continue };
        let items = page["items"].as_array().cloned().unwrap_or_default();
        if items.is_empty() {
            continue;
        }
        let item = &items[next(items.len())];
        let Some(id) = item["id"].as_str() else { continue };
        if api.call("open", Method::GET, &format!("/api/v1/enduser/dialogs/{id}"), &user.token, None).await.is_none() {
            continue;
        }
        let archived = item["endUserContext"]["systemLabels"].as_array().is_some_and(|l| l.iter().any(|l| l == "Archive"));
        let change = if archived { json!({"removeLabels": ["Archive"]}) } else { json!({"addLabels": ["Archive"]}) };
        let path = format!("/api/v1/enduser/dialogs/{id}/context/systemlabels");
        if api.call("label change", Method::PUT, &path, &user.token, Some(&change)).await.is_some() {
            lock(&labels).insert(id.to_owned(), (me, !archived));
        }
    }
}

/// Dialog id → (the demo person it was made for, when the create was acknowledged, its status).
type Created = Shared<HashMap<String, (usize, Instant, &'static str)>>;

async fn owner_loop(api: Arc<Api>, token: String, persons: usize, stop: Arc<AtomicBool>, created: Created) {
    let mut tick = tokio::time::interval(Duration::from_millis(1000 / OWNER_WRITES_PER_SECOND));
    let mut n = 0usize;
    let mut last: Option<String> = None;
    while !stop.load(Ordering::Relaxed) {
        tick.tick().await;
        n += 1;
        // Every other write completes the dialog made just before it.
        if let Some(id) = last.take().filter(|_| n.is_multiple_of(2)) {
            let ops = json!([{"op": "replace", "path": "/status", "value": "Completed"}]);
            let path = format!("/api/v1/serviceowner/dialogs/{id}");
            if api.call("owner patch", Method::PATCH, &path, &token, Some(&ops)).await.is_some() {
                if let Some(entry) = lock(&created).get_mut(&id) {
                    entry.2 = "Completed";
                }
            }
            continue;
        }
        let person = n % persons;
        let pid = inbox_server::demo::person_pid(person);
        let body = json!({
            "serviceResource": "urn:altinn:resource:skattemelding", "party": format!("{PERSON_URN}{pid}"), "status": "RequiresAttention",
            "content": {"title": {"value": [{"languageCode": "nb", "value": format!("Soak {n}")}]}}
        });
        if let Some((_, id)) = api.call("owner create", Method::POST, "/api/v1/serviceowner/dialogs", &token, Some(&body)).await {
            let id = id.as_str().unwrap_or_default().to_owned();
            lock(&created).insert(id.clone(), (person, Instant::now(), "RequiresAttention"));
            last = Some(id);
        }
    }
}

/// Dialog id → when a user's stream first named it.
type Heard = Shared<HashMap<(usize, String), Instant>>;

/// A session at `base` (`/auth/dev-login`): the cookie, which every instance on the database
/// honours (a dev token is signed by a key of the instance that issued it).
async fn session(client: &Client, base: &str, pid: &str) -> String {
    let res = client
        .post(format!("{base}/auth/dev-login"))
        .header(reqwest::header::ORIGIN, base)
        .json(&json!({ "pid": pid }))
        .send()
        .await
        .expect("dev login");
    assert!(res.status().is_success(), "dev login: {}", res.status());
    let cookie = res.headers()[reqwest::header::SET_COOKIE].to_str().expect("cookie");
    cookie.split(';').next().unwrap_or_default().to_owned()
}

/// A user's live stream for the whole run; counts `resync` notices (lost ones).
async fn listen(client: Client, url: String, cookie: String, me: usize, heard: Heard, resyncs: Shared<u64>, stop: Arc<AtomicBool>) {
    let mut res = client.get(url).header(reqwest::header::COOKIE, cookie).send().await.expect("event stream");
    assert!(res.status().is_success(), "event stream: {}", res.status());
    let mut buffer = String::new();
    while !stop.load(Ordering::Relaxed) {
        let Ok(chunk) = tokio::time::timeout(Duration::from_millis(500), res.chunk()).await else { continue };
        let Ok(Some(chunk)) = chunk else { break };
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if event.contains("event: resync") {
                *lock(&resyncs) += 1;
            }
            if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: ")) {
                if let Some(id) = serde_json::from_str::<Value>(data).ok().and_then(|v| v["id"].as_str().map(str::to_owned)) {
                    lock(&heard).entry((me, id)).or_insert_with(Instant::now);
                }
            }
        }
    }
}

fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb: f64 =
        status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.split_whitespace().next()?.parse().ok()).unwrap_or(0.0);
    kb / 1024.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, stream_base, seconds, pids] = &args[..] else {
        panic!("usage: soak BASE STREAM_BASE SECONDS PID[,PID]");
    };
    let seconds: u64 = seconds.parse().expect("seconds");
    let pids: Vec<u32> = pids.split(',').map(|p| p.parse().expect("pid")).collect();
    let client = Client::builder().pool_max_idle_per_host(64).build().expect("client");
    let tally = Arc::new(Mutex::new(Tally::default()));
    let api = Arc::new(Api { client: client.clone(), base: base.clone(), tally: Arc::clone(&tally) });

    // The demo persons search their own party; the accountant a random one of her organisations.
    let persons = inbox_server::demo::person_count();
    let mut users = Vec::new();
    for i in 0..persons {
        let pid = inbox_server::demo::person_pid(i);
        let token = token(&client, base, &format!("GetPersonalToken?pid={pid}&scopes=digdir:dialogporten&ttl=86400")).await;
        users.push(User { token, parties: vec![format!("{PERSON_URN}{pid}")] });
    }
    let accountant = inbox_server::demo::large::accountant_pid();
    let token_a = token(&client, base, &format!("GetPersonalToken?pid={}&scopes=digdir:dialogporten&ttl=86400", accountant.as_str())).await;
    let (_, parties) = api.call("parties", Method::GET, "/api/v1/enduser/parties", &token_a, None).await.expect("the accountant's parties");
    let orgs: Vec<String> = parties["authorizedParties"]
        .as_array()
        .map(|a| a.iter().filter(|p| p["partyType"] == "Organization").filter_map(|p| p["party"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    assert!(!orgs.is_empty(), "seed the large preset first");
    users.push(User { token: token_a, parties: orgs });
    let users = Arc::new(users);
    let owner =
        token(&client, base, "GetEnterpriseToken?org=skd&orgNo=974761076&scopes=digdir:dialogporten.serviceprovider&ttl=86400").await;

    let stop = Arc::new(AtomicBool::new(false));
    let heard: Heard = Arc::default();
    let resyncs: Shared<u64> = Arc::default();
    let mut streams = Vec::new();
    for (i, u) in users.iter().enumerate().take(persons) {
        let url = format!("{stream_base}/api/v1/inbox/events?party={}", enc(&u.parties[0]));
        let cookie = session(&client, stream_base, &inbox_server::demo::person_pid(i)).await;
        streams.push(tokio::spawn(listen(client.clone(), url, cookie, i, Arc::clone(&heard), Arc::clone(&resyncs), Arc::clone(&stop))));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;

    let rss_start: Vec<f64> = pids.iter().map(|p| rss_mb(*p)).collect();
    let labels: Labels = Arc::default();
    let created: Created = Arc::default();
    let mut workers = Vec::new();
    for me in 0..users.len() {
        workers.push(tokio::spawn(person_loop(Arc::clone(&api), Arc::clone(&users), me, Arc::clone(&stop), Arc::clone(&labels))));
    }
    workers.push(tokio::spawn(owner_loop(Arc::clone(&api), owner.clone(), persons, Arc::clone(&stop), Arc::clone(&created))));
    let started = Instant::now();
    let mut rss_peak = rss_start.clone();
    while started.elapsed() < Duration::from_secs(seconds) {
        tokio::time::sleep(Duration::from_secs(5)).await;
        for (peak, pid) in rss_peak.iter_mut().zip(&pids) {
            *peak = peak.max(rss_mb(*pid));
        }
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.await.expect("worker");
    }
    let elapsed = started.elapsed().as_secs_f64();
    // Notices still on their way get two seconds.
    tokio::time::sleep(Duration::from_secs(2)).await;
    for s in streams {
        s.await.expect("stream");
    }
    let rss_end: Vec<f64> = pids.iter().map(|p| rss_mb(*p)).collect();

    // Every acknowledged write, read back.
    let mut lost = Vec::new();
    let acknowledged = lock(&labels).clone();
    for (id, (user, archived)) in acknowledged {
        let path = format!("/api/v1/enduser/dialogs/{id}");
        if let Some((_, d)) = api.call("read back", Method::GET, &path, &users[user].token, None).await {
            let now = d["endUserContext"]["systemLabels"].as_array().is_some_and(|l| l.iter().any(|l| l == "Archive"));
            if now != archived {
                lost.push(format!("label of {id}: archived {archived} acknowledged, {now} read"));
            }
        }
    }
    let created = lock(&created).clone();
    for (id, (_, _, status)) in &created {
        let path = format!("/api/v1/serviceowner/dialogs/{id}");
        if let Some((_, d)) = api.call("read back", Method::GET, &path, &owner, None).await {
            if d["status"] != *status {
                lost.push(format!("status of {id}: {status} acknowledged, {} read", d["status"]));
            }
        }
    }
    let heard = lock(&heard).clone();
    let mut delays = Vec::new();
    let mut unheard = 0;
    for (id, (person, acked, _)) in &created {
        match heard.get(&(*person, id.clone())) {
            // Heard before the create's answer came back counts as no delay.
            Some(at) => delays.push(at.saturating_duration_since(*acked).as_secs_f64() * 1000.0),
            None => unheard += 1,
        }
    }
    delays.sort_by(f64::total_cmp);

    let tally = lock(&tally);
    println!("| request | count | per second | p50 | p99 | max |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut kinds: Vec<_> = tally.samples.iter().collect();
    kinds.sort_by_key(|(k, _)| *k);
    for (kind, samples) in kinds {
        let mut s = samples.clone();
        s.sort_by(f64::total_cmp);
        // The set-up and the reading back afterwards are not part of the load.
        let rate = if matches!(*kind, "parties" | "read back") { "–".to_owned() } else { format!("{:.0}", s.len() as f64 / elapsed) };
        println!(
            "| {kind} | {} | {rate} | {:.1} ms | {:.1} ms | {:.1} ms |",
            s.len(),
            percentile(&s, 0.5),
            percentile(&s, 0.99),
            s.last().copied().unwrap_or(f64::NAN)
        );
    }
    println!();
    println!("- users: {} (each with a live stream but the accountant) and one service owner, for {elapsed:.0} s", users.len());
    println!("- errors: **{}**{}", tally.errors.len(), tally.errors.first().map(|e| format!(" (first: {e})")).unwrap_or_default());
    println!(
        "- acknowledged writes read back: {} label changes (last per dialog), {} dialogs created; lost: **{}**{}",
        lock(&labels).len(),
        created.len(),
        lost.len(),
        lost.first().map(|e| format!(" (first: {e})")).unwrap_or_default()
    );
    println!(
        "- live notices of the created dialogs: {} of {} heard, p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms after the create was answered (0: before it); resyncs: {}",
        delays.len(),
        created.len(),
        percentile(&delays, 0.5),
        percentile(&delays, 0.99),
        delays.last().copied().unwrap_or(f64::NAN),
        lock(&resyncs)
    );
    for i in 0..pids.len() {
        println!(
            "- server{} RSS: start {:.0} MB, peak {:.0} MB, end {:.0} MB (budget ≤ 200 MB)",
            if pids.len() > 1 { format!(" {}", i + 1) } else { String::new() },
            rss_start[i],
            rss_peak[i],
            rss_end[i],
        );
    }
    let failed = !tally.errors.is_empty() || !lost.is_empty() || unheard > 0 || rss_peak.iter().any(|m| *m > 200.0);
    if failed {
        eprintln!("soak failed: {} errors, {} lost writes, {unheard} notices not heard", tally.errors.len(), lost.len());
        for e in tally.errors.iter().take(20) {
            eprintln!("  {e}");
        }
        std::process::exit(1);
    }
}
