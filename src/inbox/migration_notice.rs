use dialogporten::UtcDateTime;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{format, i18n::I18n};

/// Shown in a list whose period reaches before the date since which all history is migrated:
/// older dialogs may not be here yet, and the status page says how far the migration has come.
#[component]
pub fn MigrationNotice(back_to: UtcDateTime) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div class="ds-alert migration-notice" data-color="info" data-size="sm" role="note">
            <p class="ds-paragraph">
                {move || i18n.tf(k!("inbox.migration_notice"), &[("date", &format::long_date(back_to, i18n.lang.get()))])}
                " "
                <A href="/migration-status" attr:class="ds-link">{move || i18n.t(k!("inbox.migration_link"))}</A>
            </p>
        </div>
    }
}
