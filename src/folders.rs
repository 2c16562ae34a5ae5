//! The five folders and how each maps onto Dialogporten's labels and statuses, as af.altinn.no
//! maps them: Utkast is status Draft; Sendt is the Sent label wherever the dialog lies.

use dialogporten::{DialogStatus, SystemLabel};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folder {
    Inbox,
    Drafts,
    Sent,
    Archive,
    Bin,
}

impl Folder {
    pub const ALL: [Folder; 5] = [Folder::Inbox, Folder::Drafts, Folder::Sent, Folder::Archive, Folder::Bin];

    pub fn path(self) -> &'static str {
        match self {
            Folder::Inbox => "/",
            Folder::Drafts => "/drafts",
            Folder::Sent => "/sent",
            Folder::Archive => "/archive",
            Folder::Bin => "/bin",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Folder::Inbox => "folder.inbox",
            Folder::Drafts => "folder.drafts",
            Folder::Sent => "folder.sent",
            Folder::Archive => "folder.archive",
            Folder::Bin => "folder.bin",
        }
    }

    /// Search parameters for this folder.
    pub fn filters(self) -> Vec<(&'static str, String)> {
        let label = |l: SystemLabel| ("systemLabel", l.as_str().to_owned());
        match self {
            // Everything in the Default folder except drafts, which have their own folder.
            Folder::Inbox => std::iter::once(label(SystemLabel::Default))
                .chain(DialogStatus::ALL.iter().filter(|s| **s != DialogStatus::Draft).map(|s| ("status", s.as_str().to_owned())))
                .collect(),
            Folder::Drafts => vec![label(SystemLabel::Default), ("status", DialogStatus::Draft.as_str().to_owned())],
            Folder::Sent => vec![label(SystemLabel::Sent)],
            Folder::Archive => vec![label(SystemLabel::Archive)],
            Folder::Bin => vec![label(SystemLabel::Bin)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inbox_excludes_drafts_and_other_folders() {
        let f = Folder::Inbox.filters();
        assert!(f.contains(&("systemLabel", "Default".into())));
        assert!(!f.contains(&("status", "Draft".into())));
        assert_eq!(f.iter().filter(|(k, _)| *k == "status").count(), DialogStatus::ALL.len() - 1);
        assert_eq!(Folder::Bin.filters(), vec![("systemLabel", "Bin".to_owned())]);
    }
}
