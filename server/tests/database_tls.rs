//! Issue 36, finding 6: the server talks to PostgreSQL over TLS when the URL asks for it
//! (`sslmode=require`, and `verify-full` for a remote server, docs/security.md), and refuses a
//! server whose certificate it cannot verify rather than falling back to plain text.
//! Needs the PostgreSQL server `make test` names in INBOX_TEST_PG_URL to offer TLS (Debian's does,
//! with its snakeoil certificate).

use sqlx::Connection;

fn pg_url() -> String {
    std::env::var("INBOX_TEST_PG_URL").expect("INBOX_TEST_PG_URL names the PostgreSQL server (make test sets it)")
}

fn with_param(url: &str, param: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{param}")
}

#[tokio::test]
async fn postgres_over_tls_when_asked_and_never_an_unverified_server_under_verify_full() {
    let url = pg_url();
    let tls = with_param(&url, "sslmode=require");
    inbox_server::store::Store::connect(&tls).await.expect("the server's store connects with sslmode=require");
    let mut conn = sqlx::PgConnection::connect(&tls).await.unwrap();
    let encrypted: bool =
        sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetch_one(&mut conn).await.unwrap();
    assert!(encrypted, "the connection is encrypted");

    // The test server's certificate is self-signed: verify-full must refuse it, with an error,
    // not a plain-text connection.
    let strict = with_param(&url, "sslmode=verify-full");
    let refused = inbox_server::store::Store::connect(&strict).await;
    assert!(refused.is_err(), "an unverifiable certificate is refused");
}
