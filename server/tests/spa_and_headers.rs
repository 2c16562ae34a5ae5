//! The SPA is served under a strict Content-Security-Policy with no inline script, and every
//! answer (page, static file, API, error) carries the security headers.

mod common;

use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread")]
async fn the_page_runs_no_inline_script_and_every_answer_carries_the_headers() {
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
        let page = res.text().await.unwrap();
        assert!(!page.contains("await init()"), "the start-up script is not inline: {page}");
        let boot = page.split("src=").nth(1).and_then(|r| r.split('>').next()).unwrap().to_owned();
        assert!(boot.starts_with("/boot-") && boot.ends_with(".js"), "{page}");
        let script = s.client.get(s.url(&boot)).send().await.unwrap();
        assert_eq!(script.headers()["content-type"], "text/javascript; charset=utf-8");
        assert_eq!(script.text().await.unwrap(), "import init from '/app.js';\nawait init();");
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
