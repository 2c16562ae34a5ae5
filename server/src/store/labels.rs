//! Dialog changes with their label log, applied all-or-nothing and only if nobody changed the
//! dialogs in between (compare-and-swap on the stored document).

use dialogporten::{serviceowner::ServiceOwnerDialog, Actor, ActorType, LabelAssignmentLog, UtcDateTime};
use sqlx::Row;
use uuid::Uuid;

use super::{
    dialog_writes::{write_dialog_on, Write},
    Store, StoreError,
};

/// One dialog's new state, the stored document it was computed from, and its log entries.
pub struct LabelUpdate<'a> {
    pub before: &'a str,
    pub after: &'a ServiceOwnerDialog,
    /// (`systemlabel:Archive`, `set`|`remove`)
    pub log: Vec<(String, &'static str)>,
}

/// Writes a dialog's label-log entries, (`systemlabel:Archive`, `set`|`remove`), as `actor`'s.
pub(super) async fn log_labels_on(
    conn: &mut sqlx::AnyConnection,
    dialog: Uuid,
    log: &[(String, &'static str)],
    actor: &Actor,
    at: UtcDateTime,
) -> Result<(), StoreError> {
    for (name, action) in log {
        sqlx::query(
            "INSERT INTO label_log (id, dialog_id, name, action, created_at, actor_type, actor_id, actor_name) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Uuid::now_v7().to_string())
        .bind(dialog.to_string())
        .bind(name.as_str())
        .bind(*action)
        .bind(at.ticks())
        .bind(actor.actor_type.as_str())
        .bind(actor.actor_id.as_deref())
        .bind(actor.actor_name.as_deref())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

impl Store {
    /// Applies every update or none. `Ok(false)` means a dialog changed since it was read.
    pub async fn apply_label_updates(&self, updates: &[LabelUpdate<'_>], actor: &Actor, at: UtcDateTime) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        for u in updates {
            if !write_dialog_on(&mut tx, u.after, Write::ReplaceIf(u.before)).await? {
                tx.rollback().await?;
                return Ok(false);
            }
            log_labels_on(&mut tx, u.after.dialog.id, &u.log, actor, at).await?;
        }
        tx.commit().await?;
        let changes: Vec<super::DialogChange> = updates.iter().map(|u| u.after.into()).collect();
        self.announce(changes).await;
        Ok(true)
    }

    /// The label log of one dialog, oldest first.
    pub async fn label_log(&self, dialog_id: Uuid) -> Result<Vec<LabelAssignmentLog>, StoreError> {
        let rows = sqlx::query(
            "SELECT name, action, created_at, actor_type, actor_id, actor_name FROM label_log \
             WHERE dialog_id = $1 ORDER BY created_at, id",
        )
        .bind(dialog_id.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let actor_type: String = r.try_get("actor_type")?;
                Ok(LabelAssignmentLog {
                    name: r.try_get("name")?,
                    action: r.try_get("action")?,
                    created_at: UtcDateTime::from_ticks(r.try_get("created_at")?).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    performed_by: Actor {
                        actor_type: actor_type.parse().unwrap_or(ActorType::PartyRepresentative),
                        actor_id: r.try_get("actor_id")?,
                        actor_name: r.try_get("actor_name")?,
                    },
                })
            })
            .collect()
    }
}
