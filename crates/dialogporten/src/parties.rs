//! `GET /api/v1/enduser/parties`: the parties an end user may act for.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parties {
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub authorized_parties: Vec<AuthorizedParty>,
}

/// `V1AccessManagementQueriesGetParties_AuthorizedParty`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizedParty {
    pub party: String,
    pub party_id: i32,
    pub party_uuid: Uuid,
    pub name: String,
    /// `Person` or `Organization`.
    pub party_type: String,
    #[serde(default)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    pub is_deleted: bool,
    #[serde(default)]
    pub has_key_role: bool,
    #[serde(default)]
    pub is_current_end_user: bool,
    #[serde(default)]
    pub is_main_administrator: bool,
    #[serde(default)]
    pub is_access_manager: bool,
    #[serde(default)]
    pub has_only_access_to_sub_parties: bool,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub sub_parties: Vec<AuthorizedParty>,
}

impl AuthorizedParty {
    pub fn is_person(&self) -> bool {
        self.party_type == "Person"
    }

    /// This party and its sub-units, depth first.
    pub fn flatten(&self) -> impl Iterator<Item = &AuthorizedParty> {
        std::iter::once(self).chain(self.sub_parties.iter())
    }
}
