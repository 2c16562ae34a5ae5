//! The v1 enums, written and read as their exact string names.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// An enum value that is not one of the names the contract allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a valid {kind}; expected one of: {allowed}")]
pub struct UnknownVariant {
    pub kind: &'static str,
    pub value: String,
    pub allowed: String,
}

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant)),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;
            /// Case-insensitive, as ASP.NET binds enum query parameters.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(s)).ok_or_else(|| UnknownVariant {
                    kind: stringify!($name),
                    value: s.to_owned(),
                    allowed: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }
    };
}

wire_enum!(
    /// `DialogsEntities_DialogStatus`.
    DialogStatus { InProgress, Draft, RequiresAttention, Completed, NotApplicable, Awaiting }
);
wire_enum!(
    /// `DialogEndUserContextsEntities_SystemLabel`. Default, Bin and Archive exclude each other.
    SystemLabel { Default, Bin, Archive, MarkedAsUnopened, Sent }
);
wire_enum!(
    /// `Actors_ActorType`.
    ActorType { PartyRepresentative, ServiceOwner }
);
wire_enum!(
    /// `DialogsEntitiesActivities_DialogActivityType`.
    ActivityType {
        DialogCreated, DialogClosed, Information, TransmissionOpened, PaymentMade, SignatureProvided,
        DialogOpened, DialogDeleted, DialogRestored, SentToSigning, SentToFormFill, SentToSendIn,
        SentToPayment, FormSubmitted, FormSaved, CorrespondenceOpened, CorrespondenceConfirmed,
    }
);
wire_enum!(
    /// `DialogsEntitiesTransmissions_DialogTransmissionType`.
    TransmissionType { Information, Acceptance, Rejection, Request, Alert, Decision, Submission, Correction }
);
wire_enum!(
    /// `DialogsEntitiesActions_DialogGuiActionPriority`.
    GuiActionPriority { Primary, Secondary, Tertiary }
);
wire_enum!(
    /// `Attachments_AttachmentUrlConsumerType`.
    AttachmentUrlConsumerType { Gui, Api }
);

/// `Http_HttpVerb`: upper-case names on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpVerb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    Trace,
    Connect,
}

impl SystemLabel {
    /// The three labels of which a dialog always carries exactly one.
    pub fn is_folder(self) -> bool {
        matches!(self, SystemLabel::Default | SystemLabel::Bin | SystemLabel::Archive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_case_insensitively_and_names_the_allowed_values() {
        assert_eq!("requiresattention".parse::<DialogStatus>(), Ok(DialogStatus::RequiresAttention));
        let err = "Deleted".parse::<SystemLabel>().unwrap_err();
        assert!(err.to_string().contains("Default, Bin, Archive, MarkedAsUnopened, Sent"), "{err}");
    }

    #[test]
    fn serializes_as_strings() {
        assert_eq!(serde_json::to_string(&ActivityType::SentToSendIn).unwrap(), "\"SentToSendIn\"");
        assert_eq!(serde_json::to_string(&HttpVerb::Delete).unwrap(), "\"DELETE\"");
        assert!(serde_json::from_str::<DialogStatus>("\"New\"").is_err());
    }
}
