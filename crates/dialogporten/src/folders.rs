//! The inbox's five folders and how each maps onto Dialogporten's labels and statuses, as
//! af.altinn.no maps them: Utkast is status Draft; Sendt is the Sent label wherever the dialog
//! lies. Not part of Dialogporten's contract: the SPA and our counters extension share it here.

use serde::{Deserialize, Serialize};

use crate::{DialogStatus, SystemLabel};

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

    /// Stable id used by our counters extension and in URLs.
    pub fn id(self) -> &'static str {
        match self {
            Folder::Inbox => "inbox",
            Folder::Drafts => "drafts",
            Folder::Sent => "sent",
            Folder::Archive => "archive",
            Folder::Bin => "bin",
        }
    }

    /// The label a dialog must carry to be in this folder.
    pub fn label(self) -> SystemLabel {
        match self {
            Folder::Inbox | Folder::Drafts => SystemLabel::Default,
            Folder::Sent => SystemLabel::Sent,
            Folder::Archive => SystemLabel::Archive,
            Folder::Bin => SystemLabel::Bin,
        }
    }

    /// The statuses a dialog may have to be in this folder (all of them when `None`).
    pub fn statuses(self) -> Option<Vec<DialogStatus>> {
        match self {
            Folder::Inbox => Some(DialogStatus::ALL.iter().copied().filter(|s| *s != DialogStatus::Draft).collect()),
            Folder::Drafts => Some(vec![DialogStatus::Draft]),
            _ => None,
        }
    }

    /// Search parameters for this folder.
    pub fn filters(self) -> Vec<(&'static str, String)> {
        std::iter::once(("systemLabel", self.label().as_str().to_owned()))
            .chain(self.statuses().unwrap_or_default().into_iter().map(|s| ("status", s.as_str().to_owned())))
            .collect()
    }
}

/// How many dialogs a folder holds, and how many of them the reader has not opened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderCount {
    pub total: u32,
    pub unread: u32,
}

/// `GET /api/v1/inbox/services` (our extension): the service resources of the dialogs shown for
/// the chosen parties, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicesReceived {
    pub service_resources: Vec<String>,
}

/// `GET /api/v1/inbox/counters` (our extension): every folder's count for the chosen parties.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderCounters {
    pub inbox: FolderCount,
    pub drafts: FolderCount,
    pub sent: FolderCount,
    pub archive: FolderCount,
    pub bin: FolderCount,
}

impl FolderCounters {
    pub fn get(&self, folder: Folder) -> FolderCount {
        match folder {
            Folder::Inbox => self.inbox,
            Folder::Drafts => self.drafts,
            Folder::Sent => self.sent,
            Folder::Archive => self.archive,
            Folder::Bin => self.bin,
        }
    }

    pub fn set(&mut self, folder: Folder, count: FolderCount) {
        match folder {
            Folder::Inbox => self.inbox = count,
            Folder::Drafts => self.drafts = count,
            Folder::Sent => self.sent = count,
            Folder::Archive => self.archive = count,
            Folder::Bin => self.bin = count,
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
