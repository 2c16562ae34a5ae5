//! The two commands around the pipeline: `simulate-sources` (fill the source systems and keep
//! them busy) and `migrate` (history, live sync, pause and resume). `main.rs` parses the
//! arguments; this holds what they do, so tests can call the same code the binary runs.

use std::{path::Path, time::Duration};

use dialogporten::migration::LiveState;

use super::{
    pipeline::{Pipeline, PipelineError},
    simulate::{Owners, Simulator},
    source_store::SourceStore,
    Family,
};
use crate::{
    domain::clock::Clock,
    store::{BatchCounts, Store, StoreError},
};

const PERSON: &str = "urn:altinn:person:identifier-no:";
const ORGANISATION: &str = "urn:altinn:organization:identifier-no:";

/// The simulated items' owners and agencies: the target's own register, so that items map.
pub async fn owners(store: &Store) -> Result<Owners, StoreError> {
    let (parties, owners) = store.register_snapshot().await?;
    let mut out = Owners::default();
    for (urn, party_id) in parties {
        if let Some(pid) = urn.strip_prefix(PERSON) {
            out.persons.push((pid.to_owned(), party_id));
            out.party_ids.push(party_id);
        } else if let Some(org) = urn.strip_prefix(ORGANISATION) {
            out.organisations.push((org.to_owned(), party_id));
            out.party_ids.push(party_id);
        }
    }
    out.persons.sort();
    out.organisations.sort();
    out.party_ids.sort_unstable();
    out.agencies = owners.into_iter().map(|o| (o.org, o.name)).collect();
    Ok(out)
}

#[derive(Clone, Debug)]
pub struct SimulateOptions {
    /// Items of history to write when the store is empty.
    pub items: usize,
    /// How many years back the history reaches.
    pub years: u32,
    pub seed: u64,
    /// Keep producing new items and changes at this interval; `None` stops after the history.
    pub live_interval: Option<Duration>,
    pub new_per_tick: usize,
    pub changes_per_tick: usize,
    /// "Now" for the history's span and the live items' times.
    pub clock: Clock,
}

/// Fills an empty source store with history (in chunks, reporting progress), then, if asked,
/// produces new items and changes until stopped.
pub async fn simulate_sources(
    store: &Store,
    sources: &SourceStore,
    o: &SimulateOptions,
    mut progress: impl FnMut(&str),
) -> Result<(), Box<dyn std::error::Error>> {
    let owners = owners(store).await?;
    if owners.party_ids.is_empty() || owners.agencies.is_empty() {
        return Err("the target database has no parties or service owners: seed it first (inbox-server seed)".into());
    }
    let existing = item_count(sources).await?;
    // Another run on the same store continues its keys and draws other instance ids.
    let mut sim = Simulator::new(o.seed ^ (sources.last_seq().await? as u64).rotate_left(29), owners, sources.max_a2_key().await?);
    if existing == 0 && o.items > 0 {
        // Oldest first, so change numbers grow with time as they would have at the source;
        // written in chunks, so a million items need not be held at once.
        let now = o.clock.now().unix_seconds();
        let times = sim.history_times(o.items, now - i64::from(o.years) * 365 * 86_400, now - 60);
        for (n, chunk) in times.chunks(20_000).enumerate() {
            let items: Vec<_> = chunk.iter().map(|&t| sim.history_item(t, now)).collect();
            sources.put_all(&items.iter().map(|s| s.new_item()).collect::<Vec<_>>()).await?;
            progress(&format!("{} items of history", n * 20_000 + chunk.len()));
        }
    } else {
        progress(&format!("the store already holds {existing} items; no history written"));
    }
    let Some(interval) = o.live_interval else { return Ok(()) };
    progress(&format!(
        "producing {} new items and {} changes every {} s (Ctrl-C stops)",
        o.new_per_tick,
        o.changes_per_tick,
        interval.as_secs_f64()
    ));
    loop {
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = tokio::signal::ctrl_c() => return Ok(()),
        }
        let n = sim.tick(sources, o.clock.now().unix_seconds(), o.new_per_tick, o.changes_per_tick).await?;
        progress(&format!("{n} new items and changes"));
    }
}

async fn item_count(sources: &SourceStore) -> Result<i64, sqlx::Error> {
    let mut total = 0;
    for f in Family::ALL {
        total += sources.count(f).await?;
    }
    Ok(total)
}

/// What `migrate` is asked to do.
#[derive(Clone, Debug)]
pub enum MigrateCommand {
    Work(Work),
    Pause {
        reason: String,
    },
    Resume,
    /// The quarantined items with their reasons.
    Quarantine,
}

/// The commands that read the sources.
#[derive(Clone, Debug)]
pub enum Work {
    /// All history of the families, batch after batch, then stop; with `again`, from the
    /// cut-over once more (a re-run compares every item and writes only what differs).
    History { again: bool },
    /// Live sync every `interval`; with `once`, one round and stop.
    Live { interval: Duration, once: bool },
    /// History and live sync together, as in production: each round syncs live changes, then
    /// works on history until the next round is due.
    Run { interval: Duration },
}

pub fn describe(family: Family, what: &str, c: &BatchCounts) -> String {
    format!(
        "{} {what}: {} items ({} new, {} changed, {} unchanged, {} waiting, {} quarantined)",
        family.as_str(),
        c.items(),
        c.inserted,
        c.updated,
        c.unchanged,
        c.waiting,
        c.quarantined
    )
}

/// One round of live sync over the families; a paused family is reported and skipped.
async fn live_round(p: &Pipeline, families: &[Family], progress: &mut impl FnMut(&str)) -> Result<(), PipelineError> {
    for &f in families {
        match p.live(f).await {
            Ok(c) => {
                if c.items() > 0 {
                    progress(&describe(f, "live", &c));
                }
            }
            Err(PipelineError::Paused(source, reason)) => progress(&format!("{source} paused: {reason}")),
            // A source that cannot be read is shown as failing and tried again next round; only
            // a target that cannot be written stops the run.
            Err(PipelineError::Source(e)) => {
                progress(&format!("{}: {e}", f.live_source()));
                Pipeline::set_live(p.store(), f, LiveState::Failing, Some(&format!("the source cannot be read: {e}")), p.now()).await?;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

pub async fn migrate(
    store: Store,
    sources: &Path,
    batch: u32,
    families: &[Family],
    command: MigrateCommand,
    clock: Clock,
    mut progress: impl FnMut(&str),
) -> Result<(), Box<dyn std::error::Error>> {
    let families: Vec<Family> = if families.is_empty() { Family::ALL.to_vec() } else { families.to_vec() };
    match command {
        MigrateCommand::Pause { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err("a pause needs a reason (it is shown on the status page)".into());
            }
            for &f in &families {
                Pipeline::set_live(&store, f, LiveState::Paused, Some(reason), clock.now()).await?;
                progress(&format!("{} paused: {reason}", f.live_source()));
            }
        }
        MigrateCommand::Resume => {
            for &f in &families {
                Pipeline::set_live(&store, f, LiveState::Ok, None, clock.now()).await?;
                progress(&format!("{} resumed", f.live_source()));
            }
        }
        MigrateCommand::Quarantine => {
            for &f in &families {
                for (key, reason) in store.quarantined_items(f.as_str()).await? {
                    progress(&format!("{}\t{key}\t{reason}", f.as_str()));
                }
            }
        }
        MigrateCommand::Work(work) => {
            if !sources.exists() {
                return Err(format!("no source store at {} (inbox-server simulate-sources --store … makes one)", sources.display()).into());
            }
            let p = Pipeline::new(store, SourceStore::open(sources).await?, batch, clock).await?;
            work_on(&p, &families, work, &mut progress).await?;
        }
    }
    Ok(())
}

async fn work_on(p: &Pipeline, families: &[Family], work: Work, progress: &mut impl FnMut(&str)) -> Result<(), PipelineError> {
    match work {
        Work::History { again } => {
            for &f in families {
                if again {
                    p.restart_history(f).await?;
                }
                let started = std::time::Instant::now();
                let c = p.history(f).await?;
                let secs = started.elapsed().as_secs_f64();
                progress(&format!("{} in {secs:.1} s ({:.0} items/s)", describe(f, "history", &c), c.items() as f64 / secs.max(1e-9)));
            }
        }
        Work::Live { interval, once } => loop {
            live_round(p, families, progress).await?;
            if once {
                break;
            }
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = tokio::signal::ctrl_c() => break,
            }
        },
        Work::Run { interval } => loop {
            let round = tokio::time::Instant::now() + interval;
            live_round(p, families, progress).await?;
            // History in turns, a batch per family, until the next round is due.
            let mut pending = families.to_vec();
            while !pending.is_empty() && tokio::time::Instant::now() < round {
                let mut still = Vec::new();
                for f in pending {
                    let (c, done) = p.history_batch(f).await?;
                    if c.items() > 0 {
                        progress(&describe(f, "history batch", &c));
                    }
                    if !done {
                        still.push(f);
                    }
                }
                pending = still;
            }
            tokio::select! {
                _ = tokio::time::sleep_until(round) => {}
                _ = tokio::signal::ctrl_c() => break,
            }
        },
    }
    Ok(())
}
