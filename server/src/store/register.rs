//! The register written as its files say, in one transaction: parties, service owners and
//! resources upserted (a party keeps the number and UUID it was first given), and each listed
//! person's or system user's roles and rights replaced.

use sqlx::Row;
use uuid::Uuid;

use super::{
    parties::{DIRECT_FIRST, ROLE_ROWS},
    PartyRecord, ServiceOwnerRecord, ServiceResourceRecord, Store, StoreError,
};

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

    /// What the holder has for `party`, in one query (this is on the path of every dialog
    /// opened): the role (its own before its main unit's), and the rights and access packages
    /// granted for it or its main unit. None without a role.
    pub async fn grants_for(&self, holder: &str, party: &str) -> Result<Option<PartyGrants>, StoreError> {
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            let main_unit = "(SELECT p.parent FROM parties p WHERE p.party = $2)";
            format!(
                "SELECT CAST(0 AS BIGINT) AS kind, a.role AS a, CAST(NULL AS TEXT) AS b, CAST({DIRECT_FIRST} AS BIGINT) AS rank {ROLE_ROWS} \
                 UNION ALL SELECT CAST(1 AS BIGINT), r.resource, r.action, CAST(0 AS BIGINT) FROM party_rights r \
                 WHERE r.holder = $1 AND (r.party = $2 OR r.party = {main_unit}) \
                 UNION ALL SELECT CAST(2 AS BIGINT), k.package, CAST(NULL AS TEXT), CAST(0 AS BIGINT) FROM party_packages k \
                 WHERE k.holder = $1 AND (k.party = $2 OR k.party = {main_unit}) \
                 ORDER BY kind, rank"
            )
        });
        let rows = sqlx::query(&SQL).bind(holder).bind(party).fetch_all(self.pool()).await?;
        let mut role = None;
        let (mut rights, mut packages) = (Vec::new(), Vec::new());
        for r in &rows {
            let a: String = r.try_get("a")?;
            match r.try_get::<i64, _>("kind")? {
                0 => {
                    role.get_or_insert(a);
                }
                1 => rights.push((a, r.try_get::<Option<String>, _>("b")?.unwrap_or_default())),
                _ => packages.push(a),
            }
        }
        Ok(role.map(|role| PartyGrants { role, rights, packages }))
    }

    /// The policies (resource, policy as JSON) of those of `resources` that have one, and the
    /// assurance level `service` demands, in one query (also on the path of every dialog opened).
    pub async fn resource_rules(&self, resources: &[String], service: &str) -> Result<ResourceRules, StoreError> {
        let policies = if resources.is_empty() {
            String::new()
        } else {
            format!(
                "SELECT resource, policy, CAST(NULL AS BIGINT) AS level FROM resource_policies WHERE resource IN ({}) UNION ALL ",
                super::placeholders(2, resources.len())
            )
        };
        let sql = format!(
            "{policies}SELECT id AS resource, CAST(NULL AS TEXT) AS policy, min_auth_level AS level FROM service_resources WHERE id = $1"
        );
        let mut query = sqlx::query(&sql).bind(service.to_ascii_lowercase());
        for resource in resources {
            query = query.bind(resource.as_str());
        }
        let mut rules = ResourceRules { policies: Vec::new(), min_auth_level: DEFAULT_AUTH_LEVEL };
        for r in query.fetch_all(self.pool()).await? {
            match (r.try_get::<Option<String>, _>("policy")?, r.try_get::<Option<i64>, _>("level")?) {
                (Some(policy), _) => rules.policies.push((r.try_get("resource")?, policy)),
                (None, Some(level)) => rules.min_auth_level = level,
                (None, None) => {}
            }
        }
        Ok(rules)
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

/// What a holder has for one party: see [`Store::grants_for`].
pub struct PartyGrants {
    pub role: String,
    /// (resource, action) beyond the role.
    pub rights: Vec<(String, String)>,
    pub packages: Vec<String>,
}

/// See [`Store::resource_rules`].
pub struct ResourceRules {
    pub policies: Vec<(String, String)>,
    pub min_auth_level: i64,
}

/// Dialogporten's assurance level for a resource that names none: substantial.
pub const DEFAULT_AUTH_LEVEL: i64 = 3;
