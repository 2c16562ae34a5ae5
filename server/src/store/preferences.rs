//! A person's own choices (our extension): favourite parties and saved searches, keyed by the
//! person's identity number, which never leaves the server.

use dialogporten::{
    inbox::{ProfileSettings, SavedSearch},
    UtcDateTime,
};
use sqlx::{any::AnyRow, Row};
use uuid::Uuid;

use super::{Store, StoreError};

fn saved_search(r: &AnyRow) -> Result<SavedSearch, StoreError> {
    let corrupt = |e: String| StoreError::Corrupt(e);
    Ok(SavedSearch {
        id: Uuid::parse_str(&r.try_get::<String, _>("id")?).map_err(|e| corrupt(e.to_string()))?,
        name: r.try_get("name")?,
        query: r.try_get("query")?,
        created_at: UtcDateTime::from_ticks(r.try_get("created_at")?).map_err(|e| corrupt(e.to_string()))?,
        updated_at: UtcDateTime::from_ticks(r.try_get("updated_at")?).map_err(|e| corrupt(e.to_string()))?,
    })
}

impl Store {
    /// The person's settings; the defaults when none were saved.
    pub async fn profile_settings(&self, owner: &str) -> Result<ProfileSettings, StoreError> {
        let row = sqlx::query("SELECT settings FROM profile_settings WHERE owner = $1").bind(owner).fetch_optional(self.pool()).await?;
        match row {
            Some(r) => serde_json::from_str(&r.try_get::<String, _>("settings")?).map_err(|e| StoreError::Corrupt(e.to_string())),
            None => Ok(ProfileSettings::default()),
        }
    }

    pub async fn put_profile_settings(&self, owner: &str, settings: &ProfileSettings, now: UtcDateTime) -> Result<(), StoreError> {
        let json = serde_json::to_string(settings).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO profile_settings (owner, settings, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (owner) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at",
        )
        .bind(owner)
        .bind(json)
        .bind(now.ticks())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn favourite_parties(&self, owner: &str) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query("SELECT party FROM favourite_parties WHERE owner = $1 ORDER BY created_at, party")
            .bind(owner)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|r| Ok(r.try_get("party")?)).collect()
    }

    /// Starring twice is one star.
    pub async fn add_favourite_party(&self, owner: &str, party: &str, now: UtcDateTime) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO favourite_parties (owner, party, created_at) VALUES ($1, $2, $3) ON CONFLICT (owner, party) DO NOTHING")
            .bind(owner)
            .bind(party)
            .bind(now.ticks())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn remove_favourite_party(&self, owner: &str, party: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM favourite_parties WHERE owner = $1 AND party = $2").bind(owner).bind(party).execute(self.pool()).await?;
        Ok(())
    }

    /// Newest first.
    pub async fn saved_searches(&self, owner: &str) -> Result<Vec<SavedSearch>, StoreError> {
        let rows =
            sqlx::query("SELECT id, name, query, created_at, updated_at FROM saved_searches WHERE owner = $1 ORDER BY created_at DESC, id")
                .bind(owner)
                .fetch_all(self.pool())
                .await?;
        rows.iter().map(saved_search).collect()
    }

    /// Adds the search unless the owner already has `max`; `None` when full.
    pub async fn add_saved_search(&self, owner: &str, s: &SavedSearch, max: usize) -> Result<Option<()>, StoreError> {
        // The count and the insert in one statement, so two tabs saving at once cannot pass the limit.
        let done = sqlx::query(
            "INSERT INTO saved_searches (id, owner, name, query, created_at, updated_at) \
             SELECT $1, $2, $3, $4, $5, $6 WHERE (SELECT COUNT(*) FROM saved_searches WHERE owner = $2) < $7",
        )
        .bind(s.id.to_string())
        .bind(owner)
        .bind(&s.name)
        .bind(&s.query)
        .bind(s.created_at.ticks())
        .bind(s.updated_at.ticks())
        .bind(i64::try_from(max).unwrap_or(i64::MAX))
        .execute(self.pool())
        .await?;
        Ok((done.rows_affected() == 1).then_some(()))
    }

    /// The renamed search, or `None` when the owner has no search with that id.
    pub async fn rename_saved_search(
        &self,
        owner: &str,
        id: Uuid,
        name: &str,
        now: UtcDateTime,
    ) -> Result<Option<SavedSearch>, StoreError> {
        let row = sqlx::query(
            "UPDATE saved_searches SET name = $1, updated_at = $2 WHERE id = $3 AND owner = $4 RETURNING id, name, query, created_at, updated_at",
        )
        .bind(name)
        .bind(now.ticks())
        .bind(id.to_string())
        .bind(owner)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(saved_search).transpose()
    }

    /// Whether there was such a search to delete.
    pub async fn delete_saved_search(&self, owner: &str, id: Uuid) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM saved_searches WHERE id = $1 AND owner = $2")
            .bind(id.to_string())
            .bind(owner)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
