//! Launching Chromium against a `spawn_app()` server that serves the built frontend.

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::Page;
use constellation_tests::{spawn_app_with, TestApp};
use futures_util::StreamExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub struct Session {
    pub app: TestApp,
    pub browser: Browser,
    pub downloads: tempfile::TempDir,
    _profile: tempfile::TempDir,
}

fn site_dir() -> PathBuf {
    let dir = std::env::var("CONSTELLATION_SITE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site"));
    // The app's modules sit in one fingerprinted folder, `pkg/<hash>/`.
    let has_wasm = std::fs::read_dir(dir.join("pkg")).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().join("constellation_bg.wasm").exists())
    });
    assert!(
        dir.join("index.html").exists() && has_wasm,
        "the frontend is not built in {}: run `cargo xtask build-frontend` (cargo xtask test does)",
        dir.display()
    );
    dir
}

pub async fn start() -> Session {
    let site = site_dir();
    let app = spawn_app_with(|c| c.frontend_dir = Some(site)).await;
    let chromium =
        std::env::var("CONSTELLATION_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        std::path::Path::new(&chromium).exists(),
        "Chromium is missing at {chromium}: apt-get install -y chromium"
    );
    let profile = tempfile::tempdir().expect("profile dir");
    let downloads = tempfile::tempdir().expect("download dir");
    let config = BrowserConfig::builder()
        .chrome_executable(&chromium)
        .new_headless_mode()
        .no_sandbox()
        .user_data_dir(profile.path())
        .args([
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--lang=en-US",
        ])
        .build()
        .expect("browser config");
    let (browser, mut handler) = Browser::launch(config).await.expect("launch chromium");
    tokio::spawn(async move { while handler.next().await.is_some() {} });
    use chromiumoxide::cdp::browser_protocol::browser::{
        SetDownloadBehaviorBehavior, SetDownloadBehaviorParams,
    };
    let mut params = SetDownloadBehaviorParams::new(SetDownloadBehaviorBehavior::Allow);
    params.download_path = Some(downloads.path().display().to_string());
    browser.execute(params).await.expect("allow downloads");
    Session {
        app,
        browser,
        downloads,
        _profile: profile,
    }
}

impl Session {
    /// A new tab at `path`, recording every Content-Security-Policy violation from the
    /// first script on (see `assert_no_csp_violations`).
    pub async fn open(&self, path: &str) -> Page {
        let page = self
            .browser
            .new_page("about:blank")
            .await
            .expect("new page");
        page.evaluate_on_new_document(
            "window.__csp = []; document.addEventListener('securitypolicyviolation', \
             e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
        )
        .await
        .expect("watch CSP violations");
        page.goto(format!("{}{path}", self.app.url))
            .await
            .expect("goto");
        page
    }
}

/// Polls a JavaScript expression until it is true (the wasm app renders asynchronously).
pub async fn wait_until(page: &Page, js: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let ok = page
            .evaluate(js)
            .await
            .ok()
            .and_then(|r| r.into_value::<bool>().ok())
            .unwrap_or(false);
        if ok {
            return;
        }
        if Instant::now() > deadline {
            let html = page.content().await.unwrap_or_default();
            panic!("timed out waiting for {what} ({js}); page was:\n{html}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn fill(page: &Page, selector: &str, text: &str) {
    let el = page
        .find_element(selector)
        .await
        .unwrap_or_else(|e| panic!("{selector}: {e}"));
    el.click().await.expect("focus");
    el.type_str(text).await.expect("type");
}

pub async fn click(page: &Page, selector: &str) {
    page.find_element(selector)
        .await
        .unwrap_or_else(|e| panic!("{selector}: {e}"))
        .click()
        .await
        .expect("click");
}

pub async fn text(page: &Page, selector: &str) -> String {
    page.find_element(selector)
        .await
        .unwrap_or_else(|e| panic!("{selector}: {e}"))
        .inner_text()
        .await
        .expect("text")
        .unwrap_or_default()
}

/// The page ran under the server's Content-Security-Policy without a single violation.
pub async fn assert_no_csp_violations(page: &Page) {
    let seen = page
        .evaluate("JSON.stringify(window.__csp || ['the watcher did not run'])")
        .await
        .expect("evaluate")
        .into_value::<String>()
        .expect("string");
    assert_eq!(seen, "[]", "CSP violations");
}
