use dialogporten::{Dialog, PartyUrn, SystemLabel, UtcDateTime};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::item_menu::{move_label, move_one, Mover};
use crate::list_return::ListReturn;
use crate::{
    api::{self, ApiError},
    components::{
        breadcrumbs::{list_crumb, Breadcrumbs},
        dialog_log::{seen_by, seen_by_text, History, SeenBy},
        error_view::ErrorView,
        flash::Flash,
        icon::{icon, Icon},
        loaded::Loaded,
        page_title::PageTitle,
        sender_mark::sender_mark,
        status_tag::StatusTag,
    },
    dialog::{
        attachments::AttachmentItem,
        gui_actions::{GuiActions, Outcome},
        main_content::{ContentText, Embed},
        transmissions::Transmissions,
    },
    format, history,
    i18n::I18n,
    live::Live,
    moves::{self, Move},
    offline::Offline,
    offline_store, orgs,
    resources::PartiesResource,
    session::SessionState,
    shell::Shell,
    shortcuts::Shortcuts,
};

/// A dialog in full: header facts, summary, attachments, GUI actions and the transmissions.
#[component]
pub fn DialogPage() -> impl IntoView {
    view! { <Shell><DialogDetails /></Shell> }
}

#[component]
fn DialogDetails() -> impl IntoView {
    let state = SessionState::get();
    let params = use_params_map();
    let offline = Offline::get();
    let parties = PartiesResource::get();
    // Read online when there is a network; without one, the copy kept when it was last read.
    let dialog = LocalResource::new(move || {
        let id = params.read().get("id").unwrap_or_default();
        let logged_in = state.logged_in();
        async move {
            // A mistyped or cut-off link names no dialog: said as such, not as the API's 400.
            if uuid::Uuid::parse_str(&id).is_err() {
                return Err(ApiError::NotFound(format!("no dialog '{id}'")));
            }
            if !logged_in {
                return Err(ApiError::Unauthorized);
            }
            match api::dialogs::get(&id).await {
                Ok(d) => {
                    offline.keep(&d, parties.index().and_then(|ix| ix.by_urn(&d.party).map(|e| e.name.clone())));
                    Ok(Reading { dialog: d, copy_of: None, recipient: None })
                }
                Err(e @ (ApiError::Network(_) | ApiError::Timeout)) => match offline_store::copy_of(&id).await {
                    Some(c) => Ok(Reading { dialog: c.dialog, copy_of: Some(c.saved_at), recipient: c.recipient }),
                    None => Err(e),
                },
                Err(e) => Err(e),
            }
        }
    });
    // A change by the service owner (or in another tab) shows without reload.
    Live::get().on_notice(move |changed| {
        let open = params.with_untracked(|p| p.get("id")).and_then(|id| uuid::Uuid::parse_str(&id).ok());
        if changed.is_none() || changed == open {
            dialog.refetch();
        }
    });
    // Held here so an action's result is still shown once the dialog has reloaded.
    let outcome = RwSignal::new(None::<Outcome>);
    let flash = Flash::get();
    let navigate = use_navigate();
    let list_return = ListReturn::get();
    let changed = Callback::new(move |deleted: bool| {
        if deleted {
            flash.say(k!("flash.deleted"));
            navigate(&list_return.url(), Default::default());
        } else {
            dialog.refetch();
        }
    });
    view! {
        <Loaded resource=dialog view=move |r: Reading| view! { <DialogView dialog=r.dialog copy_of=r.copy_of recipient=r.recipient outcome=outcome changed=changed /> } />
    }
}

/// A dialog as shown: read just now, or an offline copy saved at `copy_of`.
#[derive(Clone, Debug, PartialEq)]
struct Reading {
    dialog: Dialog,
    copy_of: Option<UtcDateTime>,
    /// The recipient's name kept with a copy.
    recipient: Option<String>,
}

#[component]
fn DialogView(
    dialog: Dialog,
    copy_of: Option<UtcDateTime>,
    recipient: Option<String>,
    outcome: RwSignal<Option<Outcome>>,
    changed: Callback<bool>,
) -> impl IntoView {
    let i18n = I18n::get();
    // Nothing can be done to an offline copy, nor to any dialog while the network is gone.
    let online = Offline::get().online;
    let inert = Signal::derive(move || copy_of.is_some() || !online.get());
    let parties = PartiesResource::get();
    let d = StoredValue::new(dialog);
    let lang = move || i18n.lang.get();
    let title = move || d.with_value(|d| format::localized(&d.content.title.value, lang()));
    let summary = move || d.with_value(|d| d.content.summary.as_ref().map(|c| format::localized(&c.value, lang())).unwrap_or_default());
    // As af.altinn.no: the sender name the service gives, else the service owner's name; the
    // owner's mark (we bundle no logos: its initials) only when the sender is the owner itself.
    let from = move || {
        d.with_value(|d| {
            orgs::sender(d.content.sender_name.as_ref().map(|n| format::localized(&n.value, lang())).as_deref(), &d.org, lang().code())
        })
    };
    let org = d.with_value(|d| d.org.clone());
    let sender = move || from().0;
    let mark = move || from().1;
    let extended_status = d.with_value(|d| d.content.extended_status.clone());
    let (received, sent) = d.with_value(|d| (d.from_service_owner_transmissions_count, d.from_party_transmissions_count));
    // Never the URN itself: a person's holds their identity number.
    let recipient = move || {
        let urn = d.with_value(|d| d.party.clone());
        parties.index().and_then(|i| i.by_urn(&urn).map(|e| e.name.clone())).or_else(|| recipient.clone()).unwrap_or_else(|| {
            match PartyUrn::parse(&urn) {
                Ok(PartyUrn::Organization(no)) => no.as_str().to_owned(),
                _ => i18n.t(k!("dialog.to_person")).to_owned(),
            }
        })
    };
    let (status, updated, created, due, folder) =
        d.with_value(|d| (d.status, d.content_updated_at, d.created_at, d.due_at, d.end_user_context.folder()));
    let token = d.with_value(|d| d.dialog_token.clone());
    let (additional, main) = d.with_value(|d| (d.content.additional_info.clone(), d.content.main_content_reference.clone()));
    let attachments = d.with_value(|d| crate::dialog::attachments::for_people(d.attachments.clone()));
    let seen = d.with_value(|d| seen_by(&d.seen_since_last_content_update));
    let transmissions = d.with_value(|d| d.transmissions.clone());
    let actions = d.with_value(|d| d.gui_actions.clone());
    view! {
        <article class="dialog-details">
            <Breadcrumbs trail=vec![list_crumb()] here=Signal::derive(title) />
            <PageTitle title=Signal::derive(title) />
            <h1 class="ds-heading" data-size="md">{title}</h1>
            {copy_of.map(|at| view! {
                <p class="ds-alert offline-copy" data-color="warning" data-size="sm">
                    {move || i18n.tf(k!("offline.copy_of"), &[("date", &format::date_time(at, lang()))])}
                </p>
            })}
            <div class="dialog-tags">
                <StatusTag status=status />
                {extended_status.map(|x| view! { <span class="ds-tag" data-color="info" data-size="sm">{move || format::localized(&x.value, lang())}</span> })}
                {(folder != SystemLabel::Default).then(|| {
                    let key = if folder == SystemLabel::Archive { k!("label.Archive") } else { k!("label.Bin") };
                    view! { <span class="ds-tag" data-color="neutral" data-size="sm">{move || i18n.t(key)}</span> }
                })}
            </div>
            // One compact block: who to whom, then when, the due date and the exchange.
            <div class="dialog-facts">
            <dl>
                <div class="fact">
                    <dt>{move || i18n.t(k!("dialog.from"))}</dt>
                    <dd>{move || mark().map(|m| sender_mark(m, &org, "sm"))}{sender}</dd>
                </div>
                <div class="fact">
                    <dt>{move || i18n.t(k!("dialog.to"))}</dt>
                    <dd>{recipient}</dd>
                </div>
            </dl>
            <dl>
                <div class="fact">
                    <dt>{move || i18n.t(k!("dialog.updated"))}</dt>
                    <dd><time datetime=format::iso(updated)>{move || format::date_time(updated, lang())}</time></dd>
                </div>
                <div class="fact">
                    <dt>{move || i18n.t(k!("dialog.created"))}</dt>
                    <dd><time datetime=format::iso(created)>{move || format::date(created, lang())}</time></dd>
                </div>
                {due.map(|due| view! {
                    <div class="fact fact-due">
                        <dt>{icon(Icon::Deadline)}{move || i18n.t(k!("dialog.due"))}</dt>
                        <dd><time datetime=format::iso(due)>{move || format::date(due, lang())}</time></dd>
                    </div>
                })}
                {(received + sent > 0).then(|| view! {
                    <div class="fact">
                        <dt>{move || i18n.t(k!("dialog.message_counts"))}</dt>
                        <dd>{move || i18n.tf(k!("dialog.message_counts_value"), &[("received", &received.to_string()), ("sent", &sent.to_string())])}</dd>
                    </div>
                })}
            </dl>
            // The files and who has read it, in words that need no label.
            <p class="dialog-extras">
                {(!attachments.is_empty()).then(|| {
                    let n = attachments.len();
                    view! { <span class="fact">{icon(Icon::Attachment)}{move || i18n.tn(k!("item.attachments"), n, &[])}</span> }
                })}
                {seen.map(|(you, others)| view! { <span class="fact">{icon(Icon::Seen)}{move || seen_by_text(i18n, you, &others)}</span> })}
            </p>
            </div>
            <FolderActions id=d.with_value(|d| d.id.to_string()) folder=folder inert=inert />
            // What the service says, framed as one card: text, content, actions and files.
            <div class="ds-card dialog-body">
            <p class="ds-paragraph dialog-summary-text">{summary}</p>
            {additional.map(|value| view! { <ContentText value=value /> })}
            {main.map(|reference| view! {
                <section class="main-content" aria-label=move || i18n.t(k!("dialog.content"))>
                    <Embed reference=reference token=token.clone() forbidden_key={k!("dialog.content_forbidden")} />
                </section>
            })}
            <GuiActions dialog_id=d.with_value(|d| d.id) actions=actions token=token.clone() folder=folder inert=inert outcome=outcome changed=changed />
            <section class="attachments" aria-labelledby="attachments-heading">
                <h2 id="attachments-heading" class="ds-heading" data-size="xs">{move || i18n.t(k!("dialog.attachments"))}</h2>
                {if attachments.is_empty() {
                    view! { <p class="ds-paragraph" data-size="sm">{move || i18n.t(k!("dialog.no_attachments"))}</p> }.into_any()
                } else {
                    view! {
                        <ul class="ds-list--unstyled attachment-list">
                            {attachments.into_iter().map(|a| view! { <AttachmentItem attachment=a /> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
            </div>
            {(!transmissions.is_empty()).then(|| view! { <Transmissions transmissions=transmissions token=token.clone() /> })}
            <SeenBy seen=d.with_value(|d| d.seen_since_last_content_update.clone()) />
            <History items=d.with_value(history::history) />
        </article>
    }
}

/// Archive, bin, restore and mark-unread for the open dialog; back to the list with a confirmation.
#[component]
fn FolderActions(id: String, folder: SystemLabel, inert: Signal<bool>) -> impl IntoView {
    let i18n = I18n::get();
    let mover = Mover::get();
    let navigate = use_navigate();
    let list_return = ListReturn::get();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let moves = moves::for_folder(folder);
    // After the move, back to the list the dialog was opened from.
    let back = Callback::new(move |_| navigate(&list_return.url(), Default::default()));
    let run = move |m: &'static Move| move_one(mover, id.clone(), m, back, failure, busy);
    // The same moves from the keyboard (e, #, i, Shift+U), as far as this dialog's folder offers them.
    let keyed = run.clone();
    let keys = Shortcuts::get();
    keys.on(move |command| {
        if let Some(m) = moves::for_command(command) {
            if inert.get_untracked() {
                keys.announcement.set(i18n.t(k!("offline.no_actions")).to_owned());
            } else if moves::offered(folder, m) {
                keyed(m);
            } else {
                keys.announcement.set(i18n.t(k!("keys.not_here")).to_owned());
            }
        }
    });
    view! {
        <div class="folder-actions">
            {moves
                .iter()
                .map(|m| {
                    let run = run.clone();
                    let m: &'static Move = m;
                    view! {
                        <button type="button" class="ds-button" data-variant="secondary" data-size="sm" disabled=move || busy.get() || inert.get() on:click=move |_| run(m)>
                            {move_label(m)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
    }
}
