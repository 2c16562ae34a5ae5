//! A dialog's page: its content, attachments, transmissions, the service's actions and its log.

pub mod attachments;
pub mod gui_actions;
pub mod main_content;
pub mod page;
pub mod transmissions;

use self::page::DialogPage;

// Prefetched once a list has shown (`inbox::page`): what a reader opens next.
crate::components::deferred::pages! {
    dialog_page, preload prefetch_dialog_page => fn dialog_page() -> DialogPage;
}
