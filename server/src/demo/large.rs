//! The large preset: one accountant who may act for many organisations (15,000 by default), and
//! a million dialogs spread over them, on top of the demo set. For benchmarks: it answers "is
//! search fast for the users Dialogporten struggles with?". Deterministic like the demo.

use dialogporten::{OrgNumber, PersonId};

use super::{dialogs, rng::Rng};
use crate::store::{PartyRecord, Store, StoreError};

/// The accountant the large preset is about (a synthetic, valid national identity number).
pub const ACCOUNTANT_NAME: &str = "Siri Storvik";
const ACCOUNTANT_BORN: &str = "150779";

pub fn accountant_pid() -> PersonId {
    let synthetic = format!("{}{}{}", &ACCOUNTANT_BORN[..2], 80 + 7, &ACCOUNTANT_BORN[4..]);
    (100..1000).find_map(|ind| PersonId::complete(&format!("{synthetic}{ind}"))).expect("some individual number is valid")
}

/// Organisation numbers from 4… (the demo's start with 3), each with a valid check digit.
fn org_number(i: usize) -> OrgNumber {
    (0..100).find_map(|k| OrgNumber::complete(&format!("4{:05}{:02}", i, k))).expect("a valid check digit exists")
}

pub fn org_party(i: usize) -> String {
    format!("urn:altinn:organization:identifier-no:{}", org_number(i).as_str())
}

#[derive(Clone, Copy, Debug)]
pub struct Large {
    pub dialogs: usize,
    pub parties: usize,
}

impl Default for Large {
    fn default() -> Self {
        Self { dialogs: 1_000_000, parties: 15_000 }
    }
}

const BATCH: usize = 2_000;

/// Seeds the demo (when empty), then the accountant, the organisations and the dialogs, in
/// batches of one transaction each. Returns the number of dialogs written.
pub async fn seed(store: &Store, size: Large, progress: impl Fn(usize)) -> Result<usize, StoreError> {
    super::seed_if_empty(store).await?;
    let pid = accountant_pid();
    let me = format!("urn:altinn:person:identifier-no:{}", pid.as_str());
    let mut rng = Rng::new(0x1a_26e0);
    let mut party_id = 60_000_000;
    let mut party = |name: String, urn: String, kind: &str, rng: &mut Rng| {
        party_id += 1;
        PartyRecord {
            party: urn,
            party_id,
            party_uuid: rng.uuid_v4().to_string(),
            name,
            party_type: kind.into(),
            parent: None,
            date_of_birth: None,
            is_deleted: false,
        }
    };
    let mut parties = vec![party(ACCOUNTANT_NAME.into(), me.clone(), "Person", &mut rng)];
    let names = ["Regnskap", "Bygg", "Transport", "Frisør", "Bakeri", "Elektro", "Rørlegger", "Konsult", "Eiendom", "Maskin"];
    parties.extend(
        (0..size.parties).map(|i| party(format!("{} {} AS", names[i % names.len()], i + 1), org_party(i), "Organization", &mut rng)),
    );
    store.put_parties(&parties).await?;
    let mut grants = vec![(me.clone(), "self")];
    grants.extend((0..size.parties).map(|i| (org_party(i), if i % 3 == 0 { "DAGL" } else { "REGNA" })));
    store.grant_accesses(pid.as_str(), &grants).await?;

    let mut written = 0;
    while written < size.dialogs {
        let n = BATCH.min(size.dialogs - written);
        let batch: Vec<_> = (written..written + n)
            .map(|i| {
                let org = i % size.parties.max(1);
                dialogs::for_party(&mut rng, &org_party(org), &parties[org + 1].name, true)
            })
            .collect();
        store.put_dialogs(&batch).await?;
        written += n;
        progress(written);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_valid_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..20_000 {
            let urn = org_party(i);
            assert!(dialogporten::PartyUrn::parse(&urn).is_ok(), "{urn}");
            assert!(seen.insert(urn), "{i}");
        }
        assert!(accountant_pid().as_str().len() == 11);
    }
}
