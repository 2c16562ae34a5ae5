//! The migration pipeline over simulated Altinn 2/3 sources, on SQLite and PostgreSQL: history
//! gives exactly the expected dialogs, dates and watermarks; a re-run changes nothing; `kill -9`
//! during a batch and a restart end with exactly the expected set; a live change shows by the
//! next sync; a pause shows on the status API with its reason until resumed.

mod common;

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Duration,
};

use dialogporten::{SystemLabel, UtcDateTime};
use inbox_server::{
    domain::clock::Clock,
    migration::{
        mapping::{self, Outcome},
        pipeline,
        run::{self, MigrateCommand, SimulateOptions, Work},
        simulate,
        source_store::SourceStore,
        Family,
    },
    store::Store,
};
use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

/// The tests' clock: from half an hour after Norway moved to summer time (01:00 UTC, 29 March
/// 2026), so the simulated history's last hours cross the change and no result depends on the
/// day the tests run. It runs on from there (each batch records its watermark at its own time),
/// one clock for the whole binary, so a server and a pipeline read the same time.
fn clock() -> Clock {
    static CLOCK: std::sync::OnceLock<Clock> = std::sync::OnceLock::new();
    CLOCK.get_or_init(|| Clock::running_from(UtcDateTime::parse("2026-03-29T01:30:00Z").expect("an instant"))).clone()
}

/// Fills a source store beside the target with `items` items of history over `years` years.
async fn fill(dir: &Path, store: &Store, items: usize, years: u32) -> (PathBuf, SourceStore) {
    let path = dir.join("sources.db");
    let sources = SourceStore::open(&path).await.expect("source store");
    let o = SimulateOptions { items, years, seed: 7, live_interval: None, new_per_tick: 0, changes_per_tick: 0, clock: clock() };
    run::simulate_sources(store, &sources, &o, |_| {}).await.expect("simulates");
    (path, sources)
}

/// What the rules make of every item in the sources: per family, item key → outcome.
async fn expected(store: &Store, sources: &SourceStore) -> BTreeMap<(Family, String), Outcome> {
    let register = pipeline::register(store).await.unwrap();
    let mut out = BTreeMap::new();
    for f in Family::ALL {
        for item in sources.all(f).await.unwrap() {
            out.insert((f, item.key.clone()), mapping::map(&item, &register, true));
        }
    }
    out
}

async fn migrate(store: &Store, sources: &Path, work: Work) {
    run::migrate(store.clone(), sources, 40, &[], MigrateCommand::Work(work), clock(), |_| {}).await.expect("migrates");
}

/// Every migrated dialog in the target: its id → the source it is counted under.
async fn migrated_set(store: &Store) -> BTreeMap<Uuid, String> {
    store.migrated_dialog_ids().await.unwrap().into_iter().collect()
}

fn source_status<'a>(body: &'a Value, id: &str) -> &'a Value {
    body["sources"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("{id} on the status page"))
}

fn time(v: &Value) -> UtcDateTime {
    UtcDateTime::parse(v.as_str().unwrap_or_else(|| panic!("a time: {v}"))).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn history_gives_exactly_the_expected_dialogs_and_watermarks_and_a_rerun_changes_nothing() {
    on_each_backend!(|s| {
        let store = Store::connect(&s.database_url).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (path, sources) = fill(dir.path(), &store, 1_600, 6).await;
        let expected = expected(&store, &sources).await;
        // The demo's own migrated dialogs are counted under the same sources.
        let demo = s.get("/api/v1/migration/status", None).await.1;
        let demo_dialogs: u64 = Family::ALL.iter().map(|f| source_status(&demo, f.historical_source())["dialogs"].as_u64().unwrap()).sum();
        let demo_total = store.count_dialogs().await.unwrap();
        migrate(&store, &path, Work::History { again: false }).await;

        // Exactly one dialog per mappable item, under its deterministic id, nothing else.
        let want: BTreeMap<Uuid, (Family, &String)> = expected
            .iter()
            .filter_map(|((f, k), o)| match o {
                Outcome::Dialog(m) => Some((m.dialog.dialog.id, (*f, k))),
                _ => None,
            })
            .collect();
        let got = migrated_set(&store).await;
        assert_eq!(got.keys().collect::<BTreeSet<_>>(), want.keys().collect::<BTreeSet<_>>(), "{}", s.backend);
        let quarantined = expected.values().filter(|o| matches!(o, Outcome::Quarantined(_))).count();
        let waiting = expected.values().filter(|o| matches!(o, Outcome::Waiting(_))).count();
        assert!(quarantined > 0 && waiting > 0, "the simulator makes items to quarantine ({quarantined}) and to skip ({waiting})");
        assert_eq!(want.len() + quarantined + waiting, expected.len(), "every item is accounted for");
        assert_eq!(store.count_dialogs().await.unwrap(), demo_total + want.len() as i64, "no other dialog was written");

        // Dates are the sources' own (the item's creation instant, not its local-time text read as UTC).
        for f in Family::ALL {
            for item in sources.all(f).await.unwrap() {
                let Some(Outcome::Dialog(m)) = expected.get(&(f, item.key.clone())) else { continue };
                let row = store.get_dialog_any(m.dialog.dialog.id).await.unwrap().expect("migrated");
                assert_eq!(row.stored.dialog.created_at, read_back(f, item.created_at), "{} {}", f.as_str(), item.key);
                assert!(row.stored.dialog.updated_at >= row.stored.dialog.created_at);
            }
        }

        // No identity number in any link a migrated dialog carries.
        let pids: Vec<String> = run::owners(&store).await.unwrap().persons.into_iter().map(|(pid, _)| pid).collect();
        for id in want.keys() {
            let d = store.get_dialog_any(*id).await.unwrap().unwrap().stored.dialog;
            let urls = d
                .gui_actions
                .iter()
                .map(|a| a.url.as_str())
                .chain(d.attachments.iter().flat_map(|a| a.urls.iter().map(|u| u.url.as_str())));
            for url in urls {
                assert!(!pids.iter().any(|p| url.contains(p.as_str())), "an identity number in {url}");
            }
        }

        // The status page counts them, with the watermark at the oldest item and its history.
        let (status, body, _) = s.get("/api/v1/migration/status", None).await;
        assert_eq!(status, StatusCode::OK);
        let mut total = (0, 0, 0);
        for f in Family::ALL {
            let src = source_status(&body, f.historical_source());
            let oldest = sources.all(f).await.unwrap().iter().map(|i| i.created_at).min().unwrap();
            assert_eq!(time(&src["migratedBackTo"]), oldest, "{}: {src}", f.historical_source());
            assert_eq!(src["historyComplete"], true);
            assert_eq!(src["health"], "ok", "{src}");
            let marks: Vec<UtcDateTime> = src["history"].as_array().unwrap().iter().map(|p| time(&p["migratedBackTo"])).collect();
            assert!(marks.len() > 2 && marks.windows(2).all(|w| w[1] < w[0]), "the watermark moved back batch by batch: {marks:?}");
            assert!(src["lastRun"].is_string(), "{src}");
            total.0 += src["dialogs"].as_u64().unwrap();
            total.1 += src["quarantined"].as_u64().unwrap();
            total.2 += src["waiting"].as_u64().unwrap();
        }
        assert_eq!(total, (demo_dialogs + want.len() as u64, quarantined as u64, waiting as u64));

        // A person archives one; a run from the cut-over again compares every item and writes nothing.
        let (&kept_id, _) = got.iter().next().unwrap();
        let mut row = store.get_dialog_any(kept_id).await.unwrap().unwrap();
        let before_folder = row.stored.dialog.end_user_context.folder();
        let other = if before_folder == SystemLabel::Archive { SystemLabel::Default } else { SystemLabel::Archive };
        row.stored.dialog.end_user_context.system_labels.retain(|l| !l.is_folder());
        row.stored.dialog.end_user_context.system_labels.push(other);
        store.put_dialog(&row.stored).await.unwrap();
        let snapshot = store.migrated_dialog_docs().await.unwrap();
        let p = pipeline::Pipeline::new(store.clone(), SourceStore::open(&path).await.unwrap(), 40, clock()).await.unwrap();
        let mut counts = inbox_server::store::BatchCounts::default();
        for f in Family::ALL {
            p.restart_history(f).await.unwrap();
            counts.add(p.history(f).await.unwrap());
        }
        assert_eq!((counts.inserted, counts.updated, counts.unchanged as usize), (0, 0, expected.len()), "{counts:?}");
        assert_eq!(store.migrated_dialog_docs().await.unwrap(), snapshot, "a re-run changes no dialog");
        assert_eq!(store.get_dialog_any(kept_id).await.unwrap().unwrap().stored.dialog.end_user_context.folder(), other);
    });
}

fn migrate_process(url: &str, store: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_inbox-server"))
        .args(["migrate", "--store", &store.display().to_string(), "--database-url", url, "--batch", "25", "history"])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server binary starts")
}

#[tokio::test(flavor = "multi_thread")]
async fn kill_9_during_a_batch_and_a_restart_end_with_exactly_the_expected_set() {
    for (backend, url, dir) in common::backends().await {
        let url = if backend == "sqlite" { format!("sqlite://{}", dir.path().join("kill.db").display()) } else { url };
        let store = Store::connect(&url).await.unwrap();
        inbox_server::demo::seed_if_empty(&store).await.unwrap();
        let demo_total = store.count_dialogs().await.unwrap();
        let (path, sources) = fill(dir.path(), &store, 6_000, 4).await;
        let expected = expected(&store, &sources).await;
        let want: BTreeSet<Uuid> =
            expected.values().filter_map(|o| if let Outcome::Dialog(m) = o { Some(m.dialog.dialog.id) } else { None }).collect();

        let mut killed_at = Vec::new();
        for _ in 0..3 {
            let mut child = migrate_process(&url, &path);
            // Let it get into the work, then kill it mid-run: no shutdown, no flush.
            let start = store.migration_item_total().await.unwrap();
            for _ in 0..400 {
                if store.migration_item_total().await.unwrap() > start + 60 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            child.kill().expect("SIGKILL");
            child.wait().unwrap();
            killed_at.push(store.migration_item_total().await.unwrap());
        }
        assert!(
            killed_at.iter().all(|&n| n > 0 && (n as usize) < expected.len()),
            "{backend}: killed in the middle ({killed_at:?} of {})",
            expected.len()
        );
        eprintln!("{backend}: killed with {killed_at:?} of {} items recorded", expected.len());
        let status = migrate_process(&url, &path).wait().unwrap();
        assert!(status.success(), "{backend}: the restart completes");
        let got: BTreeSet<Uuid> = migrated_set(&store).await.into_keys().collect();
        let missing: Vec<_> = want.difference(&got).take(5).collect();
        let extra: Vec<_> = got.difference(&want).take(5).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{backend}: gaps {missing:?}…, extra dialogs {extra:?}… (killed at {killed_at:?})");
        assert_eq!(store.migration_item_total().await.unwrap() as usize, expected.len(), "{backend}: every item recorded once");
        assert_eq!(store.count_dialogs().await.unwrap(), demo_total + want.len() as i64, "{backend}: no duplicates");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_live_change_shows_by_the_next_sync_and_a_pause_shows_its_reason_until_resumed() {
    for (backend, url, dir) in common::backends().await {
        // The server reads the clock the pipeline writes by: a live sync is as fresh as it says.
        let config =
            inbox_server::Config { clock: clock(), ..common::config(&url, None, true, inbox_server::http::limits::Limits::unmetered()) };
        let s = common::serve(backend, url, dir, config).await;
        let store = Store::connect(&s.database_url).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (path, sources) = fill(dir.path(), &store, 300, 2).await;
        migrate(&store, &path, Work::History { again: false }).await;
        let register = pipeline::register(&store).await.unwrap();

        // Live sync every second in the background, as `inbox-server migrate live --interval 1`;
        // what each round reports (changes synced, a paused source skipped) comes over a channel,
        // which is how the test knows a round has run.
        let (st, p) = (store.clone(), path.clone());
        let (tx, mut rounds) = tokio::sync::mpsc::unbounded_channel::<String>();
        let live = tokio::spawn(async move {
            let report = move |line: &str| drop(tx.send(line.to_owned()));
            run::migrate(
                st,
                &p,
                40,
                &[],
                MigrateCommand::Work(Work::Live { interval: Duration::from_secs(1), once: false }),
                clock(),
                report,
            )
            .await
            .map_err(|e| e.to_string())
        });

        // Two correspondences read but not archived at source.
        let mut read = sources
            .all(Family::A2Correspondence)
            .await
            .unwrap()
            .into_iter()
            .filter(|i| i.body.contains("\"Status\":\"Lest\"") && matches!(mapping::map(i, &register, true), Outcome::Dialog(_)));
        let (first, second) = (read.next().expect("a read correspondence"), read.next().expect("another"));
        let folder = |id: Uuid| {
            let store = store.clone();
            async move { store.get_dialog_any(id).await.unwrap().unwrap().stored.dialog.end_user_context.folder() }
        };
        let archive = |item: &inbox_server::migration::source_store::SourceItem| {
            let (sources, item) = (sources.clone(), item.clone());
            async move {
                let now = clock().now().unix_seconds();
                simulate::change_at_source(&sources, &item, now).await.unwrap().expect("it can be archived");
            }
        };
        let id_of = |item: &inbox_server::migration::source_store::SourceItem| match mapping::map(item, &register, true) {
            Outcome::Dialog(m) => m.dialog.dialog.id,
            other => panic!("{other:?}"),
        };
        let source = Family::A2Correspondence.live_source();
        let synced = format!("{} live:", Family::A2Correspondence.as_str());
        let synced_one = |l: &str| l.starts_with(&synced) && l.contains(" 1 changed");
        let skipped = format!("{source} paused");

        assert_eq!(folder(id_of(&first)).await, SystemLabel::Default);
        archive(&first).await;
        assert!(next_report(&mut rounds, synced_one).await.is_some(), "{}: live sync runs every interval", s.backend);
        let dialog = store.get_dialog_any(id_of(&first)).await.unwrap().unwrap().stored.dialog;
        assert_eq!(dialog.end_user_context.folder(), SystemLabel::Archive, "{}: the source's archiving shows", s.backend);
        assert_eq!(dialog.created_at, first.created_at, "the date stays the source's");
        // The move is in the label log, as the service owner's, like any other label change.
        let log = store.label_log(id_of(&first)).await.unwrap();
        let entry = log.iter().find(|e| e.name == "systemlabel:Archive").unwrap_or_else(|| panic!("the archiving is logged: {log:?}"));
        assert_eq!((entry.action.as_str(), entry.performed_by.actor_type), ("set", dialogporten::ActorType::ServiceOwner));

        // Pause: ⚠ with the reason, and changes wait. Resume: ok again, and the change comes.
        let reason = "Manglende meldinger fra 2023";
        let only = [Family::A2Correspondence];
        run::migrate(store.clone(), &path, 40, &only, MigrateCommand::Pause { reason: reason.into() }, clock(), |_| {}).await.unwrap();
        let body = s.get("/api/v1/migration/status", None).await.1;
        let src = source_status(&body, source);
        assert_eq!(
            (src["health"].as_str(), src["live"]["state"].as_str(), src["live"]["reason"].as_str()),
            (Some("warning"), Some("paused"), Some(reason)),
            "{src}"
        );
        assert!(src["reasons"].as_array().unwrap().iter().any(|r| r == "paused"));
        archive(&second).await;
        // Two rounds reported after the change: the second began after it, found the source
        // paused and synced nothing.
        while rounds.try_recv().is_ok() {}
        for _ in 0..2 {
            assert!(next_report(&mut rounds, |l| l.starts_with(&skipped)).await.is_some(), "{}: the paused round is reported", s.backend);
        }
        assert_eq!(folder(id_of(&second)).await, SystemLabel::Default, "{}: nothing is synced while paused", s.backend);
        run::migrate(store.clone(), &path, 40, &only, MigrateCommand::Resume, clock(), |_| {}).await.unwrap();
        assert!(next_report(&mut rounds, synced_one).await.is_some(), "{}: the change made while paused is synced", s.backend);
        let body = s.get("/api/v1/migration/status", None).await.1;
        let src = source_status(&body, source);
        assert_eq!((src["health"].as_str(), src["live"]["state"].as_str()), (Some("ok"), Some("ok")), "{src}");
        assert!(src["live"]["reason"].is_null(), "{src}");
        assert_eq!(folder(id_of(&second)).await, SystemLabel::Archive, "{}: the change made while paused comes after resuming", s.backend);
        live.abort();
    }
}

/// The next line a live loop reports that `wanted` accepts, or None after 20 s without one (the
/// loop is stuck or never does what is awaited).
async fn next_report(rounds: &mut tokio::sync::mpsc::UnboundedReceiver<String>, wanted: impl Fn(&str) -> bool) -> Option<String> {
    loop {
        match tokio::time::timeout(Duration::from_secs(20), rounds.recv()).await {
            Ok(Some(line)) if wanted(&line) => return Some(line),
            Ok(Some(_)) => continue,
            _ => return None,
        }
    }
}

/// The creation instant a family's source text gives back. Altinn 2 writes Norwegian local time
/// without an offset, so an instant in the second pass of the doubled autumn hour reads as the
/// first (the documented rule, docs/migration.md); every other instant is its own.
fn read_back(f: Family, created: UtcDateTime) -> UtcDateTime {
    use inbox_server::migration::oslo::format_a2;
    let hour_before = UtcDateTime::from_unix_seconds(created.unix_seconds() - 3600).unwrap();
    let a2 = matches!(f, Family::A2Correspondence | Family::A2Form);
    if a2 && format_a2(created) == format_a2(hour_before) {
        hour_before
    } else {
        created
    }
}

/// One write path: a person archives a migrated dialog while a live-sync batch writes the source's
/// new version of it, and neither change is lost. The interleaving is forced on PostgreSQL: the
/// person's write is made in the test's own transaction, which holds the dialog's row while the
/// batch reads the dialog and waits to write it; the batch's write must then see the archive.
#[tokio::test(flavor = "multi_thread")]
async fn on_postgresql_a_persons_archive_during_a_source_update_is_kept_and_so_is_the_update() {
    use sqlx::Connection;
    let url = common::fresh_pg().await;
    let store = Store::connect(&url).await.unwrap();
    inbox_server::demo::seed_if_empty(&store).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (path, sources) = fill(dir.path(), &store, 300, 2).await;
    migrate(&store, &path, Work::History { again: false }).await;
    let register = pipeline::register(&store).await.unwrap();
    let mapped = |item: &inbox_server::migration::source_store::SourceItem| match mapping::map(item, &register, false) {
        Outcome::Dialog(m) => m.dialog,
        other => panic!("{other:?}"),
    };

    // An unread correspondence that its source will mark read: new content, same folder.
    let item = sources
        .all(Family::A2Correspondence)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.body.contains("\"Status\":\"Ulest\"") && matches!(mapping::map(i, &register, false), Outcome::Dialog(_)))
        .expect("an unread correspondence");
    let id = mapped(&item).dialog.id;
    let changed = simulate::change_at_source(&sources, &item, clock().now().unix_seconds()).await.unwrap().expect("it can be read");
    let without_context = |mut d: dialogporten::serviceowner::ServiceOwnerDialog| {
        d.dialog.end_user_context.system_labels.clear();
        d.dialog.end_user_context.revision = Uuid::nil();
        d.dialog.system_label = SystemLabel::Default;
        d
    };
    assert_ne!(without_context(mapped(&item)), without_context(mapped(&changed)), "the source's change changes the dialog");

    // The person's archive, written as the store writes it, in a transaction that holds the row.
    let row = store.get_dialog_any(id).await.unwrap().unwrap();
    let mut archived = row.stored.clone();
    archived.dialog.end_user_context.system_labels = vec![SystemLabel::Archive];
    archived.dialog.system_label = SystemLabel::Archive;
    let mut person = sqlx::PgConnection::connect(&url).await.unwrap();
    let mut tx = person.begin().await.unwrap();
    sqlx::query("SELECT doc FROM dialogs WHERE id = $1 FOR UPDATE").bind(id.to_string()).execute(&mut *tx).await.unwrap();

    // The batch reads the dialog and waits for the row.
    let (st, p) = (store.clone(), path.clone());
    let batch = tokio::spawn(async move {
        let once = MigrateCommand::Work(Work::Live { interval: Duration::from_secs(1), once: true });
        run::migrate(st, &p, 40, &[Family::A2Correspondence], once, clock(), |_| {}).await.map_err(|e| e.to_string())
    });
    let mut watcher = sqlx::PgConnection::connect(&url).await.unwrap();
    let mut waiting = false;
    for _ in 0..400 {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .fetch_one(&mut watcher)
                .await
                .unwrap();
        if n > 0 {
            waiting = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(waiting, "the batch waits for the dialog's row");
    sqlx::query("UPDATE dialogs SET doc = $1 WHERE id = $2")
        .bind(serde_json::to_string(&archived).unwrap())
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    batch.await.unwrap().expect("the batch completes");

    let got = store.get_dialog_any(id).await.unwrap().unwrap().stored;
    assert_eq!(got.dialog.end_user_context.folder(), SystemLabel::Archive, "the person's archive is kept");
    assert_eq!(without_context(got), without_context(mapped(&changed)), "the source's change is written");
}

/// Which create rules (`domain::serviceowner::create::validate`, Dialogporten's create validator)
/// a migrated dialog may break: none. The pipeline writes the mapped dialog directly, not through
/// the create use case, because it keeps what Dialogporten's migration keeps (the source's ids,
/// dates and revisions, silently); the dialog itself must still be one a service owner could have
/// created. This pins it, so a mapping change that breaks a rule fails here (it found a PUT GUI
/// action, actors with neither id nor name, and change times after the present in the simulated
/// sources).
#[tokio::test(flavor = "multi_thread")]
async fn migrated_dialogs_break_only_the_create_rules_the_migration_may_skip() {
    use dialogporten::serviceowner::CreateDialog;
    use inbox_server::domain::{caller::ServiceOwner, serviceowner::create, DomainError};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}", dir.path().join("rules.db").display())).await.unwrap();
    inbox_server::demo::seed_if_empty(&store).await.unwrap();
    let (path, _) = fill(dir.path(), &store, 600, 3).await;
    migrate(&store, &path, Work::History { again: false }).await;
    let admin = ServiceOwner {
        org: "digdir".into(),
        org_no: "991825827".into(),
        admin: true,
        can_search: true,
        can_change_transmissions: true,
        can_correspond: true,
    };
    // The pipeline's dialogs (the demo's own "migrated" examples are seed data, not its output).
    let piped: BTreeSet<String> = store.migrated_dialog_ids().await.unwrap().into_iter().map(|(id, _)| id.to_string()).collect();
    let docs: Vec<(String, String)> =
        store.migrated_dialog_docs().await.unwrap().into_iter().filter(|(id, _)| piped.contains(id)).collect();
    assert!(docs.len() > 100, "enough migrated dialogs to see every shape ({})", docs.len());
    // Rule (field, indices left out) → how many dialogs break it, and one message.
    let mut broken: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (id, doc) in &docs {
        let req: CreateDialog =
            dialogporten::lenient::from_slice(doc.as_bytes()).unwrap_or_else(|e| panic!("{id} reads as a create request: {e:?}"));
        match create::validate(&req, &admin, clock().now()) {
            Ok(()) => {}
            Err(DomainError::Validation(errors)) => {
                for (key, messages) in errors {
                    let shape: String =
                        key.split('[').map(|p| p.split_once(']').map_or(p.to_owned(), |(_, rest)| format!("[]{rest}"))).collect();
                    broken.entry(shape).or_insert_with(|| (0, messages.join(" "))).0 += 1;
                }
            }
            Err(other) => panic!("{id}: {other}"),
        }
    }
    assert!(broken.is_empty(), "create rules migrated dialogs break: {broken:#?}");
}
