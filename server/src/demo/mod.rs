//! The demo data set: deterministic, realistic Norwegian content (nb). The same seed always gives
//! the same people, organisations and dialogs, so tests and screenshots can rely on it.

mod catalog;
mod dialogs;
pub mod large;
mod people;
pub(crate) mod rng;
pub mod services;

use crate::store::{ServiceResourceRecord, Store, StoreError};

pub use people::{org_urn, DemoPerson, PERSONS};

/// Fills an empty database; returns how many dialogs it wrote (0 when data was already there).
pub async fn seed_if_empty(store: &Store) -> Result<usize, StoreError> {
    if store.count_dialogs().await? > 0 {
        return Ok(0);
    }
    people::seed(store).await?;
    // Migrated Altinn 2 services are named by the form they carried.
    let resources = catalog::SERVICES.iter().map(|s| (s.org, s.resource, s.name)).chain(catalog::MIGRATED_A2.iter().map(|(o, r, title, _)| (*o, *r, *title)));
    for (org, resource, name) in resources {
        let record = ServiceResourceRecord {
            id: format!("urn:altinn:resource:{resource}"),
            org: org.to_owned(),
            resource_type: dialogs::resource_type(resource).to_owned(),
            name: name.to_owned(),
        };
        store.put_service_resource(&record).await?;
    }
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
    crate::domain::migration::replay_changelog(store).await?;
    Ok(data.dialogs.len())
}

/// The synthetic national identity number of demo person `i` (for tests and tools).
pub fn person_pid(i: usize) -> String {
    people::person_id(&PERSONS[i]).as_str().to_owned()
}
