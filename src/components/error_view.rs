use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::{api::ApiError, i18n::I18n, offline::Offline, session::SessionState};

/// What a person is told of a failure, in their language: the one mapping from errors to words.
/// The technical text (the server's own, or the browser's) is for the "details" disclosure only.
pub fn explain(error: &ApiError, i18n: I18n, online: bool) -> String {
    match error {
        ApiError::Network(_) if !online => i18n.t("error.offline").to_owned(),
        ApiError::Network(_) => i18n.t("error.network").to_owned(),
        ApiError::Forbidden(_) => i18n.t("error.forbidden").to_owned(),
        ApiError::NotFound(_) => i18n.t("error.not_found").to_owned(),
        ApiError::Gone(_) => i18n.t("error.gone").to_owned(),
        ApiError::Timeout => i18n.t("error.timeout").to_owned(),
        ApiError::Decode(_) => i18n.t("error.decode").to_owned(),
        ApiError::Invalid(_) | ApiError::Rejected { .. } => i18n.t("error.invalid").to_owned(),
        ApiError::Server { status, .. } => i18n.tf("error.server", &[("status", &status.to_string())]),
        ApiError::Busy { retry_after: Some(seconds), .. } => i18n.tf("error.busy_for", &[("seconds", &seconds.to_string())]),
        ApiError::Busy { retry_after: None, .. } => i18n.t("error.busy").to_owned(),
        ApiError::Unauthorized => i18n.t("error.unauthorized").to_owned(),
    }
}

/// The technical text behind a message, folded away: there for whoever reports the problem.
#[component]
pub fn ErrorDetails(#[prop(into)] text: String) -> impl IntoView {
    let i18n = I18n::get();
    (!text.is_empty()).then(|| {
        view! {
            <details class="error-detail">
                <summary>{move || i18n.t("error.details")}</summary>
                <p class="ds-paragraph" data-size="sm">{text}</p>
            </details>
        }
    })
}

/// A failure as a readable message with a way out: "Try again" where trying again can help,
/// else the way back to the inbox; log in again when the session ended.
#[component]
pub fn ErrorView(error: ApiError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    if error == ApiError::Unauthorized {
        SessionState::get().log_out(true);
        return view! { <Redirect path="/login" /> }.into_any();
    }
    // Without the app's offline state (a component test), the network counts as there.
    let offline = use_context::<Offline>();
    let detail = error.to_string();
    let retryable = error.retryable();
    let message = move || explain(&error, i18n, offline.is_none_or(|o| o.online.get()));
    view! {
        <div class="ds-alert error-view" data-color="danger" role="alert">
            <h2 class="ds-heading" data-size="xs">{move || i18n.t("error.title")}</h2>
            <p class="ds-paragraph">{message}</p>
            {if retryable {
                view! {
                    <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| retry.run(())>
                        {move || i18n.t("app.retry")}
                    </button>
                }
                .into_any()
            } else {
                // A plain link: the router takes it over where there is one.
                view! { <a href="/" class="ds-link">{move || i18n.t("error.to_inbox")}</a> }.into_any()
            }}
            <ErrorDetails text=detail />
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
