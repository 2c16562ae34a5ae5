//! PostgreSQL with `dialogs` hash-partitioned by party, as docs/scale.md plans past one table
//! (.ci/partition-dialogs.sql, the script `make bench` measures): the server reads the
//! partitioning at connect and every write path keeps working.

mod common;

use common::serviceowner::{create, dialog_body, SKD};
use inbox_server::{
    demo::large::{self, Large},
    store::{DialogKey, Store},
};
use reqwest::StatusCode;
use sqlx::Connection;

const PARTITION: &str = include_str!("../../.ci/partition-dialogs.sql");

async fn dialogs_in(url: &str) -> i64 {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM dialogs").fetch_one(&mut conn).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_and_reads_go_on_over_a_table_partitioned_by_party() {
    let url = common::fresh_pg().await;
    let size = Large { dialogs: 600, parties: 20 };
    let store = Store::connect(&url).await.unwrap();
    assert_eq!(store.dialog_key(), DialogKey::Id);
    large::seed(&store, size, |_| {}).await.unwrap();
    let before = dialogs_in(&url).await;
    drop(store);

    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query("SET inbox.partitions = '4'").execute(&mut conn).await.unwrap();
    sqlx::raw_sql(PARTITION).execute(&mut conn).await.unwrap();
    let parts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'dialogs'::regclass").fetch_one(&mut conn).await.unwrap();
    assert_eq!(parts, 4);
    assert_eq!(dialogs_in(&url).await, before, "every dialog copied");

    // The bulk upsert again (the same deterministic dialogs): conflicts on (party, id), replaces.
    let store = Store::connect(&url).await.unwrap();
    assert_eq!(store.dialog_key(), DialogKey::PartyAndId);
    large::seed(&store, size, |_| {}).await.unwrap();
    assert_eq!(dialogs_in(&url).await, before, "nothing duplicated");
    drop(store);

    // A service owner's create lands; the same idempotent key again is a conflict, as on one table.
    let s = common::start("postgres", url.clone(), tempfile::tempdir().unwrap(), None, true).await;
    let skd = s.enterprise_token(SKD.0, SKD.1).await;
    let body = dialog_body();
    let (status, created, _) = create(&s, &skd, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(create(&s, &skd, &body).await.0, StatusCode::CONFLICT);
    assert_eq!(dialogs_in(&url).await, before + 1);

    // The accountant reads a partitioned organisation's dialogs and opens one by id.
    let token = s
        .client
        .get(s.url(&format!("/api/GetPersonalToken?pid={}&scopes=digdir:dialogporten", large::accountant_pid().as_str())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (status, page, _) = s.get(&format!("/api/v1/enduser/dialogs?party={}", common::enc(&large::org_party(3))), Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    let items = page["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.iter().all(|d| d["party"] == large::org_party(3)), "{page}");
    let id = items[0]["id"].as_str().unwrap();
    let (status, dialog, _) = s.get(&format!("/api/v1/enduser/dialogs/{id}"), Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{dialog}");
    assert_eq!(dialog["party"], large::org_party(3));
}
