//! Whose dialogs are shown: the account menu (parties, favourites, groups) and the list's party
//! choices (units, the pager over many parties). The scope itself is `party_scope`, shared with
//! the session and the list's address.

pub mod account_menu;
pub mod party_nav;
