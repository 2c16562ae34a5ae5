//! Who may act for which party: own person, organisations by role, sub-units of those main units;
//! for a system user, the parties the register grants it.

use dialogporten::{AuthorizedParty, Dialog};
use uuid::Uuid;

use super::{
    authorization::{attribute_resources, subject_urn, Access, Policies, Policy, Right, Role},
    caller::EndUser,
};
use crate::store::{Grants, PartyGrants, PartyRecord, RegisterUpdate, Store, StoreError};

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

/// With an upstream Dialogporten, who may act for whom is its answer (`/enduser/parties`),
/// copied here at each login so this server's own features (favourites, the party to open with,
/// an organisation's notification address) check against it. Replaces what the person held here.
pub async fn mirror_parties(store: &Store, pid: &str, parties: &[AuthorizedParty]) -> Result<(), StoreError> {
    fn record(p: &AuthorizedParty, parent: Option<&str>) -> PartyRecord {
        PartyRecord {
            party: p.party.clone(),
            party_id: p.party_id.into(),
            party_uuid: p.party_uuid.to_string(),
            name: p.name.clone(),
            party_type: p.party_type.clone(),
            parent: parent.map(str::to_owned),
            date_of_birth: p.date_of_birth.clone(),
            is_deleted: p.is_deleted,
        }
    }
    // Only what "may act for" needs: oneself, a key role, or a power of attorney.
    fn role(p: &AuthorizedParty) -> String {
        let code = if p.is_current_end_user {
            "self"
        } else if p.has_key_role {
            "DAGL"
        } else {
            "fullmakt"
        };
        code.to_owned()
    }
    let mut records = Vec::new();
    let mut roles = Vec::new();
    for p in parties {
        records.push(record(p, None));
        records.extend(p.sub_parties.iter().map(|s| record(s, Some(&p.party))));
        if p.has_only_access_to_sub_parties {
            roles.extend(p.sub_parties.iter().map(|s| (s.party.clone(), role(s))));
        } else {
            roles.push((p.party.clone(), role(p)));
        }
    }
    let grants = vec![Grants { holder: pid.to_owned(), roles, rights: Vec::new(), packages: Vec::new() }];
    let update = RegisterUpdate {
        parties: records,
        owners: Vec::new(),
        resources: Vec::new(),
        policies: Vec::new(),
        system_users: Vec::new(),
        grants,
    };
    store.apply_register(&update).await
}

/// The parties list of `GET /enduser/parties`, sub-units nested under their main unit.
pub async fn authorized_parties(store: &Store, user: &EndUser) -> Result<Vec<AuthorizedParty>, StoreError> {
    let key = user.key();
    let top = store.accessible_parties(&key).await?;
    let mut subs: std::collections::HashMap<String, Vec<AuthorizedParty>> = std::collections::HashMap::new();
    let current = user.actor_id();
    for s in store.sub_parties_of(&key).await? {
        let parent = s.parent.clone().unwrap_or_default();
        subs.entry(parent).or_default().push(wire(&s, &current, Vec::new()));
    }
    Ok(top
        .iter()
        .map(|p| {
            let children = if p.party_type == "Organization" { subs.remove(&p.party).unwrap_or_default() } else { Vec::new() };
            wire(p, &current, children)
        })
        .collect())
}

/// Of `requested`, the parties the person may see dialogs of; all of theirs when none is named.
/// (Dialogporten drops the parties one may not represent rather than refusing the search.)
pub async fn chosen_or_all(store: &Store, user: &EndUser, requested: Vec<String>) -> Result<Vec<String>, StoreError> {
    if requested.is_empty() {
        visible_parties(store, user).await
    } else {
        let permitted = store.permitted_parties(&user.key(), &requested).await?;
        // Keep the caller's order, for stable answers.
        Ok(requested.into_iter().filter(|p| permitted.contains(p)).collect())
    }
}

/// Settings that name a party (a star, an organisation's address) only for parties the person
/// acts for: 403 otherwise, as for the party's dialogs.
pub async fn must_act_for(store: &Store, user: &EndUser, party: &str) -> Result<(), super::DomainError> {
    if may_see(store, user, party).await? {
        Ok(())
    } else {
        Err(super::DomainError::Forbidden(format!("You may not act for '{party}'.")))
    }
}

/// Whether the person may see dialogs of this one party.
pub async fn may_see(store: &Store, user: &EndUser, party: &str) -> Result<bool, StoreError> {
    Ok(role_for(store, user, party).await?.is_some())
}

/// The role by which the person may see dialogs of this party, if any.
pub async fn role_for(store: &Store, user: &EndUser, party: &str) -> Result<Option<Role>, StoreError> {
    Ok(store.role_for(&user.key(), party).await?.as_deref().map(Role::from_code))
}

/// The role, the subjects, the rights beyond the role and the policies by which the user may see
/// and act on this dialog, and the assurance level its service demands. Two queries: this is on
/// the path of every dialog opened.
pub async fn access_for(store: &Store, user: &EndUser, dialog: &Dialog) -> Result<Option<Access>, StoreError> {
    let party = dialog.party.as_str();
    let Some(grants) = store.grants_for(&user.key(), party).await? else { return Ok(None) };
    let rules = store.resource_rules(&named_resources(dialog), &dialog.service_resource).await?;
    Ok(Some(Access {
        role: Role::from_code(&grants.role),
        subjects: subjects(user, &grants),
        rights: grants.rights.into_iter().map(|(resource, action)| Right { resource, action }).collect(),
        policies: read_policies(rules.policies),
        min_auth_level: rules.min_auth_level,
    }))
}

/// What policies know the user by for a party: the role code (oneself is Altinn's `PRIV`), the
/// access packages held for it, and the user's own URN.
fn subjects(user: &EndUser, grants: &PartyGrants) -> Vec<String> {
    let own_code = if grants.role == "self" { "PRIV" } else { grants.role.as_str() };
    let mut subjects = vec![subject_urn(own_code), user.actor_id().to_ascii_lowercase()];
    subjects.extend(grants.packages.iter().map(|p| subject_urn(p)));
    subjects
}

fn read_policies(stored: Vec<(String, String)>) -> Policies {
    let mut policies = Policies::new();
    for (resource, text) in stored {
        // Written by the register from a checked file; one that does not read is no policy.
        match serde_json::from_str::<Policy>(&text) {
            Ok(policy) => {
                policies.insert(resource, policy);
            }
            Err(e) => tracing::warn!(%resource, error = %e, "a stored resource policy does not read; the default policy applies"),
        }
    }
    policies
}

/// (party, service resource) pairs whose dialogs a search leaves out: those of a resource whose
/// policy names none of the user's subjects for that party, as Dialogporten's search maps
/// subjects to resources. Nothing to read when no resource has a policy.
pub async fn hidden_by_policy(store: &Store, user: &EndUser, parties: &[String]) -> Result<Vec<(String, String)>, StoreError> {
    let policies = read_policies(store.all_resource_policies().await?);
    let mut hidden = Vec::new();
    if policies.is_empty() {
        return Ok(hidden);
    }
    for party in parties {
        let Some(grants) = store.grants_for(&user.key(), party).await? else { continue };
        let subjects = subjects(user, &grants);
        hidden.extend(policies.iter().filter(|(_, p)| !p.names_any(&subjects)).map(|(r, _)| (party.clone(), r.clone())));
    }
    Ok(hidden)
}

/// The resources whose policies decide about a dialog: its service resource and every resource
/// an `authorizationAttribute` names.
fn named_resources(d: &Dialog) -> Vec<String> {
    let mut out = attribute_resources(d);
    let service = d.service_resource.to_ascii_lowercase();
    if !out.contains(&service) {
        out.push(service);
    }
    out
}

/// Every party URN the person may see dialogs of.
pub async fn visible_parties(store: &Store, user: &EndUser) -> Result<Vec<String>, StoreError> {
    let parties = authorized_parties(store, user).await?;
    Ok(parties.iter().flat_map(|p| p.flatten()).filter(|p| !p.is_deleted).map(|p| p.party.clone()).collect())
}
