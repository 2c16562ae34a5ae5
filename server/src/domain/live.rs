//! Live notices: which committed dialog changes a user's open stream may tell of. The access
//! rule is the one searches use (the parties the user may represent, or the chosen ones among
//! them), fixed when the stream opens; the stream ends with the token, and a reconnect checks
//! access again.

use std::collections::HashSet;

use super::{caller::EndUser, dialogs, DomainError};
use crate::store::{DialogChange, Store};

pub struct Listener {
    parties: HashSet<String>,
}

impl Listener {
    /// The listener for `user`, narrowed by `party` parameters in `pairs` (malformed: 400).
    pub async fn open(store: &Store, user: &EndUser, pairs: &[(String, String)]) -> Result<Self, DomainError> {
        Ok(Self { parties: dialogs::chosen_parties(store, user, pairs).await?.into_iter().collect() })
    }

    /// Whether the user may hear of this change.
    pub fn may_hear(&self, change: &DialogChange) -> bool {
        self.parties.contains(&change.party)
    }
}
