//! The person's profile page: settings, favourites, notification addresses and services.
//! The state it edits (`profile_state`) is shared with the rest of the app.

pub mod notification_settings;
pub mod page;

use self::page::ProfilePage;

crate::components::deferred::pages! {
    profile => fn profile_page() -> ProfilePage;
}
