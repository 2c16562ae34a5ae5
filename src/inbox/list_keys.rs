//! What the keyboard does to the dialogs of a list: select (x, Shift+J/K) and move the focused one
//! (e, #, i, Shift+U). After a move the list reloads and focus goes to the dialog that took the
//! moved one's place, so the reader can go on with the next.

use std::collections::BTreeSet;

use dialogporten::SearchDialog;
use leptos::prelude::*;

use crate::components::item_menu::{move_one, Mover};
use crate::{
    api::ApiError,
    i18n::I18n,
    moves,
    shortcuts::{self, Command, Shortcuts},
};

#[derive(Clone, Copy)]
pub struct ListKeys {
    pub items: RwSignal<Vec<SearchDialog>>,
    pub selecting: RwSignal<bool>,
    pub selected: RwSignal<BTreeSet<uuid::Uuid>>,
    pub reload: Callback<()>,
    pub failure: RwSignal<Option<ApiError>>,
}

impl ListKeys {
    /// Handles the list's commands while the list lives, and gives focus back after a reload.
    pub fn install(self) {
        let keys = Shortcuts::get();
        if let Some(i) = keys.take_pending_focus() {
            request_animation_frame(move || shortcuts::focus_item(i));
        }
        let busy = RwSignal::new(false);
        let (mover, i18n) = (Mover::get(), I18n::get());
        keys.on(move |command| self.run(command, keys, busy, mover, i18n));
    }

    fn title(d: &SearchDialog, i18n: I18n) -> String {
        let prefs = i18n.lang.get_untracked().content_preference();
        d.content.title.text(&prefs).unwrap_or_default().to_owned()
    }

    fn select(self, index: usize, on: Option<bool>, keys: Shortcuts, i18n: I18n) {
        let Some(d) = self.items.with_untracked(|all| all.get(index).cloned()) else { return };
        self.selecting.set(true);
        let now_on = on.unwrap_or_else(|| !self.selected.with_untracked(|s| s.contains(&d.id)));
        self.selected.update(|s| {
            if now_on {
                s.insert(d.id)
            } else {
                s.remove(&d.id)
            };
        });
        let key = if now_on { k!("keys.selected") } else { k!("keys.unselected") };
        keys.announcement.set(i18n.tf(key, &[("title", &Self::title(&d, i18n))]));
    }

    fn run(self, command: Command, keys: Shortcuts, busy: RwSignal<bool>, mover: Mover, i18n: I18n) {
        let Some(at) = shortcuts::focused_index() else {
            // Nothing focused yet: the first key puts focus on the first dialog.
            shortcuts::focus_item(0);
            return;
        };
        let wanted = match command {
            Command::ToggleSelect => return self.select(at, None, keys, i18n),
            Command::ExtendNext | Command::ExtendPrevious => {
                let forward = command == Command::ExtendNext;
                self.select(at, Some(true), keys, i18n);
                let Some(next) = (if forward { at.checked_add(1) } else { at.checked_sub(1) }) else { return };
                if next < self.items.with_untracked(Vec::len) {
                    self.select(next, Some(true), keys, i18n);
                    shortcuts::focus_item(next);
                }
                return;
            }
            other => match moves::for_command(other) {
                Some(m) => m,
                None => return,
            },
        };
        let Some(d) = self.items.with_untracked(|all| all.get(at).cloned()) else { return };
        if busy.get_untracked() {
            return;
        }
        // Only what the dialog's own folder offers (no "restore" for what is in the inbox).
        if !moves::offered(d.end_user_context.folder(), wanted) {
            keys.announcement.set(i18n.t(k!("keys.not_here")).to_owned());
            return;
        }
        let reload = self.reload;
        move_one(
            mover,
            d.id.to_string(),
            wanted,
            Callback::new(move |_| {
                keys.focus_after_reload(at);
                reload.run(());
            }),
            self.failure,
            busy,
        );
    }
}
