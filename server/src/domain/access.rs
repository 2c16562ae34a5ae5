//! Who may act for which party: own person, organisations by role, sub-units of those main units.

use dialogporten::{AuthorizedParty, PersonId};
use uuid::Uuid;

use crate::store::{PartyRecord, Store, StoreError};

fn wire(p: &PartyRecord, current: &str, subs: Vec<AuthorizedParty>) -> AuthorizedParty {
    AuthorizedParty {
        party: p.party.clone(),
        party_id: i32::try_from(p.party_id).unwrap_or(0),
        party_uuid: Uuid::parse_str(&p.party_uuid).unwrap_or_default(),
        name: p.name.clone(),
        party_type: p.party_type.clone(),
        date_of_birth: p.date_of_birth.clone(),
        is_deleted: p.is_deleted,
        has_key_role: p.party_type == "Organization",
        is_current_end_user: p.party == current,
        is_main_administrator: false,
        is_access_manager: p.party_type == "Organization",
        has_only_access_to_sub_parties: false,
        sub_parties: subs,
    }
}

/// The parties list of `GET /enduser/parties`, sub-units nested under their main unit.
pub async fn authorized_parties(store: &Store, pid: &PersonId) -> Result<Vec<AuthorizedParty>, StoreError> {
    let top = store.accessible_parties(pid.as_str()).await?;
    let parents: Vec<String> = top.iter().filter(|p| p.party_type == "Organization").map(|p| p.party.clone()).collect();
    let subs = store.sub_parties(&parents).await?;
    let current = format!("urn:altinn:person:identifier-no:{}", pid.as_str());
    Ok(top
        .iter()
        .map(|p| {
            let children = subs.iter().filter(|s| s.parent.as_deref() == Some(&p.party)).map(|s| wire(s, &current, Vec::new())).collect();
            wire(p, &current, children)
        })
        .collect())
}

/// Every party URN the person may see dialogs of.
pub async fn visible_parties(store: &Store, pid: &PersonId) -> Result<Vec<String>, StoreError> {
    let parties = authorized_parties(store, pid).await?;
    Ok(parties.iter().flat_map(|p| p.flatten()).filter(|p| !p.is_deleted).map(|p| p.party.clone()).collect())
}
