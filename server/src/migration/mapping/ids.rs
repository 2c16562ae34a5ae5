//! Ids and revisions that follow from the item alone, so a second run gives the same dialog.

use dialogporten::UtcDateTime;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::migration::source_store::SourceItem;

/// A UUIDv7 at `ms` whose other bits come from SHA-256 of `seed`: deterministic, time-ordered.
pub fn uuid_v7(ms: i64, seed: &str) -> Uuid {
    let hash = Sha256::digest(seed.as_bytes());
    let random: [u8; 10] = hash[..10].try_into().unwrap_or_default();
    uuid::Builder::from_unix_timestamp_millis(u64::try_from(ms).unwrap_or(0), &random).into_uuid()
}

/// A revision that changes exactly when the item does (same body, same revision).
pub(super) fn revision(item: &SourceItem, what: &str) -> Uuid {
    let hash = Sha256::new().chain_update(what).chain_update(item.body.as_bytes()).finalize();
    uuid::Builder::from_random_bytes(hash[..16].try_into().unwrap_or([0; 16])).into_uuid()
}

pub(super) fn ms(t: UtcDateTime) -> i64 {
    t.ticks() / 10_000
}

/// The id of a dialog's `n`th part (action, attachment, activity), from the dialog's.
pub(super) fn part(dialog: Uuid, created: UtcDateTime, what: &str, n: usize) -> Uuid {
    uuid_v7(ms(created), &format!("{dialog}:{what}:{n}"))
}
