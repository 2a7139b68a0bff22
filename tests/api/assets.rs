//! How the app's files are served: fingerprinted files cached for good, `index.html`
//! revalidated with an `ETag` and a `304`, the precompressed twin sent by `Accept-Encoding`
//! and never a compressed body to a client that did not ask for one.

use constellation_tests::{spawn_app_with, TestApp};
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY,
};
use reqwest::StatusCode;
use std::path::Path;

const JS: &str = "pkg/constellation-0123456789abcdef.js";

/// A site laid out as `cargo xtask build-frontend` lays it out, with recognisable bodies.
fn fake_site(dir: &Path) {
    std::fs::create_dir_all(dir.join("pkg")).expect("mkdir");
    let put = |p: &str, body: &str| std::fs::write(dir.join(p), body).expect("write");
    put("index.html", "<!doctype html><title>plain index</title>");
    put("index.html.br", "BROTLI index");
    put("index.html.gz", "GZIP index");
    put(JS, "plain js");
    put(&format!("{JS}.br"), "BROTLI js");
    put(&format!("{JS}.gz"), "GZIP js");
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut req = app.client.get(format!("{}/{path}", app.url));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.expect("get")
}

fn header(r: &reqwest::Response, name: reqwest::header::HeaderName) -> &str {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn files_are_negotiated_cached_and_revalidated() {
    let dir = tempfile::tempdir().expect("tmp");
    fake_site(dir.path());
    let site = dir.path().to_path_buf();
    let app = spawn_app_with(|c| c.frontend_dir = Some(site)).await;

    // Fingerprinted: immutable; brotli when asked, gzip otherwise, plain when nothing is asked.
    let r = get(&app, JS, &[("accept-encoding", "gzip, deflate, br")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        header(&r, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&r, CONTENT_ENCODING), "br");
    assert_eq!(header(&r, VARY), "Accept-Encoding");
    assert!(header(&r, CONTENT_TYPE).contains("javascript"));
    assert_eq!(r.text().await.expect("body"), "BROTLI js");
    let r = get(&app, JS, &[("accept-encoding", "gzip")]).await;
    assert_eq!(header(&r, CONTENT_ENCODING), "gzip");
    assert_eq!(r.text().await.expect("body"), "GZIP js");
    let r = get(&app, JS, &[("accept-encoding", "br;q=0, gzip;q=0")]).await;
    assert_eq!(header(&r, CONTENT_ENCODING), "");
    assert_eq!(r.text().await.expect("body"), "plain js");
    let r = get(&app, JS, &[]).await;
    assert_eq!(
        header(&r, CONTENT_ENCODING),
        "",
        "nothing asked, nothing compressed"
    );
    assert_eq!(r.text().await.expect("body"), "plain js");

    // index.html (and every client route): no-cache, an ETag, and a 304 for it.
    for path in ["", "index.html", "labs/some-lab"] {
        let r = get(&app, path, &[(ACCEPT_ENCODING.as_str(), "br")]).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&r, CACHE_CONTROL), "no-cache", "{path}");
        assert_eq!(header(&r, CONTENT_ENCODING), "br", "{path}");
        let etag = header(&r, ETAG).to_owned();
        assert!(etag.starts_with('"') && etag.len() > 4, "{path}: {etag:?}");
        assert_eq!(r.text().await.expect("body"), "BROTLI index");
        let again = get(
            &app,
            path,
            &[
                (ACCEPT_ENCODING.as_str(), "br"),
                (IF_NONE_MATCH.as_str(), &etag),
            ],
        )
        .await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.text().await.expect("body"), "");
        // The plain representation has its own tag: the brotli one does not validate it.
        let plain = get(&app, path, &[(IF_NONE_MATCH.as_str(), &etag)]).await;
        assert_eq!(plain.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&plain, CONTENT_ENCODING), "");
        assert_eq!(
            plain.text().await.expect("body"),
            "<!doctype html><title>plain index</title>"
        );
    }

    // The twins are not addressable by name, and a missing file is a 404.
    assert_eq!(
        get(&app, &format!("{JS}.br"), &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "pkg/missing.js", &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    // The API still compresses on the fly for clients that ask (dynamic content).
    let r = app
        .client
        .post(format!("{}/graphql", app.url))
        .header("accept-encoding", "gzip")
        .json(&serde_json::json!({ "query": "{ __typename __typename }" }))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, CONTENT_ENCODING), "gzip");
}

/// The site `cargo xtask build-frontend` really built: every file index.html names is
/// fingerprinted, immutable and precompressed. `cargo xtask test` sets the directory.
#[tokio::test]
async fn the_built_site_is_fingerprinted_and_precompressed() {
    let Ok(site) = std::env::var("CONSTELLATION_SITE_DIR") else {
        eprintln!(
            "CONSTELLATION_SITE_DIR is not set: the built site is checked by cargo xtask test"
        );
        return;
    };
    let site = std::path::PathBuf::from(site);
    let index = std::fs::read_to_string(site.join("index.html")).expect("index.html");
    assert!(!index.contains("<script>"), "no inline script: {index}");
    let app = spawn_app_with(|c| c.frontend_dir = Some(site.clone())).await;
    let mut named = 0;
    for part in index.split('"') {
        let Some(path) = part.strip_prefix('/') else {
            continue;
        };
        if !(path.ends_with(".js") || path.ends_with(".wasm") || path.ends_with(".css")) {
            continue;
        }
        named += 1;
        for (ask, got) in [("br", "br"), ("gzip", "gzip"), ("", "")] {
            let r = get(&app, path, &[("accept-encoding", ask)]).await;
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            assert_eq!(
                header(&r, CACHE_CONTROL),
                "public, max-age=31536000, immutable",
                "{path}"
            );
            assert_eq!(header(&r, CONTENT_ENCODING), got, "{path} for {ask:?}");
        }
    }
    assert_eq!(
        named, 3,
        "index.html names the css, the js and the wasm: {index}"
    );

    // The app is split by page: every module the shell may fetch later lives in the same
    // fingerprinted folder, precompressed, cached for good, wasm served as wasm.
    let mut modules = Vec::new();
    let mut stack = vec![site.join("pkg")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read pkg") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz")) {
                modules.push(path);
            }
        }
    }
    let pages = modules
        .iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("split_") && n.ends_with(".wasm"))
        })
        .count();
    assert!(pages >= 30, "one module per page, found {pages}");
    for module in &modules {
        let rel = module
            .strip_prefix(&site)
            .expect("under the site")
            .to_string_lossy()
            .replace('\\', "/");
        let r = get(&app, &rel, &[("accept-encoding", "br")]).await;
        assert_eq!(r.status(), StatusCode::OK, "{rel}");
        assert_eq!(
            header(&r, CACHE_CONTROL),
            "public, max-age=31536000, immutable",
            "{rel}"
        );
        assert_eq!(header(&r, CONTENT_ENCODING), "br", "{rel}");
        if rel.ends_with(".wasm") {
            assert_eq!(header(&r, CONTENT_TYPE), "application/wasm", "{rel}");
        }
    }
}
