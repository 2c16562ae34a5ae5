//! The migration pipeline's own records: what each source item became (with the version of it
//! that was mapped), where each family's runs stand, and the write of one batch: its dialogs,
//! item records, cursor, source states and watermark in one transaction, so a run stopped at
//! any point leaves either all of a batch or none of it.

use std::{borrow::Cow, collections::HashMap};

use dialogporten::{serviceowner::ServiceOwnerDialog, Actor, SystemLabel, UtcDateTime};
use sqlx::Row;
use uuid::Uuid;

use super::{
    changes::DialogChange,
    dialog_writes::{upsert_dialogs_on, write_dialog_on, Write},
    labels::log_labels_on,
    migration::{mark_synced_on, put_source_state_on, record_watermark_on},
    placeholders, ServiceResourceRecord, SourceState, Store, StoreError,
};

/// Where one family's runs stand. History goes backwards from the cut-over (items created
/// before it); live sync follows the source's change numbers from the cut-over on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationCursor {
    pub cut_over: UtcDateTime,
    /// The oldest item the history run has done (creation time, key): the next batch is older.
    pub history: Option<(UtcDateTime, String)>,
    pub history_done: bool,
    pub live_seq: i64,
}

/// One `migration_items` row to write.
struct ItemRow<'a> {
    key: &'a str,
    state: &'static str,
    dialog_id: Option<String>,
    version: &'a str,
    label: Option<&'static str>,
    reason: Option<&'a str>,
    source: &'static str,
}

/// What a batch records of its status-page source.
#[derive(Clone, Debug)]
pub enum SourceUpdate<'a> {
    /// A history batch: the source's new state, and the watermark if it moved back.
    History { id: &'a str, state: SourceState, moved_back_to: Option<UtcDateTime> },
    /// A live-sync batch: only the time of the sync, so that a pause or resume made meanwhile is
    /// not overwritten (a failing source that syncs again is ok again).
    Synced { id: &'a str },
}

/// What a source item came to.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemFate {
    Migrated {
        dialog: Box<ServiceOwnerDialog>,
        resource: ServiceResourceRecord,
    },
    /// Not to be migrated yet (and why).
    Waiting(String),
    Quarantined(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct BatchItem {
    pub key: String,
    /// Changes exactly when the item does.
    pub version: String,
    /// The status-page source that counts it.
    pub source: &'static str,
    pub fate: ItemFate,
}

/// What a batch changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchCounts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub waiting: u64,
    pub quarantined: u64,
}

impl BatchCounts {
    pub fn add(&mut self, o: BatchCounts) {
        self.inserted += o.inserted;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.waiting += o.waiting;
        self.quarantined += o.quarantined;
    }

    pub fn items(&self) -> u64 {
        self.inserted + self.updated + self.unchanged + self.waiting + self.quarantined
    }
}

/// Per status-page source: items migrated, waiting and quarantined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemCounts {
    pub migrated: u64,
    pub waiting: u64,
    pub quarantined: u64,
}

fn folder_text(l: SystemLabel) -> &'static str {
    l.as_str()
}

/// What the domain's rule (`domain::migrated::merge`) makes of a changed item and the dialog
/// stored for it: the dialog to store, and the label-log entries of a folder move, as whose.
pub struct Merged {
    pub dialog: ServiceOwnerDialog,
    pub log: Vec<(String, &'static str)>,
    pub performed_by: Actor,
}

/// The merge rule the batch write applies: (stored dialog, the source's new version, the folder
/// the source gave the previous version) → what to store.
pub type MergeRule<'a> = &'a (dyn Fn(&ServiceOwnerDialog, ServiceOwnerDialog, Option<SystemLabel>) -> Merged + Send + Sync);

/// A changed item's dialog written as every dialog write is: merged with the stored one and
/// replaced only if that is still what is stored; when another writer (a person archiving it)
/// got there first, read and merge again. `Ok(None)`: the dialog is no longer there.
async fn write_changed_on(
    conn: &mut sqlx::AnyConnection,
    new: &ServiceOwnerDialog,
    source_folder_before: Option<SystemLabel>,
    merge: MergeRule<'_>,
    at: UtcDateTime,
) -> Result<Option<ServiceOwnerDialog>, StoreError> {
    // Each retry follows a write that committed meanwhile; a dialog that keeps changing this
    // fast fails the batch, which rolls back and is taken again by the next run.
    for _ in 0..8 {
        let raw: Option<String> =
            sqlx::query_scalar("SELECT doc FROM dialogs WHERE id = $1").bind(new.dialog.id.to_string()).fetch_optional(&mut *conn).await?;
        let Some(raw) = raw else { return Ok(None) };
        let stored: ServiceOwnerDialog = serde_json::from_str(&raw).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let merged = merge(&stored, new.clone(), source_folder_before);
        if write_dialog_on(conn, &merged.dialog, Write::ReplaceIf(&raw)).await? {
            log_labels_on(conn, merged.dialog.dialog.id, &merged.log, &merged.performed_by, at).await?;
            return Ok(Some(merged.dialog));
        }
    }
    Err(StoreError::Contended(new.dialog.id))
}

fn folder(d: &ServiceOwnerDialog) -> SystemLabel {
    d.dialog.end_user_context.folder()
}

async fn put_cursor_on(conn: &mut sqlx::AnyConnection, family: &str, cursor: &MigrationCursor) -> Result<(), StoreError> {
    sqlx::query("UPDATE migration_cursors SET history_created = $2, history_key = $3, history_done = $4, live_seq = $5 WHERE family = $1")
        .bind(family)
        .bind(cursor.history.as_ref().map(|(t, _)| t.ticks()))
        .bind(cursor.history.as_ref().map(|(_, k)| k.as_str()))
        .bind(i64::from(cursor.history_done))
        .bind(cursor.live_seq)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Store {
    pub async fn migration_cursor(&self, family: &str) -> Result<Option<MigrationCursor>, StoreError> {
        let row =
            sqlx::query("SELECT cut_over, history_created, history_key, history_done, live_seq FROM migration_cursors WHERE family = $1")
                .bind(family)
                .fetch_optional(self.pool())
                .await?;
        let Some(r) = row else { return Ok(None) };
        let time = |t: i64| UtcDateTime::from_ticks(t).map_err(|e| StoreError::Corrupt(e.to_string()));
        let history = match (r.try_get::<Option<i64>, _>("history_created")?, r.try_get::<Option<String>, _>("history_key")?) {
            (Some(t), Some(k)) => Some((time(t)?, k)),
            _ => None,
        };
        Ok(Some(MigrationCursor {
            cut_over: time(r.try_get("cut_over")?)?,
            history,
            history_done: r.try_get::<i64, _>("history_done")? != 0,
            live_seq: r.try_get("live_seq")?,
        }))
    }

    /// The family's cursor, starting it at `start` the first time (a second caller gets the first's).
    pub async fn start_migration(&self, family: &str, start: &MigrationCursor) -> Result<MigrationCursor, StoreError> {
        sqlx::query("INSERT INTO migration_cursors (family, cut_over, history_done, live_seq) VALUES ($1, $2, 0, $3) ON CONFLICT (family) DO NOTHING")
            .bind(family)
            .bind(start.cut_over.ticks())
            .bind(start.live_seq)
            .execute(self.pool())
            .await?;
        self.migration_cursor(family).await?.ok_or_else(|| StoreError::Corrupt(format!("no cursor for {family}")))
    }

    /// Moves a family's cursor (to run its history again, say).
    pub async fn put_migration_cursor(&self, family: &str, cursor: &MigrationCursor) -> Result<(), StoreError> {
        put_cursor_on(&mut *self.pool().acquire().await?, family, cursor).await
    }

    /// Writes one batch and everything that records it, in one transaction; then, for live sync,
    /// announces the dialogs that changed, so open inboxes show them.
    pub async fn apply_migration_batch(
        &self,
        family: &str,
        items: &[BatchItem],
        cursor: &MigrationCursor,
        source: SourceUpdate<'_>,
        merge: MergeRule<'_>,
        now: UtcDateTime,
    ) -> Result<BatchCounts, StoreError> {
        let mut counts = BatchCounts::default();
        let mut changed = Vec::new();
        // History is written silently, as Altinn's migration does (`IsSilentUpdate`): nobody's
        // inbox needs a live notice for a message from 2009. Live changes are announced.
        let announce = matches!(source, SourceUpdate::Synced { .. });
        let mut tx = self.pool().begin().await?;
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        let mut known: HashMap<String, (String, Option<String>)> = HashMap::new();
        for chunk in keys.chunks(500) {
            // A join with the keys as a VALUES list, not `IN (…)`: PostgreSQL plans the IN list as
            // a filter on a scan while a fresh table has no statistics (a second per batch at
            // 100,000 rows); the join stays a hash or index join either way.
            let keys: Vec<String> = (0..chunk.len()).map(|i| format!("(${})", i + 2)).collect();
            let sql = format!(
                "SELECT m.item_key, m.version, m.source_label FROM migration_items m JOIN (VALUES {}) AS k ON m.family = $1 AND m.item_key = k.column1",
                keys.join(", ")
            );
            // Planned afresh each time, not from the connection's statement cache: a plan cached
            // while the table was nearly empty scans it, and a history run goes on growing it
            // (on PostgreSQL the lookup took 0.6 s per batch at 300,000 rows with the cached plan,
            // 5–10 ms planned afresh).
            let mut q = sqlx::query(&sql).persistent(false).bind(family);
            for k in chunk {
                q = q.bind(*k);
            }
            for r in q.fetch_all(&mut *tx).await? {
                known.insert(r.try_get("item_key")?, (r.try_get("version")?, r.try_get("source_label")?));
            }
        }
        let mut resources = std::collections::BTreeMap::new();
        let mut rows = Vec::with_capacity(items.len());
        let mut dialogs = Vec::new();
        for item in items {
            let before = known.get(&item.key);
            if before.is_some_and(|(v, _)| *v == item.version) {
                counts.unchanged += 1;
                continue;
            }
            let (state, dialog_id, label, reason) = match &item.fate {
                ItemFate::Migrated { dialog, resource } => {
                    let label = folder_text(folder(dialog));
                    // An item never seen has no dialog yet (its row and its dialog are written
                    // together): written as mapped, in bulk below (borrowed: no copy on the bulk
                    // path). A changed one goes through the guarded write now.
                    let changed_dialog = match before {
                        None => None,
                        Some((_, source_label)) => {
                            let source_folder = source_label.as_deref().and_then(|l| l.parse::<SystemLabel>().ok());
                            write_changed_on(&mut tx, dialog, source_folder, merge, now).await?
                        }
                    };
                    let stored = match changed_dialog {
                        Some(d) => {
                            counts.updated += 1;
                            Cow::Owned(d)
                        }
                        None => {
                            counts.inserted += 1;
                            Cow::Borrowed(&**dialog)
                        }
                    };
                    resources.entry(resource.id.as_str()).or_insert(resource);
                    if announce {
                        changed.push(DialogChange::from(&*stored));
                    }
                    let id = stored.dialog.id;
                    if matches!(stored, Cow::Borrowed(_)) {
                        dialogs.push((stored, item.source));
                    }
                    ("migrated", Some(id), Some(label), None)
                }
                ItemFate::Waiting(why) => {
                    counts.waiting += 1;
                    ("waiting", None, None, Some(why.as_str()))
                }
                ItemFate::Quarantined(why) => {
                    counts.quarantined += 1;
                    ("quarantined", None, None, Some(why.as_str()))
                }
            };
            rows.push(ItemRow {
                key: item.key.as_str(),
                state,
                dialog_id: dialog_id.map(|d: Uuid| d.to_string()),
                version: item.version.as_str(),
                label,
                reason,
                source: item.source,
            });
        }
        // Few statements per batch, not several per item: the batch's resources, dialogs (tagged
        // with their source) and item rows many at a time.
        if !resources.is_empty() {
            let values: Vec<String> = (0..resources.len()).map(|i| format!("({})", placeholders(i * 4 + 1, 4))).collect();
            let sql = format!(
                "INSERT INTO service_resources (id, org, resource_type, name) VALUES {} ON CONFLICT (id) DO NOTHING",
                values.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for r in resources.values() {
                q = q.bind(r.id.as_str()).bind(r.org.as_str()).bind(r.resource_type.as_str()).bind(r.name.as_str());
            }
            q.execute(&mut *tx).await?;
        }
        upsert_dialogs_on(&mut tx, self.dialog_key, &dialogs.iter().map(|(d, source)| (&**d, Some(*source))).collect::<Vec<_>>()).await?;
        // 500 × 9 binds: under SQLite's limit of 32,766 per statement.
        for chunk in rows.chunks(500) {
            let values: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 9 + 1, 9))).collect();
            let sql = format!(
                "INSERT INTO migration_items (family, item_key, state, dialog_id, version, source_label, reason, source_id, updated_at) \
                 VALUES {} ON CONFLICT (family, item_key) DO UPDATE SET state = excluded.state, \
                 dialog_id = COALESCE(excluded.dialog_id, migration_items.dialog_id), version = excluded.version, \
                 source_label = COALESCE(excluded.source_label, migration_items.source_label), reason = excluded.reason, \
                 source_id = excluded.source_id, updated_at = excluded.updated_at",
                values.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for r in chunk {
                q = q
                    .bind(family)
                    .bind(r.key)
                    .bind(r.state)
                    .bind(r.dialog_id.clone())
                    .bind(r.version)
                    .bind(r.label)
                    .bind(r.reason)
                    .bind(r.source)
                    .bind(now.ticks());
            }
            q.execute(&mut *tx).await?;
        }
        put_cursor_on(&mut tx, family, cursor).await?;
        match source {
            SourceUpdate::History { id, state, moved_back_to } => {
                put_source_state_on(&mut tx, id, &state, now).await?;
                if let Some(back_to) = moved_back_to {
                    record_watermark_on(&mut tx, id, now, back_to).await?;
                }
            }
            SourceUpdate::Synced { id } => mark_synced_on(&mut tx, id, now).await?,
        }
        tx.commit().await?;
        self.announce(changed).await;
        Ok(counts)
    }

    /// Items per state that a status-page source counts.
    pub async fn migration_item_counts(&self, source: &str) -> Result<ItemCounts, StoreError> {
        let rows = sqlx::query("SELECT state, CAST(COUNT(*) AS BIGINT) AS n FROM migration_items WHERE source_id = $1 GROUP BY state")
            .bind(source)
            .fetch_all(self.pool())
            .await?;
        let mut c = ItemCounts::default();
        for r in rows {
            let n = u64::try_from(r.try_get::<i64, _>("n")?).unwrap_or(0);
            match r.try_get::<String, _>("state")?.as_str() {
                "migrated" => c.migrated = n,
                "waiting" => c.waiting = n,
                "quarantined" => c.quarantined = n,
                _ => {}
            }
        }
        Ok(c)
    }

    /// The quarantined items of a family with their reasons (key, reason), for the operator.
    pub async fn quarantined_items(&self, family: &str) -> Result<Vec<(String, String)>, StoreError> {
        let rows =
            sqlx::query("SELECT item_key, reason FROM migration_items WHERE family = $1 AND state = 'quarantined' ORDER BY item_key")
                .bind(family)
                .fetch_all(self.pool())
                .await?;
        rows.iter().map(|r| Ok((r.try_get("item_key")?, r.try_get::<Option<String>, _>("reason")?.unwrap_or_default()))).collect()
    }

    /// The register as the pipeline needs it: every party with its Altinn party id, and the
    /// service owners.
    pub async fn register_snapshot(&self) -> Result<(Vec<(String, i64)>, Vec<super::ServiceOwnerRecord>), StoreError> {
        let rows = sqlx::query("SELECT party, party_id FROM parties").fetch_all(self.pool()).await?;
        let parties = rows.iter().map(|r| Ok((r.try_get("party")?, r.try_get("party_id")?))).collect::<Result<Vec<_>, StoreError>>()?;
        Ok((parties, self.service_owners().await?))
    }

    /// Every migrated item's dialog with the status-page source counting it.
    pub async fn migrated_dialog_ids(&self) -> Result<Vec<(Uuid, String)>, StoreError> {
        let rows = sqlx::query("SELECT dialog_id, source_id FROM migration_items WHERE state = 'migrated' ORDER BY dialog_id")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("dialog_id")?;
                Ok((Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?, r.try_get("source_id")?))
            })
            .collect()
    }

    /// The stored documents of all migrated dialogs (id, document), to compare runs.
    pub async fn migrated_dialog_docs(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query("SELECT id, doc FROM dialogs WHERE migration_source IS NOT NULL ORDER BY id").fetch_all(self.pool()).await?;
        rows.iter().map(|r| Ok((r.try_get("id")?, r.try_get("doc")?))).collect()
    }

    /// How many source items the pipeline has recorded, whatever became of them.
    pub async fn migration_item_total(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM migration_items").fetch_one(self.pool()).await?.try_get("n")?)
    }
}
