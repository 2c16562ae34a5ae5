//! View pieces several features share. They take their data through props or context; the ones
//! that act call `api/` (docs/architecture.md lists them). `deferred` declares the split points
//! that fetch a page's code on first use.

pub mod breadcrumbs;
pub mod deferred;
pub mod dialog_log;
pub mod error_view;
pub mod flash;
pub mod icon;
pub mod item_menu;
pub mod loaded;
pub mod menus;
pub mod page_title;
pub mod rich_text;
pub mod sender_mark;
pub mod status_tag;
