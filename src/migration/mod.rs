//! How the migration of Altinn 2/3 messages and forms is going: the status page with its
//! watermark chart and changelog, and the message box API plan.

pub mod message_box_api;
pub mod page;
pub mod watermark_chart;

use self::{message_box_api::MessageBoxApiPage, page::MigrationStatusPage};

crate::components::deferred::pages! {
    migration => fn migration_status_page() -> MigrationStatusPage;
    migration => fn message_box_api_page() -> MessageBoxApiPage;
}
