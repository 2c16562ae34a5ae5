use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::{api::ApiError, i18n::I18n, offline::Offline, session::SessionState};

/// Dialogporten's words (as the detail, or a field's message) when the dialog needs a sign-in of a
/// higher security level than this one.
const LEVEL_TOO_LOW: &str = "Altinn authentication level too low.";

/// Whether logging in again at a higher level would let the person in.
pub fn needs_step_up(error: &ApiError) -> bool {
    matches!(error, ApiError::Forbidden(m) if m.ends_with(LEVEL_TOO_LOW))
}

/// What a person is told of a failure, in their language: the one mapping from errors to words.
/// The technical text (the server's own, or the browser's) is for the "details" disclosure only.
pub fn explain(error: &ApiError, i18n: I18n, online: bool) -> String {
    match error {
        ApiError::Network(_) if !online => i18n.t(k!("error.offline")).to_owned(),
        ApiError::Network(_) => i18n.t(k!("error.network")).to_owned(),
        e if needs_step_up(e) => i18n.t(k!("error.level_too_low")).to_owned(),
        ApiError::Forbidden(_) => i18n.t(k!("error.forbidden")).to_owned(),
        ApiError::NotFound(_) => i18n.t(k!("error.not_found")).to_owned(),
        ApiError::Gone(_) => i18n.t(k!("error.gone")).to_owned(),
        ApiError::Timeout => i18n.t(k!("error.timeout")).to_owned(),
        ApiError::Decode(_) => i18n.t(k!("error.decode")).to_owned(),
        ApiError::Invalid(_) | ApiError::Rejected { .. } => i18n.t(k!("error.invalid")).to_owned(),
        ApiError::Server { status, .. } => i18n.tf(k!("error.server"), &[("status", &status.to_string())]),
        ApiError::Busy { retry_after: Some(seconds), .. } => i18n.tf(k!("error.busy_for"), &[("seconds", &seconds.to_string())]),
        ApiError::Busy { retry_after: None, .. } => i18n.t(k!("error.busy")).to_owned(),
        ApiError::Unauthorized => i18n.t(k!("error.unauthorized")).to_owned(),
    }
}

/// The technical text behind a message, folded away: there for whoever reports the problem.
#[component]
pub fn ErrorDetails(#[prop(into)] text: String) -> impl IntoView {
    let i18n = I18n::get();
    (!text.is_empty()).then(|| {
        view! {
            <details class="error-detail">
                <summary>{move || i18n.t(k!("error.details"))}</summary>
                <p class="ds-paragraph" data-size="sm">{text}</p>
            </details>
        }
    })
}

/// A failure as a readable message with a way out: "Try again" where trying again can help, log
/// in again at a higher level where that is what is missing, else the way back to the inbox; log
/// in again when the session ended.
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
    // Back here after the sign-in service (a full page load: `/auth/login` is not an app route).
    let step_up = needs_step_up(&error).then(|| {
        let here = crate::session::current_path().unwrap_or_default();
        format!("/auth/login?{}", crate::api::query(&[("acr", "idporten-loa-high".into()), ("returnTo", here)]))
    });
    let message = move || explain(&error, i18n, offline.is_none_or(|o| o.online.get()));
    view! {
        <div class="ds-alert error-view" data-color="danger" role="alert">
            <h2 class="ds-heading" data-size="xs">{move || i18n.t(k!("error.title"))}</h2>
            <p class="ds-paragraph">{message}</p>
            {if retryable {
                view! {
                    <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| retry.run(())>
                        {move || i18n.t(k!("app.retry"))}
                    </button>
                }
                .into_any()
            } else if let Some(href) = step_up {
                view! { <a href=href rel="external" class="ds-button" data-variant="primary">{move || i18n.t(k!("error.step_up"))}</a> }.into_any()
            } else {
                // A plain link: the router takes it over where there is one.
                view! { <a href="/" class="ds-link">{move || i18n.t(k!("error.to_inbox"))}</a> }.into_any()
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
            {move || i18n.t(k!("app.loading"))}
        </p>
    }
}
