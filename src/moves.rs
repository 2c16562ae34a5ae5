//! Moving dialogs between folders and marking them unread: what each move adds and removes, its
//! button text and its confirmation. Used by the dialog page and by bulk actions in the list.

use crate::i18n::Key;
use dialogporten::SystemLabel;

pub struct Move {
    pub label: Key,
    pub add: &'static [SystemLabel],
    pub remove: &'static [SystemLabel],
    pub done: Key,
}

pub const ARCHIVE: Move = Move { label: k!("action.archive"), add: &[SystemLabel::Archive], remove: &[], done: k!("flash.archived") };
pub const BIN: Move = Move { label: k!("action.bin"), add: &[SystemLabel::Bin], remove: &[], done: k!("flash.binned") };
pub const RESTORE: Move = Move { label: k!("action.restore"), add: &[SystemLabel::Default], remove: &[], done: k!("flash.restored") };
pub const UNREAD: Move =
    Move { label: k!("action.mark_unread"), add: &[SystemLabel::MarkedAsUnopened], remove: &[], done: k!("flash.marked_unread") };

/// The move a keyboard shortcut asks for, if it asks for one.
pub fn for_command(command: crate::shortcuts::Command) -> Option<&'static Move> {
    use crate::shortcuts::Command::*;
    match command {
        Archive => Some(&ARCHIVE),
        Bin => Some(&BIN),
        Restore => Some(&RESTORE),
        Unread => Some(&UNREAD),
        _ => None,
    }
}

/// Whether `m` is one of the moves a dialog in `folder` offers.
pub fn offered(folder: SystemLabel, m: &'static Move) -> bool {
    for_folder(folder).iter().any(|o| std::ptr::eq(*o, m))
}

/// The moves that make sense for a dialog in `folder` (Default, Archive or Bin).
pub fn for_folder(folder: SystemLabel) -> &'static [&'static Move] {
    match folder {
        SystemLabel::Archive => &[&RESTORE, &BIN],
        SystemLabel::Bin => &[&RESTORE, &ARCHIVE],
        _ => &[&ARCHIVE, &BIN, &UNREAD],
    }
}
