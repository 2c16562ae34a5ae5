//! A register is checked before it is used: identifiers with valid check digits, references
//! that resolve, nothing listed twice, and each error at the line and field that caused it.

use std::{collections::HashSet, fmt, ops::Range};

use dialogporten::{OrgNumber, PersonId};
use toml::Spanned;

use super::{party_of, policy, resource_urn, Register, RightEntry, RoleEntry, ORG_URN, PERSON_URN, RESOURCE_URN};

impl Register {
    /// Identifiers with valid check digits, known references, nothing twice.
    pub(super) fn check(&self) -> Result<(), (Range<usize>, String, String)> {
        let bad = |s: &Spanned<String>, field: String, e: &dyn fmt::Display| (s.span(), field, format!("'{}': {e}", s.get_ref()));
        let mut owners = HashSet::new();
        for (i, so) in self.service_owners.iter().enumerate() {
            let code = so.org.get_ref();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
                return Err(bad(&so.org, format!("service_owner[{i}].org"), &"an org code is lower-case letters and digits"));
            }
            OrgNumber::parse(so.org_no.get_ref()).map_err(|e| bad(&so.org_no, format!("service_owner[{i}].org_no"), &e))?;
            if !owners.insert(code.clone()) {
                return Err(bad(&so.org, format!("service_owner[{i}].org"), &"listed twice"));
            }
        }
        for (i, r) in self.resources.iter().enumerate() {
            let id = resource_urn(r.id.get_ref());
            let name = &id[RESOURCE_URN.len()..];
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
                return Err(bad(&r.id, format!("resource[{i}].id"), &"a resource id is letters, digits, '-' and '_'"));
            }
            if !owners.contains(r.owner.get_ref()) {
                return Err(bad(&r.owner, format!("resource[{i}].owner"), &"no service_owner has this org code"));
            }
            for (n, rule) in r.policy.iter().enumerate() {
                policy::check(rule, &format!("resource[{i}].policy[{n}]"))?;
            }
        }
        let mut parties = HashSet::new();
        for (i, o) in self.organisations.iter().enumerate() {
            let units = std::iter::once((&o.org_no, format!("organisation[{i}].org_no")))
                .chain(o.sub_units.iter().enumerate().map(|(s, u)| (&u.org_no, format!("organisation[{i}].sub_units[{s}].org_no"))));
            for (number, field) in units {
                OrgNumber::parse(number.get_ref()).map_err(|e| bad(number, field.clone(), &e))?;
                if !parties.insert(format!("{ORG_URN}{}", number.get_ref())) {
                    return Err(bad(number, field, &"listed twice"));
                }
            }
        }
        for (i, p) in self.persons.iter().enumerate() {
            let pid = PersonId::parse(p.pid.get_ref()).map_err(|e| (p.pid.span(), format!("person[{i}].pid"), e.to_string()))?;
            if !parties.insert(format!("{PERSON_URN}{}", pid.as_str())) {
                return Err((p.pid.span(), format!("person[{i}].pid"), "listed twice".into()));
            }
            if let Some(born) = &p.born {
                dialogporten::UtcDateTime::parse(&format!("{}T00:00:00Z", born.get_ref()))
                    .map_err(|_| bad(born, format!("person[{i}].born"), &"a date as YYYY-MM-DD"))?;
            }
        }
        let mut system_users = HashSet::new();
        for (i, su) in self.system_users.iter().enumerate() {
            let id = uuid::Uuid::parse_str(su.id.get_ref()).map_err(|e| bad(&su.id, format!("system_user[{i}].id"), &e))?;
            if !system_users.insert(id) {
                return Err(bad(&su.id, format!("system_user[{i}].id"), &"listed twice"));
            }
            let org = su.org_no.get_ref();
            if org.len() != 9 || !org.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(&su.org_no, format!("system_user[{i}].org_no"), &"an organisation number is 9 digits"));
            }
        }
        let check_roles = |holder: String, roles: &[RoleEntry]| {
            for (r, role) in roles.iter().enumerate() {
                let field = format!("{holder}.roles[{r}]");
                let code = role.role.get_ref();
                if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(bad(&role.role, format!("{field}.role"), &"a role code is letters and digits"));
                }
                if let Some(p) = role
                    .packages
                    .iter()
                    .find(|p| !p.get_ref().starts_with("urn:altinn:accesspackage:") || p.get_ref().contains(char::is_whitespace))
                {
                    return Err(bad(p, format!("{field}.packages"), &"an access package URN (urn:altinn:accesspackage:…)"));
                }
                match party_of(&role.organisation, &role.person) {
                    Some((urn, _)) if parties.contains(&urn) => {}
                    Some((_, named)) => return Err(bad(named, field, &"no organisation or person in the register has this number")),
                    None => return Err((role.role.span(), field, "give exactly one of 'organisation' and 'person'".into())),
                }
            }
            Ok(())
        };
        // A right needs a role for its party (a person's own party counts).
        let check_rights = |holder: String, own: Option<String>, roles: &[RoleEntry], rights: &[RightEntry]| {
            for (r, right) in rights.iter().enumerate() {
                let field = format!("{holder}.rights[{r}]");
                let Some(party) = right.party() else {
                    return Err((right.resource.span(), field, "give exactly one of 'organisation' and 'person'".into()));
                };
                let held =
                    own.as_deref() == Some(party.as_str()) || roles.iter().any(|role| role.party().as_deref() == Some(party.as_str()));
                if !held {
                    return Err((
                        right.resource.span(),
                        field,
                        format!("no role for {party}: roles decide who sees a party's dialogs, rights add to a role"),
                    ));
                }
                let resource = right.resource.get_ref().trim();
                if resource.is_empty() || resource.contains(char::is_whitespace) {
                    return Err(bad(&right.resource, format!("{field}.resource"), &"a resource id or URN"));
                }
                let actions = right.actions.get_ref();
                if actions.is_empty()
                    || actions.iter().any(|a| a.is_empty() || !a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
                {
                    return Err((
                        right.actions.span(),
                        format!("{field}.actions"),
                        "one or more action names (letters, digits, '-', '_')".into(),
                    ));
                }
            }
            Ok(())
        };
        for (i, p) in self.persons.iter().enumerate() {
            check_roles(format!("person[{i}]"), &p.roles)?;
            check_rights(format!("person[{i}]"), Some(format!("{PERSON_URN}{}", p.pid.get_ref())), &p.roles, &p.rights)?;
        }
        for (i, su) in self.system_users.iter().enumerate() {
            check_roles(format!("system_user[{i}]"), &su.roles)?;
            check_rights(format!("system_user[{i}]"), None, &su.roles, &su.rights)?;
        }
        Ok(())
    }
}
