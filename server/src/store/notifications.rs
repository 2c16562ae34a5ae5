//! Notification addresses, the codes that prove them, per-service choices and the outbox the
//! codes are written to (a delivery gateway would take them from there; in dev mode
//! `/api/dev/outbox` shows them). Keyed by the person's identity number, which never leaves here.

use dialogporten::{
    inbox::notifications::{Channel, NotificationAddress, OutboxMessage, ServiceChoice},
    UtcDateTime,
};
use sqlx::{any::AnyRow, Row};
use uuid::Uuid;

use super::{Store, StoreError};

/// The person's own addresses are stored under this scope; an organisation's under its URN.
const OWN_SCOPE: &str = "self";
/// The outbox keeps this many messages; older ones go as new ones come.
const OUTBOX_KEEP: i64 = 500;

fn scope_of(party: Option<&str>) -> &str {
    party.unwrap_or(OWN_SCOPE)
}

fn corrupt(e: impl ToString) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn channel(r: &AnyRow) -> Result<Channel, StoreError> {
    let c: String = r.try_get("channel")?;
    Channel::parse(&c).ok_or_else(|| corrupt(format!("unknown channel '{c}'")))
}

/// How many codes may be sent in [`Quota::window`]: by one person, and to one address (by
/// anyone), so nobody can turn the server into a message cannon.
#[derive(Clone, Copy, Debug)]
pub struct Quota {
    pub per_owner: i64,
    pub per_recipient: i64,
    pub window_seconds: i64,
}

/// What [`Store::open_verification`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Opened {
    Yes,
    /// The person has `max` codes waiting already.
    TooManyOpen,
    /// Over the quota; the oldest send in the window was at this time.
    OverQuota {
        oldest: UtcDateTime,
    },
}

/// A code on its way, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingVerification {
    pub id: Uuid,
    pub party: Option<String>,
    pub channel: Channel,
    pub address: String,
    pub code_hash: String,
    pub attempts: i64,
    pub expires_at: UtcDateTime,
}

impl Store {
    pub async fn notification_addresses(&self, owner: &str) -> Result<Vec<NotificationAddress>, StoreError> {
        let rows =
            sqlx::query("SELECT scope, channel, address, verified_at FROM notification_addresses WHERE owner = $1 ORDER BY scope, channel")
                .bind(owner)
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|r| {
                let scope: String = r.try_get("scope")?;
                Ok(NotificationAddress {
                    party: (scope != OWN_SCOPE).then_some(scope),
                    channel: channel(r)?,
                    address: r.try_get("address")?,
                    verified_at: UtcDateTime::from_ticks(r.try_get("verified_at")?).map_err(corrupt)?,
                })
            })
            .collect()
    }

    pub async fn remove_notification_address(&self, owner: &str, party: Option<&str>, channel: Channel) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM notification_addresses WHERE owner = $1 AND scope = $2 AND channel = $3")
            .bind(owner)
            .bind(scope_of(party))
            .bind(channel.as_str())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Opens a verification and queues its message (with the verification's id) in one
    /// transaction, unless the owner already has `max` open (unexpired, unspent) ones or a quota
    /// is used up. Expired verifications go first, with their messages: a code is not kept once
    /// it cannot be used.
    pub async fn open_verification(
        &self,
        owner: &str,
        v: &PendingVerification,
        message: &OutboxMessage,
        now: UtcDateTime,
        max: usize,
        quota: Quota,
    ) -> Result<Opened, StoreError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM outbox WHERE id IN (SELECT id FROM notification_verifications WHERE expires_at <= $1)")
            .bind(now.ticks())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM notification_verifications WHERE expires_at <= $1").bind(now.ticks()).execute(&mut *tx).await?;
        let since = UtcDateTime::from_unix_seconds(now.unix_seconds() - quota.window_seconds).map_err(corrupt)?.ticks();
        sqlx::query("DELETE FROM notification_sends WHERE sent_at <= $1").bind(since).execute(&mut *tx).await?;
        let done = sqlx::query(
            "INSERT INTO notification_verifications (id, owner, scope, channel, address, code_hash, attempts, expires_at) \
             SELECT $1, $2, $3, $4, $5, $6, 0, $7 WHERE (SELECT COUNT(*) FROM notification_verifications WHERE owner = $2) < $8",
        )
        .bind(v.id.to_string())
        .bind(owner)
        .bind(scope_of(v.party.as_deref()))
        .bind(v.channel.as_str())
        .bind(&v.address)
        .bind(&v.code_hash)
        .bind(v.expires_at.ticks())
        .bind(i64::try_from(max).unwrap_or(i64::MAX))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(Opened::TooManyOpen);
        }
        // Over a quota, the transaction is dropped: the verification above is rolled back.
        for (column, value, limit) in [("owner", owner, quota.per_owner), ("recipient", message.to.as_str(), quota.per_recipient)] {
            let row = sqlx::query(&format!("SELECT COUNT(*) AS n, MIN(sent_at) AS oldest FROM notification_sends WHERE {column} = $1"))
                .bind(value)
                .fetch_one(&mut *tx)
                .await?;
            if row.try_get::<i64, _>("n")? >= limit {
                let oldest = row.try_get::<Option<i64>, _>("oldest")?.map(UtcDateTime::from_ticks).transpose().map_err(corrupt)?;
                return Ok(Opened::OverQuota { oldest: oldest.unwrap_or(now) });
            }
        }
        sqlx::query("INSERT INTO notification_sends (owner, recipient, sent_at) VALUES ($1, $2, $3)")
            .bind(owner)
            .bind(&message.to)
            .bind(now.ticks())
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO outbox (id, channel, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(message.id.to_string())
            .bind(message.channel.as_str())
            .bind(&message.to)
            .bind(&message.subject)
            .bind(&message.body)
            .bind(message.created_at.ticks())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM outbox WHERE id NOT IN (SELECT id FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1)")
            .bind(OUTBOX_KEEP)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Opened::Yes)
    }

    pub async fn verification(&self, owner: &str, id: Uuid) -> Result<Option<PendingVerification>, StoreError> {
        let row = sqlx::query("SELECT id, scope, channel, address, code_hash, attempts, expires_at FROM notification_verifications WHERE id = $1 AND owner = $2")
            .bind(id.to_string())
            .bind(owner)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            let scope: String = r.try_get("scope")?;
            Ok(PendingVerification {
                id,
                party: (scope != OWN_SCOPE).then_some(scope),
                channel: channel(&r)?,
                address: r.try_get("address")?,
                code_hash: r.try_get("code_hash")?,
                attempts: r.try_get("attempts")?,
                expires_at: UtcDateTime::from_ticks(r.try_get("expires_at")?).map_err(corrupt)?,
            })
        })
        .transpose()
    }

    /// Counts a wrong try; `false` when the verification had meanwhile been spent or removed.
    pub async fn count_wrong_code(&self, owner: &str, id: Uuid, seen_attempts: i64) -> Result<bool, StoreError> {
        // Compare-and-set on the count, so two wrong tries at once both count.
        let done =
            sqlx::query("UPDATE notification_verifications SET attempts = attempts + 1 WHERE id = $1 AND owner = $2 AND attempts = $3")
                .bind(id.to_string())
                .bind(owner)
                .bind(seen_attempts)
                .execute(self.pool())
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Spends a verification; its message (and so the code) goes with it.
    pub async fn drop_verification(&self, owner: &str, id: Uuid) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query("DELETE FROM notification_verifications WHERE id = $1 AND owner = $2")
            .bind(id.to_string())
            .bind(owner)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            sqlx::query("DELETE FROM outbox WHERE id = $1").bind(id.to_string()).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Saves the proven address (replacing the scope's earlier one) and spends the verification,
    /// in one transaction; `false` when the verification was spent by a concurrent request.
    pub async fn confirm_verification(&self, owner: &str, v: &PendingVerification, now: UtcDateTime) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        let spent = sqlx::query("DELETE FROM notification_verifications WHERE id = $1 AND owner = $2")
            .bind(v.id.to_string())
            .bind(owner)
            .execute(&mut *tx)
            .await?;
        if spent.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM outbox WHERE id = $1").bind(v.id.to_string()).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO notification_addresses (owner, scope, channel, address, verified_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (owner, scope, channel) DO UPDATE SET address = excluded.address, verified_at = excluded.verified_at",
        )
        .bind(owner)
        .bind(scope_of(v.party.as_deref()))
        .bind(v.channel.as_str())
        .bind(&v.address)
        .bind(now.ticks())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn service_choices(&self, owner: &str) -> Result<Vec<ServiceChoice>, StoreError> {
        let rows = sqlx::query("SELECT resource, email, sms FROM service_notifications WHERE owner = $1 ORDER BY resource")
            .bind(owner)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ServiceChoice {
                    resource: r.try_get("resource")?,
                    email: r.try_get::<i64, _>("email")? != 0,
                    sms: r.try_get::<i64, _>("sms")? != 0,
                })
            })
            .collect()
    }

    /// Keeps a choice; both channels on is the default and is kept as no row at all.
    pub async fn put_service_choice(&self, owner: &str, choice: &ServiceChoice, now: UtcDateTime) -> Result<(), StoreError> {
        if choice.email && choice.sms {
            sqlx::query("DELETE FROM service_notifications WHERE owner = $1 AND resource = $2")
                .bind(owner)
                .bind(&choice.resource)
                .execute(self.pool())
                .await?;
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO service_notifications (owner, resource, email, sms, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (owner, resource) DO UPDATE SET email = excluded.email, sms = excluded.sms, updated_at = excluded.updated_at",
        )
        .bind(owner)
        .bind(&choice.resource)
        .bind(i64::from(choice.email))
        .bind(i64::from(choice.sms))
        .bind(now.ticks())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Newest first, optionally only those to one address.
    pub async fn outbox(&self, to: Option<&str>) -> Result<Vec<OutboxMessage>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, channel, recipient, subject, body, created_at FROM outbox WHERE ($1 = '' OR recipient = $1) ORDER BY created_at DESC, id DESC",
        )
        .bind(to.unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OutboxMessage {
                    id: Uuid::parse_str(&r.try_get::<String, _>("id")?).map_err(corrupt)?,
                    channel: channel(r)?,
                    to: r.try_get("recipient")?,
                    subject: r.try_get("subject")?,
                    body: r.try_get("body")?,
                    created_at: UtcDateTime::from_ticks(r.try_get("created_at")?).map_err(corrupt)?,
                })
            })
            .collect()
    }

    /// The party access grants of a person: (party URN, role code).
    pub async fn roles_of(&self, pid: &str) -> Result<Vec<(String, String)>, StoreError> {
        let rows =
            sqlx::query("SELECT party, role FROM party_access WHERE pid = $1 ORDER BY party").bind(pid).fetch_all(self.pool()).await?;
        rows.iter().map(|r| Ok((r.try_get("party")?, r.try_get("role")?))).collect()
    }
}
