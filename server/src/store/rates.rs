//! Rate clocks: per caller, the time its next request is due at the allowed pace (the
//! "theoretical arrival time" of the generic cell rate algorithm). Kept in the database so every
//! instance on it counts the same requests; on PostgreSQL the table is unlogged (no WAL, no fsync
//! per request; a crash forgets the clocks, which only forgives some requests).

use sqlx::Row;

use super::{Store, StoreError};

impl Store {
    /// Moves `key`'s clock on by `step` (from `now` if it lags behind) if it then stays within
    /// `now + tolerance`, atomically. `Ok(None)` when it moved; else how far past the tolerance
    /// it would have gone. Times in microseconds.
    pub async fn advance_rate_clock(&self, key: &str, now: i64, step: i64, tolerance: i64) -> Result<Option<i64>, StoreError> {
        let due = "CASE WHEN rate_clocks.due > $2 THEN rate_clocks.due ELSE $2 END + $3";
        let sql = format!(
            "INSERT INTO rate_clocks (key, due) VALUES ($1, $2 + $3) \
             ON CONFLICT (key) DO UPDATE SET due = {due} WHERE {due} <= $2 + $4 RETURNING due"
        );
        let moved = sqlx::query(&sql).bind(key).bind(now).bind(step).bind(tolerance).fetch_optional(self.pool()).await?;
        if moved.is_some() {
            return Ok(None);
        }
        let due: i64 = sqlx::query("SELECT due FROM rate_clocks WHERE key = $1").bind(key).fetch_one(self.pool()).await?.try_get("due")?;
        Ok(Some(due.max(now) + step - (now + tolerance)))
    }

    /// Forgets clocks that are not ahead of `now`: a caller without one starts with a full burst,
    /// just as with a clock in the past.
    pub async fn forget_idle_rate_clocks(&self, now: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM rate_clocks WHERE due <= $1").bind(now).execute(self.pool()).await?;
        Ok(())
    }
}
