//! The built SPA, served under a strict Content-Security-Policy. Trunk starts the app with an
//! inline module script; the page's policy allows exactly that script by its SHA-256 hash (CSP
//! level 2) and no other inline script, so the start-up costs no request of its own (issue 14).
//! `index.html` is answered for every app route.

use std::{path::Path, sync::Arc};

use axum::{
    body::Bytes,
    http::{header, HeaderValue, Uri},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use tower_http::services::ServeDir;

use crate::PublicUrl;

/// The policy every response carries: our own scripts and WebAssembly only, no inline script or
/// style, no framing, no plugins; fetches go to this server and to the origins named in
/// `connect` (a real Dialogporten, the service owners' hosts whose front-channel embeds the app
/// fetches), never to any https host. DOM sinks take only Trusted Types: the page's start-up
/// script makes the one `default` policy, which lets same-origin script URLs through (the
/// service worker) and no HTML strings at all.
pub fn content_security_policy(connect: &[PublicUrl]) -> String {
    let connect: String = connect.iter().map(|o| format!(" {o}")).collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'{connect}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; \
         require-trusted-types-for 'script'; trusted-types default"
    )
}

/// The page and its policy, held as `Bytes` so each answer shares them instead of copying.
struct Spa {
    index: Bytes,
    policy: HeaderValue,
}

/// The `'sha256-…'` source of each inline `<script …>` (one without `src`) in `html`, in order.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut from = 0;
    while let Some(start) = html[from..].find("<script").map(|i| i + from) {
        let Some(open_end) = html[start..].find('>').map(|i| i + start) else { break };
        let Some(close) = html[open_end..].find("</script>").map(|i| i + open_end) else { break };
        if !html[start + "<script".len()..open_end].contains("src=") {
            let digest = Sha256::digest(&html.as_bytes()[open_end + 1..close]);
            hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        from = close;
    }
    hashes
}

/// `policy` with these inline scripts allowed.
fn policy_allowing(policy: &str, hashes: &[String]) -> String {
    let scripts = "script-src 'self' 'wasm-unsafe-eval'";
    policy.replacen(scripts, &[scripts].into_iter().chain(hashes.iter().map(String::as_str)).collect::<Vec<_>>().join(" "), 1)
}

impl Spa {
    fn load(dir: &Path, policy: &HeaderValue) -> Self {
        let html = std::fs::read_to_string(dir.join("index.html"))
            .unwrap_or_else(|_| "<!doctype html><title>Innboks</title><p>The app is not built: run <code>make run</code>.</p>".to_owned());
        let base = policy.to_str().unwrap_or_default();
        // Base64 and the policy's own characters only: always a valid header value.
        let policy = HeaderValue::from_str(&policy_allowing(base, &inline_script_hashes(&html))).unwrap_or_else(|_| policy.clone());
        Self { index: html.into(), policy }
    }

    fn page(&self) -> Response {
        let mut res = axum::response::Html(self.index.clone()).into_response();
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, self.policy.clone());
        res
    }
}

/// Routes for the SPA in `dir`: the page and the static files.
pub fn routes<S: Clone + Send + Sync + 'static>(dir: &Path, policy: &HeaderValue) -> Router<S> {
    let spa = Arc::new(Spa::load(dir, policy));
    let page = {
        let spa = spa.clone();
        move || {
            let spa = spa.clone();
            async move { spa.page() }
        }
    };
    let router = Router::new().route("/", get(page.clone())).route("/index.html", get(page.clone()));
    // `make` writes `.br` and `.gz` beside each built file (.ci/precompress.mjs): served as they
    // are, so the compression layer above leaves them alone.
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(get(page));
    router.fallback_service(files).layer(middleware::map_response(|uri: Uri, mut res: Response| async move {
        if res.status().is_success() && !res.headers().contains_key(header::CACHE_CONTROL) {
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(uri.path())));
        }
        res
    }))
}

/// For files whose content never changes under their name (hashed files).
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For the page and anything else that may change in place.
const REVALIDATE: &str = "no-cache";

/// Files whose names carry Trunk's content hash (`index-<hex>.css`), and everything in a directory
/// named by one (`app-<hex>/`, the split WebAssembly: .ci/split.mjs), never change: cached for a
/// year. Anything else (content, the page) is revalidated on each use. Trunk writes the 64-bit
/// hash without leading zeros, so it may be shorter than 16 digits.
fn cache_control(path: &str) -> &'static str {
    let segments: Vec<&str> = path.split('/').collect();
    let hashed = segments.iter().enumerate().any(|(at, segment)| {
        let is_dir = at + 1 < segments.len();
        let name = segment.as_bytes();
        name.iter().enumerate().filter(|(_, b)| **b == b'-').any(|(i, _)| {
            let digits = name[i + 1..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
            let after = name.get(i + 1 + digits);
            (12..=16).contains(&digits) && (matches!(after, Some(b'.' | b'_')) || (is_dir && after.is_none()))
        })
    });
    if hashed {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

#[cfg(test)]
mod tests {
    use super::{cache_control, content_security_policy, inline_script_hashes, policy_allowing};

    #[test]
    fn only_hashed_file_names_are_cached_for_good() {
        for hashed in [
            "/inbox-94bb7e4b3c5c876e_bg.wasm",
            "/inbox-94bb7e4b3c5c876e.js",
            "/index-30a72d23cf4f328e.css",
            "/inbox-fa363a329fe43e0.js",
            "/app-94bb7e4b3c5c876e/inbox_bg.wasm",
            "/app-94bb7e4b3c5c876e/snippets/inbox-1f2e/offline_store.js",
        ] {
            assert_eq!(cache_control(hashed), "public, max-age=31536000, immutable", "{hashed}");
        }
        for plain in [
            "/favicon.svg",
            "/fonts/inter-latin-400-normal.woff2",
            "/content/migration/status.md",
            "/a-94bb7e4b3c.js",
            "/a-94bb7e4b3c5c876e0.js",
            "/sw.js",
            "/",
            "/app-94bb7e4b3c5c876e",
            "/app-94bb7e4b3c/x.js",
        ] {
            assert_eq!(cache_control(plain), "no-cache", "{plain}");
        }
    }

    #[test]
    fn inline_scripts_are_allowed_by_their_hash_and_nothing_else_is() {
        let html =
            "<head><script src=/a.js></script><script type=module>import init from '/x.js';\nawait init();</script><link rel=x></head>";
        let hashes = inline_script_hashes(html);
        // printf "import init from '/x.js';\nawait init();" | openssl sha256 -binary | base64
        assert_eq!(hashes, ["'sha256-9sJJlmv1ch1SDOLGB33Ht1At8JQ1S0A3Ch1Hx7LbD2o='"]);
        let base = content_security_policy(&[]);
        let policy = policy_allowing(&base, &hashes);
        assert!(policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes[0])), "{policy}");
        assert!(!policy.contains("unsafe-inline"));
        assert!(inline_script_hashes("<p>no scripts</p>").is_empty());
        assert_eq!(policy_allowing(&base, &[]), base);
    }
}
