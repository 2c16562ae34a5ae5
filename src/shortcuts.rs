//! Keyboard shortcuts for the inbox and the dialog page (beyond af.altinn.no, which has none).
//! One window listener turns keys into [`Command`]s. Moving focus, going to a folder or to the
//! search field is done here; what acts on dialogs (archive, select, …) is published, and the list
//! or the dialog page in view carries it out, since they know the dialogs and how to reload.
//!
//! Keys never fire while the user types in a field, never with Ctrl, Alt or Meta (the browser's
//! and the screen reader's own shortcuts stay theirs), and not at all when turned off.

use dialogporten::Folder;
use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use crate::i18n::Key;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Next,
    Previous,
    /// Select the focused dialog and the next (or previous) one, moving to it.
    ExtendNext,
    ExtendPrevious,
    Open,
    Back,
    Archive,
    Bin,
    Restore,
    Unread,
    ToggleSelect,
    FocusSearch,
    GoTo(Folder),
    Help,
}

/// What a key does, given whether `g` was just pressed (`g` then a letter goes to a folder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Run(Command),
    /// The first key of a two-key shortcut.
    AwaitFolder,
    Nothing,
}

pub fn step(key: &str, after_g: bool) -> Step {
    if after_g {
        let folder = match key {
            "i" => Folder::Inbox,
            "u" => Folder::Drafts,
            "s" => Folder::Sent,
            "a" => Folder::Archive,
            "p" => Folder::Bin,
            _ => return Step::Nothing,
        };
        return Step::Run(Command::GoTo(folder));
    }
    let command = match key {
        "j" => Command::Next,
        "k" => Command::Previous,
        "J" => Command::ExtendNext,
        "K" => Command::ExtendPrevious,
        "o" => Command::Open,
        "u" => Command::Back,
        "e" => Command::Archive,
        "#" | "Delete" => Command::Bin,
        "i" => Command::Restore,
        "U" => Command::Unread,
        "x" => Command::ToggleSelect,
        "/" => Command::FocusSearch,
        "?" => Command::Help,
        "g" => return Step::AwaitFolder,
        _ => return Step::Nothing,
    };
    Step::Run(command)
}

/// The help dialog's table: keys as shown, and the text key of what they do.
pub const HELP: &[(&[&str], Key)] = &[
    (&["j", "k"], k!("keys.next_previous")),
    (&["Shift+J", "Shift+K"], k!("keys.extend")),
    (&["o", "Enter"], k!("keys.open")),
    (&["u"], k!("keys.back")),
    (&["x"], k!("keys.select")),
    (&["e"], k!("keys.archive")),
    (&["#", "Delete"], k!("keys.bin")),
    (&["i"], k!("keys.restore")),
    (&["Shift+U"], k!("keys.unread")),
    (&["/"], k!("keys.search")),
    (&["g i", "g u", "g s", "g a", "g p"], k!("keys.folders")),
    (&["?"], k!("keys.help")),
];

#[derive(Clone, Copy)]
pub struct Shortcuts {
    pub enabled: RwSignal<bool>,
    pub help_open: RwSignal<bool>,
    /// The latest command for the view in charge of dialogs, numbered so a repeat is a change.
    published: RwSignal<Option<(u64, Command)>>,
    /// Said to screen readers (what a key did when nothing else says it).
    pub announcement: RwSignal<String>,
    /// The list position to give focus to once the list has loaded again after a move.
    pending_focus: StoredValue<Option<usize>>,
}

impl Shortcuts {
    pub fn provide() {
        // Follows the profile's setting (`profile.rs`), which is where it is kept.
        provide_context(Shortcuts {
            enabled: RwSignal::new(true),
            help_open: RwSignal::new(false),
            published: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            pending_focus: StoredValue::new(None),
        });
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    fn publish(self, command: Command) {
        let n = self.published.with_untracked(|p| p.map_or(0, |(n, _)| n + 1));
        self.published.set(Some((n, command)));
    }

    /// Runs `handle` for every command published while the calling view lives.
    pub fn on(self, handle: impl Fn(Command) + 'static) {
        let seen = self.published.get_untracked().map(|(n, _)| n);
        Effect::new(move |_| {
            if let Some((n, command)) = self.published.get() {
                if Some(n) != seen {
                    handle(command);
                }
            }
        });
    }

    pub fn focus_after_reload(self, index: usize) {
        self.pending_focus.set_value(Some(index));
    }

    pub fn take_pending_focus(self) -> Option<usize> {
        let taken = self.pending_focus.get_value();
        self.pending_focus.set_value(None);
        taken
    }

    /// Listens for keys on the whole window; `go` navigates (to a folder, or back to the list).
    pub fn install(self, go: impl Fn(Command) + 'static) {
        let after_g = StoredValue::new(false);
        let handle = window_event_listener(ev::keydown, move |e: ev::KeyboardEvent| {
            if !self.enabled.get_untracked() || e.default_prevented() || e.ctrl_key() || e.meta_key() || e.alt_key() || typing(&e) {
                return;
            }
            if self.help_open.get_untracked() {
                return;
            }
            let pending = after_g.get_value();
            after_g.set_value(false);
            match step(&e.key(), pending) {
                Step::AwaitFolder => after_g.set_value(true),
                Step::Run(command) => {
                    e.prevent_default();
                    match command {
                        Command::Help => self.help_open.set(true),
                        Command::FocusSearch => focus_selector("#list-search"),
                        Command::GoTo(_) | Command::Back => go(command),
                        Command::Next | Command::Previous if on_list() => move_focus(command == Command::Next),
                        Command::Open if on_list() => {
                            if let Some(link) = focused_link() {
                                link.click();
                            }
                        }
                        Command::Next | Command::Previous | Command::Open => go(command),
                        other => self.publish(other),
                    }
                }
                Step::Nothing => {}
            }
        });
        on_cleanup(move || handle.remove());
    }
}

/// Whether the key is going into a field (or anything editable), where it must stay text.
fn typing(e: &ev::KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn focus_selector(selector: &str) {
    if let Some(el) =
        document().and_then(|d| d.query_selector(selector).ok().flatten()).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The dialog links of the list in view, in order.
pub fn list_links() -> Vec<web_sys::HtmlElement> {
    let Some(nodes) = document().and_then(|d| d.query_selector_all(".dialog-item a.dialog-link").ok()) else { return Vec::new() };
    (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

fn on_list() -> bool {
    !list_links().is_empty()
}

/// The position in the list of the dialog that has focus (its link, or anything inside its item).
pub fn focused_index() -> Option<usize> {
    let active = document()?.active_element()?;
    let item = active.closest(".dialog-item").ok()??;
    list_links().iter().position(|l| item.contains(Some(l)))
}

fn focused_link() -> Option<web_sys::HtmlElement> {
    focused_index().and_then(|i| list_links().into_iter().nth(i))
}

/// Focuses the list's `index`th dialog (the last when there are fewer), bringing it into view.
pub fn focus_item(index: usize) {
    let links = list_links();
    if let Some(link) = links.get(index.min(links.len().saturating_sub(1))) {
        let _ = link.focus();
    }
}

/// j/k on the list: the next or previous dialog, or the first when none has focus.
pub fn move_focus(forward: bool) {
    let next = match focused_index() {
        None => 0,
        Some(i) if forward => i + 1,
        Some(i) => i.saturating_sub(1),
    };
    focus_item(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_map_to_commands_and_g_starts_a_folder() {
        assert_eq!(step("j", false), Step::Run(Command::Next));
        assert_eq!(step("J", false), Step::Run(Command::ExtendNext));
        assert_eq!(step("U", false), Step::Run(Command::Unread));
        assert_eq!(step("u", false), Step::Run(Command::Back));
        assert_eq!(step("g", false), Step::AwaitFolder);
        assert_eq!(step("a", true), Step::Run(Command::GoTo(Folder::Archive)));
        assert_eq!(step("p", true), Step::Run(Command::GoTo(Folder::Bin)));
        assert_eq!(step("j", true), Step::Nothing, "g then anything else is nothing");
        assert_eq!(step("Enter", false), Step::Nothing, "Enter stays the link's own");
        assert_eq!(step("a", false), Step::Nothing);
    }

    #[test]
    fn the_help_names_every_command_once() {
        let keys: Vec<&str> = HELP.iter().flat_map(|(k, _)| k.iter().copied()).collect();
        for k in ["j", "k", "o", "u", "x", "e", "#", "i", "/", "?"] {
            assert_eq!(keys.iter().filter(|x| **x == k).count(), 1, "{k}");
        }
    }
}
