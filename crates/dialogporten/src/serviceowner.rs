//! The service-owner API's shapes. Read shapes are the end-user ones plus what only the owner
//! sees; request shapes (create, update) have their own types because ids are optional there
//! and computed fields (`isAuthorized`, counts, contexts) do not exist.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    ActivityType, Actor, ApiActionEndpoint, Attachment, AttachmentUrl, AttachmentUrlConsumerType, Dialog, DialogContent, DialogStatus,
    GuiActionPriority, HttpVerb, Localization, NavigationalAction, SearchDialog, SystemLabel, TransmissionContent, TransmissionType,
    UtcDateTime,
};

/// `{ "value": "…" }`: search tags and service-owner labels.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Value {
    pub value: String,
}

/// `…Get_DialogServiceOwnerContext` / `…Search_DialogServiceOwnerContext`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceOwnerContext {
    pub revision: Uuid,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub service_owner_labels: Vec<Value>,
}

/// `V1ServiceOwnerDialogsQueriesGet_Dialog`: the whole aggregate as its owner sees it. This is
/// also what the server stores; the end-user view is derived from it.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceOwnerDialog {
    #[serde(flatten)]
    pub dialog: Dialog,
    #[serde(default)]
    pub idempotent_key: Option<String>,
    #[serde(default)]
    pub visible_from: Option<UtcDateTime>,
    #[serde(default)]
    pub deleted_at: Option<UtcDateTime>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub search_tags: Vec<Value>,
    pub service_owner_context: ServiceOwnerContext,
}

/// `V1ServiceOwnerDialogsQueriesSearch_Dialog`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceOwnerSearchDialog {
    #[serde(flatten)]
    pub dialog: SearchDialog,
    pub revision: Uuid,
    #[serde(default)]
    pub visible_from: Option<UtcDateTime>,
    #[serde(default)]
    pub deleted_at: Option<UtcDateTime>,
    pub service_owner_context: ServiceOwnerContext,
}

crate::enums::wire_enum!(
    /// `V1ServiceOwnerCommonDialogStatuses_DialogStatusInput`: today's statuses plus the two
    /// deprecated names still accepted on input (`New` → NotApplicable, `Sent` → Awaiting).
    DialogStatusInput { New: 1, InProgress: 2, Draft: 3, Sent: 4, RequiresAttention: 5, Completed: 6, NotApplicable: 7, Awaiting: 8 }
);

impl From<DialogStatusInput> for DialogStatus {
    fn from(s: DialogStatusInput) -> Self {
        match s {
            DialogStatusInput::New | DialogStatusInput::NotApplicable => DialogStatus::NotApplicable,
            DialogStatusInput::Sent | DialogStatusInput::Awaiting => DialogStatus::Awaiting,
            DialogStatusInput::InProgress => DialogStatus::InProgress,
            DialogStatusInput::Draft => DialogStatus::Draft,
            DialogStatusInput::RequiresAttention => DialogStatus::RequiresAttention,
            DialogStatusInput::Completed => DialogStatus::Completed,
        }
    }
}

/// `…Create_AttachmentUrl`.
pub type NewAttachmentUrl = AttachmentUrl<Option<Uuid>>;

/// `…Create_TransmissionAttachmentUrl`: no id at all.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTransmissionAttachmentUrl {
    pub url: String,
    #[serde(default)]
    pub media_type: Option<String>,
    pub consumer_type: AttachmentUrlConsumerType,
}

/// `…Create_Attachment` / `…Create_TransmissionAttachment`, by their URL type.
pub type NewAttachment<U> = Attachment<Option<Uuid>, U>;

/// `…Create_Transmission` (also the body of `POST …/transmissions`).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTransmission {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    pub idempotent_key: Option<String>,
    /// When left out, the time it is received.
    #[serde(default)]
    pub created_at: Option<UtcDateTime>,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    #[serde(default)]
    pub extended_type: Option<String>,
    #[serde(default)]
    pub external_reference: Option<String>,
    #[serde(default)]
    pub related_transmission_id: Option<Uuid>,
    #[serde(rename = "type")]
    pub transmission_type: TransmissionType,
    pub sender: Actor,
    #[serde(default)]
    pub content: Option<TransmissionContent>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub attachments: Vec<NewAttachment<NewTransmissionAttachmentUrl>>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub navigational_actions: Vec<NavigationalAction>,
}

/// `…Create_GuiAction`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewGuiAction {
    #[serde(default)]
    pub id: Option<Uuid>,
    pub action: String,
    pub url: String,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    #[serde(default)]
    pub is_delete_dialog_action: bool,
    #[serde(default)]
    pub http_method: Option<HttpVerb>,
    pub priority: GuiActionPriority,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub title: Vec<Localization>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub prompt: Vec<Localization>,
}

/// `…Create_ApiActionEndpoint`.
pub type NewApiActionEndpoint = ApiActionEndpoint<Option<Uuid>>;

/// `…Create_ApiAction`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewApiAction {
    #[serde(default)]
    pub id: Option<Uuid>,
    pub action: String,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub endpoints: Vec<NewApiActionEndpoint>,
}

/// `…Create_Activity` (also the body of `POST …/activities`).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewActivity {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    pub created_at: Option<UtcDateTime>,
    #[serde(default)]
    pub extended_type: Option<String>,
    #[serde(rename = "type")]
    pub activity_type: ActivityType,
    #[serde(default)]
    pub transmission_id: Option<Uuid>,
    pub performed_by: Actor,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub description: Vec<Localization>,
}

/// `…Create_DialogServiceOwnerContext`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewServiceOwnerContext {
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub service_owner_labels: Vec<Value>,
}

/// The parts a service owner may change after creating a dialog (`…Update_Dialog`); creating
/// adds identity, dates, visibility and the initial label.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialogChanges {
    #[serde(default)]
    pub progress: Option<i32>,
    #[serde(default)]
    pub extended_status: Option<String>,
    #[serde(default)]
    pub external_reference: Option<String>,
    #[serde(default)]
    pub due_at: Option<UtcDateTime>,
    #[serde(default)]
    pub expires_at: Option<UtcDateTime>,
    #[serde(default)]
    pub process: Option<String>,
    #[serde(default)]
    pub preceding_process: Option<String>,
    #[serde(default)]
    pub is_api_only: bool,
    #[serde(default)]
    pub status: Option<DialogStatusInput>,
    #[serde(default)]
    pub content: Option<DialogContent>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub search_tags: Vec<Value>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub attachments: Vec<NewAttachment<NewAttachmentUrl>>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub transmissions: Vec<NewTransmission>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub gui_actions: Vec<NewGuiAction>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub api_actions: Vec<NewApiAction>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub activities: Vec<NewActivity>,
}

/// `V1ServiceOwnerDialogsCommandsCreate_Dialog`: the body of `POST /serviceowner/dialogs`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateDialog {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    pub idempotent_key: Option<String>,
    pub service_resource: String,
    pub party: String,
    #[serde(default)]
    pub visible_from: Option<UtcDateTime>,
    #[serde(default)]
    pub created_at: Option<UtcDateTime>,
    #[serde(default)]
    pub updated_at: Option<UtcDateTime>,
    #[serde(default)]
    pub system_label: Option<SystemLabel>,
    #[serde(default)]
    pub service_owner_context: Option<NewServiceOwnerContext>,
    #[serde(flatten)]
    pub changes: DialogChanges,
}

/// `V1ServiceOwnerDialogsQueriesSearchActivities_Activity`: the owner's activity list (no actor,
/// no description; fetch one activity for those).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityListItem {
    pub id: Uuid,
    pub created_at: UtcDateTime,
    #[serde(default)]
    pub extended_type: Option<String>,
    #[serde(rename = "type")]
    pub activity_type: ActivityType,
    #[serde(default)]
    pub transmission_id: Option<Uuid>,
}

impl From<&crate::Activity> for ActivityListItem {
    fn from(a: &crate::Activity) -> Self {
        Self {
            id: a.id,
            created_at: a.created_at.unwrap_or_else(|| UtcDateTime::from_ticks(0).expect("epoch")),
            extended_type: a.extended_type.clone(),
            activity_type: a.activity_type,
            transmission_id: a.transmission_id,
        }
    }
}

/// `V1ServiceOwnerDialogsQueriesSearchSeenLogs_SeenLog`: a visit, with whoever made it unmasked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeenLogEntry {
    pub id: Uuid,
    pub seen_at: UtcDateTime,
    pub seen_by: Actor,
    pub is_via_service_owner: bool,
}

/// `V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationConditionType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationConditionType {
    NotExists,
    Exists,
}

/// `…NotificationCondition_NotificationCondition`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationCondition {
    pub send_notification: bool,
}

/// `…EndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest`: an end user's labels set
/// by the service owner on their behalf (`performedBy` is for admin integrations).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetSystemLabelsOnBehalf {
    #[serde(flatten)]
    pub labels: crate::SetSystemLabels,
    #[serde(default)]
    pub performed_by: Option<Actor>,
}

/// `…EndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkSetSystemLabelsOnBehalf {
    #[serde(flatten)]
    pub bulk: crate::BulkSetSystemLabels,
    #[serde(default)]
    pub performed_by: Option<Actor>,
}

/// `…SearchEndUserContext_DialogEndUserContextItem`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndUserContextItem {
    pub dialog_id: Uuid,
    pub end_user_context_revision: Uuid,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub system_labels: Vec<SystemLabel>,
}

/// `V1ServiceOwnerDialogsQueriesSearchTransmissions_Transmission` / `…GetTransmission_Transmission`:
/// a transmission as its sender stores it (no per-reader `isAuthorized`/`isOpened`).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransmissionRecord {
    pub id: Uuid,
    #[serde(default)]
    pub idempotent_key: Option<String>,
    pub created_at: UtcDateTime,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    #[serde(default)]
    pub extended_type: Option<String>,
    #[serde(default)]
    pub external_reference: Option<String>,
    #[serde(default)]
    pub related_transmission_id: Option<Uuid>,
    #[serde(rename = "type")]
    pub transmission_type: TransmissionType,
    pub sender: Actor,
    pub content: TransmissionContent,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub navigational_actions: Vec<NavigationalAction>,
}

impl From<crate::Transmission> for TransmissionRecord {
    fn from(t: crate::Transmission) -> Self {
        Self {
            id: t.id,
            idempotent_key: t.idempotent_key,
            created_at: t.created_at,
            authorization_attribute: t.authorization_attribute,
            extended_type: t.extended_type,
            external_reference: t.external_reference,
            related_transmission_id: t.related_transmission_id,
            transmission_type: t.transmission_type,
            sender: t.sender,
            content: t.content,
            attachments: t.attachments,
            navigational_actions: t.navigational_actions,
        }
    }
}

/// `…UpdateTransmission_TransmissionRequest`: a technical correction of a transmission (silent only).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransmissionCorrection {
    #[serde(default)]
    pub idempotent_key: Option<String>,
    /// Kept as it was when left out.
    #[serde(default)]
    pub created_at: Option<UtcDateTime>,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    #[serde(default)]
    pub extended_type: Option<String>,
    #[serde(default)]
    pub external_reference: Option<String>,
    #[serde(default)]
    pub related_transmission_id: Option<Uuid>,
    #[serde(rename = "type")]
    pub transmission_type: TransmissionType,
    pub sender: Actor,
    #[serde(default)]
    pub content: Option<TransmissionContent>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub attachments: Vec<NewAttachment<NewAttachmentUrl>>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub navigational_actions: Vec<NavigationalAction>,
    #[serde(default)]
    pub is_silent_update: bool,
}
