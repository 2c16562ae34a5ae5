//! The demo data set: deterministic, realistic Norwegian content (nb). The same seed always gives
//! the same people, organisations and dialogs, so tests and screenshots can rely on it.

mod catalog;
mod dialogs;
pub mod large;
pub mod operations;
mod people;
pub(crate) mod rng;

use crate::store::{Store, StoreError};

pub use people::{org_urn, person_count, register};

/// Fills an empty database; returns how many dialogs it wrote (0 when data was already there).
pub async fn seed_if_empty(store: &Store) -> Result<usize, StoreError> {
    // Instances starting together on a fresh database: one seeds, the others then find it full.
    store.exclusively(SEED_LOCK, || seed_unless_full(store)).await
}

/// Any key, the same in every instance ("demo" in ASCII).
const SEED_LOCK: i64 = 0x64_65_6d_6f;

async fn seed_unless_full(store: &Store) -> Result<usize, StoreError> {
    if store.count_dialogs().await? > 0 {
        return Ok(0);
    }
    people::seed(store).await?;
    let data = dialogs::generate();
    for dialog in &data.dialogs {
        store.put_dialog(dialog).await?;
    }
    for (dialog_id, entry) in &data.seen {
        store.add_seen_log(entry, *dialog_id).await?;
    }
    for (dialog_id, source) in &data.migrated {
        store.tag_migrated(*dialog_id, source).await?;
    }
    // Stamped at the demo's own "now", as the rest of its data: a seed is the same every time.
    crate::domain::migration::replay_changelog(store, dialogs::anchor()).await?;
    Ok(data.dialogs.len())
}

/// The synthetic national identity number of demo person `i` (for tests and tools).
pub fn person_pid(i: usize) -> String {
    people::person_pid(i).to_owned()
}
