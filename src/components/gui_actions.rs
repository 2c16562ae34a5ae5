//! A dialog's GUI actions, as af.altinn.no offers them and then some: by priority, at most two
//! as buttons and the rest behind "More actions"; a GET without a prompt is a plain link; the
//! rest go to the dialog's service with the dialog token, one at a time, after a confirmation
//! when the action has consequences (`asks_first`); actions the reader may not use are shown but inert, with the reason; delete is
//! offered only in the bin, and a 422 grace period says from when deleting is possible.

use dialogporten::{GuiAction, HttpVerb, SystemLabel, UtcDateTime};
use leptos::{html, prelude::*, task::spawn_local};

use super::error_view::ErrorView;
use crate::{
    api::{
        self,
        service::{self, ActionError},
        ApiError,
    },
    format,
    i18n::I18n,
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
    let lang = move || i18n.lang.get();
    let actions = arranged(actions, folder);
    if actions.is_empty() {
        return ().into_any();
    }
    let busy = RwSignal::new(None::<uuid::Uuid>);
    let asking = RwSignal::new(None::<GuiAction>);
    let menu_open = RwSignal::new(false);
    let token = StoredValue::new(token.unwrap_or_default());
    let session = SessionState::get();
    // The dialog token as the service will accept it: renewed (by reading the dialog again)
    // when the page has been open for most of its ten minutes.
    let fresh_token = move || async move {
        let current = token.get_value();
        if !service::expiring(&current, format::now().unix_seconds()) {
            return Ok(current);
        }
        if !session.logged_in() {
            return Err(ApiError::Unauthorized);
        }
        let renewed = api::dialogs::get(&dialog_id.to_string()).await?.dialog_token.unwrap_or_default();
        token.set_value(renewed.clone());
        Ok::<_, ApiError>(renewed)
    };

    let send = move |a: GuiAction| {
        if a.http_method == HttpVerb::Get {
            if let (Some(w), Some(url)) = (web_sys::window(), service::followable(&a.url)) {
                let _ = w.location().assign(&url);
            }
            return;
        }
        busy.set(Some(a.id));
        outcome.set(None);
        spawn_local(async move {
            let result = match fresh_token().await {
                Ok(t) => service::perform(a.http_method, &a.url, &t).await,
                Err(e) => Err(ActionError::Failed(e)),
            };
            busy.set(None);
            match result {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done));
                    changed.run(a.is_delete_dialog_action);
                }
                Err(ActionError::NotYetDeletable(at)) => outcome.set(Some(Outcome::NotYetDeletable(at))),
                Err(ActionError::Failed(e)) => outcome.set(Some(Outcome::Failed(e))),
            }
        });
    };
    let start = move |a: GuiAction| {
        menu_open.set(false);
        let refused_link = a.http_method == HttpVerb::Get && service::followable(&a.url).is_none();
        // One run at a time: a second click while an action runs must not run it twice.
        if a.is_authorized != Some(true) || inert.get_untracked() || refused_link || busy.get_untracked().is_some() {
            return;
        }
        if asks_first(&a) {
            asking.set(Some(a));
        } else {
            send(a);
        }
    };

    // Rebuilt when the network comes or goes: offline, every action is inert and says why.
    let control = move |a: GuiAction, in_menu: bool| {
        move || {
            let a = a.clone();
            let title = a.title.clone();
            let label = move || format::localized(&title, lang());
            let offline = inert.get();
            let link = (a.http_method == HttpVerb::Get).then(|| service::followable(&a.url));
            let refused_link = matches!(link, Some(None));
            let allowed = a.is_authorized == Some(true) && !offline && !refused_link;
            let why_key = match (offline, refused_link) {
                (true, _) => "offline.no_actions",
                (false, true) => "dialog.link_refused",
                (false, false) => "dialog.not_authorized",
            };
            let id = a.id;
            let size = if in_menu { "sm" } else { "md" };
            let variant = if in_menu { "tertiary" } else { variant(&a) };
            if let (true, Some(Some(href)), true) = (allowed, link, a.prompt.is_empty()) {
                return view! {
                    <a class="ds-button" data-variant=variant data-size=size href=href rel="noopener noreferrer">{label}</a>
                }
                .into_any();
            }
            let why = (!allowed).then(|| format!("action-why-{id}"));
            view! {
                <button
                    type="button"
                    class="ds-button"
                    data-variant=variant
                    data-size=size
                    aria-disabled=(!allowed).then_some("true")
                    aria-describedby=why.clone()
                    aria-busy=move || (busy.get() == Some(id)).then_some("true")
                    disabled=move || busy.get().is_some() && busy.get() != Some(id)
                    on:click=move |_| start(a.clone())
                >
                    {move || if busy.get() == Some(id) { i18n.t("dialog.busy").to_owned() } else { label() }}
                </button>
                {why.map(|why| view! { <span id=why class="action-why">{move || i18n.t(why_key)}</span> })}
            }
            .into_any()
        }
    };

    let (shown, rest): (Vec<GuiAction>, Vec<GuiAction>) = {
        let mut all = actions;
        let rest = all.split_off(all.len().min(2));
        (all, rest)
    };
    let confirm_ref = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if asking.with(Option::is_some) {
            if let Some(b) = confirm_ref.get() {
                let _ = b.focus();
            }
        }
    });

    view! {
        <section class="dialog-actions" aria-label=move || i18n.t("dialog.actions")>
            <div class="dialog-action-row">
                {shown.into_iter().map(|a| control(a, false)).collect_view()}
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
                            {move || i18n.t("dialog.more_actions")}
                        </button>
                        <ul id="more-actions" class="ds-list--unstyled action-menu-list" hidden=move || !menu_open.get()>
                            {rest.into_iter().map(|a| view! { <li>{control(a, true)}</li> }).collect_view()}
                        </ul>
                    </div>
                })}
            </div>
            {move || asking.get().map(|a| {
                let (prompt, title) = (a.prompt.clone(), a.title.clone());
                let text = move || {
                    if prompt.is_empty() {
                        i18n.tf("dialog.confirm_action", &[("action", &format::localized(&title, lang()))])
                    } else {
                        format::localized(&prompt, lang())
                    }
                };
                view! {
                    <div class="ds-alert action-confirm" data-color="warning" role="group" aria-labelledby="action-prompt">
                        <p id="action-prompt" class="ds-paragraph">{text}</p>
                        <button type="button" class="ds-button" data-variant="primary" data-size="sm" node_ref=confirm_ref
                            on:click=move |_| { asking.set(None); send(a.clone()); }>
                            {move || i18n.t("dialog.confirm")}
                        </button>
                        <button type="button" class="ds-button" data-variant="secondary" data-size="sm" on:click=move |_| asking.set(None)>
                            {move || i18n.t("dialog.cancel")}
                        </button>
                    </div>
                }
            })}
            <div role="status" aria-live="polite" class="action-outcome">
                {move || match outcome.get() {
                    Some(Outcome::Done) => Some(view! { <div class="ds-alert" data-color="success">{move || i18n.t("dialog.action_done")}</div> }.into_any()),
                    Some(Outcome::NotYetDeletable(at)) => Some(view! {
                        <div class="ds-alert" data-color="warning">{move || i18n.tf("dialog.deletable_after", &[("date", &format::date(at, lang()))])}</div>
                    }.into_any()),
                    Some(Outcome::Failed(e)) => Some(view! { <ErrorView error=e retry=move |_| outcome.set(None) /> }.into_any()),
                    None => None,
                }}
            </div>
        </section>
    }
    .into_any()
}
