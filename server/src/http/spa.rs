//! The built SPA, served under a strict Content-Security-Policy. Trunk starts the app with an
//! inline module script; we serve that script as a file of its own (named by its hash), so the
//! policy can forbid inline scripts altogether. `index.html` is answered for every app route.

use std::{path::Path, sync::Arc};

use axum::{
    body::Bytes,
    http::{header, HeaderValue, Uri},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use tower_http::services::ServeDir;

/// The policy every response carries: our own scripts and WebAssembly only, no inline script or
/// style, no framing, no plugins; fetches may also go to https services (front-channel embeds
/// and GUI actions live on the service owners' hosts).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self' https:; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// The page and its start-up script, held as `Bytes` so each answer shares them instead of copying.
struct Spa {
    index: Bytes,
    boot_path: String,
    boot: Option<Bytes>,
}

/// Moves the first inline `<script …>` (one without `src`) out of the page: returns the page
/// pointing at `path` instead, and the script's text.
fn externalise(html: &str) -> Option<(String, String, String)> {
    let mut from = 0;
    while let Some(start) = html[from..].find("<script").map(|i| i + from) {
        let open_end = start + html[start..].find('>')?;
        let attrs = &html[start + "<script".len()..open_end];
        let close = open_end + html[open_end..].find("</script>")?;
        if !attrs.contains("src=") {
            let script = html[open_end + 1..close].to_owned();
            // FNV-1a: a stable file name per build, so it can be cached for good.
            let hash = script.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
            let path = format!("/boot-{hash:016x}.js");
            let page = format!("{}<script type=module src={path}></script>{}", &html[..start], &html[close + "</script>".len()..]);
            return Some((page, path, script));
        }
        from = close;
    }
    None
}

impl Spa {
    fn load(dir: &Path) -> Self {
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap_or_else(|_| {
            "<!doctype html><title>Innboks</title><p>The app is not built: run <code>make run</code>.</p>".to_owned()
        });
        match externalise(&html) {
            Some((index, boot_path, boot)) => Self { index: index.into(), boot_path, boot: Some(boot.into()) },
            None => Self { index: html.into(), boot_path: "/boot.js".into(), boot: None },
        }
    }

    fn page(&self) -> Response {
        let mut res = axum::response::Html(self.index.clone()).into_response();
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
        res
    }
}

/// Routes for the SPA in `dir`: the page, its start-up script and the static files.
pub fn routes<S: Clone + Send + Sync + 'static>(dir: &Path) -> Router<S> {
    let spa = Arc::new(Spa::load(dir));
    let page = {
        let spa = spa.clone();
        move || {
            let spa = spa.clone();
            async move { spa.page() }
        }
    };
    let mut router = Router::new().route("/", get(page.clone())).route("/index.html", get(page.clone()));
    if let Some(boot) = spa.boot.clone() {
        router = router.route(
            &spa.boot_path,
            get(move || {
                let boot = boot.clone();
                async move {
                    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, IMMUTABLE)], boot)
                }
            }),
        );
    }
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

/// For files whose content never changes under their name (hashed files, the start-up script).
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For the page and anything else that may change in place.
const REVALIDATE: &str = "no-cache";

/// Files whose names carry Trunk's content hash (`inbox-<hex>_bg.wasm`) never change: cached for
/// a year. Anything else (fonts, content, the page) is revalidated on each use. Trunk writes the
/// 64-bit hash without leading zeros, so it may be shorter than 16 digits.
fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default().as_bytes();
    let hashed = name.iter().enumerate().filter(|(_, b)| **b == b'-').any(|(i, _)| {
        let digits = name[i + 1..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
        (12..=16).contains(&digits) && matches!(name.get(i + 1 + digits), Some(b'.' | b'_'))
    });
    if hashed {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

#[cfg(test)]
mod tests {
    use super::{cache_control, externalise};

    #[test]
    fn only_hashed_file_names_are_cached_for_good() {
        for hashed in ["/inbox-94bb7e4b3c5c876e_bg.wasm", "/inbox-94bb7e4b3c5c876e.js", "/index-30a72d23cf4f328e.css", "/inbox-fa363a329fe43e0.js"] {
            assert_eq!(cache_control(hashed), "public, max-age=31536000, immutable", "{hashed}");
        }
        for plain in ["/favicon.svg", "/fonts/inter-latin-400-normal.woff2", "/content/migration/status.md", "/a-94bb7e4b3c.js", "/a-94bb7e4b3c5c876e0.js", "/sw.js", "/"] {
            assert_eq!(cache_control(plain), "no-cache", "{plain}");
        }
    }

    #[test]
    fn the_inline_start_up_script_becomes_a_file() {
        let html = "<head><script src=/a.js></script><script type=module>import init from '/x.js';\nawait init();</script><link rel=x></head>";
        let (page, path, script) = externalise(html).unwrap();
        assert_eq!(script, "import init from '/x.js';\nawait init();");
        assert!(path.starts_with("/boot-") && path.ends_with(".js"));
        assert_eq!(page, format!("<head><script src=/a.js></script><script type=module src={path}></script><link rel=x></head>"));
        assert!(externalise("<p>no scripts</p>").is_none());
    }
}
