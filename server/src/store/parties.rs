//! Parties, who may act for them, and service owners.

use sqlx::Row;

use super::{placeholders, Store, StoreError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyRecord {
    pub party: String,
    pub party_id: i64,
    pub party_uuid: String,
    pub name: String,
    /// `Person` or `Organization`.
    pub party_type: String,
    pub parent: Option<String>,
    pub date_of_birth: Option<String>,
    pub is_deleted: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceOwnerRecord {
    pub org: String,
    pub org_no: String,
    pub name: String,
}

fn party_from(r: &sqlx::any::AnyRow) -> Result<PartyRecord, StoreError> {
    Ok(PartyRecord {
        party: r.try_get("party")?,
        party_id: r.try_get("party_id")?,
        party_uuid: r.try_get("party_uuid")?,
        name: r.try_get("name")?,
        party_type: r.try_get("party_type")?,
        parent: r.try_get("parent")?,
        date_of_birth: r.try_get("date_of_birth")?,
        is_deleted: r.try_get::<i64, _>("is_deleted")? != 0,
    })
}

/// Inserts a party; `on_conflict` says what an existing row with its URN gets (`DO NOTHING`, or
/// `DO UPDATE SET …` from `excluded`).
pub(super) async fn write_party(conn: &mut sqlx::AnyConnection, p: &PartyRecord, on_conflict: &str) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO parties (party, party_id, party_uuid, name, party_type, parent, date_of_birth, is_deleted) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (party) {on_conflict}"
    );
    sqlx::query(&sql)
        .bind(p.party.as_str())
        .bind(p.party_id)
        .bind(p.party_uuid.as_str())
        .bind(p.name.as_str())
        .bind(p.party_type.as_str())
        .bind(p.parent.as_deref())
        .bind(p.date_of_birth.as_deref())
        .bind(i64::from(p.is_deleted))
        .execute(conn)
        .await?;
    Ok(())
}

const PARTY_COLUMNS: &str = "p.party, p.party_id, p.party_uuid, p.name, p.party_type, p.parent, p.date_of_birth, p.is_deleted";

impl Store {
    pub async fn put_party(&self, p: &PartyRecord) -> Result<(), StoreError> {
        self.put_parties(std::slice::from_ref(p)).await
    }

    pub async fn grant_access(&self, pid: &str, party: &str, role: &str) -> Result<(), StoreError> {
        self.grant_accesses(pid, &[(party.to_owned(), role)]).await
    }

    /// Many parties in one transaction (bulk loading).
    pub async fn put_parties(&self, parties: &[PartyRecord]) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        for p in parties {
            write_party(&mut tx, p, "DO NOTHING").await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Roles for one person in many parties, in one transaction.
    pub async fn grant_accesses(&self, pid: &str, grants: &[(String, &str)]) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        for (party, role) in grants {
            sqlx::query("INSERT INTO party_access (pid, party, role) VALUES ($1, $2, $3) ON CONFLICT (pid, party) DO NOTHING")
                .bind(pid)
                .bind(party.as_str())
                .bind(*role)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn put_service_owner(&self, s: &ServiceOwnerRecord) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO service_owners (org, org_no, name) VALUES ($1, $2, $3) ON CONFLICT (org) DO NOTHING")
            .bind(s.org.as_str())
            .bind(s.org_no.as_str())
            .bind(s.name.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn service_owners(&self) -> Result<Vec<ServiceOwnerRecord>, StoreError> {
        let rows = sqlx::query("SELECT org, org_no, name FROM service_owners ORDER BY org").fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| Ok(ServiceOwnerRecord { org: r.try_get("org")?, org_no: r.try_get("org_no")?, name: r.try_get("name")? }))
            .collect()
    }

    pub async fn party(&self, party: &str) -> Result<Option<PartyRecord>, StoreError> {
        let sql = format!("SELECT {PARTY_COLUMNS} FROM parties p WHERE p.party = $1");
        sqlx::query(&sql).bind(party).fetch_optional(self.pool()).await?.as_ref().map(party_from).transpose()
    }

    /// The top-level parties a person may act for, in the order granted (own party first).
    pub async fn accessible_parties(&self, pid: &str) -> Result<Vec<PartyRecord>, StoreError> {
        let sql = format!(
            "SELECT {PARTY_COLUMNS} FROM party_access a JOIN parties p ON p.party = a.party WHERE a.pid = $1 \
             ORDER BY CASE WHEN p.party_type = 'Person' THEN 0 ELSE 1 END, p.name"
        );
        let rows = sqlx::query(&sql).bind(pid).fetch_all(self.pool()).await?;
        rows.iter().map(party_from).collect()
    }

    /// Sub-units of the main units the person has been granted.
    pub async fn sub_parties_of(&self, pid: &str) -> Result<Vec<PartyRecord>, StoreError> {
        let sql =
            format!("SELECT {PARTY_COLUMNS} FROM party_access a JOIN parties p ON p.parent = a.party WHERE a.pid = $1 ORDER BY p.name");
        sqlx::query(&sql).bind(pid).fetch_all(self.pool()).await?.iter().map(party_from).collect()
    }

    /// Of `candidates`, the parties the person may see dialogs of: granted directly, or a
    /// sub-unit of a granted main unit, and not deleted. Indexed lookups, however many parties
    /// the person has.
    pub async fn permitted_parties(&self, pid: &str, candidates: &[String]) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        // Well under SQLite's and PostgreSQL's limits on bound parameters.
        for chunk in candidates.chunks(500) {
            let sql = format!(
                "SELECT p.party FROM parties p WHERE p.party IN ({}) AND p.is_deleted = 0 AND \
                 (EXISTS (SELECT 1 FROM party_access a WHERE a.pid = $1 AND a.party = p.party) \
                 OR EXISTS (SELECT 1 FROM party_access a WHERE a.pid = $1 AND a.party = p.parent))",
                placeholders(2, chunk.len())
            );
            let mut q = sqlx::query(&sql).bind(pid);
            for c in chunk {
                q = q.bind(c.as_str());
            }
            for r in q.fetch_all(self.pool()).await? {
                out.push(r.try_get::<String, _>("party")?);
            }
        }
        Ok(out)
    }

    /// The role code by which the person may see dialogs of `party` (granted directly, or for
    /// the main unit of a sub-unit; a direct grant wins), or `None` when they may not.
    pub async fn role_for(&self, pid: &str, party: &str) -> Result<Option<String>, StoreError> {
        static SQL: std::sync::LazyLock<String> =
            std::sync::LazyLock::new(|| format!("SELECT a.role {ROLE_ROWS} ORDER BY {DIRECT_FIRST} LIMIT 1"));
        let row = sqlx::query(&SQL).bind(pid).bind(party).fetch_optional(self.pool()).await?;
        Ok(row.map(|r| r.try_get("role")).transpose()?)
    }

    /// Every person who has been granted access to something: the demo identities.
    pub async fn persons_with_access(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT a.pid AS pid, p.name AS name FROM party_access a \
             JOIN parties p ON p.party = a.party AND a.role = 'self' ORDER BY p.name",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok((r.try_get("pid")?, r.try_get("name")?))).collect()
    }
}

/// The roles `$1` holds for party `$2` (granted directly, or for the main unit of a sub-unit), as
/// `a.role`, with the rule that a direct grant wins as [`DIRECT_FIRST`]: one place for
/// [`Store::role_for`] and `Store::grants_for`.
pub(super) const ROLE_ROWS: &str = "FROM parties p JOIN party_access a ON a.pid = $1 AND (a.party = p.party OR a.party = p.parent) \
                                    WHERE p.party = $2 AND p.is_deleted = 0";
pub(super) const DIRECT_FIRST: &str = "CASE WHEN a.party = p.party THEN 0 ELSE 1 END";
