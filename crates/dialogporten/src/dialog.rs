//! The end-user dialog aggregate (`V1EndUserDialogsQueriesGet_Dialog`) and its parts.
//! Parts that the search result shares (actor, activity, seen log, end-user context) live here once.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    ActivityType, ActorType, AttachmentUrlConsumerType, ContentValue, DialogStatus, GuiActionPriority, HttpVerb, Localization, SystemLabel,
    TransmissionType, UtcDateTime,
};

/// What end users get instead of a URL they may not use: the URL of an unauthorized action,
/// endpoint, attachment or content reference.
pub const UNAUTHORIZED_URL: &str = "urn:dialogporten:unauthorized";
/// What end users get instead of the URL of an expired attachment or navigational action.
pub const EXPIRED_URL: &str = "urn:dialogporten:expired";

/// `V1EndUserCommonActors_Actor`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub actor_type: ActorType,
    #[serde(default)]
    pub actor_id: Option<String>,
    #[serde(default)]
    pub actor_name: Option<String>,
}

/// `…Get_DialogEndUserContext` / `…Search_DialogEndUserContext`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndUserContext {
    pub revision: Uuid,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub system_labels: Vec<SystemLabel>,
}

impl EndUserContext {
    /// The one of Default/Bin/Archive the dialog is in.
    pub fn folder(&self) -> SystemLabel {
        self.system_labels.iter().copied().find(|l| l.is_folder()).unwrap_or(SystemLabel::Default)
    }

    pub fn has(&self, label: SystemLabel) -> bool {
        self.system_labels.contains(&label)
    }
}

/// `…Get_DialogActivity` / `…Search_DialogActivity`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub id: Uuid,
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

/// `…Get_DialogSeenLog` / `…Search_DialogSeenLog`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeenLog {
    pub id: Uuid,
    pub seen_at: UtcDateTime,
    pub seen_by: Actor,
    #[serde(default)]
    pub is_via_service_owner: Option<bool>,
    #[serde(default)]
    pub is_current_end_user: bool,
}

/// `V1EndUserDialogsQueriesGet_Content`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialogContent {
    pub title: ContentValue,
    #[serde(default)]
    pub summary: Option<ContentValue>,
    #[serde(default)]
    pub sender_name: Option<ContentValue>,
    #[serde(default)]
    pub additional_info: Option<ContentValue>,
    #[serde(default)]
    pub extended_status: Option<ContentValue>,
    #[serde(default)]
    pub main_content_reference: Option<ContentValue>,
    /// Service-owner view only (the end-user view leaves these out).
    #[serde(default)]
    pub non_sensitive_title: Option<ContentValue>,
    #[serde(default)]
    pub non_sensitive_summary: Option<ContentValue>,
}

/// An entity id: always present when read (`Uuid`), optional when written (`Option<Uuid>`), so
/// one struct serves both the read and the create shape.
pub trait EntityId {
    fn is_absent(&self) -> bool;
}

impl EntityId for Uuid {
    fn is_absent(&self) -> bool {
        false
    }
}

impl EntityId for Option<Uuid> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

/// `…Get_DialogAttachmentUrl` (also transmission attachments); with `Option<Uuid>` ids,
/// `…Create_AttachmentUrl`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentUrl<Id: EntityId = Uuid> {
    #[serde(skip_serializing_if = "EntityId::is_absent")]
    pub id: Id,
    pub url: String,
    #[serde(default)]
    pub media_type: Option<String>,
    pub consumer_type: AttachmentUrlConsumerType,
}

impl<I: EntityId> AttachmentUrl<I> {
    /// The same URL with another kind of id (e.g. a create request's optional id made definite).
    pub fn with_id<J: EntityId>(&self, id: J) -> AttachmentUrl<J> {
        AttachmentUrl { id, url: self.url.clone(), media_type: self.media_type.clone(), consumer_type: self.consumer_type }
    }
}

/// `…Get_DialogAttachment` / `…Get_DialogTransmissionAttachment`; with `Option<Uuid>` ids,
/// `…Create_Attachment` / `…Create_TransmissionAttachment` (whose URLs have no id at all).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment<Id: EntityId = Uuid, U = AttachmentUrl<Id>> {
    #[serde(skip_serializing_if = "EntityId::is_absent")]
    pub id: Id,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub display_name: Vec<Localization>,
    #[serde(default = "Vec::new", skip_serializing_if = "crate::is_empty")]
    pub urls: Vec<U>,
    #[serde(default)]
    pub expires_at: Option<UtcDateTime>,
}

/// `…Get_DialogGuiAction`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GuiAction {
    pub id: Uuid,
    pub action: String,
    pub url: String,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    /// Whether the reader may use it: always given to end users; given to service owners only
    /// when they ask on behalf of one (`endUserId`).
    #[serde(default)]
    pub is_authorized: Option<bool>,
    #[serde(default)]
    pub is_delete_dialog_action: bool,
    pub http_method: HttpVerb,
    pub priority: GuiActionPriority,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub title: Vec<Localization>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub prompt: Vec<Localization>,
}

/// `…Get_DialogApiActionEndpoint`; with `Option<Uuid>` ids, `…Create_ApiActionEndpoint`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiActionEndpoint<Id: EntityId = Uuid> {
    #[serde(skip_serializing_if = "EntityId::is_absent")]
    pub id: Id,
    #[serde(default)]
    pub version: Option<String>,
    pub url: String,
    pub http_method: HttpVerb,
    #[serde(default)]
    pub documentation_url: Option<String>,
    #[serde(default)]
    pub request_schema: Option<String>,
    #[serde(default)]
    pub response_schema: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub sunset_at: Option<UtcDateTime>,
}

impl<I: EntityId> ApiActionEndpoint<I> {
    /// The same endpoint with another kind of id.
    pub fn with_id<J: EntityId>(&self, id: J) -> ApiActionEndpoint<J> {
        ApiActionEndpoint {
            id,
            version: self.version.clone(),
            url: self.url.clone(),
            http_method: self.http_method,
            documentation_url: self.documentation_url.clone(),
            request_schema: self.request_schema.clone(),
            response_schema: self.response_schema.clone(),
            deprecated: self.deprecated,
            sunset_at: self.sunset_at,
        }
    }
}

/// `…Get_DialogApiAction`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiAction {
    pub id: Uuid,
    pub action: String,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    /// Whether the reader may use it: always given to end users; given to service owners only
    /// when they ask on behalf of one (`endUserId`).
    #[serde(default)]
    pub is_authorized: Option<bool>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub endpoints: Vec<ApiActionEndpoint>,
}

/// `…Get_DialogTransmissionContent`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransmissionContent {
    pub title: ContentValue,
    #[serde(default)]
    pub summary: Option<ContentValue>,
    #[serde(default)]
    pub content_reference: Option<ContentValue>,
}

/// `…Get_DialogTransmissionNavigationalAction`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NavigationalAction {
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub title: Vec<Localization>,
    pub url: String,
    #[serde(default)]
    pub expires_at: Option<UtcDateTime>,
}

/// `…Get_DialogTransmission`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transmission {
    pub id: Uuid,
    pub created_at: UtcDateTime,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    /// Whether the reader may use it: always given to end users; given to service owners only
    /// when they ask on behalf of one (`endUserId`).
    #[serde(default)]
    pub is_authorized: Option<bool>,
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
    pub is_opened: bool,
    pub content: TransmissionContent,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub navigational_actions: Vec<NavigationalAction>,
    /// Service-owner view only.
    #[serde(default)]
    pub idempotent_key: Option<String>,
}

/// `V1EndUserDialogsQueriesGet_Dialog`: what `GET /api/v1/enduser/dialogs/{id}` returns.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dialog {
    pub id: uuid::Uuid,
    pub revision: Uuid,
    pub org: String,
    pub service_resource: String,
    pub service_resource_type: String,
    pub party: String,
    #[serde(default)]
    pub progress: Option<i32>,
    #[serde(default)]
    pub process: Option<String>,
    #[serde(default)]
    pub preceding_process: Option<String>,
    #[serde(default)]
    pub extended_status: Option<String>,
    #[serde(default)]
    pub external_reference: Option<String>,
    #[serde(default)]
    pub due_at: Option<UtcDateTime>,
    #[serde(default)]
    pub expires_at: Option<UtcDateTime>,
    pub created_at: UtcDateTime,
    pub updated_at: UtcDateTime,
    pub content_updated_at: UtcDateTime,
    #[serde(default)]
    pub dialog_token: Option<String>,
    pub status: DialogStatus,
    /// Deprecated upstream in favour of `endUserContext.systemLabels`, still sent.
    pub system_label: SystemLabel,
    #[serde(default)]
    pub is_api_only: bool,
    #[serde(default)]
    pub has_unopened_content: bool,
    #[serde(default)]
    pub is_content_seen: bool,
    #[serde(default)]
    pub from_service_owner_transmissions_count: i32,
    #[serde(default)]
    pub from_party_transmissions_count: i32,
    pub content: DialogContent,
    pub end_user_context: EndUserContext,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub transmissions: Vec<Transmission>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub gui_actions: Vec<GuiAction>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub api_actions: Vec<ApiAction>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub activities: Vec<Activity>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub seen_since_last_update: Vec<SeenLog>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub seen_since_last_content_update: Vec<SeenLog>,
}

/// `V1EndUserDialogsQueriesSearchActivities_Activity`: an activity as the activity list shows it
/// (without its actor; fetch one activity for that).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivitySummary {
    pub id: Uuid,
    pub created_at: UtcDateTime,
    #[serde(default)]
    pub extended_type: Option<String>,
    #[serde(rename = "type")]
    pub activity_type: ActivityType,
    #[serde(default)]
    pub transmission_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub description: Vec<Localization>,
}

impl From<&Activity> for ActivitySummary {
    fn from(a: &Activity) -> Self {
        Self {
            id: a.id,
            created_at: a.created_at.unwrap_or_else(|| UtcDateTime::from_ticks(0).expect("epoch")),
            extended_type: a.extended_type.clone(),
            activity_type: a.activity_type,
            transmission_id: a.transmission_id,
            description: a.description.clone(),
        }
    }
}

/// `…SearchTransmissions_Transmission` / `…GetTransmission_Transmission`: a transmission read on
/// its own. Unlike the one inside the dialog it has no `isOpened`, and it tells when it was deleted.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransmissionItem {
    pub id: Uuid,
    pub created_at: UtcDateTime,
    #[serde(default)]
    pub authorization_attribute: Option<String>,
    /// Whether the reader may use it: always given to end users; given to service owners only
    /// when they ask on behalf of one (`endUserId`).
    #[serde(default)]
    pub is_authorized: Option<bool>,
    #[serde(default)]
    pub extended_type: Option<String>,
    #[serde(default)]
    pub external_reference: Option<String>,
    #[serde(default)]
    pub related_transmission_id: Option<Uuid>,
    #[serde(default)]
    pub deleted_at: Option<UtcDateTime>,
    #[serde(rename = "type")]
    pub transmission_type: TransmissionType,
    pub sender: Actor,
    pub content: TransmissionContent,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub navigational_actions: Vec<NavigationalAction>,
}

impl From<Transmission> for TransmissionItem {
    fn from(t: Transmission) -> Self {
        Self {
            id: t.id,
            created_at: t.created_at,
            authorization_attribute: t.authorization_attribute,
            is_authorized: t.is_authorized,
            extended_type: t.extended_type,
            external_reference: t.external_reference,
            related_transmission_id: t.related_transmission_id,
            deleted_at: None,
            transmission_type: t.transmission_type,
            sender: t.sender,
            content: t.content,
            attachments: t.attachments,
            navigational_actions: t.navigational_actions,
        }
    }
}
