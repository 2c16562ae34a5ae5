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
        for name in ["content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy", "x-request-id"] {
            assert!(h.contains_key(name), "{path} lacks {name}");
        }
        assert!(!h.contains_key("strict-transport-security"), "{path}: HSTS means nothing over plain http");
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

    for (accept, encoding, body) in
        [("br, gzip", Some("br"), &b"brotli bytes"[..]), ("gzip", Some("gzip"), &b"gzip bytes"[..]), ("identity", None, &[0u8; 4096][..])]
    {
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

/// Issue 36, findings 6 and 9: the app may fetch only from this server and the origins it is
/// configured with (not any https host), DOM sinks take Trusted Types only, HSTS goes out only
/// where users reach the server over https, and each answer has its own request id.
#[tokio::test(flavor = "multi_thread")]
async fn the_policy_names_the_configured_origins_and_hsts_only_behind_https() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>x</title>").unwrap();
    let (backend, url, dir) = common::backends().await.remove(0);
    let s = common::start(backend, url, dir, Some(dist.path()), true).await;
    let res = s.client.get(s.url("/")).send().await.unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("connect-src 'self';"), "{csp}");
    assert!(!csp.contains("https:;") && !csp.contains("https: "), "no host wildcard: {csp}");
    assert!(csp.contains("require-trusted-types-for 'script'") && csp.contains("trusted-types default"), "{csp}");
    let first = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    let again = s.client.get(s.url("/")).header("x-request-id", "chosen-by-client").send().await.unwrap();
    let second = again.headers()["x-request-id"].to_str().unwrap();
    assert!(first != second && second != "chosen-by-client", "an id of our own per answer");

    let (backend, url, dir) = common::backends().await.remove(0);
    let mut config = common::config(&url, Some(dist.path()), true, inbox_server::http::limits::Limits::unmetered());
    config.connect_sources = vec![
        inbox_server::PublicUrl::parse("https://platform.tt02.altinn.no").unwrap(),
        inbox_server::PublicUrl::parse("https://skjema.example:8443").unwrap(),
    ];
    let s = common::serve(backend, url, dir, config).await;
    let csp = s.client.get(s.url("/")).send().await.unwrap().headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("connect-src 'self' https://platform.tt02.altinn.no https://skjema.example:8443;"), "{csp}");

    let (backend, url, dir) = common::backends().await.remove(0);
    let config = common::config(&url, Some(dist.path()), true, inbox_server::http::limits::Limits::unmetered());
    let s = common::serve_as(backend, url, dir, config, "https://inbox.example").await;
    let res = s.client.get(s.url("/api/v1/metadata/limits")).send().await.unwrap();
    assert_eq!(res.headers()["strict-transport-security"], "max-age=63072000; includeSubDomains");
}
