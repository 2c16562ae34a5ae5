//! Dialog writes: the aggregate stored beside the columns its searches use, one at a time (a
//! compare-and-swap for every change after the first) or many per statement (bulk loading,
//! migration batches).

use dialogporten::{serviceowner::ServiceOwnerDialog, Dialog, UtcDateTime};
use sqlx::{any::AnyArguments, query::Query, Any};

use super::{placeholders, Store, StoreError};

#[derive(Clone, Copy)]
pub(super) enum Write<'a> {
    Insert(DialogKey),
    Upsert(DialogKey),
    ReplaceIf(&'a str),
}

/// What makes a stored dialog unique, as a write's conflict target: its id in one table; its
/// party and id where an operator has partitioned `dialogs` by party (docs/scale.md), because a
/// partitioned table's unique keys must hold the partition key. Read from the schema at connect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKey {
    Id,
    PartyAndId,
}

impl DialogKey {
    /// PostgreSQL's `dialogs` partitioned (relkind `p`) means `(party, id)`; anything else `(id)`.
    pub(super) async fn of(pool: &sqlx::AnyPool, backend: super::Backend) -> Result<Self, StoreError> {
        if backend == super::Backend::Sqlite {
            return Ok(Self::Id);
        }
        let kind: Option<String> = sqlx::query_scalar("SELECT CAST(relkind AS TEXT) FROM pg_class WHERE oid = to_regclass('dialogs')")
            .fetch_optional(pool)
            .await?;
        Ok(if kind.as_deref() == Some("p") { Self::PartyAndId } else { Self::Id })
    }

    fn conflict(self) -> &'static str {
        match self {
            Self::Id => "ON CONFLICT (id)",
            Self::PartyAndId => "ON CONFLICT (party, id)",
        }
    }
}

/// Labels as `,A,B,` so that one label is matched by `LIKE '%,A,%'`.
fn labels_column(dialog: &Dialog) -> String {
    let mut s = String::from(",");
    for l in &dialog.end_user_context.system_labels {
        s.push_str(l.as_str());
        s.push(',');
    }
    s
}

/// Service-owner labels as `,a,b,` for exact (`%,a,%`) and prefix (`%,a%`) matching.
fn so_labels_column(stored: &ServiceOwnerDialog) -> String {
    let mut s = String::from(",");
    for l in &stored.service_owner_context.service_owner_labels {
        s.push_str(&l.value);
        s.push(',');
    }
    s
}

/// Everything free-text search looks in, lower-cased.
fn search_text(dialog: &Dialog) -> String {
    let c = &dialog.content;
    [Some(&c.title), c.summary.as_ref(), c.sender_name.as_ref(), c.additional_info.as_ref(), c.extended_status.as_ref()]
        .into_iter()
        .flatten()
        .flat_map(|v| v.value.iter().map(|l| l.value.to_lowercase()))
        .chain(dialog.external_reference.iter().map(|s| s.to_lowercase()))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Store {
    /// Inserts or replaces a dialog with its index columns: the bulk-loading path (demo data),
    /// which sends no change notice.
    pub async fn put_dialog(&self, stored: &ServiceOwnerDialog) -> Result<(), StoreError> {
        self.write_dialog(stored, Write::Upsert(self.dialog_key)).await.map(|_| ())
    }

    /// Many dialogs in one transaction: bulk loading (the large preset), without notices.
    pub async fn put_dialogs(&self, dialogs: &[ServiceOwnerDialog]) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        upsert_dialogs_on(&mut tx, self.dialog_key, &dialogs.iter().map(|d| (d, None)).collect::<Vec<_>>()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Inserts a new dialog; `Ok(false)` when one with the same id exists.
    pub async fn insert_dialog(&self, stored: &ServiceOwnerDialog) -> Result<bool, StoreError> {
        let done = self.write_dialog(stored, Write::Insert(self.dialog_key)).await?;
        if done {
            self.announce(vec![stored.into()]).await;
        }
        Ok(done)
    }

    async fn write_dialog(&self, stored: &ServiceOwnerDialog, mode: Write<'_>) -> Result<bool, StoreError> {
        let mut conn = self.pool().acquire().await?;
        write_dialog_on(&mut conn, stored, mode).await
    }
}

/// The indexed columns written beside the document, in bind order; the id follows them.
const COLUMNS: &str = "party, org, service_resource, status, labels, created_at, updated_at, content_updated_at, \
     due_at, expires_at, visible_from, deleted_at, search_text, doc, extended_status, external_reference, process, idempotent_key, \
     so_labels";
/// Binds per dialog: the columns and the id.
const BINDS: usize = 20;

fn upsert_set() -> String {
    let set: Vec<String> = COLUMNS.split(',').map(str::trim).map(|c| format!("{c} = excluded.{c}")).collect();
    format!("DO UPDATE SET {}", set.join(", "))
}

/// Adds one dialog's columns and id to `q`, in `COLUMNS` order.
fn bind_dialog<'q>(
    q: Query<'q, Any, AnyArguments<'q>>,
    stored: &'q ServiceOwnerDialog,
) -> Result<Query<'q, Any, AnyArguments<'q>>, StoreError> {
    let doc = serde_json::to_string(stored).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let dialog = &stored.dialog;
    Ok(q.bind(dialog.party.as_str())
        .bind(dialog.org.as_str())
        .bind(dialog.service_resource.as_str())
        .bind(dialog.status.as_str())
        .bind(labels_column(dialog))
        .bind(dialog.created_at.ticks())
        .bind(dialog.updated_at.ticks())
        .bind(dialog.content_updated_at.ticks())
        .bind(dialog.due_at.map(UtcDateTime::ticks))
        .bind(dialog.expires_at.map(UtcDateTime::ticks))
        .bind(stored.visible_from.map(UtcDateTime::ticks))
        .bind(stored.deleted_at.map(UtcDateTime::ticks))
        .bind(search_text(dialog))
        .bind(doc)
        .bind(dialog.extended_status.as_deref())
        .bind(dialog.external_reference.as_deref())
        .bind(dialog.process.as_deref())
        .bind(stored.idempotent_key.as_deref())
        .bind(so_labels_column(stored))
        .bind(dialog.id.to_string()))
}

/// Writes a dialog and its index columns on one connection (so it can be part of a transaction).
pub(super) async fn write_dialog_on(
    conn: &mut sqlx::AnyConnection,
    stored: &ServiceOwnerDialog,
    mode: Write<'_>,
) -> Result<bool, StoreError> {
    let sql = match mode {
        Write::Insert(key) => {
            format!("INSERT INTO dialogs ({COLUMNS}, id) VALUES ({}) {} DO NOTHING", placeholders(1, BINDS), key.conflict())
        }
        Write::Upsert(key) => {
            format!("INSERT INTO dialogs ({COLUMNS}, id) VALUES ({}) {} {}", placeholders(1, BINDS), key.conflict(), upsert_set())
        }
        Write::ReplaceIf(_) => {
            let set: Vec<String> = COLUMNS.split(',').map(str::trim).enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
            format!("UPDATE dialogs SET {} WHERE id = ${BINDS} AND doc = ${}", set.join(", "), BINDS + 1)
        }
    };
    let mut q = bind_dialog(sqlx::query(&sql), stored)?;
    if let Write::ReplaceIf(before) = mode {
        q = q.bind(before);
    }
    Ok(q.execute(&mut *conn).await?.rows_affected() == 1)
}

/// Inserts or replaces many dialogs, several per statement (bulk loading, migration batches),
/// each with the migration source it came from, if any (kept when `None`).
pub(super) async fn upsert_dialogs_on(
    conn: &mut sqlx::AnyConnection,
    key: DialogKey,
    dialogs: &[(&ServiceOwnerDialog, Option<&str>)],
) -> Result<(), StoreError> {
    const PER_ROW: usize = BINDS + 1;
    // Few statements per batch: 400 × 21 binds stays under the bundled SQLite's limit of 32,766
    // per statement (and PostgreSQL's 65,535); each statement is a round trip and an executor
    // start, which 40 rows at a time made a third of a migration batch's time on PostgreSQL.
    for chunk in dialogs.chunks(400) {
        let rows: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * PER_ROW + 1, PER_ROW))).collect();
        let sql = format!(
            "INSERT INTO dialogs ({COLUMNS}, id, migration_source) VALUES {} {} {}, \
             migration_source = COALESCE(excluded.migration_source, dialogs.migration_source)",
            rows.join(", "),
            key.conflict(),
            upsert_set()
        );
        let mut q = sqlx::query(&sql);
        for (d, source) in chunk {
            q = bind_dialog(q, d)?.bind(*source);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
