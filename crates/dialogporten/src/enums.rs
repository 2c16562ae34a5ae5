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
    ($(#[$meta:meta])* $name:ident { $($variant:ident $(= $wire:literal)? : $number:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $crate::enums::wire_enum!(@wire $variant $($wire)?)),+ }
            }

            /// The value Dialogporten's C# enum gives this name (what `JsonStringEnumConverter`
            /// also accepts in place of the name).
            pub fn from_number(n: u64) -> Option<Self> {
                match n { $($number => Some($name::$variant),)+ _ => None }
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
            #[cfg(feature = "numeric-enums")]
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any($crate::enums::EnumVisitor::<$name>(::std::marker::PhantomData))
            }

            // The SPA reads names only, through the smaller string path.
            #[cfg(not(feature = "numeric-enums"))]
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }

        #[cfg(feature = "numeric-enums")]
        impl $crate::enums::WireEnum for $name {
            fn from_number(n: u64) -> Option<Self> {
                $name::from_number(n)
            }
        }
    };
    (@wire $variant:ident) => { stringify!($variant) };
    (@wire $variant:ident $wire:literal) => { $wire };
}
pub(crate) use wire_enum;

/// What [`EnumVisitor`] needs of an enum besides its names.
#[cfg(feature = "numeric-enums")]
pub(crate) trait WireEnum: std::str::FromStr<Err = UnknownVariant> {
    fn from_number(n: u64) -> Option<Self>;
}

/// Reads an enum by its name (any case) or by its C# number as `JsonStringEnumConverter` allows
/// (`"status": 5`): the server's reading. The SPA reads only names, which keeps this visitor and
/// the number tables out of its module.
#[cfg(feature = "numeric-enums")]
pub(crate) struct EnumVisitor<T>(pub std::marker::PhantomData<T>);

#[cfg(feature = "numeric-enums")]
impl<T: WireEnum> serde::de::Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an enum name")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
        s.parse().map_err(E::custom)
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<T, E> {
        T::from_number(n).ok_or_else(|| E::custom(format!("{n} is not a valid value")))
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<T, E> {
        u64::try_from(n).map_err(|_| E::custom(format!("{n} is not a valid value"))).and_then(|n| self.visit_u64(n))
    }
}

wire_enum!(
    /// `DialogsEntities_DialogStatus`.
    DialogStatus { InProgress: 2, Draft: 3, RequiresAttention: 5, Completed: 6, NotApplicable: 7, Awaiting: 8 }
);
wire_enum!(
    /// `DialogEndUserContextsEntities_SystemLabel`. Default, Bin and Archive exclude each other.
    SystemLabel { Default: 1, Bin: 2, Archive: 3, MarkedAsUnopened: 4, Sent: 5 }
);
wire_enum!(
    /// `Actors_ActorType`.
    ActorType { PartyRepresentative: 1, ServiceOwner: 2 }
);
wire_enum!(
    /// `DialogsEntitiesActivities_DialogActivityType`.
    ActivityType {
        DialogCreated: 1, DialogClosed: 2, Information: 3, TransmissionOpened: 4, PaymentMade: 5, SignatureProvided: 6,
        DialogOpened: 7, DialogDeleted: 8, DialogRestored: 9, SentToSigning: 10, SentToFormFill: 11, SentToSendIn: 12,
        SentToPayment: 13, FormSubmitted: 14, FormSaved: 15, CorrespondenceOpened: 16, CorrespondenceConfirmed: 17,
    }
);
wire_enum!(
    /// `DialogsEntitiesTransmissions_DialogTransmissionType`.
    TransmissionType { Information: 1, Acceptance: 2, Rejection: 3, Request: 4, Alert: 5, Decision: 6, Submission: 7, Correction: 8 }
);
wire_enum!(
    /// `DialogsEntitiesActions_DialogGuiActionPriority`.
    GuiActionPriority { Primary: 1, Secondary: 2, Tertiary: 3 }
);
wire_enum!(
    /// `Attachments_AttachmentUrlConsumerType`.
    AttachmentUrlConsumerType { Gui: 1, Api: 2 }
);

wire_enum!(
    /// `Http_HttpVerb`: upper-case names on the wire.
    HttpVerb {
        Get = "GET": 1, Post = "POST": 2, Put = "PUT": 3, Patch = "PATCH": 4, Delete = "DELETE": 5, Head = "HEAD": 6,
        Options = "OPTIONS": 7, Trace = "TRACE": 8, Connect = "CONNECT": 9,
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

    #[cfg(feature = "numeric-enums")]
    #[test]
    fn reads_dialogportens_numbers_too() {
        assert_eq!(serde_json::from_str::<DialogStatus>("5").unwrap(), DialogStatus::RequiresAttention);
        assert_eq!(serde_json::from_str::<HttpVerb>("2").unwrap(), HttpVerb::Post);
        assert!(serde_json::from_str::<DialogStatus>("1").is_err(), "no status has the number 1 any more");
        assert!(serde_json::from_str::<SystemLabel>("-1").is_err());
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
