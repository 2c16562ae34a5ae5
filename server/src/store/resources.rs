//! Service resources: which service owner (org code) owns a resource, and its type.

use sqlx::Row;

use super::{Store, StoreError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceResourceRecord {
    /// `urn:altinn:resource:{identifier}`, lower-case.
    pub id: String,
    pub org: String,
    /// `GenericAccessResource`, `AltinnApp`, `MigratedApp` or `CorrespondenceService`.
    pub resource_type: String,
    pub name: String,
}

impl Store {
    pub async fn put_service_resource(&self, r: &ServiceResourceRecord) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO service_resources (id, org, resource_type, name) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING")
            .bind(r.id.as_str())
            .bind(r.org.as_str())
            .bind(r.resource_type.as_str())
            .bind(r.name.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn service_resource(&self, id: &str) -> Result<Option<ServiceResourceRecord>, StoreError> {
        let row = sqlx::query("SELECT id, org, resource_type, name FROM service_resources WHERE id = $1")
            .bind(id.to_ascii_lowercase())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            Ok(ServiceResourceRecord {
                id: r.try_get("id")?,
                org: r.try_get("org")?,
                resource_type: r.try_get("resource_type")?,
                name: r.try_get("name")?,
            })
        })
        .transpose()
    }

    /// The org code of the service owner with this organisation number, if it is one.
    pub async fn org_code_for(&self, org_no: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT org FROM service_owners WHERE org_no = $1").bind(org_no).fetch_optional(self.pool()).await?;
        Ok(row.map(|r| r.try_get::<String, _>("org")).transpose()?)
    }

    /// The id of a live (not deleted) dialog of `org` created with this idempotent key.
    pub async fn dialog_by_idempotent_key(&self, org: &str, key: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT id FROM dialogs WHERE org = $1 AND idempotent_key = $2 AND deleted_at IS NULL")
            .bind(org)
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get::<String, _>("id")).transpose()?)
    }

    /// Removes a dialog and everything hanging off it (purge).
    pub async fn purge_dialog(&self, id: uuid::Uuid) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        let uuid = id;
        let id = id.to_string();
        let owner = sqlx::query("SELECT party, org FROM dialogs WHERE id = $1").bind(id.as_str()).fetch_optional(&mut *tx).await?;
        for table in ["seen_log", "label_log"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE dialog_id = $1")).bind(id.as_str()).execute(&mut *tx).await?;
        }
        let done = sqlx::query("DELETE FROM dialogs WHERE id = $1").bind(id.as_str()).execute(&mut *tx).await?;
        tx.commit().await?;
        if let Some(row) = owner {
            let (party, org) = (row.try_get::<String, _>("party")?, row.try_get::<String, _>("org")?);
            self.announce(vec![super::DialogChange { id: uuid, party, org, purged: true }]).await;
        }
        Ok(done.rows_affected() == 1)
    }
}

impl Store {
    pub async fn service_resources(&self) -> Result<Vec<ServiceResourceRecord>, StoreError> {
        let rows = sqlx::query("SELECT id, org, resource_type, name FROM service_resources ORDER BY id").fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(ServiceResourceRecord {
                    id: r.try_get("id")?,
                    org: r.try_get("org")?,
                    resource_type: r.try_get("resource_type")?,
                    name: r.try_get("name")?,
                })
            })
            .collect()
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
}

impl Store {
    pub async fn set_frozen(&self, id: uuid::Uuid) -> Result<(), StoreError> {
        sqlx::query("UPDATE dialogs SET frozen = 1 WHERE id = $1").bind(id.to_string()).execute(self.pool()).await?;
        Ok(())
    }
}
