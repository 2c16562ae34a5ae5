//! Dialog rows: write the aggregate with its indexed columns, read one, search with keyset paging.

use dialogporten::{
    serviceowner::ServiceOwnerDialog, ContinuationToken, Dialog, DialogStatus, Direction, OrderBy, OrderField, SystemLabel, UtcDateTime,
};
use sqlx::{any::AnyArguments, query::Query, Any, Row};
use uuid::Uuid;

use super::{placeholders, Store, StoreError};

/// A validated search, in the store's terms. Empty lists mean "no filter".
#[derive(Clone, Debug)]
pub struct DialogFilter {
    /// The parties to search; the caller has already limited these to what the user may see.
    pub parties: Vec<String>,
    pub service_resources: Vec<String>,
    pub orgs: Vec<String>,
    pub statuses: Vec<DialogStatus>,
    pub extended_statuses: Vec<String>,
    pub external_reference: Option<String>,
    /// Lower-cased; matched case-insensitively.
    pub process: Option<String>,
    /// Every label listed must be present (AND).
    pub system_labels: Vec<SystemLabel>,
    /// At least one of these labels must be present (OR; the end-user-context list).
    pub any_labels: Vec<SystemLabel>,
    pub created_after: Option<UtcDateTime>,
    pub created_before: Option<UtcDateTime>,
    pub updated_after: Option<UtcDateTime>,
    pub updated_before: Option<UtcDateTime>,
    pub content_updated_after: Option<UtcDateTime>,
    pub content_updated_before: Option<UtcDateTime>,
    pub due_after: Option<UtcDateTime>,
    pub due_before: Option<UtcDateTime>,
    /// Lower-cased free text.
    pub search: Option<String>,
    pub is_content_seen: Option<bool>,
    pub exclude_api_only: bool,
    pub order: OrderBy,
    pub after: Option<ContinuationToken>,
    pub limit: u32,
    /// Whose seen log decides `isContentSeen`.
    pub seen_by: String,
    pub now: UtcDateTime,
    /// Service-owner searches: only this org's dialogs, deleted ones on request, no visibility rules.
    pub org: Option<String>,
    pub deleted: Deleted,
    pub visible_after: Option<UtcDateTime>,
    pub visible_before: Option<UtcDateTime>,
    /// Lower-cased; all must match; a trailing `*` matches a prefix.
    pub service_owner_labels: Vec<String>,
    /// (party, service resource) pairs left out: what a resource's policy does not let the
    /// searching user see for that party.
    pub hidden: Vec<(String, String)>,
}

/// `V1Common_DeletedFilter`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Deleted {
    #[default]
    Exclude,
    Include,
    Only,
}

impl DialogFilter {
    /// No filters, default order and limit, as seen at `now`.
    pub fn new(now: UtcDateTime, limit: u32) -> Self {
        Self {
            parties: Vec::new(),
            service_resources: Vec::new(),
            orgs: Vec::new(),
            statuses: Vec::new(),
            extended_statuses: Vec::new(),
            external_reference: None,
            process: None,
            system_labels: Vec::new(),
            any_labels: Vec::new(),
            created_after: None,
            created_before: None,
            updated_after: None,
            updated_before: None,
            content_updated_after: None,
            content_updated_before: None,
            due_after: None,
            due_before: None,
            search: None,
            is_content_seen: None,
            exclude_api_only: false,
            order: OrderBy::default(),
            after: None,
            limit,
            seen_by: String::new(),
            now,
            org: None,
            deleted: Deleted::Exclude,
            visible_after: None,
            visible_before: None,
            service_owner_labels: Vec::new(),
            hidden: Vec::new(),
        }
    }
}

/// One stored dialog (the whole aggregate, as its owner sees it) with what the reading user has
/// seen of it.
pub struct DialogRow {
    pub stored: ServiceOwnerDialog,
    /// The stored document as read, for compare-and-swap updates.
    pub raw: String,
    pub content_seen_by_user: bool,
    /// Frozen by an admin integration: the owner may no longer change it.
    pub frozen: bool,
}

impl DialogRow {
    pub fn dialog(&self) -> &Dialog {
        &self.stored.dialog
    }

    pub fn deleted(&self) -> bool {
        self.stored.deleted_at.is_some()
    }
}

pub struct SearchRows {
    pub rows: Vec<DialogRow>,
    pub has_next_page: bool,
}

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

/// Keeps a missing due date in a fixed place in the order (last ascending, first descending).
const NO_DUE: i64 = i64::MAX;

fn order_column(field: OrderField) -> &'static str {
    match field {
        OrderField::CreatedAt => "d.created_at",
        OrderField::UpdatedAt => "d.updated_at",
        OrderField::ContentUpdatedAt => "d.content_updated_at",
        OrderField::DueAt => "COALESCE(d.due_at, 9223372036854775807)",
    }
}

fn order_value(dialog: &Dialog, field: OrderField) -> Option<UtcDateTime> {
    match field {
        OrderField::CreatedAt => Some(dialog.created_at),
        OrderField::UpdatedAt => Some(dialog.updated_at),
        OrderField::ContentUpdatedAt => Some(dialog.content_updated_at),
        OrderField::DueAt => dialog.due_at,
    }
}

/// Labels as `,A,B,` so that one label is matched by `LIKE '%,A,%'`.
pub(super) fn labels_column(dialog: &Dialog) -> String {
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

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_contains(s: &str) -> String {
    let mut out = String::from("%");
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// Collects SQL conditions and their bound values together so numbering cannot drift.
struct Conditions {
    sql: Vec<String>,
    binds: Vec<Bind>,
}

enum Bind {
    Text(String),
    Int(i64),
}

impl Conditions {
    fn next(&self) -> usize {
        self.binds.len() + 1
    }

    fn bind(&mut self, b: Bind) -> String {
        self.binds.push(b);
        format!("${}", self.binds.len())
    }

    fn text_in(&mut self, column: &str, values: impl IntoIterator<Item = String>) {
        let values: Vec<String> = values.into_iter().collect();
        if values.is_empty() {
            return;
        }
        let ph = placeholders(self.next(), values.len());
        self.binds.extend(values.into_iter().map(Bind::Text));
        self.sql.push(format!("{column} IN ({ph})"));
    }

    fn range(&mut self, column: &str, after: Option<UtcDateTime>, before: Option<UtcDateTime>) {
        if let Some(a) = after {
            let p = self.bind(Bind::Int(a.ticks()));
            self.sql.push(format!("{column} >= {p}"));
        }
        if let Some(b) = before {
            let p = self.bind(Bind::Int(b.ticks()));
            self.sql.push(format!("{column} <= {p}"));
        }
    }

    fn apply<'q>(&'q self, mut q: Query<'q, Any, AnyArguments<'q>>) -> Query<'q, Any, AnyArguments<'q>> {
        for b in &self.binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }
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

    /// Replaces a dialog only if its stored document is still `before` (compare-and-swap).
    pub async fn replace_dialog(&self, before: &str, after: &ServiceOwnerDialog) -> Result<bool, StoreError> {
        let done = self.write_dialog(after, Write::ReplaceIf(before)).await?;
        if done {
            self.announce(vec![after.into()]).await;
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

impl Store {
    /// One dialog whatever its visibility or deletion (the service owner's view), if it exists.
    pub async fn get_dialog_any(&self, id: Uuid) -> Result<Option<DialogRow>, StoreError> {
        let row = sqlx::query("SELECT d.doc, d.frozen, CAST(0 AS BIGINT) AS seen FROM dialogs d WHERE d.id = $1")
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| dialog_row(&r)).transpose()
    }

    pub async fn count_dialogs(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM dialogs").fetch_one(self.pool()).await?;
        Ok(row.try_get::<i64, _>("n")?)
    }

    /// One dialog, if it exists and is visible at `now` (not expired, not before `visibleFrom`).
    pub async fn get_dialog(&self, id: Uuid, seen_by: &str, now: UtcDateTime) -> Result<Option<DialogRow>, StoreError> {
        let row = sqlx::query(
            "SELECT d.doc, d.frozen, CAST(CASE WHEN EXISTS (SELECT 1 FROM seen_log s WHERE s.dialog_id = d.id \
             AND s.seen_by = $2 AND s.seen_at >= d.content_updated_at) THEN 1 ELSE 0 END AS BIGINT) AS seen \
             FROM dialogs d WHERE d.id = $1 AND (d.visible_from IS NULL OR d.visible_from <= $3) \
             AND (d.expires_at IS NULL OR d.expires_at > $3)",
        )
        .bind(id.to_string())
        .bind(seen_by)
        .bind(now.ticks())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| dialog_row(&r)).transpose()
    }

    pub async fn search_dialogs(&self, f: &DialogFilter) -> Result<SearchRows, StoreError> {
        let mut c = Conditions { sql: Vec::new(), binds: Vec::new() };
        let seen_param = c.bind(Bind::Text(f.seen_by.clone()));
        let seen_expr = format!(
            "EXISTS (SELECT 1 FROM seen_log s WHERE s.dialog_id = d.id AND s.seen_by = {seen_param} \
             AND s.seen_at >= d.content_updated_at)"
        );
        let now = c.bind(Bind::Int(f.now.ticks()));
        match f.deleted {
            Deleted::Exclude => c.sql.push("d.deleted_at IS NULL".into()),
            Deleted::Only => c.sql.push("d.deleted_at IS NOT NULL".into()),
            Deleted::Include => {}
        }
        if let Some(org) = &f.org {
            let p = c.bind(Bind::Text(org.clone()));
            c.sql.push(format!("d.org = {p}"));
            c.range("d.visible_from", f.visible_after, f.visible_before);
            for label in &f.service_owner_labels {
                let pattern = match label.strip_suffix('*') {
                    Some(prefix) => format!("%,{prefix}%"),
                    None => format!("%,{label},%"),
                };
                let p = c.bind(Bind::Text(pattern));
                c.sql.push(format!("d.so_labels LIKE {p}"));
            }
        } else {
            // End users never see what is not yet visible or has expired.
            c.sql.push(format!("(d.visible_from IS NULL OR d.visible_from <= {now})"));
            c.sql.push(format!("(d.expires_at IS NULL OR d.expires_at > {now})"));
        }
        c.text_in("d.party", f.parties.iter().cloned());
        for (party, resource) in &f.hidden {
            let (p, r) = (c.bind(Bind::Text(party.clone())), c.bind(Bind::Text(resource.clone())));
            c.sql.push(format!("NOT (d.party = {p} AND LOWER(d.service_resource) = {r})"));
        }
        c.text_in("d.service_resource", f.service_resources.iter().cloned());
        c.text_in("d.org", f.orgs.iter().cloned());
        c.text_in("d.status", f.statuses.iter().map(|s| s.as_str().to_owned()));
        c.text_in("d.extended_status", f.extended_statuses.iter().cloned());
        if let Some(r) = &f.external_reference {
            let p = c.bind(Bind::Text(r.clone()));
            c.sql.push(format!("d.external_reference = {p}"));
        }
        if let Some(process) = &f.process {
            let p = c.bind(Bind::Text(process.clone()));
            c.sql.push(format!("LOWER(d.process) = {p}"));
        }
        for label in &f.system_labels {
            let p = c.bind(Bind::Text(format!("%,{label},%")));
            c.sql.push(format!("d.labels LIKE {p}"));
        }
        if !f.any_labels.is_empty() {
            let any: Vec<String> =
                f.any_labels.iter().map(|l| format!("d.labels LIKE {}", c.bind(Bind::Text(format!("%,{l},%"))))).collect();
            c.sql.push(format!("({})", any.join(" OR ")));
        }
        c.range("d.created_at", f.created_after, f.created_before);
        c.range("d.updated_at", f.updated_after, f.updated_before);
        c.range("d.content_updated_at", f.content_updated_after, f.content_updated_before);
        c.range("d.due_at", f.due_after, f.due_before);
        if let Some(text) = &f.search {
            let p = c.bind(Bind::Text(like_contains(text)));
            c.sql.push(format!("d.search_text LIKE {p} ESCAPE '\\'"));
        }
        const MARKED: &str = "d.labels LIKE '%,MarkedAsUnopened,%'";
        match f.is_content_seen {
            Some(true) => c.sql.push(format!("({seen_expr} AND NOT {MARKED})")),
            Some(false) => c.sql.push(format!("(NOT {seen_expr} OR {MARKED})")),
            None => {}
        }
        if f.exclude_api_only {
            c.sql.push("d.doc NOT LIKE '%\"isApiOnly\":true%'".into());
        }
        // Every order key, then the id: (column, direction) each.
        let keys: Vec<(&str, Direction)> =
            f.order.fields.iter().map(|(field, dir)| (order_column(*field), *dir)).chain([("d.id", f.order.id)]).collect();
        let cmp = |dir: Direction| if dir.is_descending() { "<" } else { ">" };
        let sql_dir = |dir: Direction| if dir.is_descending() { "DESC" } else { "ASC" };
        if let Some(after) = &f.after {
            // Strictly after the last row: (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR …
            let mut values: Vec<String> = after.values.iter().map(|v| c.bind(Bind::Int(v.map_or(NO_DUE, UtcDateTime::ticks)))).collect();
            values.push(c.bind(Bind::Text(after.id.to_string())));
            let mut alternatives = Vec::with_capacity(keys.len());
            for (i, ((column, dir), value)) in keys.iter().zip(&values).enumerate() {
                let equal: Vec<String> = keys[..i].iter().zip(&values).map(|((k, _), v)| format!("{k} = {v}")).collect();
                let beyond = format!("{column} {} {value}", cmp(*dir));
                alternatives.push(if equal.is_empty() { beyond } else { format!("({} AND {beyond})", equal.join(" AND ")) });
            }
            c.sql.push(format!("({})", alternatives.join(" OR ")));
        }
        let limit = c.bind(Bind::Int(i64::from(f.limit) + 1));
        let picked: Vec<String> = keys.iter().enumerate().map(|(i, (k, _))| format!("{k} AS pick_{i}")).collect();
        let inner_order: Vec<String> = keys.iter().map(|(k, dir)| format!("{k} {}", sql_dir(*dir))).collect();
        let outer_order: Vec<String> = keys.iter().enumerate().map(|(i, (_, dir))| format!("p.pick_{i} {}", sql_dir(*dir))).collect();
        // Pick the page's ids first from the index alone (it covers party, order keys and the
        // usual filters), then read only those rows: a person with thousands of parties would
        // otherwise make every candidate row be read from disk before the sort.
        let sql = format!(
            "SELECT d.doc, d.frozen, CAST(CASE WHEN {seen_expr} THEN 1 ELSE 0 END AS BIGINT) AS seen \
             FROM (SELECT {} FROM dialogs d WHERE {} ORDER BY {} LIMIT {limit}) p \
             JOIN dialogs d ON d.id = p.pick_{} ORDER BY {}",
            picked.join(", "),
            c.sql.join(" AND "),
            inner_order.join(", "),
            keys.len() - 1,
            outer_order.join(", ")
        );
        let rows = c.apply(sqlx::query(&sql)).fetch_all(self.pool()).await?;
        let mut rows: Vec<DialogRow> = rows.iter().map(dialog_row).collect::<Result<_, _>>()?;
        let has_next_page = rows.len() > f.limit as usize;
        rows.truncate(f.limit as usize);
        Ok(SearchRows { rows, has_next_page })
    }

    /// The token that continues after the last row of a page.
    pub fn token_after(row: &DialogRow, order: &OrderBy) -> String {
        let values = order.fields.iter().map(|(field, _)| order_value(row.dialog(), *field)).collect();
        ContinuationToken { values, id: row.dialog().id }.write(order)
    }
}

fn dialog_row(r: &sqlx::any::AnyRow) -> Result<DialogRow, StoreError> {
    let doc: String = r.try_get("doc")?;
    let stored: ServiceOwnerDialog = serde_json::from_str(&doc).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let seen: i64 = r.try_get("seen")?;
    let frozen: i64 = r.try_get("frozen")?;
    Ok(DialogRow { stored, raw: doc, content_seen_by_user: seen != 0, frozen: frozen != 0 })
}
