//! Changing a dialog from the service-owner view: a new transmission, a new status, an activity,
//! service-owner labels, the recipient's folder on their behalf, and purge (after a
//! confirmation). Each change goes through the service-owner API and reloads the view.

use dialogporten::{
    serviceowner::{NewActivity, NewTransmission},
    ActivityType, Actor, ActorType, ContentValue, DialogStatus, Localization, SystemLabel, TransmissionContent, TransmissionType,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::serviceowner::{
    create::party_urn,
    form::{ChoiceField, FormErrors, Submission, SubmitButton, TextField},
};
use crate::{
    api,
    components::error_view::ErrorView,
    i18n::{keys, I18n},
    session::SessionState,
};

#[component]
pub fn ManageDialog(
    id: String,
    party: String,
    status: DialogStatus,
    extended_status: Option<String>,
    labels: Vec<String>,
    reload: Callback<()>,
) -> impl IntoView {
    let id = StoredValue::new(id);
    view! {
        <section class="so-manage" aria-labelledby="manage-heading">
            <h2 id="manage-heading" class="ds-heading" data-size="sm">{move || I18n::get().t(k!("so.manage"))}</h2>
            <AddTransmission id=id reload=reload />
            <ChangeStatus id=id status=status extended_status=extended_status reload=reload />
            <AddActivity id=id reload=reload />
            <Labels id=id labels=labels reload=reload />
            <OnBehalf id=id party=party reload=reload />
            <Purge id=id />
        </section>
    }
}

#[component]
fn AddTransmission(id: StoredValue<String>, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let kind = RwSignal::new(TransmissionType::Information.as_str().to_owned());
    let (title, summary) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let errors = FormErrors::new();
    let sent = Submission::new(
        errors,
        &["dto.content"],
        move |body: NewTransmission| async move { api::serviceowner::add_transmission(&id.get_value(), &body).await.map(drop) },
        move || {
            title.set(String::new());
            summary.set(String::new());
            reload.run(());
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|t| !t.is_empty());
        let body = NewTransmission {
            id: None,
            idempotent_key: None,
            // The server stamps it on arrival.
            created_at: None,
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
        sent.send(body);
    };
    view! {
        <form class="so-form" on:submit=submit novalidate>
            <h3 class="ds-heading" data-size="xs">{move || i18n.t(k!("so.transmission.heading"))}</h3>
            <ChoiceField id="tx-type" label={k!("so.transmission.type")} value=kind
                options=TransmissionType::ALL.iter().map(|t| (t.as_str(), Some(keys::transmission(*t)))).collect() />
            <TextField id="tx-title" label={k!("so.transmission.title")} value=title errors=errors.at(&["dto.content"]) required=true />
            <TextField id="tx-summary" label={k!("so.transmission.summary")} value=summary />
            {move || errors.failure.get().map(|e| view! { <ErrorView error=e retry=move |_| errors.failure.set(None) /> })}
            <SubmitButton label={k!("so.transmission.submit")} pending=sent.pending() />
        </form>
    }
}

#[component]
fn ChangeStatus(id: StoredValue<String>, status: DialogStatus, extended_status: Option<String>, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let chosen = RwSignal::new(status.as_str().to_owned());
    let extended = RwSignal::new(extended_status.unwrap_or_default());
    let errors = FormErrors::new();
    let sent = Submission::new(
        errors,
        &["dto.extendedStatus"],
        move |ops: serde_json::Value| async move { api::serviceowner::patch(&id.get_value(), &ops).await },
        move || reload.run(()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ext = extended.get_untracked().trim().to_owned();
        let ops = serde_json::json!([
            { "op": "replace", "path": "/status", "value": chosen.get_untracked() },
            if ext.is_empty() { serde_json::json!({ "op": "remove", "path": "/extendedStatus" }) }
            else { serde_json::json!({ "op": "replace", "path": "/extendedStatus", "value": ext }) },
        ]);
        sent.send(ops);
    };
    view! {
        <form class="so-form" on:submit=submit novalidate>
            <h3 class="ds-heading" data-size="xs">{move || i18n.t(k!("so.status.heading"))}</h3>
            <ChoiceField id="so-status" label={k!("dialog.status")} value=chosen
                options=DialogStatus::ALL.iter().map(|s| (s.as_str(), Some(keys::status(*s)))).collect() />
            <TextField id="so-extended-status" label={k!("so.status.extended")} value=extended errors=errors.at(&["dto.extendedStatus"]) />
            {move || errors.failure.get().map(|e| view! { <ErrorView error=e retry=move |_| errors.failure.set(None) /> })}
            <SubmitButton label={k!("so.status.submit")} pending=sent.pending() />
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
    let purge = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let purged = api::serviceowner::purge(&id.get_value()).await;
            if purged.is_ok() {
                navigate("/serviceowner", Default::default());
            }
            purged
        }
    });
    let failure = move || purge.value().get().and_then(Result::err);
    let confirm = move |_| state.dispatch_once(purge, ());
    view! {
        <div class="so-purge">
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="ds-button" data-variant="tertiary" data-color="danger" on:click=move |_| asking.set(true)>
                        {move || i18n.t(k!("so.purge"))}
                    </button>
                }
            >
                <div class="ds-alert" data-color="warning" role="alertdialog" aria-labelledby="purge-question">
                    <p id="purge-question" class="ds-paragraph">{move || i18n.t(k!("so.purge.confirm"))}</p>
                    <button type="button" class="ds-button" data-variant="primary" data-color="danger" aria-busy=move || purge.pending().get().then_some("true") on:click=confirm>{move || i18n.t(k!("so.purge.yes"))}</button>
                    " "
                    <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| asking.set(false)>{move || i18n.t(k!("so.purge.no"))}</button>
                </div>
            </Show>
            {move || failure().map(|e| view! { <ErrorView error=e retry=move |_| purge.value().set(None) /> })}
        </div>
    }
}

/// A change to the service-owner labels.
#[derive(Clone)]
enum LabelChange {
    Add(String),
    Remove(String),
}

/// Service-owner labels: listed with a remove button each, and a field to add one.
#[component]
fn Labels(id: StoredValue<String>, labels: Vec<String>, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let new_label = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let change = Submission::new(
        errors,
        &["value", "dto.value", "label"],
        move |change: LabelChange| async move {
            match change {
                LabelChange::Add(label) => api::serviceowner::add_label(&id.get_value(), &label).await,
                LabelChange::Remove(label) => api::serviceowner::remove_label(&id.get_value(), &label).await,
            }
        },
        move || {
            new_label.set(String::new());
            reload.run(());
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change.send(LabelChange::Add(new_label.get_untracked().trim().to_owned()));
    };
    view! {
        <form class="so-form" on:submit=submit novalidate>
            <h3 class="ds-heading" data-size="xs">{move || i18n.t(k!("so.fact.labels"))}</h3>
            <ul class="ds-list--unstyled so-labels">
                {labels.into_iter().map(|label| {
                    let name = label.clone();
                    view! {
                        <li>
                            <span class="ds-tag" data-size="sm">{label.clone()}</span>
                            " "
                            <button type="button" class="ds-button" data-variant="tertiary" data-size="sm"
                                aria-disabled=move || change.pending().get().then_some("true")
                                on:click=move |_| change.send(LabelChange::Remove(name.clone()))>
                                {i18n.tf(k!("so.labels.remove"), &[("label", &label)])}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <TextField id="so-new-label" label={k!("so.labels.new")} value=new_label errors=errors.at(&["value", "dto.value", "label"]) />
            {move || errors.failure.get().map(|e| view! { <ErrorView error=e retry=move |_| errors.failure.set(None) /> })}
            <SubmitButton label={k!("so.labels.add")} pending=change.pending() />
        </form>
    }
}

#[component]
fn AddActivity(id: StoredValue<String>, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let kind = RwSignal::new(ActivityType::Information.as_str().to_owned());
    let description = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let sent = Submission::new(
        errors,
        &["dto.description", "dto.type"],
        move |body: NewActivity| async move { api::serviceowner::add_activity(&id.get_value(), &body).await.map(drop) },
        move || {
            description.set(String::new());
            reload.run(());
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = description.get_untracked().trim().to_owned();
        let body = NewActivity {
            id: None,
            created_at: None,
            extended_type: None,
            activity_type: kind.get_untracked().parse().unwrap_or(ActivityType::Information),
            transmission_id: None,
            performed_by: Actor { actor_type: ActorType::ServiceOwner, actor_id: None, actor_name: None },
            description: (!text.is_empty()).then(|| Localization::new("nb", text)).into_iter().collect(),
        };
        sent.send(body);
    };
    view! {
        <form class="so-form" on:submit=submit novalidate>
            <h3 class="ds-heading" data-size="xs">{move || i18n.t(k!("so.activity.heading"))}</h3>
            <ChoiceField id="activity-type" label={k!("so.transmission.type")} value=kind
                options=ActivityType::ALL.iter().map(|t| (t.as_str(), Some(keys::activity(*t)))).collect() />
            <TextField id="activity-description" label={k!("so.activity.description")} value=description errors=errors.at(&["dto.description", "dto.type"]) />
            {move || errors.failure.get().map(|e| view! { <ErrorView error=e retry=move |_| errors.failure.set(None) /> })}
            <SubmitButton label={k!("so.activity.submit")} pending=sent.pending() />
        </form>
    }
}

/// Moving the dialog to a folder of the recipient's on their behalf (e.g. after a phone call):
/// the end user is the recipient when that is a person, else a person of the organisation.
#[component]
fn OnBehalf(id: StoredValue<String>, party: String, reload: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let person = party.strip_prefix("urn:altinn:person:identifier-no:").unwrap_or_default().to_owned();
    let end_user = RwSignal::new(person);
    let label = RwSignal::new(SystemLabel::Archive.as_str().to_owned());
    let errors = FormErrors::new();
    let done = RwSignal::new(false);
    let sent = Submission::new(
        errors,
        &["endUserId", "enduserid", "addLabels", "dto.addLabels"],
        move |(user, chosen): (String, SystemLabel)| async move {
            api::serviceowner::set_labels_on_behalf(&id.get_value(), &user, chosen).await
        },
        move || {
            done.set(true);
            reload.run(());
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let user = party_urn(&end_user.get_untracked());
        let Ok(chosen) = label.get_untracked().parse::<SystemLabel>() else { return };
        sent.send((user, chosen));
    };
    view! {
        <form class="so-form" on:submit=submit novalidate>
            <h3 class="ds-heading" data-size="xs">{move || i18n.t(k!("so.on_behalf.heading"))}</h3>
            <TextField id="on-behalf-user" label={k!("so.on_behalf.user")} hint={k!("so.on_behalf.hint")} value=end_user errors=errors.at(&["endUserId", "enduserid"]) />
            <ChoiceField id="on-behalf-label" label={k!("so.on_behalf.folder")} value=label
                options=[SystemLabel::Default, SystemLabel::Archive, SystemLabel::Bin, SystemLabel::MarkedAsUnopened]
                    .into_iter().map(|l| (l.as_str(), Some(keys::owner_label(l)))).collect() />
            {move || errors.failure.get().map(|e| view! { <ErrorView error=e retry=move |_| errors.failure.set(None) /> })}
            <SubmitButton label={k!("so.on_behalf.submit")} pending=sent.pending() />
        </form>
    }
}
