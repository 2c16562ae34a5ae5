//! One file per route. Pages load data through `api/` and hand it to components.

pub mod about;
pub mod dialog;
pub mod inbox;
pub mod login;
pub mod message_box_api;
pub mod migration;
pub mod not_found;
pub mod profile;
pub mod saved_searches;
pub mod serviceowner;
