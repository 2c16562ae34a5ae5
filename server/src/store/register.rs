//! The register written as its files say, in one transaction: parties, service owners and
//! resources upserted (a party keeps the number and UUID it was first given), and each listed
//! person's or system user's roles and rights replaced.

use sqlx::Row;
use uuid::Uuid;

use super::{PartyRecord, ServiceOwnerRecord, ServiceResourceRecord, Store, StoreError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemUserRecord {
    pub id: Uuid,
    pub name: String,
    /// The organisation the system user belongs to.
    pub org_no: String,
}

pub struct RegisterUpdate {
    pub parties: Vec<PartyRecord>,
    pub owners: Vec<ServiceOwnerRecord>,
    pub resources: Vec<ServiceResourceRecord>,
    /// (resource, policy as JSON) for each listed resource: `None` leaves it the default policy.
    pub policies: Vec<(String, Option<String>)>,
    pub system_users: Vec<SystemUserRecord>,
    /// What each listed person or system user holds; replaces what they held.
    pub grants: Vec<Grants>,
}

/// One holder's roles and rights: a person's identity number or a system user's URN as `holder`.
pub struct Grants {
    pub holder: String,
    /// (party, role code): every party the holder acts for.
    pub roles: Vec<(String, String)>,
    /// (party, resource, action): rights beyond the role for that party.
    pub rights: Vec<(String, String, String)>,
    /// (party, access package URN): the access packages held for that party.
    pub packages: Vec<(String, String)>,
}

impl Store {
    pub async fn apply_register(&self, u: &RegisterUpdate) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        for p in &u.parties {
            super::parties::write_party(
                &mut tx,
                p,
                "DO UPDATE SET name = excluded.name, party_type = excluded.party_type, parent = excluded.parent, \
                 date_of_birth = excluded.date_of_birth, is_deleted = excluded.is_deleted",
            )
            .await?;
        }
        for s in &u.owners {
            sqlx::query("INSERT INTO service_owners (org, org_no, name) VALUES ($1, $2, $3) ON CONFLICT (org) DO UPDATE SET org_no = excluded.org_no, name = excluded.name")
                .bind(s.org.as_str())
                .bind(s.org_no.as_str())
                .bind(s.name.as_str())
                .execute(&mut *tx)
                .await?;
        }
        for r in &u.resources {
            sqlx::query(
                "INSERT INTO service_resources (id, org, resource_type, name, min_auth_level) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (id) DO UPDATE SET org = excluded.org, resource_type = excluded.resource_type, name = excluded.name, \
                 min_auth_level = excluded.min_auth_level",
            )
            .bind(r.id.as_str())
            .bind(r.org.as_str())
            .bind(r.resource_type.as_str())
            .bind(r.name.as_str())
            .bind(r.min_auth_level)
            .execute(&mut *tx)
            .await?;
        }
        for (resource, policy) in &u.policies {
            sqlx::query("DELETE FROM resource_policies WHERE resource = $1").bind(resource.as_str()).execute(&mut *tx).await?;
            if let Some(policy) = policy {
                sqlx::query("INSERT INTO resource_policies (resource, policy) VALUES ($1, $2)")
                    .bind(resource.as_str())
                    .bind(policy.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for su in &u.system_users {
            sqlx::query("INSERT INTO system_users (id, name, org_no) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name, org_no = excluded.org_no")
                .bind(su.id.to_string())
                .bind(su.name.as_str())
                .bind(su.org_no.as_str())
                .execute(&mut *tx)
                .await?;
        }
        for g in &u.grants {
            sqlx::query("DELETE FROM party_access WHERE pid = $1").bind(g.holder.as_str()).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM party_rights WHERE holder = $1").bind(g.holder.as_str()).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM party_packages WHERE holder = $1").bind(g.holder.as_str()).execute(&mut *tx).await?;
            for (party, package) in &g.packages {
                sqlx::query("INSERT INTO party_packages (holder, party, package) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(g.holder.as_str())
                    .bind(party.as_str())
                    .bind(package.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            for (party, role) in &g.roles {
                sqlx::query("INSERT INTO party_access (pid, party, role) VALUES ($1, $2, $3)")
                    .bind(g.holder.as_str())
                    .bind(party.as_str())
                    .bind(role.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            for (party, resource, action) in &g.rights {
                sqlx::query("INSERT INTO party_rights (holder, party, resource, action) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                    .bind(g.holder.as_str())
                    .bind(party.as_str())
                    .bind(resource.as_str())
                    .bind(action.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn system_users(&self) -> Result<Vec<SystemUserRecord>, StoreError> {
        let rows = sqlx::query("SELECT id, name, org_no FROM system_users ORDER BY name").fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("id")?;
                Ok(SystemUserRecord {
                    id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(format!("system user id '{id}': {e}")))?,
                    name: r.try_get("name")?,
                    org_no: r.try_get("org_no")?,
                })
            })
            .collect()
    }

    /// (resource, action) rights the holder has for `party`, granted for it or its main unit.
    pub async fn rights_for(&self, holder: &str, party: &str) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.resource, r.action FROM party_rights r WHERE r.holder = $1 \
             AND (r.party = $2 OR r.party = (SELECT p.parent FROM parties p WHERE p.party = $2))",
        )
        .bind(holder)
        .bind(party)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok((r.try_get("resource")?, r.try_get("action")?))).collect()
    }

    /// The access packages the holder has for the party (those for its main unit reach a sub-unit).
    pub async fn packages_for(&self, holder: &str, party: &str) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT k.package FROM party_packages k WHERE k.holder = $1 \
             AND (k.party = $2 OR k.party = (SELECT p.parent FROM parties p WHERE p.party = $2))",
        )
        .bind(holder)
        .bind(party)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok(r.try_get("package")?)).collect()
    }

    /// (resource, policy as JSON) for those of `resources` that have a policy, in one query (this
    /// is on the path of every dialog opened).
    pub async fn resource_policies(&self, resources: &[String]) -> Result<Vec<(String, String)>, StoreError> {
        if resources.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT resource, policy FROM resource_policies WHERE resource IN ({})", super::placeholders(1, resources.len()));
        let mut query = sqlx::query(&sql);
        for resource in resources {
            query = query.bind(resource.as_str());
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter().map(|r| Ok((r.try_get("resource")?, r.try_get("policy")?))).collect()
    }

    /// (resource, policy as JSON) for every resource that has a policy.
    pub async fn all_resource_policies(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query("SELECT resource, policy FROM resource_policies ORDER BY resource").fetch_all(self.pool()).await?;
        rows.iter().map(|r| Ok((r.try_get("resource")?, r.try_get("policy")?))).collect()
    }

    pub async fn system_user_name(&self, id: Uuid) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT name FROM system_users WHERE id = $1").bind(id.to_string()).fetch_optional(self.pool()).await?;
        Ok(row.map(|r| r.try_get::<String, _>("name")).transpose()?)
    }
}
