//! The Altinn 2 message-box operations that migrated demo dialogs offer as GUI actions; the
//! demo services (`http::demo_services`) carry them out.

use dialogporten::ActivityType;

/// An Altinn 2 message-box operation offered as a GUI action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Confirm,
    Sign,
    Pay,
    Submit,
    Validate,
    Update,
    Delete,
}

impl Operation {
    pub const ALL: [Operation; 7] = [Self::Confirm, Self::Sign, Self::Pay, Self::Submit, Self::Validate, Self::Update, Self::Delete];

    /// The path segment of the operation's URL.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Sign => "sign",
            Self::Pay => "pay",
            Self::Submit => "submit",
            Self::Validate => "validate",
            Self::Update => "update",
            Self::Delete => "delete",
        }
    }

    /// The XACML action the GUI action carries (and the dialog token must grant).
    pub fn action(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Sign => "sign",
            Self::Pay => "pay",
            Self::Submit | Self::Validate | Self::Update => "write",
            Self::Delete => "delete",
        }
    }

    /// Done once for good: the service takes the action back afterwards, so it is not offered
    /// again (validating or saving a form may be repeated).
    pub fn once(self) -> bool {
        matches!(self, Self::Confirm | Self::Sign | Self::Pay | Self::Submit)
    }

    /// The activity the service records (with its description), if any.
    pub fn activity(self) -> Option<(ActivityType, Option<&'static str>)> {
        Some(match self {
            Self::Confirm => (ActivityType::CorrespondenceConfirmed, None),
            Self::Sign => (ActivityType::SignatureProvided, None),
            Self::Pay => (ActivityType::PaymentMade, None),
            Self::Submit => (ActivityType::FormSubmitted, None),
            Self::Validate => (ActivityType::Information, Some("Skjemaet er validert. Ingen feil ble funnet.")),
            Self::Update => (ActivityType::FormSaved, None),
            Self::Delete => return None,
        })
    }
}
