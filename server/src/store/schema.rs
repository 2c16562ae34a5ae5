//! Versioned migrations in the SQL both backends understand. Append new steps; never edit old ones.

use super::{Backend, Store, StoreError};

const MIGRATIONS: &[(i64, &str)] = &[
    (
        1,
        r#"
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE service_owners (
    org TEXT PRIMARY KEY,
    org_no TEXT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE parties (
    party TEXT PRIMARY KEY,
    party_id BIGINT NOT NULL,
    party_uuid TEXT NOT NULL,
    name TEXT NOT NULL,
    party_type TEXT NOT NULL,
    parent TEXT,
    date_of_birth TEXT,
    is_deleted BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX parties_parent ON parties (parent);

-- Which person may act for which top-level party (sub-units follow their main unit).
CREATE TABLE party_access (
    pid TEXT NOT NULL,
    party TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (pid, party)
);

CREATE TABLE dialogs (
    id TEXT PRIMARY KEY,
    party TEXT NOT NULL,
    org TEXT NOT NULL,
    service_resource TEXT NOT NULL,
    status TEXT NOT NULL,
    labels TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    content_updated_at BIGINT NOT NULL,
    due_at BIGINT,
    expires_at BIGINT,
    visible_from BIGINT,
    deleted_at BIGINT,
    search_text TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX dialogs_party_content_updated ON dialogs (party, content_updated_at, id);
CREATE INDEX dialogs_party_created ON dialogs (party, created_at, id);
CREATE INDEX dialogs_party_updated ON dialogs (party, updated_at, id);
CREATE INDEX dialogs_service_resource ON dialogs (service_resource, content_updated_at, id);

CREATE TABLE seen_log (
    id TEXT PRIMARY KEY,
    dialog_id TEXT NOT NULL,
    seen_by TEXT NOT NULL,
    seen_by_name TEXT,
    seen_at BIGINT NOT NULL
);
CREATE INDEX seen_log_dialog ON seen_log (dialog_id, seen_at);
"#,
    ),
    (
        2,
        r#"
CREATE TABLE label_log (
    id TEXT PRIMARY KEY,
    dialog_id TEXT NOT NULL,
    name TEXT NOT NULL,
    action TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    actor_type TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT
);
CREATE INDEX label_log_dialog ON label_log (dialog_id, created_at);
ALTER TABLE dialogs ADD COLUMN extended_status TEXT;
ALTER TABLE dialogs ADD COLUMN external_reference TEXT;
ALTER TABLE dialogs ADD COLUMN process TEXT
"#,
    ),
    (
        3,
        r#"
-- The resource registry as far as Dialogporten needs it: who owns a service resource, its type.
CREATE TABLE service_resources (
    id TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX service_resources_org ON service_resources (org);
ALTER TABLE dialogs ADD COLUMN idempotent_key TEXT;
CREATE INDEX dialogs_org_idempotent_key ON dialogs (org, idempotent_key);
CREATE INDEX dialogs_org_content_updated ON dialogs (org, content_updated_at, id)
"#,
    ),
    (4, "ALTER TABLE dialogs ADD COLUMN so_labels TEXT NOT NULL DEFAULT ','"),
    (
        5,
        r#"
-- Where each migration source stands: history watermark and live-sync state.
CREATE TABLE migration_sources (
    id TEXT PRIMARY KEY,
    migrated_back_to BIGINT,
    history_complete BIGINT NOT NULL DEFAULT 0,
    live_state TEXT,
    live_reason TEXT,
    last_sync_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE TABLE migration_watermarks (
    source_id TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    migrated_back_to BIGINT NOT NULL,
    PRIMARY KEY (source_id, recorded_at)
);
ALTER TABLE dialogs ADD COLUMN migration_source TEXT;
CREATE INDEX dialogs_migration_source ON dialogs (migration_source, created_at)
"#,
    ),
    // Frozen dialogs can no longer be changed by their owner (only by admin integrations).
    (6, "ALTER TABLE dialogs ADD COLUMN frozen BIGINT NOT NULL DEFAULT 0"),
    // End-user search picks a page from this index alone: it holds what the usual filters read
    // (deletion, visibility, expiry, labels, status), so no dialog row is read until the page is
    // known. It replaces the narrower (party, content_updated_at, id).
    (
        7,
        r#"
CREATE INDEX dialogs_party_content_cover ON dialogs (party, content_updated_at, id, deleted_at, visible_from, expires_at, labels, status);
DROP INDEX dialogs_party_content_updated
"#,
    ),
    // A service owner reading a dialog on an end user's behalf counts as that user's visit.
    (8, "ALTER TABLE seen_log ADD COLUMN via_service_owner BIGINT NOT NULL DEFAULT 0"),
    // A person's own choices, kept across devices (our extension): favourite parties and saved searches.
    (
        9,
        r#"
CREATE TABLE favourite_parties (
    owner TEXT NOT NULL,
    party TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner, party)
);
CREATE TABLE saved_searches (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX saved_searches_owner ON saved_searches (owner, created_at)
"#,
    ),
    // The profile's settings as one JSON document per person: new settings need no migration.
    (10, "CREATE TABLE profile_settings (owner TEXT PRIMARY KEY, settings TEXT NOT NULL, updated_at BIGINT NOT NULL)"),
    // Notification addresses are saved only once proven; the codes wait in their own table,
    // hashed, and their messages in the outbox a delivery gateway (or dev mode's page) reads.
    (
        11,
        r#"
CREATE TABLE notification_addresses (
    owner TEXT NOT NULL,
    scope TEXT NOT NULL,
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    verified_at BIGINT NOT NULL,
    PRIMARY KEY (owner, scope, channel)
);
CREATE TABLE notification_verifications (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    scope TEXT NOT NULL,
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX notification_verifications_owner ON notification_verifications (owner);
CREATE TABLE service_notifications (
    owner TEXT NOT NULL,
    resource TEXT NOT NULL,
    email BIGINT NOT NULL,
    sms BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (owner, resource)
);
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX outbox_recipient ON outbox (recipient, created_at)
"#,
    ),
    // The migration pipeline: what each source item became (and the version of it that was
    // mapped), and where each family's history run and live sync stand.
    (
        12,
        r#"
CREATE TABLE migration_items (
    family TEXT NOT NULL,
    item_key TEXT NOT NULL,
    state TEXT NOT NULL,
    dialog_id TEXT,
    version TEXT NOT NULL,
    source_label TEXT,
    reason TEXT,
    source_id TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (family, item_key)
);
CREATE INDEX migration_items_state ON migration_items (source_id, state);
CREATE TABLE migration_cursors (
    family TEXT PRIMARY KEY,
    cut_over BIGINT NOT NULL,
    history_created BIGINT,
    history_key TEXT,
    history_done BIGINT NOT NULL DEFAULT 0,
    live_seq BIGINT NOT NULL
)
"#,
    ),
    // System users from the register: machines that act, through end-user tokens, for the
    // parties their roles in `party_access` (keyed `urn:altinn:systemuser:uuid:<id>`) give.
    // Rights beyond a role: `action` on a resource or sub-resource for one party.
    (
        13,
        "CREATE TABLE system_users (id TEXT PRIMARY KEY, name TEXT NOT NULL, org_no TEXT NOT NULL);
         CREATE TABLE party_rights (holder TEXT NOT NULL, party TEXT NOT NULL, resource TEXT NOT NULL, action TEXT NOT NULL,
                                    PRIMARY KEY (holder, party, resource, action))",
    ),
    // When codes were sent, by whom and to where (never the code): the quotas per person and
    // per address count these.
    (
        14,
        "CREATE TABLE notification_sends (owner TEXT NOT NULL, recipient TEXT NOT NULL, sent_at BIGINT NOT NULL);
         CREATE INDEX notification_sends_owner ON notification_sends (owner, sent_at);
         CREATE INDEX notification_sends_recipient ON notification_sends (recipient, sent_at)",
    ),
    // The API's signing key is no longer kept in the database (issue 36: keys come from a file or
    // the environment); the seed an older version stored there goes.
    (15, "DELETE FROM settings WHERE key = 'jwt_ed25519_seed'"),
    // Resource policies from the register (issue 34): the rules, as JSON, of the resources that
    // have one; the access packages a holder has for a party, which those rules may name.
    (
        16,
        "CREATE TABLE resource_policies (resource TEXT PRIMARY KEY, policy TEXT NOT NULL);
         CREATE TABLE party_packages (holder TEXT NOT NULL, party TEXT NOT NULL, package TEXT NOT NULL,
                                      PRIMARY KEY (holder, party, package))",
    ),
    // Sign-in (issue 33): sessions kept by the server (the browser holds only an opaque id, of
    // which only a hash is stored), sign-ins under way (state, nonce and PKCE verifier), and the
    // assurance level a resource demands (Dialogporten's default is 3).
    (
        17,
        "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, claims TEXT NOT NULL, name TEXT NOT NULL,
                                 access_token TEXT, access_expires_at BIGINT, refresh_token TEXT, id_token TEXT,
                                 sid TEXT, created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL);
         CREATE INDEX sessions_sid ON sessions (sid);
         CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
         CREATE TABLE sign_ins (state_hash TEXT PRIMARY KEY, binding_hash TEXT NOT NULL, nonce TEXT NOT NULL,
                                pkce_verifier TEXT NOT NULL, return_to TEXT NOT NULL, acr TEXT NOT NULL,
                                created_at BIGINT NOT NULL);
         ALTER TABLE service_resources ADD COLUMN min_auth_level BIGINT NOT NULL DEFAULT 3",
    ),
    // Rate limits shared by every instance on the database (issue 35): per caller (a hash), when
    // its next request is due, in microseconds.
    (18, "CREATE TABLE rate_clocks (key TEXT PRIMARY KEY, due BIGINT NOT NULL)"),
];

/// Tables whose rows may be lost in a crash without harm: on PostgreSQL they bypass the WAL.
const UNLOGGED: &[&str] = &["rate_clocks"];

/// Any key, the same in every instance: PostgreSQL's advisory lock that lets one instance at a
/// time migrate a database ("mig" in ASCII).
const MIGRATION_LOCK: i64 = 0x6d_69_67;

/// Applies the steps not yet applied. Instances starting together on one database take turns:
/// on PostgreSQL under an advisory lock (`Store::exclusively`); on SQLite each step first claims
/// its version (a write, so SQLite's write lock orders them), and a step another instance claimed
/// first is skipped.
pub(super) async fn migrate(store: &Store) -> Result<(), StoreError> {
    store
        .exclusively(MIGRATION_LOCK, || async {
            let mut conn = store.pool().acquire().await?;
            apply_steps(&mut conn).await?;
            if store.backend() == Backend::Postgres {
                unlog(&mut conn).await?;
            }
            Ok(())
        })
        .await
}

async fn unlog(conn: &mut sqlx::AnyConnection) -> Result<(), StoreError> {
    for table in UNLOGGED {
        let logged = sqlx::query("SELECT 1 FROM pg_class WHERE oid = to_regclass($1) AND relpersistence = 'p'")
            .bind(*table)
            .fetch_optional(&mut *conn)
            .await?;
        if logged.is_some() {
            sqlx::query(&format!("ALTER TABLE {table} SET UNLOGGED")).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

async fn apply_steps(conn: &mut sqlx::AnyConnection) -> Result<(), StoreError> {
    use sqlx::Connection;
    sqlx::query("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)").execute(&mut *conn).await?;
    for (version, sql) in MIGRATIONS {
        let mut tx = conn.begin().await?;
        let claimed = sqlx::query("INSERT INTO schema_migrations (version) VALUES ($1) ON CONFLICT (version) DO NOTHING")
            .bind(*version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if claimed == 0 {
            tx.rollback().await?;
            continue;
        }
        for statement in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            sqlx::query(statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
