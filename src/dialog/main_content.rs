//! Content a service serves itself (front-channel embeds: the dialog's main content and a
//! transmission's content), fetched with the dialog token in the reader's language and shown
//! through the allow-list renderer. A refusal reads as "no access", other failures offer a retry.

use dialogporten::ContentValue;
use leptos::prelude::*;

use crate::components::{
    error_view::{ErrorView, Loading},
    rich_text::RichText,
};
use crate::{
    api::{service, ApiError},
    format,
    i18n::{I18n, Key},
    rich_text::{parse, Format},
};

/// Inline content (additional info, a summary) in its media type: markdown, HTML or plain text.
#[component]
pub fn ContentText(value: ContentValue) -> impl IntoView {
    let i18n = I18n::get();
    let format = Format::from_media_type(&value.media_type);
    move || view! { <RichText nodes=parse(&format::localized(&value.value, i18n.lang.get()), format) /> }
}

/// An embed: `reference` is the URL content value, `token` the dialog token.
#[component]
pub fn Embed(reference: ContentValue, token: Option<String>, forbidden_key: Key) -> impl IntoView {
    let i18n = I18n::get();
    let format = Format::from_media_type(&reference.media_type);
    let allowed = reference.is_authorized != Some(false);
    let body = LocalResource::new(move || {
        let lang = i18n.lang.get();
        let url = format::localized(&reference.value, lang);
        let token = token.clone().unwrap_or_default();
        async move {
            if !allowed {
                return Err(ApiError::Forbidden(String::new()));
            }
            service::embed(&url, &token, lang.content_preference()).await
        }
    });
    move || match body.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(text)) => view! { <RichText nodes=parse(&text, format) /> }.into_any(),
        Some(Err(ApiError::Forbidden(_) | ApiError::Unauthorized)) => view! {
            <div class="ds-alert" data-color="info">
                <p class="ds-paragraph">{move || i18n.t(forbidden_key)}</p>
                {allowed.then(|| view! {
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| body.refetch()>
                        {move || i18n.t(k!("app.retry"))}
                    </button>
                })}
            </div>
        }
        .into_any(),
        Some(Err(e)) => view! { <ErrorView error=e retry=move |_| body.refetch() /> }.into_any(),
    }
}
