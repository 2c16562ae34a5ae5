//! The register: who exists and who may do what. Persons, organisations with their sub-units,
//! service owners, service resources and role assignments are read from fixture files
//! (`inbox-server serve --register FILE`, format in docs/register.md), not from code. The demo
//! data set is one such file, `content/register/demo.toml`.

mod check;
mod load;
mod policy;

use std::{ops::Range, path::Path};

use dialogporten::PersonId;
use serde::Deserialize;
use toml::Spanned;

pub use load::apply;

/// One fixture file, or several merged.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    #[serde(default, rename = "service_owner")]
    pub service_owners: Vec<ServiceOwnerEntry>,
    #[serde(default, rename = "resource")]
    pub resources: Vec<ResourceEntry>,
    #[serde(default, rename = "organisation")]
    pub organisations: Vec<OrganisationEntry>,
    #[serde(default, rename = "person")]
    pub persons: Vec<PersonEntry>,
    #[serde(default, rename = "system_user")]
    pub system_users: Vec<SystemUserEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceOwnerEntry {
    /// The org code (`skd`), lower-case letters and digits.
    pub org: Spanned<String>,
    pub org_no: Spanned<String>,
    pub name: String,
}

/// The resource types Dialogporten accepts from the resource registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum ResourceType {
    GenericAccessResource,
    AltinnApp,
    MigratedApp,
    CorrespondenceService,
}

impl ResourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GenericAccessResource => "GenericAccessResource",
            Self::AltinnApp => "AltinnApp",
            Self::MigratedApp => "MigratedApp",
            Self::CorrespondenceService => "CorrespondenceService",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceEntry {
    /// `skattemelding` or `urn:altinn:resource:skattemelding`.
    pub id: Spanned<String>,
    /// The org code of the service owner that owns it.
    pub owner: Spanned<String>,
    #[serde(rename = "type")]
    pub resource_type: ResourceType,
    pub name: String,
    /// Who may do what with its dialogs; none: the default policy (docs/register.md).
    #[serde(default)]
    pub policy: Vec<policy::RuleEntry>,
    /// The assurance level its dialogs need: 3 (ID-porten substantial, the default) or 4 (high).
    #[serde(default = "default_auth_level")]
    pub min_auth_level: u8,
}

fn default_auth_level() -> u8 {
    3
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationEntry {
    pub org_no: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub sub_units: Vec<SubUnitEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubUnitEntry {
    pub org_no: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub deleted: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    /// The national identity number (11 digits, valid check digits; synthetic ones welcome).
    pub pid: Spanned<String>,
    pub name: String,
    /// `YYYY-MM-DD`; derived from the identity number when left out.
    #[serde(default)]
    pub born: Option<Spanned<String>>,
    #[serde(default)]
    pub roles: Vec<RoleEntry>,
    #[serde(default)]
    pub rights: Vec<RightEntry>,
}

/// Software acting for organisations through end-user tokens (`GetSystemUserToken`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemUserEntry {
    /// Its UUID, as `systemUserId` names it.
    pub id: Spanned<String>,
    pub name: String,
    /// The organisation it belongs to (`systemUserOrg`): nine digits; like Dialogporten we do not
    /// check its check digit.
    pub org_no: Spanned<String>,
    /// The parties it acts for and by which role, as for a person. None: it sees nothing.
    #[serde(default)]
    pub roles: Vec<RoleEntry>,
    #[serde(default)]
    pub rights: Vec<RightEntry>,
}

/// A role the person holds for a party: an organisation (by number) or another person.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleEntry {
    #[serde(default)]
    pub organisation: Option<Spanned<String>>,
    #[serde(default)]
    pub person: Option<Spanned<String>>,
    /// An Enhetsregisteret role code (`DAGL`, `REGNA`, `REVI`, `LEDE`, …), `fullmakt` for a
    /// power of attorney, `PRIV` for oneself.
    pub role: Spanned<String>,
    /// Access packages (`urn:altinn:accesspackage:…`) held for the party, which policies may name.
    #[serde(default)]
    pub packages: Vec<Spanned<String>>,
}

/// Actions on a resource for a party, beyond what the role for that party gives (the holder must
/// hold a role for it: roles decide who sees a party's dialogs).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RightEntry {
    #[serde(default)]
    pub organisation: Option<Spanned<String>>,
    #[serde(default)]
    pub person: Option<Spanned<String>>,
    /// A service resource (`skattemelding`, `urn:altinn:resource:…`) or any authorization
    /// attribute a dialog may name (`urn:altinn:subresource:…`).
    pub resource: Spanned<String>,
    /// `read`, `write`, `sign`, `transmissionread`, … as the dialog's actions name them.
    pub actions: Spanned<Vec<String>>,
}

/// Where a fixture file is wrong: the file, the line and the field, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {field}: {message}")]
pub struct RegisterError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

pub const PERSON_URN: &str = "urn:altinn:person:identifier-no:";
pub const ORG_URN: &str = "urn:altinn:organization:identifier-no:";
pub const RESOURCE_URN: &str = "urn:altinn:resource:";

impl Register {
    /// Reads one fixture file.
    pub fn read(path: &Path) -> Result<Self, RegisterError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RegisterError {
            file: file.clone(),
            line: 0,
            field: "(file)".into(),
            message: e.to_string(),
        })?;
        Self::parse(&text, &file)
    }

    /// Parses and checks a fixture; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Self, RegisterError> {
        let at = |span: Option<Range<usize>>, field: String, message: String| RegisterError {
            file: file.to_owned(),
            line: span.map_or(0, |s| line_of(text, s.start)),
            field,
            message,
        };
        let deserializer = toml::Deserializer::parse(text).map_err(|e| at(e.span(), "(syntax)".into(), e.message().to_owned()))?;
        let register: Register = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let field = e.path().to_string();
            let inner = e.into_inner();
            at(inner.span(), field, inner.message().to_owned())
        })?;
        register.check().map_err(|(span, field, message)| at(Some(span), field, message))?;
        Ok(register)
    }

    /// Later registers add to earlier ones; an entry for the same identifier replaces it.
    pub fn merge(mut self, other: Register) -> Register {
        fn keep<T>(list: &mut Vec<T>, new: Vec<T>, key: impl Fn(&T) -> String) {
            for entry in new {
                list.retain(|e| key(e) != key(&entry));
                list.push(entry);
            }
        }
        keep(&mut self.service_owners, other.service_owners, |e| e.org.get_ref().to_ascii_lowercase());
        keep(&mut self.resources, other.resources, |e| resource_urn(e.id.get_ref()));
        keep(&mut self.organisations, other.organisations, |e| e.org_no.get_ref().clone());
        keep(&mut self.persons, other.persons, |e| e.pid.get_ref().clone());
        keep(&mut self.system_users, other.system_users, |e| e.id.get_ref().to_ascii_lowercase());
        self
    }
}

/// `skattemelding` → `urn:altinn:resource:skattemelding` (lower-case, as the registry keys it).
pub fn resource_urn(id: &str) -> String {
    let id = id.trim().to_ascii_lowercase();
    if id.starts_with(RESOURCE_URN) {
        id
    } else {
        format!("{RESOURCE_URN}{id}")
    }
}

/// A right's resource as authorization compares it: a bare resource id becomes its
/// `urn:altinn:resource:` URN, any other URN is kept; lower-case either way.
pub fn right_resource(id: &str) -> String {
    let id = id.trim();
    if id.starts_with("urn:") {
        id.to_ascii_lowercase()
    } else {
        resource_urn(id)
    }
}

/// The party a role or right names: its URN and the value that named it (for error lines);
/// `None` unless exactly one of `organisation` and `person` is given.
fn party_of<'a>(organisation: &'a Option<Spanned<String>>, person: &'a Option<Spanned<String>>) -> Option<(String, &'a Spanned<String>)> {
    match (organisation, person) {
        (Some(org), None) => Some((format!("{ORG_URN}{}", org.get_ref()), org)),
        (None, Some(p)) => Some((format!("{PERSON_URN}{}", p.get_ref()), p)),
        _ => None,
    }
}

impl RoleEntry {
    pub fn party(&self) -> Option<String> {
        party_of(&self.organisation, &self.person).map(|(urn, _)| urn)
    }
}

impl RightEntry {
    pub fn party(&self) -> Option<String> {
        party_of(&self.organisation, &self.person).map(|(urn, _)| urn)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|b| *b == b'\n').count() + 1
}

/// `YYYY-MM-DD` from a national identity number: day and month (less 40 for D-numbers, 80 for
/// synthetic numbers), the century from the individual number as the Population Register assigns it.
pub fn birth_date(pid: &PersonId) -> String {
    let digits: Vec<u32> = pid.as_str().bytes().map(|b| u32::from(b - b'0')).collect();
    let num = |a: usize, b: usize| digits[a..b].iter().fold(0, |n, d| n * 10 + d);
    let (mut day, mut month, yy, individual) = (num(0, 2), num(2, 4), num(4, 6), num(6, 9));
    if day > 40 {
        day -= 40;
    }
    if month > 80 {
        month -= 80;
    } else if month > 40 {
        month -= 40;
    }
    let century = match individual {
        0..=499 => 1900,
        500..=749 if yy >= 54 => 1800,
        900..=999 if yy >= 40 => 1900,
        _ => 2000,
    };
    format!("{:04}-{month:02}-{day:02}", century + yy)
}

#[cfg(test)]
mod tests {
    use dialogporten::OrgNumber;

    use super::*;

    const GOOD: &str = r#"
[[service_owner]]
org = "skd"
org_no = "974761076"
name = "Skatteetaten"

[[resource]]
id = "skattemelding"
owner = "skd"
type = "GenericAccessResource"
name = "Skattemelding"

[[organisation]]
org_no = "310000000"
name = "Testbedrift AS"
sub_units = [{ org_no = "310000019", name = "Testbedrift AS avd. Bergen" }]

[[person]]
pid = "12838512345"
name = "Kari Nordmann"
roles = [{ organisation = "310000000", role = "DAGL" }]
"#;

    /// The first valid identity number born on `ddmmyy` with an individual number in `band`.
    fn pid_born(ddmmyy: &str, band: std::ops::Range<u32>) -> PersonId {
        band.into_iter().find_map(|ind| PersonId::complete(&format!("{ddmmyy}{ind:03}"))).expect("a valid number")
    }

    fn valid_pid() -> String {
        pid_born("128385", 100..500).as_str().to_owned()
    }

    fn valid_org(first_six: &str) -> String {
        (0..100).find_map(|k| OrgNumber::complete(&format!("{first_six}{k:02}"))).expect("a valid number").as_str().to_owned()
    }

    fn good() -> String {
        GOOD.replace("12838512345", &valid_pid()).replace("310000000", &valid_org("310000")).replace("310000019", &valid_org("310001"))
    }

    #[test]
    fn a_fixture_reads_with_its_references() {
        let r = Register::parse(&good(), "t.toml").unwrap();
        assert_eq!((r.service_owners.len(), r.resources.len(), r.organisations.len(), r.persons.len()), (1, 1, 1, 1));
        assert_eq!(resource_urn(r.resources[0].id.get_ref()), "urn:altinn:resource:skattemelding");
        assert_eq!(r.persons[0].roles[0].role.get_ref(), "DAGL");
    }

    #[test]
    fn errors_name_the_file_line_and_field() {
        let e = Register::parse(&good().replace("name = \"Kari Nordmann\"", "nmae = \"Kari\""), "t.toml").unwrap_err();
        assert!(e.file == "t.toml" && e.field.starts_with("person[0]"), "{e}");
        assert!(e.message.contains("nmae"), "{e}");
        let e = Register::parse(&good().replace(&valid_pid(), "12838512340"), "t.toml").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (19, "person[0].pid"), "{e}");
        let e = Register::parse(&good().replace("owner = \"skd\"", "owner = \"nav\""), "t.toml").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (9, "resource[0].owner"), "{e}");
        let e = Register::parse(&good().replace("type = \"GenericAccessResource\"", "type = \"Form\""), "t.toml").unwrap_err();
        assert_eq!(e.field, "resource[0].type", "{e}");
        let e = Register::parse(&good().replace("role = \"DAGL\" }", "role = \"DAGL\", person = \"1\" }"), "t.toml").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (21, "person[0].roles[0]"), "{e}");
        assert!(Register::parse("[[person]\n", "t.toml").unwrap_err().to_string().starts_with("t.toml:1: (syntax)"));
    }

    #[test]
    fn a_right_needs_a_role_for_its_party() {
        let ola = pid_born("038762", 100..500).as_str().to_owned();
        let org = valid_org("310000");
        let right = format!(r#"rights = [{{ organisation = "{org}", resource = "skattemelding", actions = ["sign"] }}]"#);
        let without = format!("{}\n[[person]]\npid = \"{ola}\"\nname = \"Ola\"\n{right}\n", good());
        let e = Register::parse(&without, "t.toml").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (26, "person[1].rights[0]"), "{e}");
        assert!(e.message.contains("no role"), "{e}");
        let with = without.replace(&right, &format!("roles = [{{ organisation = \"{org}\", role = \"REGNA\" }}]\n{right}"));
        let r = Register::parse(&with, "t.toml").unwrap();
        assert_eq!(r.persons[1].rights[0].actions.get_ref(), &["sign"]);
        assert_eq!(right_resource("urn:altinn:SubResource:Lonn"), "urn:altinn:subresource:lonn");
        assert_eq!(right_resource("Skattemelding"), "urn:altinn:resource:skattemelding");
    }

    #[test]
    fn later_files_replace_entries_with_the_same_identifier() {
        let a = Register::parse(&good(), "a.toml").unwrap();
        let b = Register::parse(&good().replace("Kari Nordmann", "Kari Nordkvinne"), "b.toml").unwrap();
        let merged = a.merge(b);
        assert_eq!(merged.persons.len(), 1);
        assert_eq!(merged.persons[0].name, "Kari Nordkvinne");
    }

    #[test]
    fn birth_dates_follow_the_population_registers_rules() {
        assert_eq!(birth_date(&pid_born("120385", 100..500)), "1985-03-12");
        assert_eq!(birth_date(&pid_born("128385", 100..500)), "1985-03-12", "synthetic month");
        assert_eq!(birth_date(&pid_born("520385", 100..500)), "1985-03-12", "D-number");
        assert_eq!(birth_date(&pid_born("010110", 500..1000)), "2010-01-01");
        assert_eq!(birth_date(&pid_born("010160", 500..750)), "1860-01-01");
    }
}
