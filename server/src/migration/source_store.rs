//! The source systems as one SQLite file: what the simulator writes and the pipeline reads.
//! Each item keeps, beside its API shape, what its system knows of it and the API leaves out:
//! whose it is (the reportee or instance owner), when it was created, when its files stop being
//! kept, and a change number that grows with every change (live sync follows those).

use std::{path::Path, str::FromStr};

use dialogporten::UtcDateTime;
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions},
    Row, SqlitePool,
};

use super::Family;

/// One item as its source system holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceItem {
    pub family: Family,
    /// The system's own stable key (A2's element id, Storage's instance id).
    pub key: String,
    /// The party by the system's own identifier: an organisation or identity number (A2), a
    /// party id (Storage).
    pub owner: String,
    pub created_at: UtcDateTime,
    /// When the item's files stop being kept, if ever.
    pub files_expire: Option<UtcDateTime>,
    pub seq: i64,
    /// The item as the system's API returns it (JSON).
    pub body: String,
}

/// An item to write; the store gives it its change number.
#[derive(Clone, Debug)]
pub struct NewItem<'a> {
    pub family: Family,
    pub key: &'a str,
    pub owner: &'a str,
    pub created_at: UtcDateTime,
    pub files_expire: Option<UtcDateTime>,
    pub body: &'a str,
}

#[derive(Clone)]
pub struct SourceStore {
    pool: SqlitePool,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS items (
    family TEXT NOT NULL,
    key TEXT NOT NULL,
    owner TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    files_expire INTEGER,
    seq INTEGER NOT NULL UNIQUE,
    body TEXT NOT NULL,
    PRIMARY KEY (family, key)
);
CREATE INDEX IF NOT EXISTS items_history ON items (family, created_at DESC, key DESC);
CREATE INDEX IF NOT EXISTS items_changes ON items (family, seq)";

fn item(r: &sqlx::sqlite::SqliteRow) -> Result<SourceItem, sqlx::Error> {
    let decode = |e: String| sqlx::Error::Decode(e.into());
    let family: String = r.try_get("family")?;
    let time = |t: i64| UtcDateTime::from_ticks(t).map_err(|e| decode(e.to_string()));
    Ok(SourceItem {
        family: Family::parse(&family).ok_or_else(|| decode(format!("unknown family '{family}'")))?,
        key: r.try_get("key")?,
        owner: r.try_get("owner")?,
        created_at: time(r.try_get("created_at")?)?,
        files_expire: r.try_get::<Option<i64>, _>("files_expire")?.map(time).transpose()?,
        seq: r.try_get("seq")?,
        body: r.try_get("body")?,
    })
}

impl SourceStore {
    /// Opens (creating if needed) the store at `path`.
    pub async fn open(path: &Path) -> Result<Self, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(std::time::Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
        for statement in SCHEMA.split(';') {
            sqlx::query(statement).execute(&pool).await?;
        }
        Ok(Self { pool })
    }

    /// Writes an item (new or changed) with the next change number; returns that number.
    pub async fn put(&self, item: &NewItem<'_>) -> Result<i64, sqlx::Error> {
        self.put_all(std::slice::from_ref(item)).await?;
        self.last_seq().await
    }

    /// Items in one transaction, each with the next change number, in order.
    pub async fn put_all(&self, items: &[NewItem<'_>]) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let mut seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM items").fetch_one(&mut *tx).await?;
        for item in items {
            seq += 1;
            sqlx::query(
                "INSERT INTO items (family, key, owner, created_at, files_expire, seq, body) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (family, key) DO UPDATE SET owner = excluded.owner, files_expire = excluded.files_expire, seq = excluded.seq, body = excluded.body",
            )
            .bind(item.family.as_str())
            .bind(item.key)
            .bind(item.owner)
            .bind(item.created_at.ticks())
            .bind(item.files_expire.map(UtcDateTime::ticks))
            .bind(seq)
            .bind(item.body)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// The next `limit` items of a family created before `before` (its creation time and key,
    /// exclusive), newest first: one batch of the backwards history run.
    pub async fn older_than(&self, family: Family, before: (UtcDateTime, &str), limit: u32) -> Result<Vec<SourceItem>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT * FROM items WHERE family = $1 AND (created_at < $2 OR (created_at = $2 AND key < $3)) \
             ORDER BY created_at DESC, key DESC LIMIT $4",
        )
        .bind(family.as_str())
        .bind(before.0.ticks())
        .bind(before.1)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(item).collect()
    }

    /// The items of a family changed after change number `after`, oldest change first.
    pub async fn changed_after(&self, family: Family, after: i64, limit: u32) -> Result<Vec<SourceItem>, sqlx::Error> {
        let rows = sqlx::query("SELECT * FROM items WHERE family = $1 AND seq > $2 ORDER BY seq LIMIT $3")
            .bind(family.as_str())
            .bind(after)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    pub async fn get(&self, family: Family, key: &str) -> Result<Option<SourceItem>, sqlx::Error> {
        sqlx::query("SELECT * FROM items WHERE family = $1 AND key = $2")
            .bind(family.as_str())
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(item)
            .transpose()
    }

    /// The newest change number (0 for an empty store).
    pub async fn last_seq(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM items").fetch_one(&self.pool).await
    }

    /// The highest numeric key among Altinn 2 items (0 when there are none).
    pub async fn max_a2_key(&self) -> Result<u64, sqlx::Error> {
        let n: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(CAST(key AS INTEGER)), 0) FROM items WHERE family != 'a3-instance'")
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    pub async fn count(&self, family: Family) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM items WHERE family = $1").bind(family.as_str()).fetch_one(&self.pool).await
    }

    /// Every item of a family (tests compare the migrated set with it).
    pub async fn all(&self, family: Family) -> Result<Vec<SourceItem>, sqlx::Error> {
        let rows = sqlx::query("SELECT * FROM items WHERE family = $1 ORDER BY key").bind(family.as_str()).fetch_all(&self.pool).await?;
        rows.iter().map(item).collect()
    }
}
