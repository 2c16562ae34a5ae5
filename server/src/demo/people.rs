//! The demo register (`content/register/demo.toml`, read as any register fixture is) and what
//! the demo dialogs need of it: each party that can own a dialog, with its name and the demo
//! person who usually reads its dialogs.

use std::sync::OnceLock;

use crate::{
    register::{Register, ORG_URN, PERSON_URN},
    store::{Store, StoreError},
};

const FILE: &str = "content/register/demo.toml";

pub fn register() -> &'static Register {
    static DEMO: OnceLock<Register> = OnceLock::new();
    DEMO.get_or_init(|| {
        Register::parse(include_str!("../../../content/register/demo.toml"), FILE).unwrap_or_else(|e| panic!("the demo register: {e}"))
    })
}

pub fn person_count() -> usize {
    register().persons.len()
}

/// The synthetic national identity number of demo person `i`.
pub fn person_pid(i: usize) -> &'static str {
    register().persons[i].pid.get_ref()
}

pub fn person_name(i: usize) -> &'static str {
    &register().persons[i].name
}

pub fn person_urn(i: usize) -> String {
    format!("{PERSON_URN}{}", person_pid(i))
}

/// Demo organisation `index` (in the register's order).
pub fn org_urn(index: usize) -> String {
    format!("{ORG_URN}{}", register().organisations[index].org_no.get_ref())
}

/// The name the demo dialogs give a service owner as sender.
pub fn owner_name(org: &str) -> String {
    register().service_owners.iter().find(|o| o.org.get_ref() == org).map_or_else(|| org.to_uppercase(), |o| o.name.clone())
}

/// Every party that can own a dialog, with a display name and the demo person who usually reads
/// its dialogs (the person themselves, or the first with a role in the organisation).
pub fn all_parties() -> Vec<(String, &'static str, usize)> {
    let reg = register();
    let reader_of = |org_no: &str| {
        reg.persons.iter().position(|p| p.roles.iter().any(|r| r.organisation.as_ref().is_some_and(|o| o.get_ref() == org_no))).unwrap_or(0)
    };
    let persons = reg.persons.iter().enumerate().map(|(i, p)| (person_urn(i), p.name.as_str(), i));
    let orgs = reg.organisations.iter().flat_map(move |o| {
        let reader = reader_of(o.org_no.get_ref());
        std::iter::once((format!("{ORG_URN}{}", o.org_no.get_ref()), o.name.as_str(), reader))
            .chain(o.sub_units.iter().map(move |u| (format!("{ORG_URN}{}", u.org_no.get_ref()), u.name.as_str(), reader)))
    });
    persons.chain(orgs).collect()
}

pub async fn seed(store: &Store) -> Result<(), StoreError> {
    crate::register::apply(store, register()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_valid_and_distinct() {
        let parties = all_parties();
        for (urn, _, _) in &parties {
            assert!(dialogporten::PartyUrn::parse(urn).is_ok(), "{urn}");
        }
        let mut urns: Vec<_> = parties.iter().map(|p| &p.0).collect();
        urns.sort();
        urns.dedup();
        assert_eq!(urns.len(), parties.len());
    }

    /// The SPA names service owners from `content/service-owners.json`: every owner in the demo
    /// register must be there, with the same number and (Bokmål) name.
    #[test]
    fn the_app_can_name_every_demo_service_owner() {
        let named: Vec<dialogporten::ServiceOwner> = serde_json::from_str(include_str!("../../../content/service-owners.json")).unwrap();
        for so in &register().service_owners {
            let listed = named
                .iter()
                .find(|n| n.org == *so.org.get_ref())
                .unwrap_or_else(|| panic!("{} is not in service-owners.json", so.org.get_ref()));
            assert_eq!((listed.org_no.as_str(), listed.name.nb.as_str()), (so.org_no.get_ref().as_str(), so.name.as_str()));
        }
    }

    /// Every service the demo dialogs use is a resource of the register, owned by the org that sends it.
    #[test]
    fn demo_services_are_registered_resources() {
        let services = super::super::catalog::SERVICES
            .iter()
            .map(|s| (s.org, s.resource))
            .chain(super::super::catalog::MIGRATED_A2.iter().map(|m| (m.0, m.1)));
        for (org, resource) in services {
            let entry = register()
                .resources
                .iter()
                .find(|r| crate::register::resource_urn(r.id.get_ref()) == crate::register::resource_urn(resource));
            assert_eq!(entry.map(|r| r.owner.get_ref().as_str()), Some(org), "{resource}");
        }
    }
}
