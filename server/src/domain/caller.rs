//! Who is asking: the person or system user behind an end-user token, or the organisation behind
//! a service-owner token. Every use case takes one of these; they depend on nothing above them.

use dialogporten::{Actor, ActorType, PersonId};
use uuid::Uuid;

use super::DomainError;
use crate::store::{DialogRow, Store};

/// Whom an end-user token speaks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Person(PersonId),
    /// A system user (`authorization_details` of type `urn:altinn:systemuser`): software acting
    /// for the parties the register grants it.
    SystemUser(Uuid),
}

/// The authenticated person or system user behind an end-user request.
#[derive(Clone, Debug)]
pub struct EndUser {
    pub subject: Subject,
    /// When the token this user came with expires (unix seconds), if known: long-lived
    /// streams end then, so access is re-checked with a fresh token.
    pub token_expires: Option<i64>,
    /// The assurance level the user logged in with (Altinn's 0–4; ID-porten substantial is 3,
    /// high is 4): a service may demand more than a login gives.
    pub auth_level: u8,
}

/// What ID-porten's substantial level (and a system user) counts as, as Dialogporten counts it.
pub const SUBSTANTIAL: u8 = 3;

impl EndUser {
    pub fn person(pid: PersonId, token_expires: Option<i64>) -> Self {
        Self { subject: Subject::Person(pid), token_expires, auth_level: SUBSTANTIAL }
    }

    /// The actor id this user is known by in logs: `urn:altinn:person:identifier-no:…` or
    /// `urn:altinn:systemuser:uuid:…`, as Dialogporten writes them.
    pub fn actor_id(&self) -> String {
        match &self.subject {
            Subject::Person(pid) => format!("urn:altinn:person:identifier-no:{}", pid.as_str()),
            Subject::SystemUser(id) => format!("{SYSTEM_USER_URN}{id}"),
        }
    }

    /// The key the register keeps this user's roles and settings under: a person's identity
    /// number, or a system user's URN (which no identity number can equal).
    pub fn key(&self) -> String {
        match &self.subject {
            Subject::Person(pid) => pid.as_str().to_owned(),
            Subject::SystemUser(_) => self.actor_id(),
        }
    }
}

pub const SYSTEM_USER_URN: &str = "urn:altinn:systemuser:uuid:";

/// The authenticated organisation behind a service-owner request.
#[derive(Clone, Debug)]
pub struct ServiceOwner {
    /// Org code, e.g. `skd`.
    pub org: String,
    pub org_no: String,
    /// `digdir:dialogporten.serviceprovider.admin`: acts on every owner's dialogs.
    pub admin: bool,
    /// `digdir:dialogporten.serviceprovider.search`.
    pub can_search: bool,
    /// `digdir:dialogporten.serviceprovider.changetransmissions`.
    pub can_change_transmissions: bool,
    /// `digdir:dialogporten.correspondence`: may create and change dialogs of correspondence services.
    pub can_correspond: bool,
}

impl ServiceOwner {
    /// How label and log entries name a service owner.
    pub fn actor(&self) -> Actor {
        Actor {
            actor_type: ActorType::ServiceOwner,
            actor_id: Some(format!("urn:altinn:organization:identifier-no:{}", self.org_no)),
            actor_name: None,
        }
    }

    /// Whether this owner's dialogs include `org`'s (an admin integration's include everyone's).
    pub fn owns(&self, org: &str) -> bool {
        self.admin || self.org == org
    }

    /// A dialog of this owner's services (deleted ones included); another owner's is a 404.
    pub async fn load(&self, store: &Store, id: Uuid) -> Result<DialogRow, DomainError> {
        match store.get_dialog_any(id).await? {
            Some(row) if self.owns(&row.dialog().org) => Ok(row),
            _ => Err(DomainError::not_found("DialogEntity", id)),
        }
    }
}
