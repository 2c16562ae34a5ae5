//! Dialog rows: read one, search with keyset paging (writes: `dialog_writes`).

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
