//! A sender's mark: its initials on its own colour, in the list and on a dialog's page.

use leptos::prelude::*;

use crate::orgs;

/// A sender's mark: its initials on its own colour (`orgs::tone`), decoration beside its name.
pub fn sender_mark(initials: String, org: &str, size: &'static str) -> impl IntoView {
    view! { <span class="sender-mark" data-size=size data-tone=orgs::tone(org) aria-hidden="true">{initials}</span> }
}
