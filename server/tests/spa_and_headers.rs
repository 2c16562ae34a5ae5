//! The SPA is served under a strict Content-Security-Policy that allows only the page's own
//! start-up script (by its hash), and every answer (page, static file, API, error) carries the
//! security headers.

mod common;

use base64::Engine as _;
use reqwest::StatusCode;
use sha2::Digest as _;

#[tokio::test(flavor = "multi_thread")]
async fn the_page_runs_only_its_own_inline_script_and_every_answer_carries_the_headers() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><head><link href=/app.css rel=stylesheet><script type=module>import init from '/app.js';\nawait init();</script></head><body></body>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app.css"), "body{}").unwrap();
    let (backend, url, dir) = common::backends().await.remove(0);
    let s = common::start(backend, url, dir, Some(dist.path()), true).await;

    for path in ["/", "/archive?search=x", "/inbox/0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", "/index.html"] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
        for part in ["script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        // The start-up script stays in the page (no request of its own), allowed by its hash only.
        let script = "import init from '/app.js';\nawait init();";
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';")), "{path}: {csp}");
        assert!(res.text().await.unwrap().contains(script));
    }
    for path in ["/app.css", "/api/v1/metadata/limits", "/api/v1/enduser/dialogs", "/api/nope"] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        let h = res.headers();
        for name in ["content-security-policy", "x-frame-options", "strict-transport-security", "x-content-type-options", "referrer-policy"] {
            assert!(h.contains_key(name), "{path} lacks {name}");
        }
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
    }
}

/// Built files are served precompressed (brotli, else gzip, else as they are) with a year's
/// caching for content-hashed names and revalidation for the rest.
#[tokio::test(flavor = "multi_thread")]
async fn built_files_are_served_precompressed_and_hashed_names_cached_for_good() {
    let dist = tempfile::tempdir().unwrap();
    let wasm = "inbox-0123456789abcdef_bg.wasm";
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>x</title>").unwrap();
    std::fs::write(dist.path().join(wasm), vec![0u8; 4096]).unwrap();
    // Not real compressed data: what matters is that the file is sent as it is, labelled.
    std::fs::write(dist.path().join(format!("{wasm}.br")), b"brotli bytes").unwrap();
    std::fs::write(dist.path().join(format!("{wasm}.gz")), b"gzip bytes").unwrap();
    std::fs::write(dist.path().join("favicon.svg"), "<svg/>").unwrap();
    let (backend, url, dir) = common::backends().await.remove(0);
    let s = common::start(backend, url, dir, Some(dist.path()), true).await;
    // The test client decompresses nothing and asks for nothing unless told.
    let raw = &s.client;

    for (accept, encoding, body) in [("br, gzip", Some("br"), &b"brotli bytes"[..]), ("gzip", Some("gzip"), &b"gzip bytes"[..]), ("identity", None, &[0u8; 4096][..])] {
        let res = raw.get(s.url(&format!("/{wasm}"))).header("accept-encoding", accept).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers().get("content-encoding").map(|v| v.to_str().unwrap()), encoding, "{accept}");
        assert_eq!(res.headers()["content-type"], "application/wasm");
        assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(&res.bytes().await.unwrap()[..], body, "{accept}");
    }
    let icon = raw.get(s.url("/favicon.svg")).send().await.unwrap();
    assert_eq!(icon.headers()["cache-control"], "no-cache");
    let page = raw.get(s.url("/")).send().await.unwrap();
    assert_eq!(page.headers()["cache-control"], "no-cache");
}
