//! End-user system labels, Dialogporten's rules written once:
//! Default, Bin and Archive exclude each other and one is always present; removing Bin or Archive
//! puts the dialog back in Default; Sent is set by the system only; MarkedAsUnopened is free.
//! Every change is a label-log entry, written with the dialog in one guarded write.

use std::collections::BTreeMap;

use dialogporten::{serviceowner::ServiceOwnerDialog, Actor, SystemLabel, UtcDateTime};
use uuid::Uuid;

use super::DomainError;
use crate::store::{DialogRow, LabelUpdate, Store};

/// What a client asked for. `systemLabels` (deprecated) counts as `addLabels`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelChange {
    pub add: Vec<SystemLabel>,
    pub remove: Vec<SystemLabel>,
}

/// One label-log entry: the label and whether it was set or removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelEvent {
    pub label: SystemLabel,
    pub set: bool,
}

impl LabelEvent {
    /// `systemlabel:Archive`, as the label log names it.
    pub fn name(&self) -> String {
        format!("systemlabel:{}", self.label)
    }

    pub fn action(&self) -> &'static str {
        if self.set {
            "set"
        } else {
            "remove"
        }
    }
}

impl LabelChange {
    /// Field errors for a request an end user may not make.
    pub fn validate(&self) -> Result<(), BTreeMap<String, Vec<String>>> {
        let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if self.add.is_empty() && self.remove.is_empty() {
            errors.entry("addLabels".into()).or_default().push("Add or remove at least one label.".into());
        }
        for (field, labels) in [("addLabels", &self.add), ("removeLabels", &self.remove)] {
            if labels.contains(&SystemLabel::Sent) {
                errors.entry(field.into()).or_default().push("The Sent label is set by the system and cannot be changed.".into());
            }
        }
        if self.remove.contains(&SystemLabel::Default) {
            errors
                .entry("removeLabels".into())
                .or_default()
                .push("The Default label cannot be removed; add Bin or Archive instead.".into());
        }
        if let Some(both) = self.add.iter().find(|l| self.remove.contains(l)) {
            errors.entry("removeLabels".into()).or_default().push(format!("{both} cannot be both added and removed."));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The labels after the change, and what changed (empty when nothing did).
    pub fn apply(&self, current: &[SystemLabel]) -> (Vec<SystemLabel>, Vec<LabelEvent>) {
        let current_folder = current.iter().copied().find(|l| l.is_folder()).unwrap_or(SystemLabel::Default);
        // "If multiple instances of bin, archive or default are provided, the last one is used."
        let mut folder = self.add.iter().rev().copied().find(|l| l.is_folder()).unwrap_or(current_folder);
        if !self.add.iter().any(|l| l.is_folder()) && self.remove.contains(&current_folder) && current_folder != SystemLabel::Default {
            folder = SystemLabel::Default;
        }
        let mut next = vec![folder];
        for extra in [SystemLabel::Sent, SystemLabel::MarkedAsUnopened] {
            let had = current.contains(&extra);
            let keep = if self.add.contains(&extra) {
                true
            } else if self.remove.contains(&extra) {
                false
            } else {
                had
            };
            if keep {
                next.push(extra);
            }
        }
        let mut events: Vec<LabelEvent> =
            current.iter().filter(|l| !next.contains(l)).map(|l| LabelEvent { label: *l, set: false }).collect();
        events.extend(next.iter().filter(|l| !current.contains(l)).map(|l| LabelEvent { label: *l, set: true }));
        (next, events)
    }
}

/// The label log entries of one change: (label name, `set` or `remove`).
pub type LabelLog = Vec<(String, &'static str)>;

/// The dialog with the change applied and its log, or `None` when nothing changes.
pub fn changed(row: &DialogRow, change: &LabelChange) -> Option<(ServiceOwnerDialog, LabelLog)> {
    let (labels, events) = change.apply(&row.dialog().end_user_context.system_labels);
    if events.is_empty() {
        return None;
    }
    let mut stored = row.stored.clone();
    let d = &mut stored.dialog;
    d.end_user_context.system_labels = labels;
    d.end_user_context.revision = Uuid::new_v4();
    d.system_label = d.end_user_context.folder();
    Some((stored, events.iter().map(|e| (e.name(), e.action())).collect()))
}

/// Applies a change to one loaded dialog. `Ok(None)`: nothing to change, or someone else changed
/// the dialog first.
pub async fn apply_one(
    store: &Store,
    row: &DialogRow,
    change: &LabelChange,
    actor: &Actor,
    at: UtcDateTime,
) -> Result<Option<ServiceOwnerDialog>, DomainError> {
    let Some((after, log)) = changed(row, change) else { return Ok(None) };
    let ok = store.apply_label_updates(&[LabelUpdate { before: &row.raw, after: &after, log }], actor, at).await?;
    Ok(ok.then_some(after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use SystemLabel::*;

    fn change(add: &[SystemLabel], remove: &[SystemLabel]) -> LabelChange {
        LabelChange { add: add.to_vec(), remove: remove.to_vec() }
    }

    #[test]
    fn folders_exclude_each_other_and_the_last_one_wins() {
        let (labels, events) = change(&[Bin, Archive], &[]).apply(&[Default, Sent]);
        assert_eq!(labels, vec![Archive, Sent]);
        assert_eq!(events, vec![LabelEvent { label: Default, set: false }, LabelEvent { label: Archive, set: true }]);
    }

    #[test]
    fn removing_bin_or_archive_restores_default() {
        assert_eq!(change(&[], &[Archive]).apply(&[Archive]).0, vec![Default]);
        // Removing a folder the dialog is not in changes nothing.
        let (labels, events) = change(&[], &[Bin]).apply(&[Archive]);
        assert_eq!((labels, events.len()), (vec![Archive], 0));
        // Removing Bin while adding Archive moves it to Archive, not Default.
        assert_eq!(change(&[Archive], &[Bin]).apply(&[Bin]).0, vec![Archive]);
    }

    #[test]
    fn marked_as_unopened_is_independent() {
        assert_eq!(change(&[MarkedAsUnopened], &[]).apply(&[Bin]).0, vec![Bin, MarkedAsUnopened]);
        assert_eq!(change(&[], &[MarkedAsUnopened]).apply(&[Default, MarkedAsUnopened]).0, vec![Default]);
    }

    #[test]
    fn end_users_cannot_touch_sent_or_remove_default() {
        assert!(change(&[Sent], &[]).validate().is_err());
        assert!(change(&[], &[Sent]).validate().is_err());
        assert!(change(&[], &[Default]).validate().is_err());
        assert!(change(&[], &[]).validate().is_err());
        assert!(change(&[Bin], &[Bin]).validate().is_err());
        assert!(change(&[Archive], &[MarkedAsUnopened]).validate().is_ok());
    }
}
