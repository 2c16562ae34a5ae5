use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::{api::ApiError, i18n::I18n, session::SessionState};

/// A failure as a readable message with a way out: retry, or log in again when the session ended.
#[component]
pub fn ErrorView(error: ApiError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    if error == ApiError::Unauthorized {
        SessionState::get().log_out(true);
        return view! { <Redirect path="/login" /> }.into_any();
    }
    let detail = error.to_string();
    let message = move || match &error {
        ApiError::Forbidden(_) => i18n.t("error.forbidden").to_owned(),
        ApiError::NotFound(_) => i18n.t("error.not_found").to_owned(),
        ApiError::Gone(_) => i18n.t("error.gone").to_owned(),
        ApiError::Network(_) => i18n.t("error.network").to_owned(),
        ApiError::Timeout => i18n.t("error.timeout").to_owned(),
        ApiError::Decode(_) => i18n.t("error.decode").to_owned(),
        ApiError::Invalid(m) | ApiError::Rejected { message: m, .. } => m.clone(),
        ApiError::Server { status, .. } => i18n.tf("error.server", &[("status", &status.to_string())]),
        ApiError::Busy { retry_after: Some(seconds), .. } => i18n.tf("error.busy_for", &[("seconds", &seconds.to_string())]),
        ApiError::Busy { retry_after: None, .. } => i18n.t("error.busy").to_owned(),
        ApiError::Unauthorized => i18n.t("error.unauthorized").to_owned(),
    };
    view! {
        <div class="ds-alert error-view" data-color="danger" role="alert">
            <h2 class="ds-heading" data-size="xs">{move || i18n.t("error.title")}</h2>
            <p class="ds-paragraph">{message}</p>
            <p class="ds-paragraph error-detail" data-size="sm">{detail}</p>
            <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| retry.run(())>
                {move || i18n.t("app.retry")}
            </button>
        </div>
    }
    .into_any()
}

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <p class="loading" role="status" aria-live="polite">
            <span class="ds-spinner" aria-hidden="true"></span>
            {move || i18n.t("app.loading")}
        </p>
    }
}
