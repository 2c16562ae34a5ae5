//! Form pieces for the service-owner workspace: fields that show the server's validation errors
//! (problem details `errors`, keyed like `dto.guiActions[0].url`) where they belong, in the
//! person's words with the server's own beneath.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::{
    api::ApiError,
    components::error_view::ErrorDetails,
    i18n::{I18n, Key},
    session::SessionState,
};

/// The field errors of the last rejected submit, and a general failure when there is one.
#[derive(Clone, Copy)]
pub struct FormErrors {
    fields: RwSignal<BTreeMap<String, Vec<String>>>,
    pub failure: RwSignal<Option<ApiError>>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self { fields: RwSignal::new(BTreeMap::new()), failure: RwSignal::new(None) }
    }

    pub fn clear(self) {
        self.fields.set(BTreeMap::new());
        self.failure.set(None);
    }

    /// Field errors go to their fields (`claimed` lists the key prefixes the form shows at a
    /// field); the rest become the general failure, so no message is lost.
    pub fn show(self, error: ApiError, claimed: &[&str]) {
        match error {
            ApiError::Rejected { message, fields } => {
                let unclaimed = fields.keys().any(|k| !claimed.iter().any(|p| key_matches(k, p)));
                self.fields.set(fields);
                self.failure.set(unclaimed.then_some(ApiError::Invalid(message)));
            }
            other => {
                self.fields.set(BTreeMap::new());
                self.failure.set(Some(other));
            }
        }
    }

    /// Messages for keys under any of `prefixes`.
    pub fn at(self, prefixes: &'static [&'static str]) -> Signal<Vec<String>> {
        let fields = self.fields;
        Signal::derive(move || {
            fields.with(|f| f.iter().filter(|(k, _)| prefixes.iter().any(|p| key_matches(k, p))).flat_map(|(_, v)| v.clone()).collect())
        })
    }
}

/// `dto.content` matches `dto.content`, `dto.content.title…` and `dto.content[0]…`, not `dto.contentX`.
/// Keys compare case-insensitively, as ASP.NET hosts differ in how they case them.
fn key_matches(key: &str, prefix: &str) -> bool {
    let (key, prefix) = (key.to_ascii_lowercase(), prefix.to_ascii_lowercase());
    key.strip_prefix(&prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// A form's change as an `Action`: one at a time (a press while one is under way does nothing,
/// and the submit button says it is busy), field errors to their fields and the rest as the
/// form's failure (`FormErrors::show`), `done` after it went through.
pub struct Submission<I: 'static> {
    action: Action<I, ()>,
    session: SessionState,
}

impl<I: 'static> Clone for Submission<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for Submission<I> {}

impl<I: Clone + Send + Sync + 'static> Submission<I> {
    pub fn new<Fut>(
        errors: FormErrors,
        claimed: &'static [&'static str],
        send: impl Fn(I) -> Fut + 'static,
        done: impl Fn() + Copy + 'static,
    ) -> Self
    where
        Fut: std::future::Future<Output = Result<(), ApiError>> + 'static,
    {
        let action = Action::new_local(move |input: &I| {
            let sent = send(input.clone());
            async move {
                match sent.await {
                    Ok(()) => {
                        errors.clear();
                        done();
                    }
                    Err(e) => errors.show(e, claimed),
                }
            }
        });
        Self { action, session: SessionState::get() }
    }

    /// Sends `input`, unless a change is under way or nobody is logged in.
    pub fn send(self, input: I) {
        self.session.dispatch_once(self.action, input);
    }

    pub fn pending(self) -> Signal<bool> {
        self.action.pending().into()
    }
}

/// A form's submit button: `aria-busy` and inert while its change is under way.
#[component]
pub fn SubmitButton(label: Key, pending: Signal<bool>, #[prop(default = "secondary")] variant: &'static str) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <button type="submit" class="ds-button" data-variant=variant
            aria-busy=move || pending.get().then_some("true") aria-disabled=move || pending.get().then_some("true")>
            {move || i18n.t(label)}
        </button>
    }
}

/// A labelled input bound to `value`, with its validation messages linked for screen readers.
#[component]
pub fn TextField(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    #[prop(optional)] errors: Option<Signal<Vec<String>>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = I18n::get();
    let errors = errors.unwrap_or_else(|| Signal::derive(Vec::new));
    let invalid = move || !errors.with(Vec::is_empty);
    let described = format!("{id}-hint {id}-error");
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id>{move || i18n.t(label)}{required.then(|| view! { <span aria-hidden="true">" *"</span> })}</label>
            {hint.map(|h| view! { <p class="ds-paragraph field-hint" id=format!("{id}-hint") data-size="sm">{move || i18n.t(h)}</p> })}
            <input
                id=id
                class="ds-input"
                type=kind
                required=required
                aria-invalid=move || invalid().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
            <FieldMessage id=format!("{id}-error") label=label errors=errors />
        </div>
    }
}

/// A field's validation message in the person's language, naming the field; the server's own
/// words (English, technical) in a "details" disclosure beneath.
#[component]
pub fn FieldMessage(id: String, label: Key, errors: Signal<Vec<String>>) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <p class="ds-validation-message" id=id data-color="danger" aria-live="polite">
            {move || (!errors.with(Vec::is_empty)).then(|| i18n.tf(k!("form.field_invalid"), &[("field", i18n.t(label))]))}
        </p>
        {move || (!errors.with(Vec::is_empty)).then(|| view! { <ErrorDetails text=errors.get().join(" ") /> })}
    }
}

/// A labelled select bound to `value`. Options are (wire value, UI text key); without a key the
/// wire value itself is shown (HTTP methods).
#[component]
pub fn ChoiceField(id: &'static str, label: Key, value: RwSignal<String>, options: Vec<(&'static str, Option<Key>)>) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id>{move || i18n.t(label)}</label>
            <select id=id class="ds-input" on:change:target=move |ev| value.set(ev.target().value())>
                {options.into_iter().map(|(v, key)| {
                    let text = move || key.map_or(v, |k| i18n.t(k));
                    view! { <option value=v selected=move || value.get() == v>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::key_matches;

    #[test]
    fn keys_match_their_field_and_its_children_only() {
        assert!(key_matches("dto.guiActions[0].url", "dto.guiActions"));
        assert!(key_matches("Dto.Party", "dto.party"));
        assert!(key_matches("dto.content.value[0].value", "dto.content"));
        assert!(!key_matches("dto.contentReference", "dto.content"));
    }
}
