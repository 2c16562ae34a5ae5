//! The "⋯" menu on each list item: archive, bin, restore or mark unread without opening the
//! dialog (af.altinn.no's context menu). The moves offered follow the dialog's own folder.

use dialogporten::SystemLabel;
use leptos::{ev::KeyboardEvent, html, prelude::*, task::spawn_local};

use super::{
    error_view::ErrorView,
    flash::Flash,
    icon::{icon, Icon},
};
use crate::{
    api::{self, ApiError},
    i18n::I18n,
    moves::{self, Move},
    resources::CountersResource,
    session::SessionState,
};

/// What a move needs from the app, taken while the component is created (event handlers and
/// tasks run without the component's context).
#[derive(Clone, Copy)]
pub struct Mover {
    state: SessionState,
    flash: Flash,
    counters: CountersResource,
}

impl Mover {
    pub fn get() -> Self {
        Mover { state: SessionState::get(), flash: Flash::get(), counters: CountersResource::get() }
    }
}

/// Moves one dialog (as the item menu, the list's keys and the dialog page do): confirms with a flash, refreshes
/// the counters, then `done` (the caller reloads what it shows); a failure goes to `failure`.
pub fn move_one(mover: Mover, id: String, m: &'static Move, done: Callback<()>, failure: RwSignal<Option<ApiError>>, busy: RwSignal<bool>) {
    let Mover { state, flash, counters } = mover;
    if !state.logged_in() {
        return;
    }
    busy.set(true);
    spawn_local(async move {
        match api::dialogs::set_labels(&id, m.add, m.remove).await {
            Ok(()) => {
                flash.say(m.done);
                counters.reload();
                done.run(());
            }
            Err(e) => {
                failure.try_set(Some(e));
            }
        }
        busy.try_set(false);
    });
}

/// A move as its buttons show it, wherever it is offered (item menu, dialog page, selection
/// bar): its icon and its words.
pub fn move_label(m: &'static Move) -> impl IntoView {
    let i18n = I18n::get();
    let glyph = match m.add.first() {
        Some(SystemLabel::Archive) => Icon::Archive,
        Some(SystemLabel::Bin) => Icon::Bin,
        Some(SystemLabel::MarkedAsUnopened) => Icon::Unread,
        _ => Icon::Inbox,
    };
    view! { {icon(glyph)} {move || i18n.t(m.label)} }
}

#[component]
pub fn ItemMenu(id: uuid::Uuid, title: String, folder: SystemLabel, done: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let mover = Mover::get();
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let toggle_ref = NodeRef::<html::Button>::new();
    let menu_id = format!("item-menu-{id}");
    let close = move || {
        open.set(false);
        if let Some(b) = toggle_ref.get_untracked() {
            let _ = b.focus();
        }
    };
    let run = move |m: &'static Move| {
        move_one(
            mover,
            id.to_string(),
            m,
            Callback::new(move |_| {
                open.set(false);
                done.run(());
            }),
            failure,
            busy,
        );
    };
    let label = i18n.tf(k!("item.menu"), &[("title", &title)]);
    view! {
        <div class="item-menu" on:keydown=move |ev: KeyboardEvent| if ev.key() == "Escape" && open.get_untracked() { ev.prevent_default(); close(); }>
            <button type="button" class="ds-button item-menu-toggle" data-variant="tertiary" data-size="sm" node_ref=toggle_ref
                aria-label=label aria-expanded=move || open.get().to_string() aria-controls=menu_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)>
                {icon(Icon::More)}
            </button>
            <Show when=move || open.get()>
                <ul class="item-menu-list ds-list--unstyled" id=menu_id.clone()>
                    {moves::for_folder(folder)
                        .iter()
                        .map(|m| {
                            let m: &'static Move = m;
                            view! {
                                <li>
                                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" disabled=move || busy.get() on:click=move |_| run(m)>
                                        {move_label(m)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Show>
            {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
        </div>
    }
}
