//! A request id on every answer (`x-request-id`) and every log line written while handling it
//! (a `request` span), so a user's report and the server's log meet. The id is ours: one sent by
//! the client is not trusted into the log.

use axum::{extract::Request, http::HeaderValue, middleware::Next, response::Response};
use tracing::Instrument;

pub async fn request_id(req: Request, next: Next) -> Response {
    let id = uuid::Uuid::now_v7().simple().to_string();
    let span = tracing::info_span!("request", id = %id, method = %req.method());
    let mut res = next.run(req).instrument(span).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert("x-request-id", value);
    }
    res
}

/// A stable stand-in for a person in security events: a keyed hash, with a key made at start,
/// so events of one run can be told apart and put together, and the log never names anyone.
pub fn pseudonym(subject: &str) -> String {
    use sha2::{Digest, Sha256};
    static KEY: std::sync::OnceLock<[u8; 16]> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| {
        let mut k = [0u8; 16];
        // Without randomness the key is zeros: still no identity number in the log, only a
        // guessable hash of it; the server warns.
        if getrandom::getrandom(&mut k).is_err() {
            tracing::warn!("no randomness for the log pseudonym key");
        }
        k
    });
    let digest = Sha256::new().chain_update(key).chain_update(subject.as_bytes()).finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
