//! Our migration-status extension: the editable content in `content/migration/` and the computed
//! status `GET /api/v1/migration/status` returns. Not part of Dialogporten's contract.

use serde::{Deserialize, Serialize};

use crate::UtcDateTime;

/// A text in the three UI languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub nb: String,
    pub nn: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: &str) -> &str {
        match lang {
            "nn" => &self.nn,
            "en" => &self.en,
            _ => &self.nb,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    /// History migrated backwards in time, in batches.
    Historical,
    /// New items and changes synchronised on an interval.
    Live,
    /// Created in Dialogporten directly; nothing to migrate.
    Native,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub title: Text,
    pub url: String,
}

/// One source card (`content/migration/sources.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceContent {
    pub id: String,
    pub origin: String,
    pub kind: SourceKind,
    pub name: Text,
    pub text: Text,
    #[serde(default)]
    pub links: Vec<Link>,
    /// The card's first sentence with `{date}` for the computed "migrated back to" date.
    #[serde(default)]
    pub status_template: Option<Text>,
    /// The date the current phase aims to migrate back to.
    #[serde(default)]
    pub history_goal: Option<String>,
    #[serde(default)]
    pub sync_interval_minutes: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Watermark {
    pub sources: Vec<String>,
    pub migrated_back_to: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSyncEvent {
    pub sources: Vec<String>,
    /// `paused` or `resumed`.
    pub state: String,
    pub date: String,
}

/// One changelog entry (`content/migration/changelog.json`), newest first in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangelogEntry {
    pub date: String,
    pub text: Text,
    /// What the entry records, as data, so the demo can replay the history it describes.
    #[serde(default)]
    pub watermarks: Vec<Watermark>,
    #[serde(default)]
    pub live_sync_events: Vec<LiveSyncEvent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LiveState {
    Ok,
    Paused,
    Failing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Health {
    Ok,
    Warning,
}

#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveSync {
    pub state: LiveState,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub last_success: Option<UtcDateTime>,
    #[serde(default)]
    pub lag_seconds: Option<i64>,
    #[serde(default)]
    pub interval_seconds: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WatermarkPoint {
    pub recorded_at: UtcDateTime,
    pub migrated_back_to: UtcDateTime,
}

/// The computed state of one source.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceStatus {
    pub id: String,
    pub kind: SourceKind,
    pub health: Health,
    /// Why the health is a warning (machine-readable codes: `history-incomplete`, `paused`, `failing`, `lagging`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    #[serde(default)]
    pub migrated_back_to: Option<UtcDateTime>,
    #[serde(default)]
    pub history_complete: bool,
    pub dialogs: u64,
    #[serde(default)]
    pub oldest_dialog: Option<UtcDateTime>,
    /// Items the migration pipeline set aside, each with a reason (docs/migration.md).
    #[serde(default)]
    pub quarantined: u64,
    /// Items not to be migrated yet (forms still being filled in, say).
    #[serde(default)]
    pub waiting: u64,
    /// When the pipeline last ran a batch or a sync for this source.
    #[serde(default)]
    pub last_run: Option<UtcDateTime>,
    #[serde(default)]
    pub live: Option<LiveSync>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<WatermarkPoint>,
}

/// `GET /api/v1/migration/status`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrationStatus {
    pub generated_at: UtcDateTime,
    pub sources: Vec<SourceStatus>,
}

impl MigrationStatus {
    pub fn source(&self, id: &str) -> Option<&SourceStatus> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The date since which every historical source is migrated: older dialogs may still be
    /// missing. `None` when all history is in (or nothing is known).
    pub fn complete_back_to(&self) -> Option<UtcDateTime> {
        self.sources.iter().filter(|s| s.kind == SourceKind::Historical && !s.history_complete).filter_map(|s| s.migrated_back_to).max()
    }
}

/// `content/migration/page.json`: the status page's own texts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageContent {
    pub title: Text,
    pub intro: Text,
    pub headings: Headings,
    pub live_sync: LiveSyncText,
    pub history_table: HistoryTable,
    pub phases: Vec<Phase>,
    pub details_intro: Text,
    pub details_cards_intro: Text,
    pub status_labels: StatusLabels,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Headings {
    pub status: Text,
    pub historical_data: Text,
    pub goals_and_plans: Text,
    pub details: Text,
    pub changelog: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    pub id: String,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSyncText {
    pub summary: Text,
    pub footnote: Footnote,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryColumns {
    pub source: Text,
    pub migrated_back_to: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub id: String,
    pub label: Text,
    /// The sources whose watermark the row shows (the latest of them, to be conservative).
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryTable {
    pub columns: HistoryColumns,
    pub rows: Vec<HistoryRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub id: String,
    pub title: Text,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusLabels {
    pub ok: Text,
    pub warning: Text,
}

/// `content/migration/message-box-api.json`: the Altinn 2 message box API and what replaces it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageBoxApi {
    pub title: Text,
    pub intro: Text,
    pub under_construction: Text,
    pub services_intro: Text,
    pub operations_heading: Text,
    pub columns: OperationColumns,
    pub state_labels: OperationStateLabels,
    pub replacements_note: Text,
    pub operations: Vec<Operation>,
    pub what_happens: Section,
    pub consequences: Section,
    pub replacing_services: Section,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: Text,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationColumns {
    pub operation: Text,
    pub resources: Text,
    pub a2: Text,
    pub replacement: Text,
    pub state: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationStateLabels {
    pub available: Text,
    pub planned: Text,
    #[serde(rename = "not-replaced")]
    pub not_replaced: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OperationState {
    Available,
    Planned,
    NotReplaced,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    pub id: String,
    pub name: Text,
    pub resources: Vec<String>,
    pub a2: Text,
    pub replacement: Text,
    pub state: OperationState,
}
