//! Writing a register into the store: what the files say replaces what was there for the same
//! identifiers (names, sub-units, a holder's roles and rights); nothing else is touched.

use dialogporten::PersonId;
use sha2::{Digest, Sha256};

use super::{birth_date, policy, resource_urn, right_resource, Register, RightEntry, RoleEntry, ORG_URN, PERSON_URN};
use crate::domain::caller::SYSTEM_USER_URN;
use crate::store::{Grants, PartyRecord, RegisterUpdate, ServiceOwnerRecord, ServiceResourceRecord, Store, StoreError, SystemUserRecord};

/// A party's number and UUID, stable for its identifier (the register need not give them).
fn party_ids(urn: &str) -> (i64, String) {
    let h = Sha256::digest(urn.as_bytes());
    let n = u32::from_be_bytes([h[0], h[1], h[2], h[3]]);
    let mut b: [u8; 16] = h[4..20].try_into().expect("16 bytes");
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    (50_000_000 + i64::from(n % 40_000_000), uuid::Uuid::from_bytes(b).to_string())
}

fn party(
    urn: String,
    name: &str,
    party_type: &str,
    parent: Option<String>,
    date_of_birth: Option<String>,
    is_deleted: bool,
) -> PartyRecord {
    let (party_id, party_uuid) = party_ids(&urn);
    PartyRecord {
        party: urn,
        party_id,
        party_uuid,
        name: name.to_owned(),
        party_type: party_type.to_owned(),
        parent,
        date_of_birth,
        is_deleted,
    }
}

/// Writes the register in one transaction.
pub async fn apply(store: &Store, register: &Register) -> Result<(), StoreError> {
    let mut parties = Vec::new();
    for o in &register.organisations {
        let main = format!("{ORG_URN}{}", o.org_no.get_ref());
        parties.push(party(main.clone(), &o.name, "Organization", None, None, o.deleted));
        for u in &o.sub_units {
            parties.push(party(format!("{ORG_URN}{}", u.org_no.get_ref()), &u.name, "Organization", Some(main.clone()), None, u.deleted));
        }
    }
    let mut grants = Vec::new();
    let mut system_users = Vec::new();
    for su in &register.system_users {
        let Ok(id) = uuid::Uuid::parse_str(su.id.get_ref()) else { continue };
        system_users.push(SystemUserRecord { id, name: su.name.clone(), org_no: su.org_no.get_ref().clone() });
        grants.push(Grants {
            holder: format!("{SYSTEM_USER_URN}{id}"),
            roles: first_per_party(roles(&su.roles)),
            rights: rights(&su.rights),
            packages: packages(&su.roles),
        });
    }
    for p in &register.persons {
        // Checked when the file was read.
        let Ok(pid) = PersonId::parse(p.pid.get_ref()) else { continue };
        let born = p.born.as_ref().map_or_else(|| birth_date(&pid), |b| b.get_ref().clone());
        let own = format!("{PERSON_URN}{}", pid.as_str());
        parties.push(party(own.clone(), &p.name, "Person", None, Some(born), false));
        let mut held = vec![(own, "self".to_owned())];
        held.extend(roles(&p.roles));
        grants.push(Grants {
            holder: pid.as_str().to_owned(),
            roles: first_per_party(held),
            rights: rights(&p.rights),
            packages: packages(&p.roles),
        });
    }
    let owners: Vec<ServiceOwnerRecord> = register
        .service_owners
        .iter()
        .map(|s| ServiceOwnerRecord { org: s.org.get_ref().clone(), org_no: s.org_no.get_ref().clone(), name: s.name.clone() })
        .collect();
    let resources: Vec<ServiceResourceRecord> = register
        .resources
        .iter()
        .map(|r| ServiceResourceRecord {
            id: resource_urn(r.id.get_ref()),
            org: r.owner.get_ref().clone(),
            resource_type: r.resource_type.as_str().to_owned(),
            name: r.name.clone(),
            min_auth_level: r.min_auth_level.into(),
        })
        .collect();
    let policies = register
        .resources
        .iter()
        .map(|r| {
            let rules = (!r.policy.is_empty()).then(|| serde_json::to_string(&policy::to_policy(&r.policy)).expect("a policy serialises"));
            (resource_urn(r.id.get_ref()), rules)
        })
        .collect();
    store.apply_register(&RegisterUpdate { parties, owners, resources, policies, system_users, grants }).await
}

/// (party, access package URN, lower-case) for every package of every role.
fn packages(entries: &[RoleEntry]) -> Vec<(String, String)> {
    entries
        .iter()
        .filter_map(|r| Some((r.party()?, r)))
        .flat_map(|(party, r)| r.packages.iter().map(move |p| (party.clone(), p.get_ref().to_ascii_lowercase())))
        .collect()
}

/// (party, role code) for every role.
fn roles(entries: &[RoleEntry]) -> Vec<(String, String)> {
    entries.iter().filter_map(|r| Some((r.party()?, r.role.get_ref().clone()))).collect()
}

/// (party, resource, action) for every action of every right.
fn rights(entries: &[RightEntry]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for r in entries {
        let Some(party) = r.party() else { continue };
        let resource = right_resource(r.resource.get_ref());
        out.extend(r.actions.get_ref().iter().map(|a| (party.clone(), resource.clone(), a.to_ascii_lowercase())));
    }
    out
}

/// One role per party decides: the first given (a person's own party is always `self`).
fn first_per_party(held: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(held.len());
    for (party, role) in held {
        if !out.iter().any(|(p, _)| *p == party) {
            out.push((party, role));
        }
    }
    out
}
