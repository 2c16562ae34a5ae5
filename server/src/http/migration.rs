//! The migration status (our extension) and its changelog as an Atom feed; both public.

use axum::{extract::State, http::header, response::IntoResponse, routing::get, Json, Router};

use super::{extract::Now, ApiError};
use crate::{
    domain::migration::{changelog, day, status},
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/migration/status", get(migration_status)).route("/migration-status/feed.atom", get(feed))
}

async fn migration_status(State(s): State<AppState>, Now(now): Now) -> Result<impl IntoResponse, ApiError> {
    Ok(([(header::CACHE_CONTROL, "no-cache")], Json(status(&s.store, now).await?)))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `2025-12-01` → `01.12.2025`, as the changelog writes dates.
fn norwegian_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_owned(),
    }
}

/// RFC 4287 Atom, newest entry first, with the nb text (markdown as plain text).
async fn feed(State(s): State<AppState>) -> impl IntoResponse {
    let base = xml_escape(s.public_url.as_str());
    let mut entries = changelog().to_vec();
    entries.sort_by(|a, b| b.date.cmp(&a.date));
    let updated = entries.first().and_then(|e| day(&e.date)).map(|d| d.to_string()).unwrap_or_default();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nb\">\n\
         <id>{base}/migration-status</id>\n<title>Status migrering – endringslogg</title>\n<updated>{updated}</updated>\n\
         <author><name>Inbox</name></author>\n<link rel=\"self\" href=\"{base}/migration-status/feed.atom\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{base}/migration-status\"/>\n"
    );
    for e in &entries {
        let when = day(&e.date).map(|d| d.to_string()).unwrap_or_default();
        xml.push_str(&format!(
            "<entry>\n<id>{base}/migration-status#endring-{date}</id>\n<title>{title}</title>\n<updated>{when}</updated>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{base}/migration-status#endring-{date}\"/>\n\
             <content type=\"text\">{text}</content>\n</entry>\n",
            date = e.date,
            title = xml_escape(&format!("Endringslogg {}", norwegian_date(&e.date))),
            text = xml_escape(&e.text.nb),
        ));
    }
    xml.push_str("</feed>\n");
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], xml)
}
