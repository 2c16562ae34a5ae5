//! End-user system-label requests and the label log.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Actor, SystemLabel, UtcDateTime};

/// Body of `PUT /enduser/dialogs/{id}/context/systemlabels`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetSystemLabels {
    #[serde(default, skip_serializing_if = "crate::is_empty", deserialize_with = "crate::null_as_empty")]
    pub add_labels: Vec<SystemLabel>,
    #[serde(default, skip_serializing_if = "crate::is_empty", deserialize_with = "crate::null_as_empty")]
    pub remove_labels: Vec<SystemLabel>,
    /// Deprecated alias of `addLabels`.
    #[serde(default, skip_serializing_if = "crate::is_empty", deserialize_with = "crate::null_as_empty")]
    pub system_labels: Vec<SystemLabel>,
}

/// One target of a bulk label change.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialogRevision {
    pub dialog_id: Uuid,
    #[serde(default)]
    pub end_user_context_revision: Option<Uuid>,
}

/// Body of `POST /enduser/dialogs/context/systemlabels/actions/bulkset`: the same label change
/// as for one dialog, for many.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkSetSystemLabels {
    #[serde(default, skip_serializing_if = "crate::is_empty", deserialize_with = "crate::null_as_empty")]
    pub dialogs: Vec<DialogRevision>,
    #[serde(flatten)]
    pub labels: SetSystemLabels,
}

/// `…SearchLabelAssignmentLog_LabelAssignmentLog`: `{name: "systemlabel:Archive", action: "set"|"remove"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelAssignmentLog {
    pub name: String,
    pub action: String,
    pub created_at: UtcDateTime,
    pub performed_by: Actor,
}
