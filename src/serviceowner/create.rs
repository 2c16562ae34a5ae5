//! `/serviceowner/new`: create a dialog for a party, with the server's validation messages shown
//! at the fields they concern and nothing created until the server accepts it.

use dialogporten::{
    serviceowner::{
        CreateDialog, DialogChanges, DialogStatusInput, NewApiAction, NewApiActionEndpoint, NewAttachment, NewAttachmentUrl, NewGuiAction,
    },
    AttachmentUrlConsumerType, ContentValue, Day, DialogContent, DialogStatus, GuiActionPriority, HttpVerb, Localization, UtcDateTime,
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

use crate::serviceowner::{
    form::{ChoiceField, FieldMessage, FormErrors, SubmitButton, TextField},
    OwnerShell,
};
use crate::{
    api,
    components::{error_view::ErrorView, page_title::PageTitle},
    format,
    i18n::{keys, I18n},
    session::SessionState,
};

#[component]
pub fn ServiceOwnerCreatePage() -> impl IntoView {
    view! { <OwnerShell><CreateForm /></OwnerShell> }
}

/// The error keys the form shows at a field; anything else is listed above the buttons.
const CLAIMED: &[&str] = &[
    "dto.party",
    "dto.serviceResource",
    "dto.status",
    "dto.content",
    "dto.dueAt",
    "dto.externalReference",
    "dto.guiActions",
    "dto.attachments",
    "dto.apiActions",
];

/// The methods an API action endpoint offers here, as the wire names them.
const METHODS: &[(&str, HttpVerb)] =
    &[("POST", HttpVerb::Post), ("PUT", HttpVerb::Put), ("PATCH", HttpVerb::Patch), ("DELETE", HttpVerb::Delete), ("GET", HttpVerb::Get)];

/// A party as typed: an organisation number (9 digits), a national identity number (11) or a URN.
pub fn party_urn(input: &str) -> String {
    let t = input.trim();
    match t.len() {
        9 if t.bytes().all(|b| b.is_ascii_digit()) => format!("urn:altinn:organization:identifier-no:{t}"),
        11 if t.bytes().all(|b| b.is_ascii_digit()) => format!("urn:altinn:person:identifier-no:{t}"),
        _ => t.to_owned(),
    }
}

fn localized(pairs: [(&str, String); 3]) -> Vec<Localization> {
    pairs.into_iter().filter(|(_, v)| !v.trim().is_empty()).map(|(code, v)| Localization::new(code, v.trim())).collect()
}

#[component]
fn CreateForm() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let navigate = use_navigate();
    let own_resources = crate::serviceowner::own_resources();
    let field = || RwSignal::new(String::new());
    let (party, resource, status) = (field(), field(), RwSignal::new(DialogStatus::RequiresAttention.as_str().to_owned()));
    let (title_nb, title_nn, title_en) = (field(), field(), field());
    let (summary_nb, summary_nn, summary_en) = (field(), field(), field());
    let (due, reference, action_title, action_url, attachment_name, attachment_url) =
        (field(), field(), field(), field(), field(), field());
    let (api_action, api_url, api_method) = (field(), field(), RwSignal::new(METHODS[0].0.to_owned()));
    let errors = FormErrors::new();

    let build = move || -> CreateDialog {
        let summary =
            localized([("nb", summary_nb.get_untracked()), ("nn", summary_nn.get_untracked()), ("en", summary_en.get_untracked())]);
        // 23:59 on the chosen day where the service owner is.
        let due_at = Day::parse(&due.get_untracked())
            .and_then(|d| d.start_in(format::offset_minutes_at))
            .and_then(|start| UtcDateTime::from_unix_seconds(start.unix_seconds() + (23 * 60 + 59) * 60).ok());
        let action = (!action_url.get_untracked().trim().is_empty()).then(|| NewGuiAction {
            id: None,
            action: "read".into(),
            url: action_url.get_untracked().trim().to_owned(),
            authorization_attribute: None,
            is_delete_dialog_action: false,
            http_method: None,
            priority: GuiActionPriority::Primary,
            title: localized([("nb", action_title.get_untracked()), ("nn", String::new()), ("en", String::new())]),
            prompt: Vec::new(),
        });
        let attachment = (!attachment_url.get_untracked().trim().is_empty()).then(|| NewAttachment {
            id: None,
            name: None,
            display_name: localized([("nb", attachment_name.get_untracked()), ("nn", String::new()), ("en", String::new())]),
            urls: vec![NewAttachmentUrl {
                id: None,
                url: attachment_url.get_untracked().trim().to_owned(),
                media_type: None,
                consumer_type: AttachmentUrlConsumerType::Gui,
            }],
            expires_at: None,
        });
        let api = (!api_url.get_untracked().trim().is_empty()).then(|| NewApiAction {
            id: None,
            action: Some(api_action.get_untracked().trim().to_owned()).filter(|a| !a.is_empty()).unwrap_or_else(|| "write".into()),
            authorization_attribute: None,
            name: None,
            endpoints: vec![NewApiActionEndpoint {
                id: None,
                version: None,
                url: api_url.get_untracked().trim().to_owned(),
                http_method: METHODS.iter().find(|(name, _)| *name == api_method.get_untracked()).map_or(HttpVerb::Post, |(_, m)| *m),
                documentation_url: None,
                request_schema: None,
                response_schema: None,
                deprecated: false,
                sunset_at: None,
            }],
        });
        CreateDialog {
            service_resource: resource.get_untracked(),
            party: party_urn(&party.get_untracked()),
            changes: DialogChanges {
                status: serde_json::from_value::<DialogStatusInput>(serde_json::Value::String(status.get_untracked())).ok(),
                external_reference: Some(reference.get_untracked().trim().to_owned()).filter(|r| !r.is_empty()),
                due_at,
                content: Some(DialogContent {
                    title: ContentValue::plain(localized([
                        ("nb", title_nb.get_untracked()),
                        ("nn", title_nn.get_untracked()),
                        ("en", title_en.get_untracked()),
                    ])),
                    summary: (!summary.is_empty()).then(|| ContentValue::plain(summary)),
                    ..Default::default()
                }),
                gui_actions: action.into_iter().collect(),
                attachments: attachment.into_iter().collect(),
                api_actions: api.into_iter().collect(),
                ..Default::default()
            },
            ..Default::default()
        }
    };
    let create = Action::new_local(move |body: &CreateDialog| {
        let (body, navigate) = (body.clone(), navigate.clone());
        async move {
            match api::serviceowner::create(&body).await {
                Ok(id) => {
                    errors.clear();
                    navigate(&format!("/serviceowner/dialogs/{id}"), Default::default());
                }
                Err(e) => {
                    errors.show(e, CLAIMED);
                    focus_first_invalid();
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.dispatch_once(create, build());
    };
    view! {
        <PageTitle title=Signal::derive(move || i18n.t(k!("so.create.title")).to_owned()) />
        <A href="/serviceowner" attr:class="ds-link">{move || i18n.t(k!("so.back_to_list"))}</A>
        <h1 class="ds-heading" data-size="md">{move || i18n.t(k!("so.create.title"))}</h1>
        <p class="ds-paragraph">{move || i18n.t(k!("so.create.intro"))}</p>
        <form class="so-form" on:submit=submit novalidate>
            <TextField id="new-party" label={k!("so.create.party")} hint={k!("so.create.party_hint")} value=party errors=errors.at(&["dto.party"]) required=true />
            <div class="ds-field">
                <label class="ds-label" for="new-resource">{move || i18n.t(k!("so.fact.resource"))}<span aria-hidden="true">" *"</span></label>
                <select id="new-resource" class="ds-input" required aria-describedby="new-resource-error"
                    aria-invalid=move || (!errors.at(&["dto.serviceResource"]).get().is_empty()).to_string()
                    on:change:target=move |ev| resource.set(ev.target().value())>
                    <option value="" selected=move || resource.get().is_empty()>{move || i18n.t(k!("so.create.choose_resource"))}</option>
                    {move || own_resources.get().into_iter().map(|(urn, name)| {
                        let mine = urn.clone();
                        view! { <option value=urn selected=move || resource.get() == mine>{name}</option> }
                    }).collect_view()}
                </select>
                <FieldMessage id="new-resource-error".to_owned() label={k!("so.fact.resource")} errors=errors.at(&["dto.serviceResource"]) />
            </div>
            <ChoiceField id="new-status" label={k!("dialog.status")} value=status
                options=DialogStatus::ALL.iter().map(|s| (s.as_str(), Some(keys::status(*s)))).collect() />
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{move || i18n.t(k!("so.create.content"))}</legend>
                <TextField id="new-title-nb" label={k!("so.create.title_nb")} value=title_nb errors=errors.at(&["dto.content"]) required=true />
                <TextField id="new-title-nn" label={k!("so.create.title_nn")} value=title_nn />
                <TextField id="new-title-en" label={k!("so.create.title_en")} value=title_en />
                <TextField id="new-summary-nb" label={k!("so.create.summary_nb")} value=summary_nb />
                <TextField id="new-summary-nn" label={k!("so.create.summary_nn")} value=summary_nn />
                <TextField id="new-summary-en" label={k!("so.create.summary_en")} value=summary_en />
            </fieldset>
            <TextField id="new-due" label={k!("so.create.due")} kind="date" value=due errors=errors.at(&["dto.dueAt"]) />
            <TextField id="new-reference" label={k!("so.external_reference")} value=reference errors=errors.at(&["dto.externalReference"]) />
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{move || i18n.t(k!("so.create.action"))}</legend>
                <TextField id="new-action-title" label={k!("so.create.action_title")} value=action_title />
                <TextField id="new-action-url" label={k!("so.create.url")} kind="url" value=action_url errors=errors.at(&["dto.guiActions"]) />
            </fieldset>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{move || i18n.t(k!("so.create.api_action"))}</legend>
                <TextField id="new-api-action" label={k!("so.create.api_action_name")} value=api_action />
                <ChoiceField id="new-api-method" label={k!("so.create.api_method")} value=api_method
                    options=METHODS.iter().map(|(v, _)| (*v, None)).collect() />
                <TextField id="new-api-url" label={k!("so.create.api_url")} kind="url" value=api_url errors=errors.at(&["dto.apiActions"]) />
            </fieldset>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{move || i18n.t(k!("so.create.attachment"))}</legend>
                <TextField id="new-attachment-name" label={k!("so.create.attachment_name")} value=attachment_name />
                <TextField id="new-attachment-url" label={k!("so.create.url")} kind="url" value=attachment_url errors=errors.at(&["dto.attachments"]) />
            </fieldset>
            {move || errors.failure.get().map(|e| view! { <ErrorView error=e retry=move |_| errors.failure.set(None) /> })}
            <SubmitButton label={k!("so.create.submit")} pending=create.pending().into() variant="primary" />
        </form>
    }
}

/// After a rejected submit, the first field with a message takes focus, so keyboard and screen
/// reader users land on what to fix.
fn focus_first_invalid() {
    request_animation_frame(|| {
        let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector("[aria-invalid='true']").ok().flatten());
        if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = el.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::party_urn;

    #[test]
    fn numbers_become_party_urns() {
        assert_eq!(party_urn(" 310000001 "), "urn:altinn:organization:identifier-no:310000001");
        assert_eq!(party_urn("12345678901"), "urn:altinn:person:identifier-no:12345678901");
        assert_eq!(party_urn("urn:altinn:person:identifier-no:1"), "urn:altinn:person:identifier-no:1");
    }
}
