//! Changing a dialog from the service-owner view: a new transmission, a new status, and purge
//! (after a confirmation). Each change goes through the service-owner API and reloads the view.

use dialogporten::{
    serviceowner::NewTransmission, Actor, ActorType, ContentValue, DialogStatus, Localization, TransmissionContent, TransmissionType,
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;

use super::form::{FormErrors, TextField};
use crate::{api, components::error_view::ErrorView, format, i18n::I18n, session::SessionState};

#[component]
pub fn ManageDialog(id: String, status: DialogStatus, extended_status: Option<String>, reload: Callback<()>) -> impl IntoView {
    let id = StoredValue::new(id);
    view! {
        <section class="so-manage" aria-labelledby="manage-heading">
            <h2 id="manage-heading" class="ds-heading" data-size="sm">{move || I18n::get().t("so.manage")}</h2>
            <AddTransmission id=id reload=reload />
            <ChangeStatus id=id status=status extended_status=extended_status reload=reload />
            <Purge id=id />
        </section>
    }
}

#[component]
fn AddTransmission(id: StoredValue<String>, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let kind = RwSignal::new(TransmissionType::Information.as_str().to_owned());
    let (title, summary) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = state.token() else { return };
        let text = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|t| !t.is_empty());
        let body = NewTransmission {
            id: None,
            idempotent_key: None,
            created_at: format::now(),
            authorization_attribute: None,
            extended_type: None,
            external_reference: None,
            related_transmission_id: None,
            transmission_type: kind.get_untracked().parse().unwrap_or(TransmissionType::Information),
            sender: Actor { actor_type: ActorType::ServiceOwner, actor_id: None, actor_name: None },
            content: Some(TransmissionContent {
                title: ContentValue::plain(text(title).map(|t| Localization::new("nb", t)).into_iter().collect()),
                summary: text(summary).map(|s| ContentValue::plain(vec![Localization::new("nb", s)])),
                content_reference: None,
            }),
            attachments: Vec::new(),
            navigational_actions: Vec::new(),
        };
        spawn_local(async move {
            match api::serviceowner::add_transmission(&token, &id.get_value(), &body).await {
                Ok(_) => {
                    errors.clear();
                    title.set(String::new());
                    summary.set(String::new());
                    reload.run(());
                }
                Err(e) => errors.show(e, &["dto.content"]),
            }
        });
    };
    view! {
        <form class="so-form" on:submit=submit novalidate>
            <h3 class="ds-heading" data-size="xs">{move || i18n.t("so.transmission.heading")}</h3>
            <div class="ds-field">
                <label class="ds-label" for="tx-type">{move || i18n.t("so.transmission.type")}</label>
                <select id="tx-type" class="ds-input" on:change:target=move |ev| kind.set(ev.target().value())>
                    {TransmissionType::ALL.iter().map(|t| {
                        let v = t.as_str();
                        view! { <option value=v selected=move || kind.get() == v>{v}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextField id="tx-title" label="so.transmission.title" value=title errors=errors.at(&["dto.content"]) required=true />
            <TextField id="tx-summary" label="so.transmission.summary" value=summary />
            {move || errors.failure.get().map(|e| view! { <ErrorView error=e retry=move |_| errors.failure.set(None) /> })}
            <button type="submit" class="ds-button" data-variant="secondary">{move || i18n.t("so.transmission.submit")}</button>
        </form>
    }
}

#[component]
fn ChangeStatus(id: StoredValue<String>, status: DialogStatus, extended_status: Option<String>, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let chosen = RwSignal::new(status.as_str().to_owned());
    let extended = RwSignal::new(extended_status.unwrap_or_default());
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = state.token() else { return };
        let ext = extended.get_untracked().trim().to_owned();
        let ops = serde_json::json!([
            { "op": "replace", "path": "/status", "value": chosen.get_untracked() },
            if ext.is_empty() { serde_json::json!({ "op": "remove", "path": "/extendedStatus" }) }
            else { serde_json::json!({ "op": "replace", "path": "/extendedStatus", "value": ext }) },
        ]);
        spawn_local(async move {
            match api::serviceowner::patch(&token, &id.get_value(), &ops).await {
                Ok(()) => {
                    errors.clear();
                    reload.run(());
                }
                Err(e) => errors.show(e, &["dto.extendedStatus"]),
            }
        });
    };
    view! {
        <form class="so-form" on:submit=submit novalidate>
            <h3 class="ds-heading" data-size="xs">{move || i18n.t("so.status.heading")}</h3>
            <div class="ds-field">
                <label class="ds-label" for="so-status">{move || i18n.t("dialog.status")}</label>
                <select id="so-status" class="ds-input" on:change:target=move |ev| chosen.set(ev.target().value())>
                    {DialogStatus::ALL.iter().map(|s| {
                        let v = s.as_str();
                        let key = format!("status.{s}");
                        view! { <option value=v selected=move || chosen.get() == v>{move || i18n.t(&key)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextField id="so-extended-status" label="so.status.extended" value=extended errors=errors.at(&["dto.extendedStatus"]) />
            {move || errors.failure.get().map(|e| view! { <ErrorView error=e retry=move |_| errors.failure.set(None) /> })}
            <button type="submit" class="ds-button" data-variant="secondary">{move || i18n.t("so.status.submit")}</button>
        </form>
    }
}

/// Purge removes the dialog for good, so it asks first (a second button, not a browser prompt,
/// so it is keyboard- and screen-reader-friendly and testable).
#[component]
fn Purge(id: StoredValue<String>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let failure = RwSignal::new(None);
    let purge = move |_| {
        let Some(token) = state.token() else { return };
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::serviceowner::purge(&token, &id.get_value()).await {
                Ok(()) => navigate("/serviceowner", Default::default()),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <div class="so-purge">
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="ds-button" data-variant="tertiary" data-color="danger" on:click=move |_| asking.set(true)>
                        {move || i18n.t("so.purge")}
                    </button>
                }
            >
                <div class="ds-alert" data-color="warning" role="alertdialog" aria-labelledby="purge-question">
                    <p id="purge-question" class="ds-paragraph">{move || i18n.t("so.purge.confirm")}</p>
                    <button type="button" class="ds-button" data-variant="primary" data-color="danger" on:click=purge.clone()>{move || i18n.t("so.purge.yes")}</button>
                    " "
                    <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| asking.set(false)>{move || i18n.t("so.purge.no")}</button>
                </div>
            </Show>
            {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
        </div>
    }
}
