//! The seen log: who opened a dialog when. It decides `isContentSeen` and the "seen by" lists.

use dialogporten::{SeenLog, UtcDateTime};
use sqlx::Row;
use uuid::Uuid;

use super::{Store, StoreError};

impl Store {
    pub async fn add_seen_log(&self, entry: &SeenEntry, dialog_id: Uuid) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO seen_log (id, dialog_id, seen_by, seen_by_name, seen_at, via_service_owner) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(entry.id.to_string())
        .bind(dialog_id.to_string())
        .bind(entry.seen_by.as_str())
        .bind(entry.name.as_deref())
        .bind(entry.at.ticks())
        .bind(i64::from(entry.via_service_owner))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Seen-log entries of one dialog since `since` (all of them with the epoch), newest first.
    pub async fn seen_logs_since(&self, dialog_id: Uuid, since: UtcDateTime) -> Result<Vec<SeenEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, seen_by, seen_by_name, seen_at, via_service_owner FROM seen_log WHERE dialog_id = $1 AND seen_at >= $2 ORDER BY seen_at DESC",
        )
        .bind(dialog_id.to_string())
        .bind(since.ticks())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(seen_entry).collect()
    }

    /// The seen-log entries of several dialogs (one page of a search), newest first, by dialog.
    pub async fn seen_logs_of(&self, dialog_ids: &[Uuid]) -> Result<Vec<(Uuid, SeenEntry)>, StoreError> {
        if dialog_ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT dialog_id, id, seen_by, seen_by_name, seen_at, via_service_owner FROM seen_log WHERE dialog_id IN ({}) \
             ORDER BY seen_at DESC",
            super::placeholders(1, dialog_ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in dialog_ids {
            query = query.bind(id.to_string());
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let dialog: String = r.try_get("dialog_id")?;
                Ok((Uuid::parse_str(&dialog).map_err(|e| StoreError::Corrupt(e.to_string()))?, seen_entry(r)?))
            })
            .collect()
    }
}

fn seen_entry(r: &sqlx::any::AnyRow) -> Result<SeenEntry, StoreError> {
    let id: String = r.try_get("id")?;
    Ok(SeenEntry {
        id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        seen_by: r.try_get("seen_by")?,
        name: r.try_get("seen_by_name")?,
        at: UtcDateTime::from_ticks(r.try_get("seen_at")?).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        via_service_owner: r.try_get::<i64, _>("via_service_owner")? != 0,
    })
}

/// A raw seen-log entry; the domain turns it into the wire `SeenLog` (masking others).
#[derive(Clone)]
pub struct SeenEntry {
    pub id: Uuid,
    pub seen_by: String,
    pub name: Option<String>,
    pub at: UtcDateTime,
    /// Recorded by a service owner reading on the person's behalf (`endUserId`).
    pub via_service_owner: bool,
}

impl SeenEntry {
    pub fn to_wire(&self, actor: dialogporten::Actor, is_current_end_user: bool) -> SeenLog {
        SeenLog { id: self.id, seen_at: self.at, seen_by: actor, is_via_service_owner: Some(self.via_service_owner), is_current_end_user }
    }
}
