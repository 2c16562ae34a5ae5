//! The migration pipeline: Altinn 2 message-box items and Altinn 3 app instances become dialogs,
//! history backwards in time with a watermark, live changes on an interval, every item to one
//! dialog by a deterministic id (docs/migration.md).
//!
//! - `items`: the source systems' shapes; `source_store`: the source systems as one SQLite file;
//! - `simulate`: years of history and a stream of new items and changes, for local runs and tests;
//! - `mapping`: the rules from an item to a dialog (or why it waits or is quarantined);
//! - `pipeline`: batches, watermarks, cursors, pause and resume, written with the dialogs in one
//!   transaction so that a run stopped anywhere resumes without gaps or duplicates.

pub mod items;
pub mod mapping;
pub mod oslo;
pub mod pipeline;
pub mod run;
pub mod simulate;
pub mod source_store;

/// What a source item is, and so which rules map it and which status-page sources count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Altinn 2 correspondence (messages from agencies).
    A2Correspondence,
    /// Altinn 2 forms (migrated once archived).
    A2Form,
    /// Altinn 3 app instances in Altinn Storage.
    A3Instance,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::A2Correspondence, Family::A2Form, Family::A3Instance];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::A2Correspondence => "a2-correspondence",
            Family::A2Form => "a2-form",
            Family::A3Instance => "a3-instance",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The status page's source for this family's history (items created before the cut-over).
    pub fn historical_source(self) -> &'static str {
        match self {
            Family::A2Correspondence => "a2-melding-historisk",
            Family::A2Form => "a2-arkiverte-skjema-historisk",
            Family::A3Instance => "a3-app-instanser-historisk",
        }
    }

    /// The status page's source for this family's live sync.
    pub fn live_source(self) -> &'static str {
        match self {
            Family::A2Correspondence => "a2-melding-live",
            Family::A2Form => "a2-arkiverte-skjema-live",
            Family::A3Instance => "a3-app-instanser-live",
        }
    }

    /// The family of a status-page source, historical or live.
    pub fn of_source(source: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.historical_source() == source || f.live_source() == source)
    }
}
