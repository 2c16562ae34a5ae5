//! The source systems' items, in the shapes their APIs give them (docs/migration.md):
//! Altinn 2 message-box items as the A2 REST API returns them (HAL, PascalCase, local times
//! without offset), and Altinn 3 app instances as Altinn Storage returns them (camelCase).

use serde::{Deserialize, Serialize};

/// `Type` of an Altinn 2 item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum A2Type {
    /// A form to fill in and submit (archived once sent).
    FormTask,
    /// A message from an agency.
    Correspondence,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Href {
    pub href: String,
}

/// `_links.attachment[]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct A2Attachment {
    pub href: String,
    pub name: String,
    pub file_name: String,
    #[serde(default)]
    pub encrypted: bool,
    #[serde(default)]
    pub signinglocked: bool,
    #[serde(default)]
    pub signedbydefault: bool,
    #[serde(default)]
    pub filesize: u64,
}

/// `_links` as far as the migration reads them. `confirm` and `sign` are present while the item
/// asks for them (the REST API offers `PUT …/confirm` and signing only then); `payment` while it
/// can be paid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct A2Links {
    #[serde(rename = "self")]
    pub self_link: Option<Href>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<Href>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign: Option<Href>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Href>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment: Vec<A2Attachment>,
}

/// `GET /api/{who}/messages/{id}`. `CreatedDate` is not in the documented response (only an
/// OData filter field); the message box has it, and the migration needs it for `createdAt`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct A2Message {
    /// `a…` in the message box, `b…` once archived.
    pub message_id: String,
    pub subject: String,
    /// Norwegian display strings: `Ulest`, `Lest`, `Arkivert` (correspondence); `Utfylling`,
    /// `Signering`, `Sendt og arkivert` (forms); `Slettet` (bin).
    pub status: String,
    pub created_date: String,
    pub last_changed_date_time: String,
    #[serde(default)]
    pub last_changed_by: Option<String>,
    /// The agency by name, as A2 shows it ("Skatteetaten").
    pub service_owner: String,
    #[serde(rename = "Type")]
    pub kind: A2Type,
    #[serde(default)]
    pub message_sender: Option<String>,
    pub service_code: String,
    pub service_edition: u32,
    #[serde(default)]
    pub summary: Option<String>,
    /// HTML.
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub archive_reference: Option<String>,
    #[serde(rename = "_links", default)]
    pub links: A2Links,
}

impl A2Message {
    /// Forms still being filled in or signed are not migrated; they come once archived.
    pub fn unfinished_form(&self) -> bool {
        self.kind == A2Type::FormTask && matches!(self.status.as_str(), "Utfylling" | "Signering")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceOwner {
    pub party_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_number: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessElement {
    pub element_id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// `data`, `signing`, `confirmation`, `feedback`, `payment`, `reject`, …
    #[serde(default)]
    pub altinn_task_type: Option<String>,
    #[serde(default)]
    pub started: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessState {
    #[serde(default)]
    pub started: Option<String>,
    #[serde(default)]
    pub current_task: Option<ProcessElement>,
    #[serde(default)]
    pub ended: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Substatus {
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceStatus {
    #[serde(default)]
    pub is_archived: bool,
    #[serde(default)]
    pub archived: Option<String>,
    #[serde(default)]
    pub is_soft_deleted: bool,
    #[serde(default)]
    pub is_hard_deleted: bool,
    #[serde(default)]
    pub read_status: Option<String>,
    #[serde(default)]
    pub substatus: Option<Substatus>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataElement {
    pub id: String,
    pub data_type: String,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub size: u64,
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Confirmation {
    pub stakeholder_id: String,
    pub confirmed_on: String,
}

/// An Altinn Storage instance (`{instanceOwnerPartyId}/{instanceGuid}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    pub id: String,
    /// `{org}/{app}`.
    pub app_id: String,
    pub org: String,
    pub instance_owner: InstanceOwner,
    #[serde(default)]
    pub due_before: Option<String>,
    #[serde(default)]
    pub visible_after: Option<String>,
    #[serde(default)]
    pub process: ProcessState,
    #[serde(default)]
    pub status: InstanceStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub complete_confirmations: Vec<Confirmation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<DataElement>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub presentation_texts: std::collections::BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub data_values: std::collections::BTreeMap<String, String>,
    pub created: String,
    pub last_changed: String,
}
