use dialogporten::DialogStatus;
use leptos::prelude::*;

use crate::i18n::I18n;

/// Designsystemet colour for a status: attention-grabbing only where the user must act.
fn color(status: DialogStatus) -> &'static str {
    match status {
        DialogStatus::RequiresAttention => "danger",
        DialogStatus::InProgress | DialogStatus::Awaiting => "info",
        DialogStatus::Draft => "warning",
        DialogStatus::Completed => "success",
        DialogStatus::NotApplicable => "neutral",
    }
}

#[component]
pub fn StatusTag(status: DialogStatus) -> impl IntoView {
    let i18n = I18n::get();
    view! { <span class="ds-tag status-tag" data-color=color(status) data-size="sm">{move || i18n.t(crate::i18n::keys::status(status))}</span> }
}
