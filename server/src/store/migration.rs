//! Migration bookkeeping: each source's watermark ("migrated back to") with its history, its
//! live-sync state, and which dialogs came from it.

use dialogporten::{migration::LiveState, UtcDateTime};
use sqlx::Row;
use uuid::Uuid;

use super::{Store, StoreError};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceState {
    pub migrated_back_to: Option<UtcDateTime>,
    pub history_complete: bool,
    pub live_state: Option<LiveState>,
    pub live_reason: Option<String>,
    pub last_sync_at: Option<UtcDateTime>,
}

fn tick(t: i64) -> Result<UtcDateTime, StoreError> {
    UtcDateTime::from_ticks(t).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn ticks(v: Option<i64>) -> Result<Option<UtcDateTime>, StoreError> {
    v.map(tick).transpose()
}

fn live_state(s: &str) -> Option<LiveState> {
    match s {
        "ok" => Some(LiveState::Ok),
        "paused" => Some(LiveState::Paused),
        "failing" => Some(LiveState::Failing),
        _ => None,
    }
}

fn live_state_text(s: LiveState) -> &'static str {
    match s {
        LiveState::Ok => "ok",
        LiveState::Paused => "paused",
        LiveState::Failing => "failing",
    }
}

impl Store {
    pub async fn source_state(&self, id: &str) -> Result<SourceState, StoreError> {
        let row = sqlx::query(
            "SELECT migrated_back_to, history_complete, live_state, live_reason, last_sync_at FROM migration_sources WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else { return Ok(SourceState::default()) };
        Ok(SourceState {
            migrated_back_to: ticks(r.try_get("migrated_back_to")?)?,
            history_complete: r.try_get::<i64, _>("history_complete")? != 0,
            live_state: r.try_get::<Option<String>, _>("live_state")?.as_deref().and_then(live_state),
            live_reason: r.try_get("live_reason")?,
            last_sync_at: ticks(r.try_get("last_sync_at")?)?,
        })
    }

    pub async fn put_source_state(&self, id: &str, s: &SourceState, now: UtcDateTime) -> Result<(), StoreError> {
        put_source_state_on(&mut *self.pool().acquire().await?, id, s, now).await
    }

    /// Records that `source` now reaches back to `back_to` (kept as history for the chart).
    pub async fn record_watermark(&self, source: &str, recorded_at: UtcDateTime, back_to: UtcDateTime) -> Result<(), StoreError> {
        record_watermark_on(&mut *self.pool().acquire().await?, source, recorded_at, back_to).await
    }

    /// Forgets a source's watermark history (when the pipeline takes the source over).
    pub async fn clear_watermarks(&self, source: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM migration_watermarks WHERE source_id = $1").bind(source).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn watermarks(&self, source: &str) -> Result<Vec<(UtcDateTime, UtcDateTime)>, StoreError> {
        let rows = sqlx::query("SELECT recorded_at, migrated_back_to FROM migration_watermarks WHERE source_id = $1 ORDER BY recorded_at")
            .bind(source)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|r| Ok((tick(r.try_get("recorded_at")?)?, tick(r.try_get("migrated_back_to")?)?))).collect()
    }

    pub async fn tag_migrated(&self, dialog: Uuid, source: &str) -> Result<(), StoreError> {
        tag_migrated_on(&mut *self.pool().acquire().await?, dialog, source).await
    }

    /// How many live dialogs came from `source`, and the oldest one's creation date.
    pub async fn migrated_dialogs(&self, source: &str) -> Result<(u64, Option<UtcDateTime>), StoreError> {
        let r = sqlx::query(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n, MIN(created_at) AS oldest FROM dialogs WHERE migration_source = $1 AND deleted_at IS NULL",
        )
        .bind(source)
        .fetch_one(self.pool())
        .await?;
        let n: i64 = r.try_get("n")?;
        Ok((u64::try_from(n).unwrap_or(0), ticks(r.try_get("oldest")?)?))
    }
}

pub(super) async fn put_source_state_on(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    s: &SourceState,
    now: UtcDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO migration_sources (id, migrated_back_to, history_complete, live_state, live_reason, last_sync_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET migrated_back_to = excluded.migrated_back_to, \
         history_complete = excluded.history_complete, live_state = excluded.live_state, live_reason = excluded.live_reason, \
         last_sync_at = excluded.last_sync_at, updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(s.migrated_back_to.map(UtcDateTime::ticks))
    .bind(i64::from(s.history_complete))
    .bind(s.live_state.map(live_state_text))
    .bind(s.live_reason.as_deref())
    .bind(s.last_sync_at.map(UtcDateTime::ticks))
    .bind(now.ticks())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn record_watermark_on(
    conn: &mut sqlx::AnyConnection,
    source: &str,
    recorded_at: UtcDateTime,
    back_to: UtcDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO migration_watermarks (source_id, recorded_at, migrated_back_to) VALUES ($1, $2, $3) \
         ON CONFLICT (source_id, recorded_at) DO UPDATE SET migrated_back_to = excluded.migrated_back_to",
    )
    .bind(source)
    .bind(recorded_at.ticks())
    .bind(back_to.ticks())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn tag_migrated_on(conn: &mut sqlx::AnyConnection, dialog: Uuid, source: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE dialogs SET migration_source = $1 WHERE id = $2").bind(source).bind(dialog.to_string()).execute(&mut *conn).await?;
    Ok(())
}

pub(super) async fn mark_synced_on(conn: &mut sqlx::AnyConnection, source: &str, now: UtcDateTime) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO migration_sources (id, history_complete, live_state, last_sync_at, updated_at) VALUES ($1, 0, 'ok', $2, $2) \
         ON CONFLICT (id) DO UPDATE SET last_sync_at = excluded.last_sync_at, updated_at = excluded.updated_at, \
         live_reason = CASE WHEN migration_sources.live_state = 'failing' THEN NULL ELSE migration_sources.live_reason END, \
         live_state = CASE WHEN migration_sources.live_state = 'failing' THEN 'ok' ELSE migration_sources.live_state END",
    )
    .bind(source)
    .bind(now.ticks())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
