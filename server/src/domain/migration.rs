//! The migration status, computed from the data: each source's watermark and live-sync state as
//! the migration records them, and the dialogs that came from it.
//!
//! Rules (also in docs/api-coverage.md):
//! - historical source: ⚠ (`history-incomplete`) until its whole history is migrated;
//! - live source: ⚠ when paused (`paused`), failing (`failing`), or when the last successful sync
//!   is more than two intervals old (`lagging`);
//! - native source: ⚠ only when its own live sync is paused or failing.

use std::sync::OnceLock;

use dialogporten::{
    migration::{ChangelogEntry, Health, LiveState, LiveSync, MigrationStatus, SourceContent, SourceKind, SourceStatus, WatermarkPoint},
    UtcDateTime,
};

use super::DomainError;
use crate::store::{SourceState, Store, StoreError};

pub fn sources() -> &'static [SourceContent] {
    static SOURCES: OnceLock<Vec<SourceContent>> = OnceLock::new();
    SOURCES.get_or_init(|| serde_json::from_str(include_str!("../../../content/migration/sources.json")).unwrap_or_default())
}

pub fn changelog() -> &'static [ChangelogEntry] {
    static LOG: OnceLock<Vec<ChangelogEntry>> = OnceLock::new();
    LOG.get_or_init(|| serde_json::from_str(include_str!("../../../content/migration/changelog.json")).unwrap_or_default())
}

/// `2025-12-01` at noon UTC: changelog dates are days.
pub fn day(date: &str) -> Option<UtcDateTime> {
    UtcDateTime::parse(&format!("{date}T12:00:00Z")).ok()
}

/// `2025-12-01` at midnight UTC, for "migrated back to".
pub fn day_start(date: &str) -> Option<UtcDateTime> {
    UtcDateTime::parse(&format!("{date}T00:00:00Z")).ok()
}

/// The latest watermark the changelog records per source (for demo data that must lie after it).
pub fn final_watermark(source: &str) -> Option<UtcDateTime> {
    changelog()
        .iter()
        .find_map(|e| e.watermarks.iter().find(|w| w.sources.iter().any(|s| s == source)))
        .and_then(|w| day_start(&w.migrated_back_to))
}

/// Fills the migration bookkeeping with what the changelog describes, oldest entry first: the
/// demo then shows the seed's situation, computed by the same rules as live data.
pub async fn replay_changelog(store: &Store, now: UtcDateTime) -> Result<(), StoreError> {
    for source in sources() {
        let mut state = SourceState::default();
        if source.kind != SourceKind::Historical {
            state.live_state = Some(LiveState::Ok);
        }
        store.put_source_state(&source.id, &state, now).await?;
    }
    for entry in changelog().iter().rev() {
        let Some(at) = day(&entry.date) else { continue };
        for w in &entry.watermarks {
            let Some(back_to) = day_start(&w.migrated_back_to) else { continue };
            for id in &w.sources {
                let mut state = store.source_state(id).await?;
                state.migrated_back_to = Some(back_to);
                store.put_source_state(id, &state, now).await?;
                store.record_watermark(id, at, back_to).await?;
            }
        }
        for e in &entry.live_sync_events {
            for id in &e.sources {
                let mut state = store.source_state(id).await?;
                let paused = e.state == "paused";
                state.live_state = Some(if paused { LiveState::Paused } else { LiveState::Ok });
                state.live_reason = paused.then(|| format!("changelog {}", entry.date));
                store.put_source_state(id, &state, now).await?;
            }
        }
    }
    Ok(())
}

fn assess(source: &SourceContent, state: &SourceState, now: UtcDateTime) -> (Health, Vec<String>, Option<LiveSync>) {
    let mut reasons = Vec::new();
    if source.kind == SourceKind::Historical && !state.history_complete {
        reasons.push("history-incomplete".to_owned());
    }
    let interval = source.sync_interval_minutes.map(|m| i64::from(m) * 60);
    let live = (source.kind != SourceKind::Historical).then(|| {
        let lag = state.last_sync_at.map(|t| now.unix_seconds() - t.unix_seconds());
        LiveSync {
            state: state.live_state.unwrap_or(LiveState::Ok),
            reason: state.live_reason.clone(),
            last_success: state.last_sync_at,
            lag_seconds: lag,
            interval_seconds: interval,
        }
    });
    if let Some(l) = &live {
        match l.state {
            LiveState::Paused => reasons.push("paused".into()),
            LiveState::Failing => reasons.push("failing".into()),
            LiveState::Ok => {}
        }
        if let (Some(lag), Some(interval)) = (l.lag_seconds, l.interval_seconds) {
            if lag > 2 * interval {
                reasons.push("lagging".into());
            }
        }
    }
    let health = if reasons.is_empty() { Health::Ok } else { Health::Warning };
    (health, reasons, live)
}

pub async fn status(store: &Store, now: UtcDateTime) -> Result<MigrationStatus, DomainError> {
    let mut out = Vec::new();
    for source in sources() {
        let state = store.source_state(&source.id).await?;
        let (dialogs, oldest_dialog) = store.migrated_dialogs(&source.id).await?;
        let history = store
            .watermarks(&source.id)
            .await?
            .into_iter()
            .map(|(recorded_at, migrated_back_to)| WatermarkPoint { recorded_at, migrated_back_to })
            .collect();
        let items = store.migration_item_counts(&source.id).await?;
        let (health, reasons, live) = assess(source, &state, now);
        out.push(SourceStatus {
            id: source.id.clone(),
            kind: source.kind,
            health,
            reasons,
            migrated_back_to: state.migrated_back_to,
            history_complete: state.history_complete,
            dialogs,
            oldest_dialog,
            quarantined: items.quarantined,
            waiting: items.waiting,
            last_run: state.last_sync_at,
            live,
            history,
        });
    }
    Ok(MigrationStatus { generated_at: now, sources: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(kind: SourceKind) -> SourceContent {
        serde_json::from_value(serde_json::json!({
            "id": "x", "origin": "o", "kind": kind, "name": {"nb": "", "nn": "", "en": ""},
            "text": {"nb": "", "nn": "", "en": ""}, "syncIntervalMinutes": 5
        }))
        .unwrap()
    }

    #[test]
    fn warnings_follow_the_documented_rules() {
        let now = UtcDateTime::from_unix_seconds(1_800_000_000).unwrap();
        let fresh = SourceState {
            live_state: Some(LiveState::Ok),
            last_sync_at: Some(UtcDateTime::from_unix_seconds(1_800_000_000 - 300).unwrap()),
            ..Default::default()
        };
        assert_eq!(assess(&source(SourceKind::Live), &fresh, now).0, Health::Ok);
        let stale = SourceState { last_sync_at: Some(UtcDateTime::from_unix_seconds(1_800_000_000 - 601).unwrap()), ..fresh.clone() };
        assert_eq!(assess(&source(SourceKind::Live), &stale, now).1, vec!["lagging"]);
        let paused = SourceState { live_state: Some(LiveState::Paused), ..fresh };
        assert_eq!(assess(&source(SourceKind::Native), &paused, now).1, vec!["paused"]);
        assert_eq!(assess(&source(SourceKind::Historical), &SourceState::default(), now).1, vec!["history-incomplete"]);
        let done = SourceState { history_complete: true, ..Default::default() };
        assert_eq!(assess(&source(SourceKind::Historical), &done, now).0, Health::Ok);
    }

    #[test]
    fn the_content_parses_and_names_every_source_the_changelog_mentions() {
        assert_eq!(sources().len(), 8);
        assert!(!changelog().is_empty());
        for e in changelog() {
            assert!(day(&e.date).is_some(), "{}", e.date);
            for s in e.watermarks.iter().flat_map(|w| &w.sources).chain(e.live_sync_events.iter().flat_map(|l| &l.sources)) {
                assert!(sources().iter().any(|x| &x.id == s), "unknown source {s}");
            }
        }
    }
}

/// An operator's change to a source, from the CLI (`inbox-server source-status …`).
#[derive(Clone, Debug, Default)]
pub struct SourceChange {
    pub migrated_back_to: Option<UtcDateTime>,
    pub history_complete: Option<bool>,
    pub live: Option<(LiveState, Option<String>)>,
    pub synced_now: bool,
}

pub async fn change_source(store: &Store, id: &str, change: &SourceChange, now: UtcDateTime) -> Result<(), DomainError> {
    if !sources().iter().any(|s| s.id == id) {
        let known: Vec<&str> = sources().iter().map(|s| s.id.as_str()).collect();
        return Err(DomainError::invalid("source", format!("Unknown source '{id}'; known: {}", known.join(", "))));
    }
    let mut state = store.source_state(id).await?;
    if let Some(back_to) = change.migrated_back_to {
        state.migrated_back_to = Some(back_to);
        store.record_watermark(id, now, back_to).await?;
    }
    if let Some(complete) = change.history_complete {
        state.history_complete = complete;
    }
    if let Some((live, reason)) = &change.live {
        state.live_state = Some(*live);
        state.live_reason = reason.clone();
    }
    if change.synced_now {
        state.last_sync_at = Some(now);
    }
    store.put_source_state(id, &state, now).await?;
    Ok(())
}
