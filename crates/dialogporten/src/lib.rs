//! The Dialogporten v1 wire model, shared by the SPA and `inbox-server`.
//!
//! Shapes follow `dialogporten-swagger.json` (Dialogporten 1.119.1): camelCase names, enums as
//! strings, `null`s and empty arrays left out when writing and defaulted when reading, UTC dates
//! with seven fractional digits. Nothing here knows about HTTP, async or databases.

mod content;
mod datetime;
mod dialog;
mod entities;
mod enums;
mod folders;
pub mod inbox;
mod labels;
pub mod lenient;
mod lookup;
mod metadata;
pub mod migration;
mod orgs;
mod parties;
mod problem;
mod property_names;
mod search;
pub mod serviceowner;
mod urn;

pub use content::{ContentValue, Localization};
pub use datetime::{DateTimeError, Day, UtcDateTime};
pub use dialog::*;
pub use entities::decode_entities;
pub use enums::*;
pub use folders::{Folder, FolderCount, FolderCounters, ServicesReceived};
pub use labels::{BulkSetSystemLabels, DialogRevision, LabelAssignmentLog, SetSystemLabels};
pub use lookup::*;
pub use metadata::{EndUserSearchLimits, Jwk, Jwks, Limits, OauthAuthorizationServer, ServiceOwnerSearchLimits};
pub use orgs::{OrgName, ServiceOwner};
pub use parties::{AuthorizedParty, Parties};
pub use problem::{ProblemDetails, ValidationError};
pub use search::{
    ContinuationToken, Direction, OrderBy, OrderError, OrderField, PaginatedList, SearchDialog, SearchDialogContent, TokenError,
};
pub use urn::{OrgNumber, PartyUrn, PersonId, UrnError};

/// Serde through `Display` and a `parse` function, for types whose wire form is one string.
macro_rules! string_serde {
    ($ty:ty, $err:ty) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}
pub(crate) use string_serde;

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
