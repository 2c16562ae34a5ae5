//! Storage: one code path over SQLite (embedded default) and PostgreSQL, through sqlx's `Any`
//! driver with portable SQL. Dialogs are kept as their JSON aggregate plus indexed columns that
//! search filters and orders on.

mod changes;
mod counters;
mod dialog_admin;
mod dialog_writes;
mod dialogs;
mod labels;
mod migration;
mod migration_items;
mod notifications;
mod parties;
mod preferences;
mod rates;
mod register;
mod resources;
mod schema;
mod seen;
mod sessions;

use sqlx::{any::AnyPoolOptions, AnyPool};

pub use changes::{Changes, DialogChange};
pub use dialog_writes::DialogKey;
pub use dialogs::{Deleted, DialogFilter, DialogRow, SearchRows};
pub use labels::LabelUpdate;
pub use migration::SourceState;
pub use migration_items::{BatchCounts, BatchItem, ItemCounts, ItemFate, MergeRule, Merged, MigrationCursor, SourceUpdate};
pub use notifications::{Opened, PendingVerification, Quota};
pub use parties::{PartyRecord, ServiceOwnerRecord};
pub use register::{Grants, PartyGrants, RegisterUpdate, ResourceRules, SystemUserRecord, DEFAULT_AUTH_LEVEL};
pub use resources::ServiceResourceRecord;
pub use seen::SeenEntry;
pub use sessions::{PendingSignIn, SessionRecord, SessionTokens};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("unsupported database URL '{0}': use sqlite://path or postgres://…")]
    UnsupportedUrl(String),
    #[error("cannot create the database folder: {0}")]
    Io(#[from] std::io::Error),
    /// A guarded write kept losing to other writers of the same dialog; nothing was written.
    #[error("dialog {0} changed on every attempt to write it")]
    Contended(uuid::Uuid),
}

impl StoreError {
    /// The database could not answer in time or at all (pool exhausted, connection lost, SQLite's
    /// write lock held past the busy timeout, PostgreSQL refusing connections): worth a retry,
    /// so callers get 503 with Retry-After rather than a 500.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Sql(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)) => true,
            StoreError::Sql(sqlx::Error::Database(e)) => e.code().is_some_and(|code| {
                // SQLite: BUSY (5) and LOCKED (6), with their extended codes; PostgreSQL:
                // too_many_connections, cannot_connect_now, lock_not_available.
                code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6)) || matches!(code.as_ref(), "53300" | "57P03" | "55P03")
            }),
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    changes: Changes,
    dialog_key: DialogKey,
}

impl Store {
    /// Connects, creating a SQLite file (and its folder) if needed, and runs migrations.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if let Some(path) = url.strip_prefix("sqlite://") {
            let file = path.split('?').next().unwrap_or(path);
            if let Some(dir) = std::path::Path::new(file).parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let url =
                if url.contains("mode=") { url.to_owned() } else { format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' }) };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        let options = AnyPoolOptions::new().max_connections(if backend == Backend::Sqlite { 4 } else { 16 });
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _| {
                Box::pin(async move {
                    // WAL lets readers work while one writer writes; wait rather than fail on a lock.
                    sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA busy_timeout = 5000").execute(&mut *conn).await?;
                    // In WAL mode this still survives a killed process (commits are in the WAL);
                    // only an OS crash or power loss may lose the last commits. It saves an fsync
                    // per write, which the seen log makes on every dialog opened.
                    sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(&url).await?;
        let changes = Changes::default();
        if backend == Backend::Postgres {
            changes::listen_postgres(url.clone(), changes.clone());
        }
        let mut store = Self { pool, backend, changes, dialog_key: DialogKey::Id };
        schema::migrate(&store).await?;
        store.dialog_key = DialogKey::of(&store.pool, backend).await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// What a dialog write conflicts on: `(party, id)` once `dialogs` is partitioned by party.
    pub fn dialog_key(&self) -> DialogKey {
        self.dialog_key
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

impl Store {
    /// Runs `work` while this instance holds PostgreSQL's advisory lock `key`, so instances that
    /// start together take turns (SQLite: as it is; one process serves a file).
    pub async fn exclusively<T, Fut>(&self, key: i64, work: impl FnOnce() -> Fut) -> Result<T, StoreError>
    where
        Fut: std::future::Future<Output = Result<T, StoreError>>,
    {
        if self.backend != Backend::Postgres {
            return work().await;
        }
        let mut conn = self.pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock($1)").bind(key).execute(&mut *conn).await?;
        let result = work().await;
        // Also released when the connection closes, should this fail.
        sqlx::query("SELECT pg_advisory_unlock($1)").bind(key).execute(&mut *conn).await?;
        result
    }
}

/// `$first, $first+1, …` placeholders for an IN list.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}
