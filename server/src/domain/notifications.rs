//! Notification addresses proven by a one-time code, and per-service choices (our extension).
//! Nothing is saved unproven: a code goes to the address (through the outbox), and only the
//! code brought back saves it. Codes are kept hashed, expire, and are spent after a few wrong tries;
//! the message that carried one goes when the code is used, spent or expired. Sends are
//! counted per person and per address (`QUOTA`).

use dialogporten::{
    inbox::{
        notifications::{
            Channel, Channels, NewVerification, NotificationAddress, NotificationSettings, OutboxMessage, ServiceChoice, Verification,
            CODE_DIGITS, CODE_MINUTES, CODE_TRIES, OPEN_VERIFICATIONS_MAX, SPENT_CODE_FIELD, WRONG_CODE_FIELD,
        },
        PartyRoles,
    },
    PartyUrn, UtcDateTime,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{access, caller::EndUser, DomainError};
use crate::store::{Opened, PendingVerification, Quota, Store};

const ENTITY: &str = "NotificationVerification";
const RESOURCE_PREFIX: &str = "urn:altinn:resource:";

pub async fn settings(store: &Store, user: &EndUser) -> Result<NotificationSettings, DomainError> {
    let owner = &user.key();
    Ok(NotificationSettings { addresses: store.notification_addresses(owner).await?, services: store.service_choices(owner).await? })
}

/// An organisation's address may be given only for an organisation the person acts for.
async fn checked_party(store: &Store, user: &EndUser, party: Option<&str>) -> Result<Option<String>, DomainError> {
    let Some(party) = party else { return Ok(None) };
    match PartyUrn::parse(party) {
        Ok(urn @ PartyUrn::Organization(_)) => {
            let urn = urn.to_string();
            access::must_act_for(store, user, &urn).await?;
            Ok(Some(urn))
        }
        Ok(PartyUrn::Person(_)) => {
            Err(DomainError::invalid("party", "Only an organisation can have addresses of its own; leave 'party' out for your own."))
        }
        Err(e) => Err(DomainError::invalid("party", e.to_string())),
    }
}

fn hash(id: Uuid, code: &str) -> String {
    format!("{:x}", Sha256::new().chain_update(id.as_bytes()).chain_update(code.as_bytes()).finalize())
}

fn new_code() -> Result<String, DomainError> {
    let mut bytes = [0u8; 4];
    getrandom::getrandom(&mut bytes).map_err(|e| crate::store::StoreError::Corrupt(format!("no randomness: {e}")))?;
    Ok(format!("{:0width$}", u32::from_le_bytes(bytes) % 10u32.pow(CODE_DIGITS as u32), width = CODE_DIGITS))
}

/// Codes sent in an hour: by one person (a few tries at a mistyped address), and to one address
/// by anyone (so no one floods another's phone).
const QUOTA: Quota = Quota { per_owner: 6, per_recipient: 3, window_seconds: 3600 };

/// The message carries the verification's id, so the code leaves the outbox with it.
fn message(id: Uuid, channel: Channel, to: &str, code: &str, at: UtcDateTime) -> OutboxMessage {
    let (subject, what) = match channel {
        Channel::Email => ("Bekreft e-postadressen din for varsler fra Innboks", "e-postadressen"),
        Channel::Sms => ("Bekreft mobilnummeret ditt for varsler fra Innboks", "mobilnummeret"),
    };
    OutboxMessage {
        id,
        channel,
        to: to.to_owned(),
        subject: subject.to_owned(),
        body: format!("Koden for å bekrefte {what} er {code}. Den gjelder i {CODE_MINUTES} minutter. Ikke del den med noen."),
        created_at: at,
    }
}

/// Sends a code to the address; the address is not saved until [`confirm`] gets it back.
pub async fn start(store: &Store, user: &EndUser, new: NewVerification, now: UtcDateTime) -> Result<Verification, DomainError> {
    let address = new.channel.normalize(&new.address).map_err(|e| DomainError::invalid("address", e.to_string()))?;
    let party = checked_party(store, user, new.party.as_deref()).await?;
    let at = now;
    let id = Uuid::new_v4();
    let code = new_code()?;
    let expires_at = UtcDateTime::from_unix_seconds(at.unix_seconds() + CODE_MINUTES * 60)
        .map_err(|e| crate::store::StoreError::Corrupt(e.to_string()))?;
    let pending = PendingVerification {
        id,
        party: party.clone(),
        channel: new.channel,
        address: address.clone(),
        code_hash: hash(id, &code),
        attempts: 0,
        expires_at,
    };
    let message = message(id, new.channel, &address, &code, at);
    match store.open_verification(&user.key(), &pending, &message, at, OPEN_VERIFICATIONS_MAX, QUOTA).await? {
        Opened::Yes => Ok(Verification { id, party, channel: new.channel, address, expires_at }),
        Opened::TooManyOpen => Err(DomainError::Unprocessable(
            ENTITY.into(),
            format!("At most {OPEN_VERIFICATIONS_MAX} codes may wait at once; use one or wait {CODE_MINUTES} minutes."),
        )),
        Opened::OverQuota { oldest } => {
            let wait = (oldest.unix_seconds() + QUOTA.window_seconds - at.unix_seconds()).max(1);
            Err(DomainError::TooMany { what: "codes sent", wait: std::time::Duration::from_secs(wait.unsigned_abs()) })
        }
    }
}

/// Saves the address when the code is right. A wrong code counts as a try; the last try, or an
/// expired code, spends the verification (the client asks for a new code then).
pub async fn confirm(store: &Store, user: &EndUser, id: Uuid, code: &str, now: UtcDateTime) -> Result<NotificationAddress, DomainError> {
    let owner = &user.key();
    let v = store.verification(owner, id).await?.ok_or_else(|| DomainError::not_found(ENTITY, id))?;
    let at = now;
    let spent = || DomainError::invalid(SPENT_CODE_FIELD, "The code has expired or was tried too many times; ask for a new one.");
    if v.expires_at <= at || v.attempts >= CODE_TRIES {
        store.drop_verification(owner, id).await?;
        return Err(spent());
    }
    if hash(id, code.trim()) != v.code_hash {
        let left = CODE_TRIES - v.attempts - 1;
        if !store.count_wrong_code(owner, id, v.attempts).await? || left == 0 {
            store.drop_verification(owner, id).await?;
            return Err(spent());
        }
        return Err(DomainError::invalid(WRONG_CODE_FIELD, format!("The code is wrong; {left} tries left.")));
    }
    if !store.confirm_verification(owner, &v, at).await? {
        return Err(spent());
    }
    Ok(NotificationAddress { party: v.party, channel: v.channel, address: v.address, verified_at: at })
}

pub async fn remove_address(store: &Store, user: &EndUser, party: Option<&str>, channel: Channel) -> Result<(), DomainError> {
    // Normalised the way it was saved; no access check, so an address outliving a role can go.
    let scope = match party {
        None => None,
        Some(p) => Some(PartyUrn::parse(p).map_err(|e| DomainError::invalid("party", e.to_string()))?.to_string()),
    };
    if store.remove_notification_address(&user.key(), scope.as_deref(), channel).await? {
        Ok(())
    } else {
        Err(DomainError::not_found("NotificationAddress", format!("{}, {}", scope.as_deref().unwrap_or("self"), channel.as_str())))
    }
}

/// Which channels one service may notify by; a service not in the catalogue is refused.
pub async fn choose(
    store: &Store,
    user: &EndUser,
    resource: &str,
    channels: Channels,
    now: UtcDateTime,
) -> Result<ServiceChoice, DomainError> {
    let resource = resource.trim().to_ascii_lowercase();
    if !resource.starts_with(RESOURCE_PREFIX) || resource.len() == RESOURCE_PREFIX.len() {
        return Err(DomainError::invalid("resource", format!("'resource' must be a service resource URN ({RESOURCE_PREFIX}…).")));
    }
    if store.service_resource(&resource).await?.is_none() {
        return Err(DomainError::not_found("ServiceResource", &resource));
    }
    let choice = ServiceChoice { resource, email: channels.email, sms: channels.sms };
    store.put_service_choice(&user.key(), &choice, now).await?;
    Ok(choice)
}

/// The roles by which the person acts for each party granted them (sub-units inherit theirs).
pub async fn roles(store: &Store, user: &EndUser) -> Result<Vec<PartyRoles>, DomainError> {
    let mut out: Vec<PartyRoles> = Vec::new();
    for (party, role) in store.roles_of(&user.key()).await? {
        if role == "self" {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.party == party => last.roles.push(role),
            _ => out.push(PartyRoles { party, roles: vec![role] }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_six_digits_and_their_hash_depends_on_the_verification() {
        for _ in 0..50 {
            let c = new_code().unwrap();
            assert_eq!(c.len(), CODE_DIGITS);
            assert!(c.chars().all(|d| d.is_ascii_digit()));
        }
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        assert_ne!(hash(a, "123456"), hash(b, "123456"));
        assert_eq!(hash(a, "123456"), hash(a, "123456"));
        assert_ne!(hash(a, "123456"), hash(a, "123457"));
    }
}
