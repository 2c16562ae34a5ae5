//! A migrated dialog that its source changed: the source's new content meets what the person did
//! with the dialog. The migration pipeline's batch write applies this rule through the same
//! compare-and-swap write as every other dialog write (`Store::apply_migration_batch`).

use dialogporten::{serviceowner::ServiceOwnerDialog, Actor, ActorType, SystemLabel};

use super::labels::LabelChange;
use crate::store::Merged;

/// The dialog to store: the source's new content, but the labels the person set stay; the
/// folder follows the source only when the source moved it (archived or deleted there), and that
/// move is logged in the label log as the service owner's, as any other label change is.
/// `source_folder_before` is the folder the source gave the item's previous version.
pub fn merge(existing: &ServiceOwnerDialog, mut new: ServiceOwnerDialog, source_folder_before: Option<SystemLabel>) -> Merged {
    let source_folder = new.dialog.end_user_context.folder();
    let mut labels = existing.dialog.end_user_context.system_labels.clone();
    let mut log = Vec::new();
    if source_folder_before != Some(source_folder) {
        let (moved, events) = LabelChange { add: vec![source_folder], remove: Vec::new() }.apply(&labels);
        labels = moved;
        log = events.iter().map(|e| (e.name(), e.action())).collect();
    }
    new.dialog.end_user_context.system_labels = labels;
    new.dialog.system_label = new.dialog.end_user_context.folder();
    Merged { dialog: new, log, performed_by: Actor { actor_type: ActorType::ServiceOwner, actor_id: None, actor_name: None } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_labels(labels: &[SystemLabel]) -> ServiceOwnerDialog {
        let fixture = include_str!("../../../crates/dialogporten/tests/fixtures/serviceowner_dialog.json");
        let mut d: ServiceOwnerDialog = serde_json::from_str(fixture).expect("the fixture reads");
        d.dialog.end_user_context.system_labels = labels.to_vec();
        d.dialog.system_label = d.dialog.end_user_context.folder();
        d
    }

    #[test]
    fn the_persons_folder_stays_unless_the_source_moves_it() {
        let archived_by_person = with_labels(&[SystemLabel::Archive, SystemLabel::MarkedAsUnopened]);
        // The source changed the content but not its folder: the person's archive and mark stay.
        let m = merge(&archived_by_person, with_labels(&[SystemLabel::Default]), Some(SystemLabel::Default));
        assert_eq!(m.dialog.dialog.end_user_context.system_labels, [SystemLabel::Archive, SystemLabel::MarkedAsUnopened]);
        assert_eq!(m.dialog.dialog.system_label, SystemLabel::Archive);
        assert!(m.log.is_empty());
        // The source deleted it: to the bin, logged, the mark kept.
        let m = merge(&archived_by_person, with_labels(&[SystemLabel::Bin]), Some(SystemLabel::Default));
        assert_eq!(m.dialog.dialog.end_user_context.system_labels, [SystemLabel::Bin, SystemLabel::MarkedAsUnopened]);
        assert_eq!(m.log, [("systemlabel:Archive".to_owned(), "remove"), ("systemlabel:Bin".to_owned(), "set")]);
        assert_eq!(m.performed_by.actor_type, ActorType::ServiceOwner);
    }
}
