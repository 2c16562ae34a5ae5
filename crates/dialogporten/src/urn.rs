//! Party URNs and the Norwegian identifiers inside them, validated with mod 11 as Dialogporten does.

use std::fmt;

const PERSON_PREFIX: &str = "urn:altinn:person:identifier-no:";
const ORG_PREFIX: &str = "urn:altinn:organization:identifier-no:";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrnError {
    #[error("'{0}' is not a valid national identity number (11 digits with valid check digits)")]
    PersonId(String),
    #[error("'{0}' is not a valid organisation number (9 digits with a valid check digit)")]
    OrgNumber(String),
    #[error("'{0}' is not a supported party URN (urn:altinn:person:identifier-no:… or urn:altinn:organization:identifier-no:…)")]
    Party(String),
}

/// Weighted mod-11 check digit; `None` when the remainder makes the number invalid.
fn mod11(digits: &[u8], weights: &[u8]) -> Option<u8> {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| u32::from(*d) * u32::from(*w)).sum();
    match 11 - (sum % 11) {
        11 => Some(0),
        10 => None,
        k => Some(k as u8),
    }
}

fn digits_of(s: &str, len: usize) -> Option<Vec<u8>> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.bytes().map(|b| b - b'0').collect())
}

/// An 11-digit national identity number (fødselsnummer/d-nummer, incl. synthetic test numbers).
/// Its `Debug` hides the digits so it cannot leak into logs by accident.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(String);

impl PersonId {
    pub fn parse(s: &str) -> Result<Self, UrnError> {
        let d = digits_of(s, 11).ok_or_else(|| UrnError::PersonId(s.to_owned()))?;
        let k1 = mod11(&d[..9], &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
        let k2 = mod11(&d[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
        if k1 == Some(d[9]) && k2 == Some(d[10]) {
            Ok(Self(s.to_owned()))
        } else {
            Err(UrnError::PersonId(s.to_owned()))
        }
    }

    /// Completes nine leading digits (birth date + individual number) with their two check digits.
    pub fn complete(first_nine: &str) -> Option<Self> {
        let mut d = digits_of(first_nine, 9)?;
        d.push(mod11(&d, &[3, 7, 6, 1, 8, 9, 4, 5, 2])?);
        d.push(mod11(&d, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2])?);
        Some(Self(d.iter().map(|x| char::from(b'0' + x)).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonId({}*******)", &self.0[..4])
    }
}

/// A 9-digit organisation number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgNumber(String);

impl OrgNumber {
    pub fn parse(s: &str) -> Result<Self, UrnError> {
        let d = digits_of(s, 9).ok_or_else(|| UrnError::OrgNumber(s.to_owned()))?;
        if mod11(&d[..8], &[3, 2, 7, 6, 5, 4, 3, 2]) == Some(d[8]) {
            Ok(Self(s.to_owned()))
        } else {
            Err(UrnError::OrgNumber(s.to_owned()))
        }
    }

    /// Completes eight digits with their check digit.
    pub fn complete(first_eight: &str) -> Option<Self> {
        let mut d = digits_of(first_eight, 8)?;
        d.push(mod11(&d, &[3, 2, 7, 6, 5, 4, 3, 2])?);
        Some(Self(d.iter().map(|x| char::from(b'0' + x)).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The party a dialog belongs to, or an end user acts for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartyUrn {
    Person(PersonId),
    Organization(OrgNumber),
}

impl PartyUrn {
    pub fn parse(s: &str) -> Result<Self, UrnError> {
        // URN prefixes are case-insensitive upstream.
        let lower = s.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix(PERSON_PREFIX) {
            PersonId::parse(rest).map(Self::Person)
        } else if let Some(rest) = lower.strip_prefix(ORG_PREFIX) {
            OrgNumber::parse(rest).map(Self::Organization)
        } else {
            Err(UrnError::Party(s.to_owned()))
        }
    }

    pub fn is_person(&self) -> bool {
        matches!(self, Self::Person(_))
    }
}

impl fmt::Display for PartyUrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Person(p) => write!(f, "{PERSON_PREFIX}{}", p.0),
            Self::Organization(o) => write!(f, "{ORG_PREFIX}{}", o.0),
        }
    }
}

crate::string_serde!(PartyUrn, UrnError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_national_identity_numbers() {
        // Not every nine-digit prefix has valid check digits; take the first that has.
        let p = (100..1000).find_map(|i| PersonId::complete(&format!("010190{i}"))).expect("a valid number");
        assert!(PersonId::parse(p.as_str()).is_ok());
        let mut wrong = p.as_str().to_owned();
        wrong.replace_range(10..11, if wrong.ends_with('0') { "1" } else { "0" });
        assert!(PersonId::parse(&wrong).is_err());
        assert!(PersonId::parse("1234").is_err());
        assert!(!format!("{p:?}").contains(&p.as_str()[4..]));
    }

    #[test]
    fn validates_organisation_numbers() {
        assert!(OrgNumber::parse("974760673").is_ok()); // Brønnøysundregistrene
        assert!(OrgNumber::parse("974760674").is_err());
        assert_eq!(OrgNumber::complete("97476067").unwrap().as_str(), "974760673");
    }

    #[test]
    fn party_urns_round_trip() {
        let urn = "urn:altinn:organization:identifier-no:974760673";
        let p = PartyUrn::parse(urn).unwrap();
        assert_eq!(p.to_string(), urn);
        assert!(PartyUrn::parse("urn:altinn:organization:identifier-no:123").is_err());
        assert!(PartyUrn::parse("urn:foo:bar").is_err());
    }
}
