//! Inbox: a Leptos single-page app over the Dialogporten v1 API.
//!
//! A folder per feature (`inbox/` the folder lists, `dialog/`, `parties/`, `profile/`,
//! `serviceowner/`, `migration/`), each with its page(s) and the split point that fetches a page's
//! code on first use; `shell/` the signed-in frame; `components/` the view pieces several features
//! share; `api/` all HTTP; `i18n/` the texts. The rest are the state and models the features share
//! (the session, the list's address, the parties' scope, offline copies). docs/architecture.md
//! draws which may use which.

// First: its `k!` (a checked text key) is used by every module after it.
#[macro_use]
pub mod i18n;

pub mod about;
pub mod api;
pub mod app;
pub mod components;
pub mod dialog;
pub mod format;
pub mod history;
pub mod inbox;
pub mod list_query;
pub mod list_return;
pub mod live;
pub mod login;
pub mod migration;
pub mod moves;
pub mod offline;
pub mod offline_store;
pub mod orgs;
pub mod paging;
pub mod parties;
pub mod party_scope;
pub mod perf;
pub mod profile;
pub mod profile_state;
pub mod resources;
pub mod rich_text;
pub mod serviceowner;
pub mod services;
pub mod session;
pub mod shell;
pub mod shortcuts;
pub mod storage;
