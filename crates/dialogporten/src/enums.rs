//! The v1 enums, written as their exact string names and read in any case (as ASP.NET's
//! `JsonStringEnumConverter` reads them).

/// An enum value that is not one of the names the contract allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a valid {kind}; expected one of: {allowed}")]
pub struct UnknownVariant {
    pub kind: &'static str,
    pub value: String,
    pub allowed: String,
}

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident $(= $wire:literal)?),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $crate::enums::wire_enum!(@wire $variant $($wire)?)),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownVariant;
            /// Case-insensitive, as ASP.NET binds enums in query strings and bodies.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(s)).ok_or_else(|| $crate::UnknownVariant {
                    kind: stringify!($name),
                    value: s.to_owned(),
                    allowed: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
    (@wire $variant:ident) => { stringify!($variant) };
    (@wire $variant:ident $wire:literal) => { $wire };
}
pub(crate) use wire_enum;

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

wire_enum!(
    /// `Http_HttpVerb`: upper-case names on the wire.
    HttpVerb {
        Get = "GET", Post = "POST", Put = "PUT", Patch = "PATCH", Delete = "DELETE", Head = "HEAD",
        Options = "OPTIONS", Trace = "TRACE", Connect = "CONNECT",
    }
);

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
        assert_eq!(serde_json::from_str::<HttpVerb>("\"post\"").unwrap(), HttpVerb::Post);
        assert_eq!(serde_json::from_str::<SystemLabel>("\"ARCHIVE\"").unwrap(), SystemLabel::Archive);
    }
}
