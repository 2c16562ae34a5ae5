//! A person's favourite parties and saved searches (our extension), each person's own: another
//! person's saved search is "not found", never "forbidden", so ids reveal nothing.

use dialogporten::UtcDateTime;
use dialogporten::{
    inbox::{saved_search_errors, NewSavedSearch, Profile, ProfileSettings, SavedSearch, SAVED_SEARCHES_MAX},
    PartyUrn,
};
use uuid::Uuid;

use super::{access, caller::EndUser, DomainError, FieldErrors};
use crate::store::Store;

const ENTITY: &str = "SavedSearch";

pub async fn profile(store: &Store, user: &EndUser) -> Result<Profile, DomainError> {
    let owner = &user.key();
    Ok(Profile { favourite_parties: store.favourite_parties(owner).await?, settings: store.profile_settings(owner).await? })
}

/// Replaces the settings; a preselected party must be one the person may act for.
pub async fn put_settings(store: &Store, user: &EndUser, settings: ProfileSettings, now: UtcDateTime) -> Result<Profile, DomainError> {
    if let Some(party) = &settings.preselected_party {
        let mut errors = FieldErrors::default();
        if let Err(e) = PartyUrn::parse(party) {
            errors.add("preselectedParty", e.to_string());
        } else if !access::may_see(store, user, party).await? {
            errors.add("preselectedParty", format!("You may not act for '{party}'."));
        }
        errors.into_result()?;
    }
    store.put_profile_settings(&user.key(), &settings, now).await?;
    profile(store, user).await
}

/// Stars or unstars a party; only parties the person may act for can be starred.
pub async fn set_favourite(store: &Store, user: &EndUser, party: &str, on: bool, now: UtcDateTime) -> Result<(), DomainError> {
    PartyUrn::parse(party).map_err(|e| DomainError::invalid("party", e.to_string()))?;
    if on {
        access::must_act_for(store, user, party).await?;
        store.add_favourite_party(&user.key(), party, now).await?;
    } else {
        store.remove_favourite_party(&user.key(), party).await?;
    }
    Ok(())
}

pub async fn saved_searches(store: &Store, user: &EndUser) -> Result<Vec<SavedSearch>, DomainError> {
    Ok(store.saved_searches(&user.key()).await?)
}

fn validate(name: &str, query: &str) -> Result<(), DomainError> {
    let mut errors = FieldErrors::default();
    for (field, message) in saved_search_errors(name, query) {
        errors.add(field, message);
    }
    errors.into_result()
}

pub async fn save_search(store: &Store, user: &EndUser, new: NewSavedSearch, now: UtcDateTime) -> Result<SavedSearch, DomainError> {
    let name = new.name.trim().to_owned();
    validate(&name, &new.query)?;
    let at = now;
    let saved = SavedSearch { id: Uuid::now_v7(), name, query: new.query, created_at: at, updated_at: at };
    match store.add_saved_search(&user.key(), &saved, SAVED_SEARCHES_MAX).await? {
        Some(()) => Ok(saved),
        None => Err(DomainError::Unprocessable(ENTITY.into(), format!("Maximum {SAVED_SEARCHES_MAX} saved searches; delete one first."))),
    }
}

pub async fn rename_search(store: &Store, user: &EndUser, id: Uuid, name: &str, now: UtcDateTime) -> Result<SavedSearch, DomainError> {
    let name = name.trim();
    validate(name, "/")?;
    store.rename_saved_search(&user.key(), id, name, now).await?.ok_or_else(|| DomainError::not_found(ENTITY, id))
}

pub async fn delete_search(store: &Store, user: &EndUser, id: Uuid) -> Result<(), DomainError> {
    if store.delete_saved_search(&user.key(), id).await? {
        Ok(())
    } else {
        Err(DomainError::not_found(ENTITY, id))
    }
}
