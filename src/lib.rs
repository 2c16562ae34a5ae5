//! Inbox: a Leptos single-page app over the Dialogporten v1 API.
//!
//! `pages/` own a route each and load their data through `api/` (the only code that does HTTP);
//! `components/` are view pieces fed through props or context; `i18n/` holds the language state.

// First: its `k!` (a checked text key) is used by every module after it.
#[macro_use]
pub mod i18n;

pub mod api;
pub mod app;
pub mod components;
pub mod csv_export;
pub mod due;
pub mod format;
pub mod highlight;
pub mod history;
pub mod list_query;
pub mod list_return;
pub mod live;
pub mod moves;
pub mod offline;
pub mod offline_store;
pub mod orgs;
pub mod owner_query;
pub mod pages;
pub mod paging;
pub mod party_scope;
pub mod perf;
pub mod profile;
pub mod resources;
pub mod rich_text;
pub mod services;
pub mod session;
pub mod shortcuts;
pub mod storage;
