//! The folder lists (Innboks, Utkast, Sendt, Arkiv, Papirkurv): search, filters, selection, the
//! keys that work a list, export, and saved searches.

pub mod csv_export;
pub mod dialog_item;
pub mod due;
pub mod filter_menu;
pub mod highlight;
pub mod list_actions;
pub mod list_keys;
pub mod list_toolbar;
pub mod migration_notice;
pub mod page;
pub mod saved_searches;

use self::saved_searches::SavedSearchesPage;

// The folder lists are the first load (`page`); saved searches are a chunk of their own.
crate::components::deferred::pages! {
    saved_searches => fn saved_searches_page() -> SavedSearchesPage;
}
