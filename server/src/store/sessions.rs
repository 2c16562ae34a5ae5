//! Sign-in sessions and sign-ins under way, in the database so every instance shares them. Ids
//! and `state` values are stored as hashes: a copy of the table opens no session.

use sqlx::{any::AnyRow, Row};

use super::{Store, StoreError};

/// The tokens a session holds for calls to an upstream Dialogporten (none in dev mode).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionTokens {
    pub access_token: String,
    /// Unix seconds.
    pub access_expires_at: i64,
    pub refresh_token: Option<String>,
    pub id_token: Option<String>,
}

/// A session as stored: who it is (the claims the API acts on, as JSON) and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRecord {
    pub claims: String,
    pub name: String,
    pub tokens: Option<SessionTokens>,
    /// The provider's session id (`sid`), which front-channel logout names.
    pub sid: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// A sign-in sent to the provider and not yet back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSignIn {
    /// Hash of the random value in the browser's sign-in cookie: the answer must come back to the
    /// browser that asked (no login CSRF).
    pub binding_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
    pub acr: String,
    pub created_at: i64,
}

fn record(r: &AnyRow) -> Result<SessionRecord, StoreError> {
    let access_token: Option<String> = r.try_get("access_token")?;
    let tokens = match access_token {
        Some(access_token) => Some(SessionTokens {
            access_token,
            access_expires_at: r.try_get::<Option<i64>, _>("access_expires_at")?.unwrap_or(0),
            refresh_token: r.try_get("refresh_token")?,
            id_token: r.try_get("id_token")?,
        }),
        None => None,
    };
    Ok(SessionRecord {
        claims: r.try_get("claims")?,
        name: r.try_get("name")?,
        tokens,
        sid: r.try_get("sid")?,
        created_at: r.try_get("created_at")?,
        last_seen_at: r.try_get("last_seen_at")?,
    })
}

impl Store {
    pub async fn create_session(&self, id_hash: &str, s: &SessionRecord) -> Result<(), StoreError> {
        let t = s.tokens.as_ref();
        sqlx::query(
            "INSERT INTO sessions (id_hash, claims, name, access_token, access_expires_at, refresh_token, id_token, sid, created_at, \
             last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id_hash)
        .bind(s.claims.as_str())
        .bind(s.name.as_str())
        .bind(t.map(|t| t.access_token.clone()))
        .bind(t.map(|t| t.access_expires_at))
        .bind(t.and_then(|t| t.refresh_token.clone()))
        .bind(t.and_then(|t| t.id_token.clone()))
        .bind(s.sid.clone())
        .bind(s.created_at)
        .bind(s.last_seen_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT claims, name, access_token, access_expires_at, refresh_token, id_token, sid, created_at, last_seen_at \
             FROM sessions WHERE id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(record).transpose()
    }

    pub async fn touch_session(&self, id_hash: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1").bind(id_hash).bind(now).execute(self.pool()).await?;
        Ok(())
    }

    /// Replaces the tokens if they are still the ones `previous_access` names; false when another
    /// instance refreshed first (its tokens stay).
    pub async fn replace_session_tokens(&self, id_hash: &str, previous_access: &str, t: &SessionTokens) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE sessions SET access_token = $3, access_expires_at = $4, refresh_token = COALESCE($5, refresh_token), \
             id_token = COALESCE($6, id_token) WHERE id_hash = $1 AND access_token = $2",
        )
        .bind(id_hash)
        .bind(previous_access)
        .bind(t.access_token.as_str())
        .bind(t.access_expires_at)
        .bind(t.refresh_token.clone())
        .bind(t.id_token.clone())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn delete_session(&self, id_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(self.pool()).await?;
        Ok(())
    }

    /// Ends every session of the provider's session `sid`; how many there were.
    pub async fn delete_sessions_of_sid(&self, sid: &str) -> Result<u64, StoreError> {
        Ok(sqlx::query("DELETE FROM sessions WHERE sid = $1").bind(sid).execute(self.pool()).await?.rows_affected())
    }

    /// Forgets sessions idle since `idle_before` or begun before `created_before`, and sign-ins
    /// begun before `created_before_sign_in`.
    pub async fn purge_sessions(&self, idle_before: i64, created_before: i64, sign_ins_before: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
            .bind(idle_before)
            .bind(created_before)
            .execute(self.pool())
            .await?;
        sqlx::query("DELETE FROM sign_ins WHERE created_at < $1").bind(sign_ins_before).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn put_sign_in(&self, state_hash: &str, p: &PendingSignIn) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sign_ins (state_hash, binding_hash, nonce, pkce_verifier, return_to, acr, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(state_hash)
        .bind(p.binding_hash.as_str())
        .bind(p.nonce.as_str())
        .bind(p.pkce_verifier.as_str())
        .bind(p.return_to.as_str())
        .bind(p.acr.as_str())
        .bind(p.created_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The sign-in `state_hash` names, removed as it is read: a `state` works once.
    pub async fn take_sign_in(&self, state_hash: &str) -> Result<Option<PendingSignIn>, StoreError> {
        let row = sqlx::query(
            "DELETE FROM sign_ins WHERE state_hash = $1 RETURNING binding_hash, nonce, pkce_verifier, return_to, acr, created_at",
        )
        .bind(state_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some(PendingSignIn {
            binding_hash: r.try_get("binding_hash")?,
            nonce: r.try_get("nonce")?,
            pkce_verifier: r.try_get("pkce_verifier")?,
            return_to: r.try_get("return_to")?,
            acr: r.try_get("acr")?,
            created_at: r.try_get("created_at")?,
        }))
    }
}
