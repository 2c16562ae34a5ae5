//! Folder counters in one query (for each folder, how many visible dialogs and how many unread),
//! and the services those dialogs come from.

use dialogporten::{Folder, FolderCount, FolderCounters, UtcDateTime};
use sqlx::Row;

use super::{placeholders, Store, StoreError};

/// The SQL condition for "in this folder", from the shared folder definition. Only enum names are
/// spliced in, never user input.
fn in_folder(folder: Folder) -> String {
    let label = format!("d.labels LIKE '%,{},%'", folder.label());
    match folder.statuses() {
        Some(statuses) => {
            let list: Vec<String> = statuses.iter().map(|s| format!("'{s}'")).collect();
            format!("{label} AND d.status IN ({})", list.join(", "))
        }
        None => label,
    }
}

/// The SQL condition for "shown to end users at `now`" (the bound parameter named).
fn visible(now: &str) -> String {
    format!(
        "d.deleted_at IS NULL AND (d.visible_from IS NULL OR d.visible_from <= {now}) AND (d.expires_at IS NULL OR d.expires_at > {now})"
    )
}

impl Store {
    /// The service resources of the dialogs shown for `parties`, sorted: what a service filter
    /// can usefully offer.
    /// `hidden`: (party, service resource) pairs left out, as searches leave them out.
    pub async fn services_received(
        &self,
        parties: &[String],
        hidden: &[(String, String)],
        now: UtcDateTime,
    ) -> Result<Vec<String>, StoreError> {
        if parties.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT DISTINCT d.service_resource FROM dialogs d WHERE {} AND d.party IN ({}){} ORDER BY d.service_resource",
            visible("$1"),
            placeholders(2, parties.len()),
            not_hidden(2 + parties.len(), hidden.len())
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql).bind(now.ticks());
        for p in parties {
            q = q.bind(p.as_str());
        }
        for (party, resource) in hidden {
            q = q.bind(party.as_str()).bind(resource.as_str());
        }
        Ok(q.fetch_all(self.pool()).await?)
    }

    /// Counts per folder for `parties`; unread means not opened by `reader` since the content
    /// last changed, or marked as unopened.
    pub async fn folder_counters(
        &self,
        parties: &[String],
        hidden: &[(String, String)],
        reader: &str,
        now: UtcDateTime,
    ) -> Result<FolderCounters, StoreError> {
        if parties.is_empty() {
            return Ok(FolderCounters::default());
        }
        let unread = "(d.labels LIKE '%,MarkedAsUnopened,%' OR NOT EXISTS (SELECT 1 FROM seen_log s \
                      WHERE s.dialog_id = d.id AND s.seen_by = $1 AND s.seen_at >= d.content_updated_at))";
        let columns: Vec<String> = Folder::ALL
            .iter()
            .map(|f| {
                let cond = in_folder(*f);
                format!(
                    "CAST(COALESCE(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END), 0) AS BIGINT) AS {id}_total, \
                     CAST(COALESCE(SUM(CASE WHEN {cond} AND {unread} THEN 1 ELSE 0 END), 0) AS BIGINT) AS {id}_unread",
                    id = f.id()
                )
            })
            .collect();
        let sql = format!(
            "SELECT {} FROM dialogs d WHERE {} AND d.party IN ({}){}",
            columns.join(", "),
            visible("$2"),
            placeholders(3, parties.len()),
            not_hidden(3 + parties.len(), hidden.len())
        );
        let mut q = sqlx::query(&sql).bind(reader).bind(now.ticks());
        for p in parties {
            q = q.bind(p.as_str());
        }
        for (party, resource) in hidden {
            q = q.bind(party.as_str()).bind(resource.as_str());
        }
        let row = q.fetch_one(self.pool()).await?;
        let mut out = FolderCounters::default();
        for f in Folder::ALL {
            let get = |suffix: &str| -> Result<u32, StoreError> {
                let n: i64 = row.try_get(format!("{}_{suffix}", f.id()).as_str())?;
                Ok(u32::try_from(n).unwrap_or(u32::MAX))
            };
            out.set(f, FolderCount { total: get("total")?, unread: get("unread")? });
        }
        Ok(out)
    }
}

/// ` AND NOT (d.party = $n AND LOWER(d.service_resource) = $n+1)` for each of `count` hidden
/// pairs, their parameters numbered from `first`.
fn not_hidden(first: usize, count: usize) -> String {
    (0..count).map(|i| format!(" AND NOT (d.party = ${} AND LOWER(d.service_resource) = ${})", first + 2 * i, first + 2 * i + 1)).collect()
}
