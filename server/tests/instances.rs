//! Several instances over one database (issue 31, issue 35): instances that start together on a
//! fresh database do not race each other's schema migration; each step is applied once.

mod common;

#[tokio::test(flavor = "multi_thread")]
async fn instances_starting_together_on_a_fresh_database_migrate_it_once() {
    for (backend, url, _dir) in common::backends().await {
        let starts = (0..4).map(|_| {
            let url = url.clone();
            tokio::spawn(async move { inbox_server::store::Store::connect(&url).await.map(|_| ()).map_err(|e| e.to_string()) })
        });
        for started in futures_util::future::join_all(starts).await {
            started.unwrap().unwrap_or_else(|e| panic!("{backend}: an instance failed to start: {e}"));
        }
        sqlx::any::install_default_drivers();
        let mut db = <sqlx::AnyConnection as sqlx::Connection>::connect(&url).await.unwrap();
        let (steps, distinct): (i64, i64) =
            sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations").fetch_one(&mut db).await.unwrap();
        assert_eq!(steps, distinct, "{backend}: every step recorded once");
        let latest: i64 = sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations").fetch_one(&mut db).await.unwrap();
        assert_eq!((steps, latest), (latest, latest), "{backend}: every step applied");
    }
}
