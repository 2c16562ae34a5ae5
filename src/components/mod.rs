//! View pieces that take their data through props or context; none of them calls the API.

pub mod dialog_item;
pub mod dialog_log;
pub mod error_view;
pub mod flash;
pub mod folder_nav;
pub mod header;
pub mod list_toolbar;
pub mod loaded;
pub mod markdown;
pub mod migration_notice;
pub mod page_title;
pub mod shell;
pub mod status_tag;
pub mod theme;
pub mod watermark_chart;
