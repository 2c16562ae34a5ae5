//! `PUT /serviceowner/dialogs/{id}` (and PATCH, which builds a PUT body): replace what may change.
//! Activities and transmissions are append-only; attachments, GUI and API actions are replaced
//! (ids given in the body are kept); content and search tags are replaced.

use dialogporten::UtcDateTime;
use std::collections::HashSet;

use dialogporten::serviceowner::{DialogChanges, ServiceOwnerDialog};
use uuid::Uuid;

use super::{
    children::touch,
    create::{apply_changes, derive, normalise},
    manage::modify,
    validate::Check,
    Change, ServiceOwner,
};
use crate::{
    domain::{labels::LabelChange, DomainError, FieldErrors},
    store::Store,
};

/// Whether a change is one end users should notice as new content (Dialogporten's rule).
fn content_changed(before: &ServiceOwnerDialog, after: &ServiceOwnerDialog) -> bool {
    let (b, a) = (&before.dialog, &after.dialog);
    b.content != a.content
        || b.status != a.status
        || b.extended_status != a.extended_status
        || b.transmissions.len() != a.transmissions.len()
        || b.attachments != a.attachments
        || b.gui_actions != a.gui_actions
        || b.api_actions != a.api_actions
}

pub async fn update(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    body: DialogChanges,
    silent: bool,
    if_match: Option<Uuid>,
    now: UtcDateTime,
) -> Result<Uuid, DomainError> {
    modify(store, so, id, if_match, Change::Content, now, |before, after| {
        if before.deleted_at.is_some() {
            return Err(DomainError::gone("DialogEntity", id));
        }
        let existing: HashSet<Uuid> = before.dialog.transmissions.iter().map(|t| t.id).collect();
        let mut errors = FieldErrors::default();
        let mut check = Check { errors: &mut errors, now };
        check.changes(&body, &existing);
        if body.status.is_none() {
            check.errors.add("dto.status", "'Status' has a range of values which does not include '0'.");
        }
        if before.dialog.transmissions.iter().any(|t| t.content.title.value.is_empty()) && !body.is_api_only {
            check.errors.add(
                "dto.transmissions",
                "This dialog is locked to IsApiOnly=true, as one or more of the existing immutable transmissions do not have content.",
            );
        }
        errors.into_result()?;
        body.activities.iter().try_for_each(|a| super::may_record(so, a.activity_type))?;
        for (entity, clash) in [
            ("DialogTransmission", body.transmissions.iter().filter_map(|t| t.id).find(|i| existing.contains(i))),
            ("DialogActivity", body.activities.iter().filter_map(|a| a.id).find(|i| before.dialog.activities.iter().any(|x| x.id == *i))),
        ] {
            if let Some(dup) = clash {
                return Err(DomainError::Unprocessable(
                    entity.into(),
                    format!("Entity '{entity}' with the following key(s) already exists: ({dup})."),
                ));
            }
        }
        if !silent && !so.admin {
            if body.due_at != before.dialog.due_at && body.due_at.is_some_and(|t| t <= now) {
                return Err(DomainError::Unprocessable("DueAt".into(), "Must be in future or current value. (Or null)".into()));
            }
            if body.expires_at != before.dialog.expires_at && body.expires_at.is_none_or(|t| t <= now) {
                return Err(DomainError::Unprocessable("ExpiresAt".into(), "Must be in future or current value.".into()));
            }
        }
        apply_changes(&mut after.dialog, &body, before.visible_from, now);
        after.search_tags = normalise(&body.search_tags);
        let adds_sent = body.transmissions.iter().any(|t| {
            matches!(t.transmission_type, dialogporten::TransmissionType::Submission | dialogporten::TransmissionType::Correction)
        });
        if adds_sent {
            let (labels, _) = LabelChange { add: vec![dialogporten::SystemLabel::Sent], remove: Vec::new() }
                .apply(&after.dialog.end_user_context.system_labels);
            after.dialog.end_user_context.system_labels = labels;
        }
        derive(&mut after.dialog);
        if after == before {
            return Ok(false);
        }
        let content = content_changed(before, after);
        touch(after, content, silent, now);
        Ok(true)
    })
    .await
}

/// `PATCH`: an RFC 6902 patch applied to the PUT body built from the dialog as it is (history
/// left empty, so `/transmissions/-` and `/activities/-` append), then handled as a PUT.
pub async fn patch(
    store: &Store,
    so: &ServiceOwner,
    id: Uuid,
    ops: serde_json::Value,
    silent: bool,
    if_match: Option<Uuid>,
    now: UtcDateTime,
) -> Result<Uuid, DomainError> {
    let row = so.load(store, id).await?;
    let current = serde_json::to_value(&row.stored.dialog).map_err(|e| DomainError::invalid("dto", e.to_string()))?;
    const FIELDS: [&str; 13] = [
        "progress",
        "extendedStatus",
        "externalReference",
        "dueAt",
        "expiresAt",
        "process",
        "precedingProcess",
        "isApiOnly",
        "status",
        "content",
        "attachments",
        "guiActions",
        "apiActions",
    ];
    let mut doc = serde_json::Map::new();
    // Every member exists (null when unset), as on the upstream DTO, so `replace` works on all.
    for f in FIELDS {
        doc.insert(f.to_owned(), current.get(f).cloned().unwrap_or(serde_json::Value::Null));
    }
    for f in ["attachments", "guiActions", "apiActions"] {
        if doc[f].is_null() {
            doc.insert(f.to_owned(), serde_json::Value::Array(Vec::new()));
        }
    }
    doc.insert("searchTags".into(), serde_json::to_value(&row.stored.search_tags).unwrap_or_default());
    doc.insert("transmissions".into(), serde_json::Value::Array(Vec::new()));
    doc.insert("activities".into(), serde_json::Value::Array(Vec::new()));
    let mut doc = serde_json::Value::Object(doc);
    let patch: json_patch::Patch = serde_json::from_value(canonical_ops(ops))
        .map_err(|e| DomainError::invalid("patch", format!("Not a JSON Patch document (RFC 6902): {e}")))?;
    apply_bounded(&mut doc, &patch)?;
    let body: DialogChanges =
        dialogporten::lenient::from_value(&doc).map_err(|e| DomainError::invalid("UpdateDialogDto", e.to_string()))?;
    update(store, so, id, body, silent, if_match, now).await
}

/// At most this many operations in one patch: each may copy, so each is work.
pub const MAX_PATCH_OPERATIONS: usize = 256;
/// At most this many bytes (as JSON) copied by one patch's `copy` operations together. Only a copy
/// makes the document larger than the request that asked for it; without this bound a 1 kB patch
/// doubling a value into itself twenty times took 1.36 GB (issue 36).
pub const MAX_PATCH_COPIED_BYTES: usize = 256 * 1024;

/// Applies `patch` one operation at a time within the bounds above: a `copy` or `move` into its own
/// source is refused (a value cannot hold itself), and so is a patch that copies more than
/// [`MAX_PATCH_COPIED_BYTES`], before the copy is made.
fn apply_bounded(doc: &mut serde_json::Value, patch: &[json_patch::PatchOperation]) -> Result<(), DomainError> {
    use json_patch::PatchOperation::{Copy, Move};
    if patch.len() > MAX_PATCH_OPERATIONS {
        return Err(DomainError::invalid(
            "patch",
            format!("A patch may hold at most {MAX_PATCH_OPERATIONS} operations; this one holds {}.", patch.len()),
        ));
    }
    let mut copied = 0usize;
    for (i, op) in patch.iter().enumerate() {
        if let Copy(json_patch::CopyOperation { from, path }) | Move(json_patch::MoveOperation { from, path }) = op {
            let (from, path) = (from.as_str(), path.as_str());
            if path.strip_prefix(from).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')) {
                return Err(DomainError::invalid("patch", format!("Operation {i}: '{path}' lies inside its own source '{from}'.")));
            }
        }
        if let Copy(c) = op {
            let size = doc.pointer(c.from.as_str()).map_or(0, |v| json_size_up_to(v, MAX_PATCH_COPIED_BYTES + 1));
            copied = copied.saturating_add(size);
            if copied > MAX_PATCH_COPIED_BYTES {
                return Err(DomainError::TooLarge(format!(
                    "The patch copies more than {} kB; send the values themselves instead.",
                    MAX_PATCH_COPIED_BYTES / 1024
                )));
            }
        }
        // One at a time with no undo log: on failure the document is dropped anyway.
        json_patch::patch_unsafe(doc, std::slice::from_ref(op)).map_err(|e| DomainError::invalid("UpdateDialogDto", e.to_string()))?;
    }
    Ok(())
}

/// The length of `value` as compact JSON, counted no further than `limit`.
fn json_size_up_to(value: &serde_json::Value, limit: usize) -> usize {
    struct Counter(usize, usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            if self.0 > self.1 {
                return Err(std::io::ErrorKind::FileTooLarge.into());
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0, limit);
    let _ = serde_json::to_writer(&mut counter, value);
    counter.0.min(limit)
}

/// Operations as ASP.NET's JSON Patch reads them: `op` in any case, and paths whose segments name
/// the contract's properties in any case (`/GuiActions/0/URL`). Member names were already matched
/// by the body reader.
fn canonical_ops(mut ops: serde_json::Value) -> serde_json::Value {
    for op in ops.as_array_mut().into_iter().flatten().filter_map(serde_json::Value::as_object_mut) {
        if let Some(serde_json::Value::String(name)) = op.get_mut("op") {
            *name = name.to_ascii_lowercase();
        }
        for key in ["path", "from"] {
            if let Some(serde_json::Value::String(pointer)) = op.get_mut(key) {
                *pointer = dialogporten::lenient::canonical_pointer(pointer);
            }
        }
    }
    ops
}
