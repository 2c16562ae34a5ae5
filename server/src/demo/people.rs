//! Demo people, organisations (with sub-units) and service owners, and who may act for whom.

use dialogporten::{OrgNumber, PersonId};

use super::rng::Rng;
use crate::store::{PartyRecord, ServiceOwnerRecord, Store, StoreError};

pub struct DemoPerson {
    pub name: &'static str,
    /// Birth date as DDMMYY; synthetic numbers add 80 to the month, so they never collide with real ones.
    pub born: &'static str,
    pub year: u16,
    /// Organisations this person has a role in (index into `ORGS`) and persons they act for (index into `PERSONS`).
    pub orgs: &'static [usize],
    pub acts_for: &'static [usize],
}

pub const PERSONS: &[DemoPerson] = &[
    DemoPerson { name: "Kari Nordmann", born: "120385", year: 1985, orgs: &[0, 1], acts_for: &[] },
    DemoPerson { name: "Ola Hansen", born: "030762", year: 1962, orgs: &[2], acts_for: &[4] },
    DemoPerson { name: "Aisha Khan", born: "240994", year: 1994, orgs: &[], acts_for: &[] },
    DemoPerson { name: "Per Olsen", born: "171170", year: 1970, orgs: &[0, 2, 3, 4, 5], acts_for: &[] },
    DemoPerson { name: "Ingrid Hansen", born: "050138", year: 1938, orgs: &[], acts_for: &[] },
];

pub struct DemoOrg {
    pub name: &'static str,
    pub sub_units: &'static [&'static str],
}

pub const ORGS: &[DemoOrg] = &[
    DemoOrg { name: "Nordmann Regnskap AS", sub_units: &["Nordmann Regnskap AS avd. Bergen", "Nordmann Regnskap AS avd. Trondheim"] },
    DemoOrg { name: "Fjordbakeriet AS", sub_units: &[] },
    DemoOrg { name: "Hansen Transport AS", sub_units: &["Hansen Transport AS avd. Drammen"] },
    DemoOrg { name: "Solsiden Frisør ENK", sub_units: &[] },
    DemoOrg { name: "Vestland Byggservice AS", sub_units: &["Vestland Byggservice AS avd. Førde"] },
    DemoOrg { name: "Tromsø Kaffebrenneri AS", sub_units: &[] },
];

/// The demo service owners, from the same content file the SPA shows names from.
pub fn service_owners() -> Vec<dialogporten::ServiceOwner> {
    serde_json::from_str(include_str!("../../../content/service-owners.json")).expect("content/service-owners.json is valid")
}

const PERSON_URN: &str = "urn:altinn:person:identifier-no:";
const ORG_URN: &str = "urn:altinn:organization:identifier-no:";

/// The synthetic national identity number of a demo person: the first valid individual number.
pub fn person_id(p: &DemoPerson) -> PersonId {
    let synthetic = format!("{}{}{}", &p.born[..2], (p.born[2..4].parse::<u8>().unwrap_or(1) + 80), &p.born[4..]);
    (100..1000).find_map(|ind| PersonId::complete(&format!("{synthetic}{ind}"))).expect("some individual number is valid")
}

pub fn person_urn(i: usize) -> String {
    format!("{PERSON_URN}{}", person_id(&PERSONS[i]).as_str())
}

/// Deterministic organisation numbers starting with 3 (not used by real Norwegian units).
fn org_number(index: usize) -> OrgNumber {
    (0..100).find_map(|k| OrgNumber::complete(&format!("3{:05}{:02}", 10_000 + index * 37, k))).expect("a valid check digit exists")
}

pub fn org_urn(index: usize) -> String {
    format!("{ORG_URN}{}", org_number(index).as_str())
}

/// Sub-units are numbered after all main units.
pub fn sub_unit_urn(org: usize, sub: usize) -> String {
    org_urn(100 + org * 10 + sub)
}

/// Every party that can own a dialog, with a display name and the demo person who usually reads
/// its dialogs (the person themselves, or the first with a role in the organisation).
pub fn all_parties() -> Vec<(String, &'static str, usize)> {
    let reader_of = |org: usize| PERSONS.iter().position(|p| p.orgs.contains(&org)).unwrap_or(0);
    let persons = PERSONS.iter().enumerate().map(|(i, p)| (person_urn(i), p.name, i));
    let orgs = ORGS.iter().enumerate().flat_map(move |(i, o)| {
        std::iter::once((org_urn(i), o.name, reader_of(i)))
            .chain(o.sub_units.iter().enumerate().map(move |(s, name)| (sub_unit_urn(i, s), *name, reader_of(i))))
    });
    persons.chain(orgs).collect()
}

pub async fn seed(store: &Store) -> Result<(), StoreError> {
    let mut rng = Rng::new(0x1a5e_ed00);
    let mut party_id = 50_100_000;
    let mut next = |rng: &mut Rng| {
        party_id += 1;
        (party_id, rng.uuid_v4().to_string())
    };
    for so in service_owners() {
        store.put_service_owner(&ServiceOwnerRecord { org: so.org, org_no: so.org_no, name: so.name.nb }).await?;
    }
    for (i, p) in PERSONS.iter().enumerate() {
        let (id, uuid) = next(&mut rng);
        let dob = format!("{}-{}-{}", p.year, &p.born[2..4], &p.born[..2]);
        store
            .put_party(&PartyRecord {
                party: person_urn(i),
                party_id: id,
                party_uuid: uuid,
                name: p.name.into(),
                party_type: "Person".into(),
                parent: None,
                date_of_birth: Some(dob),
                is_deleted: false,
            })
            .await?;
    }
    for (i, o) in ORGS.iter().enumerate() {
        let (id, uuid) = next(&mut rng);
        let org = PartyRecord {
            party: org_urn(i),
            party_id: id,
            party_uuid: uuid,
            name: o.name.into(),
            party_type: "Organization".into(),
            parent: None,
            date_of_birth: None,
            is_deleted: false,
        };
        store.put_party(&org).await?;
        for (s, name) in o.sub_units.iter().enumerate() {
            let (id, uuid) = next(&mut rng);
            store
                .put_party(&PartyRecord { party: sub_unit_urn(i, s), party_id: id, party_uuid: uuid, name: (*name).into(), parent: Some(org.party.clone()), ..org.clone() })
                .await?;
        }
    }
    for (i, p) in PERSONS.iter().enumerate() {
        let pid = person_id(p);
        store.grant_access(pid.as_str(), &person_urn(i), "self").await?;
        for o in p.orgs {
            store.grant_access(pid.as_str(), &org_urn(*o), "DAGL").await?;
        }
        for other in p.acts_for {
            store.grant_access(pid.as_str(), &person_urn(*other), "fullmakt").await?;
        }
    }
    Ok(())
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
        for so in service_owners() {
            assert!(OrgNumber::parse(&so.org_no).is_ok(), "{}", so.org_no);
        }
    }
}
