//! Change notices: after a dialog is written, every server instance learns which dialog and party
//! changed, so open event streams can tell their users. PostgreSQL carries the notices between
//! instances with LISTEN/NOTIFY (each instance listens, including the writer); SQLite serves one
//! process, so they stay in-process. Notices are hints sent after commit, at most once: clients
//! refetch what they show on a notice, and on every reconnect.

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use uuid::Uuid;

use super::{Backend, Store};

/// The PostgreSQL channel; one database is one deployment.
const CHANNEL: &str = "inbox_dialog_changes";
/// Notices buffered per subscriber; one that falls further behind is told to resync.
const BUFFER: usize = 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogChange {
    pub id: Uuid,
    pub party: String,
    pub org: String,
    /// Purged: the dialog is gone for good.
    #[serde(default)]
    pub purged: bool,
}

#[derive(Clone)]
pub struct Changes {
    tx: broadcast::Sender<DialogChange>,
}

impl Default for Changes {
    fn default() -> Self {
        Self { tx: broadcast::channel(BUFFER).0 }
    }
}

impl Changes {
    pub fn subscribe(&self) -> broadcast::Receiver<DialogChange> {
        self.tx.subscribe()
    }

    fn deliver(&self, change: DialogChange) {
        // No subscriber is not an error: nobody has a stream open.
        let _ = self.tx.send(change);
    }
}

impl Store {
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// Tells every instance about committed changes. A failure to notify is logged, never the
    /// write's failure: the data is safe, only a live hint is lost.
    pub(super) async fn announce(&self, changes: Vec<DialogChange>) {
        for change in changes {
            match self.backend {
                Backend::Sqlite => self.changes.deliver(change),
                Backend::Postgres => {
                    let payload = serde_json::to_string(&change).unwrap_or_default();
                    if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(self.pool()).await {
                        tracing::warn!("change notice not sent: {e}");
                    }
                }
            }
        }
    }
}

/// Forwards PostgreSQL notices to this instance's subscribers for as long as the process runs,
/// reconnecting after a lost connection.
pub(super) fn listen_postgres(url: String, changes: Changes) {
    tokio::spawn(async move {
        loop {
            match sqlx::postgres::PgListener::connect(&url).await {
                Ok(mut listener) => {
                    if let Err(e) = listener.listen(CHANNEL).await {
                        tracing::warn!("LISTEN {CHANNEL} failed: {e}");
                    } else {
                        loop {
                            match listener.recv().await {
                                Ok(n) => match serde_json::from_str::<DialogChange>(n.payload()) {
                                    Ok(change) => changes.deliver(change),
                                    Err(e) => tracing::warn!("unreadable change notice: {e}"),
                                },
                                Err(e) => {
                                    tracing::warn!("change listener lost its connection: {e}");
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!("change listener cannot connect: {e}"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
}

impl From<&dialogporten::serviceowner::ServiceOwnerDialog> for DialogChange {
    fn from(d: &dialogporten::serviceowner::ServiceOwnerDialog) -> Self {
        Self { id: d.dialog.id, party: d.dialog.party.as_str().to_owned(), org: d.dialog.org.as_str().to_owned(), purged: false }
    }
}
