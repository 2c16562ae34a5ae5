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
    /// The assurance level a person must have logged in with to read its dialogs (3: ID-porten
    /// substantial, Dialogporten's default; 4: high).
    pub min_auth_level: i64,
}

impl Store {
    pub async fn put_service_resource(&self, r: &ServiceResourceRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO service_resources (id, org, resource_type, name, min_auth_level) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(r.id.as_str())
        .bind(r.org.as_str())
        .bind(r.resource_type.as_str())
        .bind(r.name.as_str())
        .bind(r.min_auth_level)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn service_resource(&self, id: &str) -> Result<Option<ServiceResourceRecord>, StoreError> {
        let row = sqlx::query("SELECT id, org, resource_type, name, min_auth_level FROM service_resources WHERE id = $1")
            .bind(id.to_ascii_lowercase())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            Ok(ServiceResourceRecord {
                id: r.try_get("id")?,
                org: r.try_get("org")?,
                resource_type: r.try_get("resource_type")?,
                name: r.try_get("name")?,
                min_auth_level: r.try_get("min_auth_level")?,
            })
        })
        .transpose()
    }

    /// The org code of the service owner with this organisation number, if it is one.
    pub async fn org_code_for(&self, org_no: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT org FROM service_owners WHERE org_no = $1").bind(org_no).fetch_optional(self.pool()).await?;
        Ok(row.map(|r| r.try_get::<String, _>("org")).transpose()?)
    }

    pub async fn service_resources(&self) -> Result<Vec<ServiceResourceRecord>, StoreError> {
        let rows = sqlx::query("SELECT id, org, resource_type, name, min_auth_level FROM service_resources ORDER BY id")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ServiceResourceRecord {
                    id: r.try_get("id")?,
                    org: r.try_get("org")?,
                    resource_type: r.try_get("resource_type")?,
                    name: r.try_get("name")?,
                    min_auth_level: r.try_get("min_auth_level")?,
                })
            })
            .collect()
    }
}
