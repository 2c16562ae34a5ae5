//! Service-resource metadata (`/metadata/serviceresources`, `/enduser/serviceresources`) and
//! dialog lookup by instance reference (`/enduser|serviceowner/dialoglookup`).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Localization;

/// `DigdirDomainDialogportenApplicationCommon_Link`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    #[serde(default)]
    pub metadata: Option<String>,
}

#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceMetadata {
    pub id: String,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub name: Vec<Localization>,
    pub resource_type: String,
    pub status: String,
    pub is_delegable: bool,
    pub minimum_authentication_level: i32,
    #[serde(default)]
    pub links: Option<Link>,
}

/// A service owner as the catalogue and the lookup name it (`…ServiceResourceMetadataServiceOwner`,
/// `…IdentifierLookupServiceOwner`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerMetadata {
    pub code: String,
    pub org_number: String,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub name: Vec<Localization>,
}

/// A role or access package that grants access to a resource.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub urn: String,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub name: Vec<Localization>,
    #[serde(default)]
    pub links: Option<Link>,
}

/// `V1CommonServiceResourceMetadata_ServiceResourceMetadataItem`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceResourceItem {
    pub service_resource: ResourceMetadata,
    pub service_owner: OwnerMetadata,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub roles: Vec<Grant>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub access_packages: Vec<Grant>,
}

/// `V1MetadataServiceResourcesQueriesGet_ServiceResourceMetadata`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceResourceCatalogue {
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub items: Vec<ServiceResourceItem>,
}

/// `V1EndUserServiceResourcesQueriesSearch_AuthorizedServiceResources`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizedServiceResources {
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub items: Vec<ServiceResourceItem>,
    /// Written only when true, as Dialogporten writes it (null otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_full_catalogue_fallback: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LookupServiceResource {
    pub id: String,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub name: Vec<Localization>,
    pub is_delegable: bool,
    pub minimum_authentication_level: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GrantType {
    Role,
    AccessPackage,
    ResourceDelegation,
    InstanceDelegation,
}

#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceItem {
    pub grant_type: GrantType,
    pub subject: String,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub name: Vec<Localization>,
    #[serde(default)]
    pub links: Option<Link>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationEvidence {
    pub current_authentication_level: i32,
    pub via_role: bool,
    pub via_access_package: bool,
    pub via_resource_delegation: bool,
    pub via_instance_delegation: bool,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub evidence: Vec<EvidenceItem>,
}

/// `V1CommonIdentifierLookup_EndUserIdentifierLookup` (with `authorizationEvidence`) and
/// `…ServiceOwnerIdentifierLookup` (with `nonSensitiveTitle` instead).
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialogLookup {
    pub dialog_id: Uuid,
    pub instance_ref: String,
    pub party: String,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub title: Vec<Localization>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub non_sensitive_title: Vec<Localization>,
    pub service_resource: LookupServiceResource,
    pub service_owner: OwnerMetadata,
    #[serde(default)]
    pub authorization_evidence: Option<AuthorizationEvidence>,
}
