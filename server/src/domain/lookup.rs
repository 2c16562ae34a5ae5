//! The service-resource catalogue and dialog lookup by instance reference.

use dialogporten::{
    AuthorizationEvidence, AuthorizedServiceResources, DialogLookup, EvidenceItem, GrantType, Localization, LookupServiceResource,
    OwnerMetadata, ResourceMetadata, ServiceResourceCatalogue, ServiceResourceItem,
};
use uuid::Uuid;

use super::{access, caller::EndUser, serviceowner::ServiceOwner, DomainError};
use crate::store::{ServiceOwnerRecord, ServiceResourceRecord, Store};

const DEFAULT_AUTH_LEVEL: i32 = 3;

fn nb(text: &str) -> Vec<Localization> {
    vec![Localization::new("nb", text)]
}

/// A service owner by org code, with its number and name from the registry when known.
fn owner(org: &str, owners: &[ServiceOwnerRecord]) -> OwnerMetadata {
    let known = owners.iter().find(|o| o.org == org);
    OwnerMetadata {
        code: org.to_owned(),
        org_number: known.map(|o| o.org_no.clone()).unwrap_or_default(),
        name: nb(known.map_or(org, |o| o.name.as_str())),
    }
}

fn item(r: &ServiceResourceRecord, owners: &[ServiceOwnerRecord]) -> ServiceResourceItem {
    ServiceResourceItem {
        service_resource: ResourceMetadata {
            id: r.id.clone(),
            name: nb(&r.name),
            resource_type: r.resource_type.clone(),
            status: "Completed".into(),
            is_delegable: true,
            minimum_authentication_level: DEFAULT_AUTH_LEVEL,
            links: None,
        },
        service_owner: owner(&r.org, owners),
        roles: Vec::new(),
        access_packages: Vec::new(),
    }
}

pub async fn catalogue(store: &Store) -> Result<ServiceResourceCatalogue, DomainError> {
    let owners = store.service_owners().await?;
    Ok(ServiceResourceCatalogue { items: store.service_resources().await?.iter().map(|r| item(r, &owners)).collect() })
}

/// The service resources whose dialogs the user may see for the chosen parties (`party`, any
/// not theirs dropped; all of theirs when none is named): those with the default policy, and
/// those whose policy names the user for one of the parties. None without a party. Never the
/// whole catalogue as a fallback: Dialogporten falls back only for callers with too many
/// parties to union, which a register here does not reach.
pub async fn authorized_resources(
    store: &Store,
    user: &EndUser,
    pairs: &[(String, String)],
) -> Result<AuthorizedServiceResources, DomainError> {
    let parties = super::dialogs::chosen_parties(store, user, pairs).await?;
    let hidden = access::hidden_by_policy(store, user, &parties).await?;
    let visible_for_some = |id: &str| {
        let id = id.to_ascii_lowercase();
        parties.iter().any(|p| !hidden.iter().any(|(hp, hr)| hp == p && *hr == id))
    };
    let items = catalogue(store).await?.items.into_iter().filter(|i| visible_for_some(&i.service_resource.id)).collect();
    Ok(AuthorizedServiceResources { items, is_full_catalogue_fallback: false })
}

enum Reference {
    Label(String),
    Dialog(Uuid),
}

fn parse(instance_ref: &str) -> Result<(Reference, String), DomainError> {
    let normalized = instance_ref.trim().to_lowercase();
    let invalid = || {
        DomainError::invalid(
            "InstanceRef",
            "InstanceRef must be a supported identifier: 'urn:altinn:instance-id:{partyId}/{uuid}', 'urn:altinn:correspondence-id:{uuid}' or 'urn:altinn:dialog-id:{uuid}'.",
        )
    };
    if let Some(rest) = normalized.strip_prefix("urn:altinn:instance-id:") {
        let (party, guid) = rest.split_once('/').ok_or_else(invalid)?;
        if party.parse::<u64>().map_or(true, |p| p == 0) || Uuid::parse_str(guid).is_err() {
            return Err(invalid());
        }
        Ok((Reference::Label(format!("urn:altinn:integration:storage:{party}/{guid}")), normalized))
    } else if let Some(guid) = normalized.strip_prefix("urn:altinn:correspondence-id:") {
        Uuid::parse_str(guid).map_err(|_| invalid())?;
        Ok((Reference::Label(normalized.clone()), normalized))
    } else if let Some(guid) = normalized.strip_prefix("urn:altinn:dialog-id:") {
        Ok((Reference::Dialog(Uuid::parse_str(guid).map_err(|_| invalid())?), normalized))
    } else {
        Err(invalid())
    }
}

/// Who asks: an end user gets authorization evidence; a service owner the non-sensitive title.
pub enum Caller<'a> {
    EndUser(&'a EndUser),
    ServiceOwner(&'a ServiceOwner),
}

pub async fn lookup(store: &Store, caller: Caller<'_>, instance_ref: &str) -> Result<DialogLookup, DomainError> {
    let (reference, normalized) = parse(instance_ref)?;
    let not_found = || {
        DomainError::NotFound(
            "InstanceRef".into(),
            format!("Entity 'InstanceRef' with the following key(s) was not found: ({normalized})."),
        )
    };
    let id = match reference {
        Reference::Dialog(id) => id,
        Reference::Label(label) => store.dialog_by_label(&label).await?.ok_or_else(not_found)?,
    };
    let row = store.get_dialog_any(id).await?.ok_or_else(not_found)?;
    let d = &row.stored.dialog;
    let evidence = match caller {
        Caller::ServiceOwner(so) => {
            if !so.admin && !so.org.eq_ignore_ascii_case(&d.org) {
                return Err(DomainError::Forbidden("The authenticated service owner does not own the resolved dialog.".into()));
            }
            None
        }
        Caller::EndUser(user) => {
            if row.deleted() {
                return Err(not_found());
            }
            let parties = access::authorized_parties(store, user).await?;
            let via = parties
                .iter()
                .flat_map(|p| p.flatten())
                .find(|p| p.party == d.party)
                .ok_or_else(|| DomainError::Forbidden("Unauthorized to access the resolved dialog.".into()))?;
            Some(AuthorizationEvidence {
                current_authentication_level: DEFAULT_AUTH_LEVEL,
                via_role: true,
                via_access_package: false,
                via_resource_delegation: false,
                via_instance_delegation: false,
                evidence: vec![EvidenceItem { grant_type: GrantType::Role, subject: via.party.clone(), name: nb(&via.name), links: None }],
            })
        }
    };
    let owners = store.service_owners().await?;
    let resource = store.service_resource(&d.service_resource).await?;
    let instance_ref = if normalized.starts_with("urn:altinn:dialog-id:") {
        row.stored
            .service_owner_context
            .service_owner_labels
            .iter()
            .filter_map(|l| l.value.strip_prefix("urn:altinn:integration:storage:").map(|r| format!("urn:altinn:instance-id:{r}")))
            .chain(
                row.stored
                    .service_owner_context
                    .service_owner_labels
                    .iter()
                    .filter(|l| l.value.starts_with("urn:altinn:correspondence-id:"))
                    .map(|l| l.value.clone()),
            )
            .next()
            .unwrap_or(normalized.clone())
    } else {
        normalized.clone()
    };
    let is_owner = evidence.is_none();
    Ok(DialogLookup {
        dialog_id: d.id,
        instance_ref,
        party: d.party.clone(),
        title: d.content.title.value.clone(),
        non_sensitive_title: if is_owner {
            d.content.non_sensitive_title.as_ref().map(|t| t.value.clone()).unwrap_or_default()
        } else {
            Vec::new()
        },
        service_resource: LookupServiceResource {
            id: d.service_resource.trim_start_matches("urn:altinn:resource:").to_owned(),
            name: nb(resource.as_ref().map_or(d.service_resource.as_str(), |r| r.name.as_str())),
            is_delegable: true,
            minimum_authentication_level: DEFAULT_AUTH_LEVEL,
        },
        service_owner: owner(&d.org, &owners),
        authorization_evidence: evidence,
    })
}
