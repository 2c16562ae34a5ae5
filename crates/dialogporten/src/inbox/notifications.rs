//! Where a person wants to be told of new dialogs (our extension under
//! `/api/v1/inbox/profile/notifications`): an e-mail address and a mobile number of their own and
//! per organisation they act for, each saved only once proven by a one-time code, and the services
//! they want fewer messages from.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::UtcDateTime;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Sms];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The address in the one form it is stored and compared in, or why it cannot be one.
    pub fn normalize(self, raw: &str) -> Result<String, AddressError> {
        match self {
            Channel::Email => normalize_email(raw),
            Channel::Sms => normalize_mobile(raw),
        }
    }
}

/// Why an address is refused; the SPA says it in the reader's language, the server in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("The address is empty.")]
    Empty,
    #[error("Not an e-mail address such as navn@eksempel.no.")]
    Email,
    #[error("Not a mobile number: give 8 digits starting with 4 or 9, or + and the country code (+4791234567).")]
    Mobile,
}

pub const EMAIL_MAX: usize = 254;

fn normalize_email(raw: &str) -> Result<String, AddressError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(AddressError::Empty);
    }
    let (local, domain) = s.rsplit_once('@').ok_or(AddressError::Email)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    if !local_ok || !domain_ok || s.len() > EMAIL_MAX {
        return Err(AddressError::Email);
    }
    // The domain is case-insensitive; the local part is the receiving server's business.
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

fn normalize_mobile(raw: &str) -> Result<String, AddressError> {
    let s: String = raw.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.')).collect();
    if s.is_empty() {
        return Err(AddressError::Empty);
    }
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let international = s.strip_prefix('+').or_else(|| s.strip_prefix("00"));
    let e164 = match international {
        Some(rest) if digits(rest) => format!("+{rest}"),
        Some(_) => return Err(AddressError::Mobile),
        None if digits(&s) && s.len() == 8 => format!("+47{s}"),
        None => return Err(AddressError::Mobile),
    };
    // Norwegian mobile numbers are 8 digits starting with 4 or 9; others by E.164's length.
    let ok = match e164.strip_prefix("+47") {
        Some(national) => national.len() == 8 && national.starts_with(['4', '9']),
        None => (8..=16).contains(&e164.len()) && !e164.starts_with("+0"),
    };
    if ok {
        Ok(e164)
    } else {
        Err(AddressError::Mobile)
    }
}

/// A proven address: the person's own (`party` absent) or the one they gave for an organisation.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationAddress {
    #[serde(default)]
    pub party: Option<String>,
    pub channel: Channel,
    pub address: String,
    pub verified_at: UtcDateTime,
}

/// `POST …/notifications/verifications`: send a code to this address.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewVerification {
    #[serde(default)]
    pub party: Option<String>,
    pub channel: Channel,
    pub address: String,
}

/// A code on its way; the address is saved when `POST …/verifications/{id}` brings the code back.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    pub id: Uuid,
    #[serde(default)]
    pub party: Option<String>,
    pub channel: Channel,
    /// Normalised (`+4791234567`).
    pub address: String,
    pub expires_at: UtcDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationCode {
    pub code: String,
}

/// Which channels a service may notify by; services not listed notify by both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceChoice {
    /// `urn:altinn:resource:…`
    pub resource: String,
    pub email: bool,
    pub sms: bool,
}

/// `PUT …/notifications/services/{resource}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Channels {
    pub email: bool,
    pub sms: bool,
}

/// `GET /api/v1/inbox/profile/notifications`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationSettings {
    pub addresses: Vec<NotificationAddress>,
    pub services: Vec<ServiceChoice>,
}

/// Minutes a code is good for, tries before it is spent, and codes a person may have open.
pub const CODE_MINUTES: i64 = 10;
pub const CODE_TRIES: i64 = 5;
pub const OPEN_VERIFICATIONS_MAX: usize = 5;
pub const CODE_DIGITS: usize = 6;

/// Problem-details keys the SPA tells apart: a wrong code may be tried again, a spent one not.
pub const WRONG_CODE_FIELD: &str = "code";
pub const SPENT_CODE_FIELD: &str = "verification";

/// `GET /api/dev/outbox` (dev mode only): what the server would have sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxMessage {
    pub id: Uuid,
    pub channel: Channel,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: UtcDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_checked_and_their_domain_lower_cased() {
        assert_eq!(Channel::Email.normalize("  Kari.Nordmann@Example.NO "), Ok("Kari.Nordmann@example.no".into()));
        assert_eq!(Channel::Email.normalize("ola+skatt@post.bø.no"), Ok("ola+skatt@post.bø.no".into()));
        for bad in [
            "kari",
            "kari@",
            "@example.no",
            "kari@example",
            "kari@@example.no",
            "ka ri@example.no",
            "kari@example.n0",
            ".kari@example.no",
            "kari@-x.no",
        ] {
            assert_eq!(Channel::Email.normalize(bad), Err(AddressError::Email), "{bad}");
        }
        assert_eq!(Channel::Email.normalize("   "), Err(AddressError::Empty));
        assert_eq!(Channel::Email.normalize(&format!("{}@example.no", "a".repeat(65))), Err(AddressError::Email));
    }

    #[test]
    fn mobile_numbers_become_e164() {
        assert_eq!(Channel::Sms.normalize("912 34 567"), Ok("+4791234567".into()));
        assert_eq!(Channel::Sms.normalize("+47 412-34-567"), Ok("+4741234567".into()));
        assert_eq!(Channel::Sms.normalize("0046701234567"), Ok("+46701234567".into()));
        for bad in ["22 22 22 22", "9123456", "+47 9123456", "+47912345678", "mobil", "+0123456789", "91a34567", "+"] {
            assert_eq!(Channel::Sms.normalize(bad), Err(AddressError::Mobile), "{bad}");
        }
    }

    #[test]
    fn wire_shapes() {
        let v: NewVerification = serde_json::from_str(r#"{"channel":"sms","address":"91234567"}"#).unwrap();
        assert_eq!(v.party, None);
        assert_eq!(v.channel, Channel::Sms);
        assert!(serde_json::from_str::<NewVerification>(r#"{"channel":"fax","address":"1"}"#).is_err());
        assert_eq!(Channel::parse("email"), Some(Channel::Email));
        assert_eq!(Channel::parse("post"), None);
    }
}
