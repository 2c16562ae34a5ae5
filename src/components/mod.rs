//! View pieces, shared by the pages, and the split points that fetch them on first use
//! (`deferred`). Most take their data through props or context; the ones that act call `api/`
//! (docs/architecture.md lists them). The dialog's own service is called by `main_content`
//! (embeds) and `gui_actions` (actions), with the dialog token, as the contract intends.

pub mod account_menu;
pub mod attachments;
pub mod breadcrumbs;
pub mod deferred;
pub mod dialog_item;
pub mod dialog_log;
pub mod error_view;
pub mod filter_menu;
pub mod flash;
pub mod folder_nav;
pub mod footer;
pub mod gui_actions;
pub mod header;
pub mod icon;
pub mod item_menu;
pub mod list_actions;
pub mod list_keys;
pub mod list_toolbar;
pub mod live_status;
pub mod loaded;
pub mod main_content;
pub mod menus;
pub mod migration_notice;
pub mod notification_settings;
pub mod offline;
pub mod page_title;
pub mod party_nav;
pub mod rich_text;
pub mod shell;
pub mod shortcuts_help;
pub mod status_tag;
pub mod theme;
pub mod transmissions;
pub mod watermark_chart;
