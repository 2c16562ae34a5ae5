//! A dialog's GUI actions, as af.altinn.no offers them and then some: by priority, at most two
//! as buttons and the rest behind "More actions"; a GET without a prompt is a plain link; the
//! rest go to the dialog's service with the dialog token, one at a time, after a confirmation
//! when the action has consequences (`asks_first`); actions the reader may not use are shown but inert, with the reason; delete is
//! offered only in the bin, and a 422 grace period says from when deleting is possible.

use dialogporten::{GuiAction, HttpVerb, SystemLabel, UtcDateTime};
use leptos::{html, prelude::*};

use crate::components::error_view::ErrorView;
use crate::{
    api::{
        self,
        service::{self, ActionError},
        ApiError,
    },
    format,
    i18n::{I18n, Key},
    session::SessionState,
};

/// What the last action came to; kept by the page so it outlives the dialog's reload.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Done,
    NotYetDeletable(UtcDateTime),
    Failed(ApiError),
}

/// Actions in the order and number the page shows them.
fn arranged(mut actions: Vec<GuiAction>, folder: SystemLabel) -> Vec<GuiAction> {
    actions.retain(|a| !a.is_delete_dialog_action || folder == SystemLabel::Bin);
    actions.sort_by_key(|a| a.priority as u8);
    actions
}

/// Actions with consequences ask first: with the service's prompt, or ours when it gave none.
fn asks_first(a: &GuiAction) -> bool {
    !a.prompt.is_empty() || a.is_delete_dialog_action || matches!(a.action.as_str(), "sign" | "pay" | "submit" | "delete")
}

fn variant(a: &GuiAction) -> &'static str {
    match a.priority {
        dialogporten::GuiActionPriority::Primary => "primary",
        dialogporten::GuiActionPriority::Secondary => "secondary",
        dialogporten::GuiActionPriority::Tertiary => "tertiary",
    }
}

/// The dialog token as the service will accept it: renewed (by reading the dialog again) when
/// the page has been open for most of its ten minutes.
async fn fresh_token(dialog_id: uuid::Uuid, token: StoredValue<String>, session: SessionState) -> Result<String, ApiError> {
    let current = token.get_value();
    if !service::expiring(&current, format::now().unix_seconds()) {
        return Ok(current);
    }
    if !session.logged_in() {
        return Err(ApiError::Unauthorized);
    }
    let renewed = api::dialogs::get(&dialog_id.to_string()).await?.dialog_token.unwrap_or_default();
    token.set_value(renewed.clone());
    Ok(renewed)
}

/// Whether a reader may use `a` now, and if not, the text key saying why.
fn usable(a: &GuiAction, offline: bool) -> Result<(), Key> {
    let refused_link = a.http_method == HttpVerb::Get && service::followable(&a.url).is_none();
    match (offline, refused_link, a.is_authorized == Some(true)) {
        (true, _, _) => Err(k!("offline.no_actions")),
        (false, true, _) => Err(k!("dialog.link_refused")),
        (false, false, false) => Err(k!("dialog.not_authorized")),
        (false, false, true) => Ok(()),
    }
}

/// The dialog's actions. `changed` is called after an action went through (`true` when the
/// dialog was deleted), so the page reloads or leaves it.
#[component]
pub fn GuiActions(
    dialog_id: uuid::Uuid,
    actions: Vec<GuiAction>,
    token: Option<String>,
    folder: SystemLabel,
    /// Offline: every action shown, none usable, and why.
    inert: Signal<bool>,
    outcome: RwSignal<Option<Outcome>>,
    changed: Callback<bool>,
) -> impl IntoView {
    let i18n = I18n::get();
    let actions = arranged(actions, folder);
    if actions.is_empty() {
        return ().into_any();
    }
    let token = StoredValue::new(token.unwrap_or_default());
    let session = SessionState::get();
    // A run through the dialog's service; its input is the action under way.
    let run = Action::new_local(move |a: &GuiAction| {
        let a = a.clone();
        async move {
            let result = match fresh_token(dialog_id, token, session).await {
                Ok(t) => service::perform(a.http_method, &a.url, &t).await,
                Err(e) => Err(ActionError::Failed(e)),
            };
            match result {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done));
                    changed.run(a.is_delete_dialog_action);
                }
                Err(ActionError::NotYetDeletable(at)) => outcome.set(Some(Outcome::NotYetDeletable(at))),
                Err(ActionError::Failed(e)) => outcome.set(Some(Outcome::Failed(e))),
            }
        }
    });
    let busy = Signal::derive(move || run.input().with(|a| a.as_ref().map(|a| a.id)));
    let asking = RwSignal::new(None::<GuiAction>);
    let menu_open = RwSignal::new(false);
    let send = Callback::new(move |a: GuiAction| {
        if a.http_method == HttpVerb::Get {
            if let (Some(w), Some(url)) = (web_sys::window(), service::followable(&a.url)) {
                let _ = w.location().assign(&url);
            }
            return;
        }
        outcome.set(None);
        run.dispatch(a);
    });
    let start = Callback::new(move |a: GuiAction| {
        menu_open.set(false);
        // One run at a time: a second click while an action runs must not run it twice.
        if usable(&a, inert.get_untracked()).is_err() || busy.get_untracked().is_some() {
            return;
        }
        if asks_first(&a) {
            asking.set(Some(a));
        } else {
            send.run(a);
        }
    });

    let (shown, rest): (Vec<GuiAction>, Vec<GuiAction>) = {
        let mut all = actions;
        let rest = all.split_off(all.len().min(2));
        (all, rest)
    };
    view! {
        <section class="dialog-actions" aria-label=move || i18n.t(k!("dialog.actions"))>
            <div class="dialog-action-row">
                {shown.into_iter().map(|a| view! { <Control action=a in_menu=false inert busy start /> }).collect_view()}
                {(!rest.is_empty()).then(|| view! {
                    <div class="action-menu" on:keydown=move |e| if e.key() == "Escape" { menu_open.set(false) }>
                        <button
                            type="button"
                            class="ds-button"
                            data-variant="tertiary"
                            aria-expanded=move || menu_open.get().to_string()
                            aria-controls="more-actions"
                            on:click=move |_| menu_open.update(|o| *o = !*o)
                        >
                            {move || i18n.t(k!("dialog.more_actions"))}
                        </button>
                        <ul id="more-actions" class="ds-list--unstyled action-menu-list" hidden=move || !menu_open.get()>
                            {rest.into_iter().map(|a| view! { <li><Control action=a in_menu=true inert busy start /></li> }).collect_view()}
                        </ul>
                    </div>
                })}
            </div>
            {move || asking.get().map(|a| view! { <Confirm action=a asking send /> })}
            <OutcomeView outcome />
        </section>
    }
    .into_any()
}

/// One action as a button (or, for a GET without a prompt, a link); rebuilt when the network
/// comes or goes: offline, every action is inert and says why.
#[component]
fn Control(
    action: GuiAction,
    in_menu: bool,
    inert: Signal<bool>,
    busy: Signal<Option<uuid::Uuid>>,
    start: Callback<GuiAction>,
) -> impl IntoView {
    let i18n = I18n::get();
    move || {
        let a = action.clone();
        let title = a.title.clone();
        let label = move || format::localized(&title, i18n.lang.get());
        let why_not = usable(&a, inert.get()).err();
        let id = a.id;
        let size = if in_menu { "sm" } else { "md" };
        let variant = if in_menu { "tertiary" } else { variant(&a) };
        let link = (a.http_method == HttpVerb::Get).then(|| service::followable(&a.url)).flatten();
        if let (None, Some(href), true) = (why_not, link, a.prompt.is_empty()) {
            return view! {
                <a class="ds-button" data-variant=variant data-size=size href=href rel="noopener noreferrer">{label}</a>
            }
            .into_any();
        }
        let why = why_not.map(|key| (format!("action-why-{id}"), key));
        view! {
            <button
                type="button"
                class="ds-button"
                data-variant=variant
                data-size=size
                aria-disabled=why_not.is_some().then_some("true")
                aria-describedby=why.as_ref().map(|(id, _)| id.clone())
                aria-busy=move || (busy.get() == Some(id)).then_some("true")
                disabled=move || busy.get().is_some() && busy.get() != Some(id)
                on:click=move |_| start.run(a.clone())
            >
                {move || if busy.get() == Some(id) { i18n.t(k!("dialog.busy")).to_owned() } else { label() }}
            </button>
            {why.map(|(why, key)| view! { <span id=why class="action-why">{move || i18n.t(key)}</span> })}
        }
        .into_any()
    }
}

/// Asks before an action with consequences: the service's prompt, or ours.
#[component]
fn Confirm(action: GuiAction, asking: RwSignal<Option<GuiAction>>, send: Callback<GuiAction>) -> impl IntoView {
    let i18n = I18n::get();
    let (prompt, title) = (action.prompt.clone(), action.title.clone());
    let text = move || {
        if prompt.is_empty() {
            i18n.tf(k!("dialog.confirm_action"), &[("action", &format::localized(&title, i18n.lang.get()))])
        } else {
            format::localized(&prompt, i18n.lang.get())
        }
    };
    let confirm_ref = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if let Some(b) = confirm_ref.get() {
            let _ = b.focus();
        }
    });
    view! {
        <div class="ds-alert action-confirm" data-color="warning" role="group" aria-labelledby="action-prompt">
            <p id="action-prompt" class="ds-paragraph">{text}</p>
            <button type="button" class="ds-button" data-variant="primary" data-size="sm" node_ref=confirm_ref
                on:click=move |_| { asking.set(None); send.run(action.clone()); }>
                {move || i18n.t(k!("dialog.confirm"))}
            </button>
            <button type="button" class="ds-button" data-variant="secondary" data-size="sm" on:click=move |_| asking.set(None)>
                {move || i18n.t(k!("dialog.cancel"))}
            </button>
        </div>
    }
}

/// What the last action came to, announced politely.
#[component]
fn OutcomeView(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div role="status" aria-live="polite" class="action-outcome">
            {move || match outcome.get() {
                Some(Outcome::Done) => Some(view! { <div class="ds-alert" data-color="success">{move || i18n.t(k!("dialog.action_done"))}</div> }.into_any()),
                Some(Outcome::NotYetDeletable(at)) => Some(view! {
                    <div class="ds-alert" data-color="warning">{move || i18n.tf(k!("dialog.deletable_after"), &[("date", &format::date(at, i18n.lang.get()))])}</div>
                }.into_any()),
                Some(Outcome::Failed(e)) => Some(view! { <ErrorView error=e retry=move |_| outcome.set(None) /> }.into_any()),
                None => None,
            }}
        </div>
    }
}
