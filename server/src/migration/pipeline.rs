//! Runs the migration: per family, history in batches newest first from the cut-over backwards,
//! and live sync of every change after the cut-over. Each batch is written in one transaction
//! with its cursor (`Store::apply_migration_batch`), so stopping anywhere, `kill -9` included,
//! and starting again redoes at most the batch in hand: no gaps, no duplicates.

use dialogporten::migration::LiveState;
use sha2::{Digest, Sha256};

use super::{
    mapping::{self, Outcome, Register},
    source_store::{SourceItem, SourceStore},
    Family,
};
use crate::{
    domain::clock::Clock,
    store::{BatchCounts, BatchItem, ItemFate, MigrationCursor, SourceState, SourceUpdate, Store, StoreError},
};

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("source store: {0}")]
    Source(#[from] sqlx::Error),
    #[error("live sync of {0} is paused: {1}")]
    Paused(&'static str, String),
}

pub struct Pipeline {
    store: Store,
    sources: SourceStore,
    register: Register,
    batch: u32,
    clock: Clock,
}

/// The register as the rules need it, from the target's parties and service owners.
pub async fn register(store: &Store) -> Result<Register, StoreError> {
    let (parties, owners) = store.register_snapshot().await?;
    let mut register = Register::default();
    for (urn, id) in parties {
        register.by_party_id.insert(id, urn.clone());
        register.parties.insert(urn);
    }
    for o in owners {
        register.owner_by_name.insert(o.name.to_lowercase(), o.org.clone());
        register.owners.insert(o.org);
    }
    Ok(register)
}

fn version(item: &SourceItem) -> String {
    format!("{:x}", Sha256::digest(item.body.as_bytes()))
}

impl Pipeline {
    /// Reads the register once; items of parties added later wait for their next change.
    pub async fn new(store: Store, sources: SourceStore, batch: u32, clock: Clock) -> Result<Self, PipelineError> {
        let register = register(&store).await?;
        Ok(Self { store, sources, register, batch: batch.max(1), clock })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> dialogporten::UtcDateTime {
        self.clock.now()
    }

    /// The family's cursor; the first call sets the cut-over to now and live sync to start
    /// after the source's newest change.
    pub async fn cursor(&self, family: Family) -> Result<MigrationCursor, PipelineError> {
        if let Some(c) = self.store.migration_cursor(family.as_str()).await? {
            return Ok(c);
        }
        let start =
            MigrationCursor { cut_over: self.clock.now(), history: None, history_done: false, live_seq: self.sources.last_seq().await? };
        // From here on the pipeline keeps the family's sources, watermark history included: what
        // was recorded by hand before (the demo's replayed changelog) no longer describes them.
        self.store.put_source_state(family.historical_source(), &SourceState::default(), start.cut_over).await?;
        self.store.clear_watermarks(family.historical_source()).await?;
        // A pause set before the first run stays.
        let before = self.store.source_state(family.live_source()).await?;
        let live =
            SourceState { live_state: before.live_state.or(Some(LiveState::Ok)), live_reason: before.live_reason, ..Default::default() };
        self.store.put_source_state(family.live_source(), &live, start.cut_over).await?;
        Ok(self.store.start_migration(family.as_str(), &start).await?)
    }

    fn fate(&self, item: &SourceItem, history: bool) -> ItemFate {
        match mapping::map(item, &self.register, history) {
            Outcome::Dialog(m) => ItemFate::Migrated { dialog: Box::new(m.dialog), resource: m.resource },
            Outcome::Waiting(why) => ItemFate::Waiting(why.to_owned()),
            Outcome::Quarantined(q) => ItemFate::Quarantined(q.to_string()),
        }
    }

    /// Items created before the cut-over belong to the history source, the rest to live sync.
    fn source_of(family: Family, item: &SourceItem, cursor: &MigrationCursor) -> &'static str {
        if item.created_at < cursor.cut_over {
            family.historical_source()
        } else {
            family.live_source()
        }
    }

    /// One batch of history; returns what it did and whether history is now complete.
    pub async fn history_batch(&self, family: Family) -> Result<(BatchCounts, bool), PipelineError> {
        let mut cursor = self.cursor(family).await?;
        if cursor.history_done {
            return Ok((BatchCounts::default(), true));
        }
        let before = cursor.history.clone().unwrap_or((cursor.cut_over, String::new()));
        let items = self.sources.older_than(family, (before.0, &before.1), self.batch).await?;
        let batch: Vec<BatchItem> = items
            .iter()
            .map(|i| BatchItem { key: i.key.clone(), version: version(i), source: family.historical_source(), fate: self.fate(i, true) })
            .collect();
        let done = items.len() < self.batch as usize;
        if let Some(last) = items.last() {
            cursor.history = Some((last.created_at, last.key.clone()));
        }
        cursor.history_done = done;
        let source = family.historical_source();
        let mut state = self.store.source_state(source).await?;
        // The watermark is the oldest item migrated so far: it only moves back (a re-run from
        // the cut-over checks what is there without moving it), and each move is recorded.
        let oldest = items.last().map(|i| i.created_at);
        let moved = oldest.filter(|&t| state.migrated_back_to.is_none_or(|w| t < w));
        if let Some(t) = moved {
            state.migrated_back_to = Some(t);
        }
        state.history_complete |= done;
        state.last_sync_at = Some(self.clock.now());
        let update = SourceUpdate::History { id: source, state, moved_back_to: moved };
        let counts = self
            .store
            .apply_migration_batch(family.as_str(), &batch, &cursor, update, &crate::domain::migrated::merge, self.clock.now())
            .await?;
        Ok((counts, done))
    }

    /// The whole history of a family, batch after batch (resuming where an earlier run stopped).
    pub async fn history(&self, family: Family) -> Result<BatchCounts, PipelineError> {
        let mut total = BatchCounts::default();
        loop {
            let (counts, done) = self.history_batch(family).await?;
            total.add(counts);
            if done {
                return Ok(total);
            }
        }
    }

    /// Every change since the last sync, in batches; the sync time is recorded even when there
    /// were none, so the status page can tell a quiet source from a stalled one.
    pub async fn live(&self, family: Family) -> Result<BatchCounts, PipelineError> {
        let source = family.live_source();
        let state = self.store.source_state(source).await?;
        if state.live_state == Some(LiveState::Paused) {
            return Err(PipelineError::Paused(source, state.live_reason.unwrap_or_default()));
        }
        let mut total = BatchCounts::default();
        loop {
            let mut cursor = self.cursor(family).await?;
            let items = self.sources.changed_after(family, cursor.live_seq, self.batch).await?;
            let batch: Vec<BatchItem> = items
                .iter()
                .map(|i| BatchItem {
                    key: i.key.clone(),
                    version: version(i),
                    source: Self::source_of(family, i, &cursor),
                    fate: self.fate(i, false),
                })
                .collect();
            if let Some(last) = items.last() {
                cursor.live_seq = last.seq;
            }
            let update = SourceUpdate::Synced { id: source };
            let counts = self
                .store
                .apply_migration_batch(family.as_str(), &batch, &cursor, update, &crate::domain::migrated::merge, self.clock.now())
                .await?;
            total.add(counts);
            if items.len() < self.batch as usize {
                return Ok(total);
            }
        }
    }

    /// Sets a family's live-sync state (paused or failing with the reason shown on the status
    /// page, or ok).
    pub async fn set_live(
        store: &Store,
        family: Family,
        live: LiveState,
        reason: Option<&str>,
        now: dialogporten::UtcDateTime,
    ) -> Result<(), PipelineError> {
        let source = family.live_source();
        let mut state = store.source_state(source).await?;
        state.live_state = Some(live);
        state.live_reason = reason.map(str::to_owned);
        store.put_source_state(source, &state, now).await?;
        Ok(())
    }

    /// Starts the family's history run again from the cut-over: every item is read and compared
    /// again, and only what differs from what was migrated is written.
    pub async fn restart_history(&self, family: Family) -> Result<(), PipelineError> {
        let mut cursor = self.cursor(family).await?;
        cursor.history = None;
        cursor.history_done = false;
        self.store.put_migration_cursor(family.as_str(), &cursor).await?;
        Ok(())
    }
}
