//! The Dialogporten v1 wire model, shared by the SPA and `inbox-server`.
//!
//! Shapes follow `dialogporten-swagger.json` (Dialogporten 1.119.1): camelCase names, enums as
//! strings, `null`s and empty arrays left out when writing and defaulted when reading, UTC dates
//! with seven fractional digits. Nothing here knows about HTTP, async or databases.

mod content;
mod datetime;
mod dialog;
mod enums;
mod folders;
mod labels;
mod metadata;
mod parties;
mod problem;
mod search;
mod service_owner;
mod urn;

pub use content::{ContentValue, Localization};
pub use datetime::{DateTimeError, UtcDateTime};
pub use dialog::*;
pub use enums::*;
pub use folders::{Folder, FolderCount, FolderCounters};
pub use labels::{BulkSetSystemLabels, DialogRevision, LabelAssignmentLog, SetSystemLabels};
pub use metadata::{EndUserSearchLimits, Jwk, Jwks, Limits, OauthAuthorizationServer, ServiceOwnerSearchLimits};
pub use parties::{AuthorizedParty, Parties};
pub use problem::{ProblemDetails, ValidationError};
pub use search::{ContinuationToken, OrderBy, OrderField, PaginatedList, SearchDialog, SearchDialogContent, TokenError};
pub use service_owner::{OrgName, ServiceOwner};
pub use urn::{OrgNumber, PartyUrn, PersonId, UrnError};

/// `skip_serializing_if` helper: Dialogporten omits empty collections.
pub(crate) fn is_empty<T>(v: &[T]) -> bool {
    v.is_empty()
}

/// `deserialize_with` helper: Dialogporten accepts `null` where a list is expected.
pub(crate) fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
