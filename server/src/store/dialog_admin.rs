//! What a service owner does to stored dialogs besides writing them (purge, freeze), and the
//! lookups by what the owner chose (idempotent key, service-owner label).

use sqlx::Row;

use super::{Store, StoreError};

impl Store {
    /// The id of a live (not deleted) dialog of `org` created with this idempotent key.
    pub async fn dialog_by_idempotent_key(&self, org: &str, key: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT id FROM dialogs WHERE org = $1 AND idempotent_key = $2 AND deleted_at IS NULL")
            .bind(org)
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get::<String, _>("id")).transpose()?)
    }

    /// The dialog carrying this exact service-owner label (instance and correspondence references).
    pub async fn dialog_by_label(&self, label: &str) -> Result<Option<uuid::Uuid>, StoreError> {
        let row = sqlx::query("SELECT id FROM dialogs WHERE so_labels LIKE $1 ORDER BY id LIMIT 1")
            .bind(format!("%,{label},%"))
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| r.try_get::<String, _>("id"))
            .transpose()?
            .map(|id| uuid::Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    /// Removes a dialog and everything hanging off it (purge).
    pub async fn purge_dialog(&self, id: uuid::Uuid) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        let uuid = id;
        let id = id.to_string();
        // Writes only, the first one first: on SQLite a transaction that reads and then writes
        // fails at once (SQLITE_BUSY, no waiting) when another write committed in between.
        for table in ["seen_log", "label_log"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE dialog_id = $1")).bind(id.as_str()).execute(&mut *tx).await?;
        }
        let owner =
            sqlx::query("DELETE FROM dialogs WHERE id = $1 RETURNING party, org").bind(id.as_str()).fetch_optional(&mut *tx).await?;
        tx.commit().await?;
        let Some(row) = owner else { return Ok(false) };
        let (party, org) = (row.try_get::<String, _>("party")?, row.try_get::<String, _>("org")?);
        self.announce(vec![super::DialogChange { id: uuid, party, org, purged: true }]).await;
        Ok(true)
    }

    pub async fn set_frozen(&self, id: uuid::Uuid) -> Result<(), StoreError> {
        sqlx::query("UPDATE dialogs SET frozen = 1 WHERE id = $1").bind(id.to_string()).execute(self.pool()).await?;
        Ok(())
    }
}
